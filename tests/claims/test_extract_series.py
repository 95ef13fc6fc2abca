"""A verb said once for a series of figures, in sentences written for these tests."""

from __future__ import annotations

from datetime import date

from claims.extract.extractor import extract

PUBLISHED = date(2024, 6, 1)


def figures(text: str) -> list[tuple[str, str, int | None]]:
    return [(c.metric, c.party, c.low) for c in extract(text, PUBLISHED, "The Daily")]


def test_each_year_of_a_series_counts_what_the_first_did() -> None:
    text = "In Myanmar, 1,200 people died in 2021; 1,100 people in 2022 and 1,500 people in 2023."
    assert figures(text) == [
        ("killed", "myanmar", 1200),
        ("killed", "myanmar", 1100),
        ("killed", "myanmar", 1500),
    ]


def test_each_place_of_a_series_counts_what_the_first_did() -> None:
    text = "Officials said 120 civilians were killed in Kharkiv, 70 in Sumy and 40 in Kherson."
    assert [low for _metric, _party, low in figures(text)] == [120, 70, 40]


def test_each_month_of_a_series_counts_what_the_first_did() -> None:
    text = "Kyiv said 400 Russian soldiers were captured in May, 350 in June and 500 in July."
    assert figures(text) == [
        ("captured", "russia", 400),
        ("captured", "russia", 350),
        ("captured", "russia", 500),
    ]


def test_a_figure_with_a_verb_of_its_own_keeps_it() -> None:
    text = "Officials said 120 civilians were killed in Kharkiv and 300 people fled the city."
    assert [metric for metric, _party, _low in figures(text)] == ["killed", "fled"]


def test_a_figures_verb_past_an_including_aside_is_its_own() -> None:
    text = "At least 18 Ukrainians, including four children, were killed in the shelling."
    assert figures(text)[0] == ("killed", "ukraine", 18)


def test_a_figures_verb_past_a_bracketed_aside_is_its_own() -> None:
    text = "Some 300 Russian soldiers (among them 40 officers) have been wounded near Bakhmut."
    assert figures(text)[0] == ("wounded", "russia", 300)


def test_a_verb_before_the_figure_keeps_it_past_an_aside() -> None:
    text = "Strikes killed 18 Ukrainians, including four children, and wounded 30 others."
    assert figures(text) == [("killed", "ukraine", 18), ("wounded", "ukraine", 30)]


def test_a_running_total_brought_to_a_figure_counts_what_the_days_figure_did() -> None:
    text = (
        "Kyiv said Russia had lost 1,090 soldiers over the past day, bringing its total to 498,000."
    )
    assert figures(text) == [("casualties", "russia", 1090), ("casualties", "russia", 498_000)]


def test_a_total_raised_to_a_figure_counts_what_the_days_figure_did() -> None:
    text = "Medics said 40 Palestinians were wounded on Friday, raising the total to 76,000."
    assert figures(text) == [("wounded", "palestine", 40), ("wounded", "palestine", 76_000)]
