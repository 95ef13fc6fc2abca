"""Claims read from news text: every phrase pattern the extractor supports, in sentences
written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from claims.extract.extractor import extract
from claims.model import Claim
from claims.vocab import DatePrecision

TUESDAY = date(2022, 3, 1)


def claims(text: str, published: date = TUESDAY, outlet: str = "The Daily") -> list[Claim]:
    return extract(text, published, outlet)


def figures(text: str, published: date = TUESDAY) -> list[tuple[str, str, int | None, int | None]]:
    return [(c.metric, c.party, c.low, c.high) for c in claims(text, published)]


def one(text: str, published: date = TUESDAY) -> Claim:
    [claim] = claims(text, published)
    return claim


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kyiv said 5,300 Russian soldiers were killed.", ("killed", "russia", 5300, 5300)),
        ("Kyiv said 15 000 Russian soldiers died.", ("killed", "russia", 15000, 15000)),
        (
            "Moscow said 1.5 million Ukrainians fled abroad.",
            ("fled", "ukraine", 1_500_000, 1_500_000),
        ),
        (
            "Officials said two thousand Russian troops were wounded.",
            ("wounded", "russia", 2000, 2000),
        ),
        ("Officials said a dozen Ukrainian soldiers went missing.", ("missing", "ukraine", 12, 12)),
        ("The army said more than 900 Russian troops died.", ("killed", "russia", 900, None)),
        ("Kyiv said over 900 Russian troops died.", ("killed", "russia", 900, None)),
        ("Kyiv said at least 40 Russian soldiers were captured.", ("captured", "russia", 40, None)),
        ("Analysts said nearly 700 Ukrainian troops were killed.", ("killed", "ukraine", 700, 700)),
        ("Analysts said about 700 Ukrainian troops were killed.", ("killed", "ukraine", 700, 700)),
        ("Kyiv said up to 3,000 Russian soldiers were wounded.", ("wounded", "russia", None, 3000)),
        (
            "Kyiv said as many as 3,000 Russian soldiers were wounded.",
            ("wounded", "russia", None, 3000),
        ),
        (
            "Analysts put Russian deaths between 2,000 and 4,000.",
            ("killed", "russia", 2000, 4000),
        ),
        ("Analysts said 7,000 to 15,000 Russian troops died.", ("killed", "russia", 7000, 15000)),
        (
            "Officials said 300,000 or 400,000 Ukrainians fled the country.",
            ("fled", "ukraine", 300_000, 400_000),
        ),
        (
            "Officials said 70 or 80,000 Ukrainians were displaced.",
            ("displaced", "ukraine", 70_000, 80_000),
        ),
    ],
)
def test_figures_hedges_and_ranges(text: str, expected: tuple[object, ...]) -> None:
    assert figures(text) == [expected]


@pytest.mark.parametrize(
    ("phrase", "metric"),
    [
        ("were killed", "killed"),
        ("are dead", "killed"),
        ("deaths were recorded", "killed"),
        ("died", "killed"),
        ("were killed in action", "killed"),
        ("fatalities were counted", "killed"),
        ("were wounded", "wounded"),
        ("were injured", "wounded"),
        ("casualties were reported", "casualties"),
        ("were killed or wounded", "casualties"),
        ("were either dead or wounded", "casualties"),
        ("were captured", "captured"),
        ("prisoners of war are held", "captured"),
        ("are missing", "missing"),
        ("fled", "fled"),
        ("left the country", "fled"),
        ("have crossed into Georgia", "fled"),
        ("were displaced", "displaced"),
        ("were mobilised", "mobilized"),
        ("were called up", "mobilized"),
        ("were deployed", "deployed"),
    ],
)
def test_metric_words(phrase: str, metric: str) -> None:
    assert figures(f"Kyiv said 4,000 Ukrainian soldiers {phrase}.")[0][0] == metric


def test_losses_are_deaths_in_a_text_about_deaths_and_casualties_otherwise() -> None:
    text = "Analysts said Russia lost 3,000 troops. The dead were buried in secret."
    assert figures(text) == [("killed", "russia", 3000, 3000)]
    assert figures("Analysts said Russia lost 3,000 troops.") == [
        ("casualties", "russia", 3000, 3000)
    ]
    text = "Analysts said Russia lost 3,000 troops. Many more were wounded."
    assert figures(text) == [("casualties", "russia", 3000, 3000)]


def test_each_side_is_two_claims() -> None:
    text = "Officials said Russian and Ukrainian deaths were similar, about 1,500 on each side."
    assert figures(text) == [("killed", "russia", 1500, 1500), ("killed", "ukraine", 1500, 1500)]


def test_the_same_figure_for_the_other_side() -> None:
    text = (
        "More than 9,000 Russian troops have been killed, with Kyiv's forces suffering similar"
        " losses, the general said."
    )
    assert figures(text) == [("killed", "russia", 9000, None), ("killed", "ukraine", 9000, None)]


@pytest.mark.parametrize(
    "text",
    [
        "Ukraine asked for $500 million in aid to treat 2,000 patients.",
        "Russia lost 300 tanks and 120 aircraft, officials said.",
        "Some 40% of the dead were soldiers, officials said.",
        "Kyiv said it killed many soldiers on March 2, 2022.",
        "The 24-year-old soldier was killed in 2021.",
        "Cargo 200 is the code for soldiers killed in war.",
        "The war has lasted 30 days and killed many.",
        "Thousands of civilians have been killed, officials said.",
        "Tens of thousands of soldiers died, analysts believe.",
        "Russia offered 5 million rubles to soldiers who surrendered.",
        "The death toll was three times higher than reported.",
        "Two senior officials said soldiers were killed.",
        "About 100 Ukrainian troops are killed a day, the president said.",
        "If Russia lost 100,000 troops, the war would end.",
    ],
)
def test_not_a_casualty_figure(text: str) -> None:
    assert figures(text) == []


@pytest.mark.parametrize(
    ("text", "party", "population"),
    [
        ("Officials said 8,000 Russian troops were killed.", "russia", "military"),
        ("The UN said 3,000 Ukrainian civilians were killed.", "ukraine", "civilian"),
        ("The ministry said 400 people were killed in Gaza.", "palestine", "mixed"),
        ("Russia's invasion has killed 9,000 civilians, the UN said.", "ukraine", "civilian"),
        ("Germany said 70,000 Soviet soldiers were captured.", "ussr", "military"),
        ("Kyiv said 20,000 Russians have been killed in combat.", "russia", "military"),
    ],
)
def test_whose_people(text: str, party: str, population: str) -> None:
    claim = one(text)
    assert (claim.party, claim.population) == (party, population)


@pytest.mark.parametrize(
    ("text", "claimant", "side"),
    [
        ("Ukraine said 6,000 Russian soldiers were killed.", "Ukraine", "ukraine"),
        (
            "Russian Defence Minister Sergei Shoigu said 5,000 Russian soldiers died.",
            "Russian Defence Minister Sergei Shoigu",
            "russia",
        ),
        (
            "About 9,000 civilians have been killed in Ukraine, according to the UN rights office.",
            "the UN rights office",
            "un",
        ),
        (
            "About 20,000 Russian troops have died, a senior NATO official said.",
            "a senior NATO official",
            "nato",
        ),
        (
            "“We estimate 9,000 Russians have died,” said Gen. Tom Hale, a retired US officer.",
            "Gen. Tom Hale, a retired US officer",
            "independent",
        ),
        ("Source: UK estimates – 40,000 Russian military killed.", "UK estimates", "uk"),
        ("Some 30,000 Russian soldiers have been killed.", "The Daily", "independent"),
        (
            "The Georgian government said 50,000 Russians had entered the country.",
            "The Georgian government",
            "other",
        ),
    ],
)
def test_who_claims_it(text: str, claimant: str, side: str) -> None:
    claim = one(text)
    assert (claim.claimant, claim.claimant_side) == (claimant, side)


def test_pronouns_and_the_official_refer_to_the_source_named_before() -> None:
    text = (
        "Ukrainian President Volodymyr Zelensky spoke on Monday. He said 1,300 Ukrainian"
        " soldiers had been killed.\n"
        "A senior NATO official briefed reporters. The official said 10,000 Russian troops"
        " had died."
    )
    found = claims(text)
    assert [c.claimant_side for c in found] == ["ukraine", "nato"]
    assert found[0].claimant.endswith("Zelensky")
    assert found[1].claimant == "A senior NATO official"


def test_a_quotation_continues_its_speaker() -> None:
    text = (
        '"The losses are heavy," said Gen. Ivan Petrov of the Russian General Staff. "So far,'
        ' 1,351 servicemen have died."'
    )
    claim = one(text)
    assert (claim.claimant_side, claim.low) == ("russia", 1351)


def test_the_rest_counts_the_previous_figures_people() -> None:
    text = (
        "Monitors said 10,000 Syrian civilians have been killed.\n"
        "The rest were from the military – 4,000 government soldiers."
    )
    assert figures(text) == [("killed", "syria", 10000, 10000), ("killed", "syria", 4000, 4000)]


def test_breakdowns_and_repeats_are_not_separate_claims() -> None:
    text = (
        "The ministry said 12,000 Palestinians were killed in Gaza, including 5,000 children."
        " The ministry said again that 12,000 Palestinians were killed in Gaza."
    )
    assert figures(text) == [("killed", "palestine", 12000, 12000)]


def test_a_headline_figure_restated_in_the_body_is_kept_once() -> None:
    text = (
        "Nato says 7,000 Russian troops dead\n"
        "Nato estimated on Monday that 7,000 Russian soldiers have been killed in Ukraine."
    )
    [claim] = claims(text)
    assert claim.quote.startswith("Nato estimated")


@pytest.mark.parametrize(
    ("phrase", "as_of", "precision"),
    [
        ("as of Monday", date(2022, 2, 28), DatePrecision.DAY),
        ("on Tuesday", date(2022, 3, 1), DatePrecision.DAY),
        ("last month", date(2022, 2, 1), DatePrecision.MONTH),
        ("last week", date(2022, 2, 1), DatePrecision.MONTH),
        ("in January", date(2022, 1, 1), DatePrecision.MONTH),
        ("on Feb. 26", date(2022, 2, 26), DatePrecision.DAY),
        ("yesterday", date(2022, 2, 28), DatePrecision.DAY),
        ("", date(2022, 3, 1), DatePrecision.DAY),
    ],
)
def test_as_of_dates(phrase: str, as_of: date, precision: DatePrecision) -> None:
    claim = one(f"Kyiv said {phrase} that 5,000 Russian soldiers had been killed.")
    assert (claim.as_of, claim.as_of_precision) == (as_of, precision)


def test_recently_has_no_date_and_since_starts_the_window() -> None:
    assert one("Moscow recently said 6,000 Russian soldiers died.").as_of is None
    claim = one("NATO said 200,000 Russians have left Russia since Sept. 21.", date(2022, 10, 3))
    assert claim.period_start == date(2022, 9, 21)


def test_the_first_months_of_the_war_end_a_window() -> None:
    text = "NATO put the number of Russians killed in the first three months of the war at 15,000."
    claim = one(text, date(2022, 10, 3))
    assert (claim.period_start, claim.as_of_text) == (date(2022, 2, 24), "2022-05")


def test_historical_comparisons_have_a_window_and_no_date() -> None:
    claim = one("The Soviet Union lost about 15,000 soldiers in Afghanistan between 1979 and 1989.")
    assert (claim.party, claim.as_of, claim.period_start, claim.period_end) == (
        "ussr",
        None,
        date(1979, 1, 1),
        date(1989, 12, 31),
    )


def test_quote_and_span_point_at_the_sentence() -> None:
    text = "Fighting went on. Kyiv said 700 Russian soldiers were killed. More later."
    claim = one(text)
    assert claim.span is not None
    assert (
        text[claim.span[0] : claim.span[1]]
        == claim.quote
        == "Kyiv said 700 Russian soldiers were killed."
    )


def test_kind_follows_the_source() -> None:
    assert one("Ukraine said 6,000 Russian soldiers were killed.").kind == "claimed"
    assert one("US intelligence estimated 6,000 Russian soldiers were killed.").kind == "estimated"
    assert one("The UN said it had verified 6,000 civilian deaths in Ukraine.").kind == "counted"
