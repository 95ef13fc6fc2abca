"""The document commands of the real ``tally`` process: extract, ingest, import."""

from __future__ import annotations

import json
from pathlib import Path

from tests.bot.test_cli import tally

ARTICLE = (
    "Ukraine said on Monday that 5,300 Russian soldiers had been killed.\n"
    "A senior NATO official said about 2,000 Russian troops had been wounded.\n"
)
SERIES = Path(__file__).resolve().parents[1] / "data" / "general_staff_sample.json"


def test_extract_prints_the_json_lines_contract(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE)
    run = tally(tmp_path, "extract", str(article), "--published", "2022-03-01", "--outlet", "Daily")
    assert run.returncode == 0, run.stderr
    records = [json.loads(line) for line in run.stdout.splitlines()]
    keys = {
        "metric", "party", "population", "low", "high", "qualifier", "value_text", "claimant",
        "claimant_side", "kind", "as_of", "period_start", "period_end", "quote", "span",
    }  # fmt: skip
    assert all(keys <= set(r) for r in records)
    assert [(r["metric"], r["low"], r["claimant_side"], r["as_of"]) for r in records] == [
        ("killed", 5300, "ukraine", "2022-02-28"),
        ("wounded", 2000, "nato", "2022-03-01"),
    ]
    first = records[0]
    assert ARTICLE[first["span"][0] : first["span"][1]] == first["quote"]


def test_extract_reports_a_bad_date_and_a_missing_file(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE)
    bad = tally(tmp_path, "extract", str(article), "--published", "March")
    assert (bad.returncode, "--published" in bad.stderr) == (2, True)
    missing = tally(tmp_path, "extract", str(tmp_path / "nope.txt"))
    assert (missing.returncode, "cannot read" in missing.stderr) == (2, True)


def test_ingest_stores_a_file_once(tmp_path: Path) -> None:
    article = tmp_path / "daily.txt"
    article.write_text(ARTICLE)
    first = tally(tmp_path, "ingest", str(article), "--published", "2022-03-01")
    assert first.returncode == 0, first.stderr
    assert "2 claims found, 2 new (pending review)" in first.stdout
    again = tally(tmp_path, "ingest", str(article))
    assert again.stdout.startswith("already ingested as document #")


def test_import_general_staff_publishes_each_day_once(tmp_path: Path) -> None:
    records = json.loads(SERIES.read_text())
    claims = len(records) + sum(1 for r in records if r.get("POW"))
    first = tally(tmp_path, "import", "general-staff", str(SERIES))
    assert first.returncode == 0, first.stderr
    assert f"{len(records)} daily records: {claims} claims added, 0 already known" in first.stdout
    again = tally(tmp_path, "import", "general-staff", str(SERIES))
    assert f"0 claims added, {claims} already known" in again.stdout
    answer = tally(tmp_path, "ask", "/estimates casualties")
    last = f"~{records[-1]['personnel']:,} General Staff of the Armed Forces of Ukraine"
    assert last in answer.stdout
