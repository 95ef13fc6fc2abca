"""Curation from the real ``tally`` process: dates checked before ingesting, header lines read,
and ``tally audit`` printing the record of moderation as JSON Lines."""

from __future__ import annotations

import json
from pathlib import Path

from tests.bot.test_cli import tally

ARTICLE = "Ukraine said on Monday that 5,300 Russian soldiers had been killed.\n"


def test_a_bad_publication_date_ends_ingest_with_one_line_and_stores_nothing(
    tmp_path: Path,
) -> None:
    article = tmp_path / "report.txt"
    article.write_text(ARTICLE)
    bad = tally(tmp_path, "ingest", str(article), "--published", "19/02/2024")
    assert bad.returncode == 2
    assert bad.stderr.strip().splitlines() == [
        "tally: --published '19/02/2024' is not a date: write YYYY-MM-DD, YYYY-MM or YYYY"
    ]
    empty = tally(tmp_path, "ingest", str(article), "--published", "")
    assert empty.returncode == 2
    assert empty.stderr.strip().splitlines() == [
        "tally: --published is empty: give the date as YYYY-MM-DD, YYYY-MM or YYYY"
    ]
    assert not (tmp_path / "tally.db").exists()  # refused before the database is opened
    # nothing was stored, so the same document can be ingested with its date
    good = tally(tmp_path, "ingest", str(article), "--published", "2024-02-19")
    assert good.returncode == 0, good.stderr
    assert "1 claims found, 1 new" in good.stdout


def test_header_lines_give_the_outlet_and_date_and_a_bad_one_is_refused(tmp_path: Path) -> None:
    article = tmp_path / "report.txt"
    article.write_text(f"outlet: Kyiv Independent\ndate: 2024-02-19\ntitle: Losses\n\n{ARTICLE}")
    run = tally(tmp_path, "ingest", str(article))
    assert run.returncode == 0, run.stderr
    review = tally(tmp_path, "ask", "/review")
    assert "Kyiv Independent · 2024-02-19" in review.stdout
    assert "as of 2024-02-19" in review.stdout  # "on Monday": the day itself, a Monday
    undated = tmp_path / "undated.txt"
    undated.write_text("A senior NATO official said 2,000 Russian troops were wounded.\n")
    said = tally(tmp_path, "ingest", str(undated))
    assert "has no date (--published or a 'date:' line); dated today" in said.stderr
    wrong = tmp_path / "wrong.txt"
    wrong.write_text(f"date: last week\n\n{ARTICLE}")
    refused = tally(tmp_path, "ingest", str(wrong))
    assert refused.returncode == 2
    assert "is not a date" in refused.stderr


def test_audit_prints_the_record_as_json_lines(tmp_path: Path) -> None:
    article = tmp_path / "report.txt"
    article.write_text(ARTICLE)
    tally(tmp_path, "ingest", str(article), "--published", "2024-02-19")
    [claim_id] = [
        line.split(": /approve ")[1].rstrip("]")
        for line in tally(tmp_path, "ask", "/review").stdout.splitlines()
        if ": /approve " in line
    ]
    tally(tmp_path, "ask", f"/approve {claim_id}")
    tally(tmp_path, "ask", f"/edit {claim_id} figure ~6,000")
    tally(tmp_path, "ask", "/feeds add https://example.org/rss")
    run = tally(tmp_path, "audit", "--claim", claim_id)
    assert run.returncode == 0, run.stderr
    records = [json.loads(line) for line in run.stdout.splitlines()]
    assert [r["action"] for r in records] == ["approve", "correct"]
    assert records[1]["before"] == {"figure": "5,300"}
    assert records[1]["after"] == {"figure": "~6,000"}
    assert records[1]["actor"].startswith("console:")
    every = tally(tmp_path, "audit", "--since", "2000-01-01")
    assert [json.loads(line)["action"] for line in every.stdout.splitlines()] == [
        "ingest",
        "approve",
        "correct",
        "feed add",
    ]
    assert tally(tmp_path, "audit", "--since", "yesterday").returncode == 2


SESSION = """\
/ingest outlet: "Kyiv Independent" date: 2022-03-01 Ukraine said on Monday that 5,300 Russian \
soldiers had been killed.
/review
edit 4897513c
/edit 4897513c figure ~6,000
/approve 4897513c
/edit 4897513c figure >6,000
/claim 4897513c
/retract 4897513c the figure was withdrawn
/history killed ukraine
/restore 4897513c
/log 3
"""


def test_a_curation_session_on_the_console(tmp_path: Path) -> None:
    run = tally(tmp_path, "console", stdin=SESSION)
    assert run.returncode == 0, run.stderr
    out = " ".join(run.stdout.split())
    assert "Outlet Kyiv Independent Published 2022-03-01" in out
    assert "“Ukraine said on Monday that »5,300« Russian soldiers had been killed.”" in out
    # typing the Edit button's label presses it: the form, filled in
    assert "/edit 4897513c metric killed party russia population military figure 5,300" in out
    assert "Edited 4897513c: figure 5,300 → ~6,000" in out
    assert "Corrected 4897513c: figure ~6,000 → >6,000" in out
    assert "Corrected 20" in out  # /claim shows the correction with its day
    assert "Withdrawn: 4897513c (the figure was withdrawn)." in out
    assert "withdrawn: the figure was withdrawn" in out  # /history
    assert "4897513c is published again." in out
    assert "restore 4897513c: status withdrawn → published" in out
