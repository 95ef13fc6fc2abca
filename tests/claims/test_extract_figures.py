"""Figures, hedges and the metric of loss words, in sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from tests.claims.extracting import claims, one


@pytest.mark.parametrize(
    ("phrase", "low", "high", "qualifier"),
    [
        ("exceeds 5,000", 5000, None, "at_least"),
        ("has topped 5,000", 5000, None, "at_least"),
        ("has surpassed 5,000", 5000, None, "at_least"),
        ("passed 5,000", 5000, None, "at_least"),
        ("stands at upwards of 5,000", 5000, None, "at_least"),
        ("stands at some 5,000", 5000, 5000, "approx"),
        ("is in the vicinity of 5,000", 5000, 5000, "approx"),
    ],
)
def test_hedges_of_a_toll(phrase: str, low: int, high: int | None, qualifier: str) -> None:
    claim = one(f"The governor said the death toll among Ukrainian civilians {phrase}.")
    assert (claim.metric, claim.low, claim.high, claim.qualifier) == (
        "killed",
        low,
        high,
        qualifier,
    )


def test_lost_is_a_death_toll_in_a_text_that_counts_the_dead() -> None:
    text = (
        "Kyiv said 800 Russian soldiers died near the river. In the same week, analysts said,"
        " Russia lost 2,000 troops, most of them killed by drones."
    )
    assert [(c.metric, c.low) for c in claims(text)] == [("killed", 800), ("killed", 2000)]


def test_lost_is_a_casualty_count_in_a_report_that_never_names_the_dead() -> None:
    text = "The ministry said the enemy lost up to 450 servicemen near the village, Russia said."
    assert one(text).metric == "casualties"


def test_lost_is_a_casualty_count_when_the_text_weighs_wounded_as_much_as_dead() -> None:
    text = (
        "The brigade lost 300 Ukrainian soldiers, its commander said. Most were wounded, some"
        " badly wounded; a few were killed."
    )
    assert one(text).metric == "casualties"


def test_a_year_before_a_comma_still_makes_a_historical_window() -> None:
    claim = one(
        "When the army took the peninsula in 2014, some of the 300 Russian troops killed were"
        " buried in secret.",
        date(2022, 3, 1),
    )
    assert (claim.as_of, claim.period_start, claim.period_end) == (
        None,
        date(2014, 1, 1),
        date(2014, 12, 31),
    )


def test_two_sides_counted_together_are_both() -> None:
    text = "Some 400,000 Russian and Ukrainian soldiers have been killed or wounded, analysts say."
    assert one(text).party == "both"


def test_combined_casualties_of_two_sides_are_both() -> None:
    text = "The institute said combined Ukrainian and Russian casualties may be as high as 900,000."
    claim = one(text)
    assert (claim.party, claim.low, claim.high, claim.qualifier) == (
        "both",
        None,
        900_000,
        "at_most",
    )


def test_figures_listed_before_the_verb_share_its_metric() -> None:
    text = "Monitors said 2,100 army soldiers, 3,000 rebels and 700 foreign fighters died in Syria."
    assert [(c.metric, c.low) for c in claims(text)] == [
        ("killed", 2100),
        ("killed", 3000),
        ("killed", 700),
    ]


def test_each_side_in_a_list_keeps_its_own_party() -> None:
    text = "Officials said 250 Russian and 120 Ukrainian soldiers were wounded."
    assert [(c.party, c.low) for c in claims(text)] == [("russia", 250), ("ukraine", 120)]


def test_prisoners_freed_from_captivity_are_the_other_sides_people() -> None:
    text = "The headquarters said 140 people were freed from Russian captivity on Monday."
    assert (one(text).metric, one(text).party) == ("captured", "ukraine")


def test_prisoners_handed_over_are_the_other_sides_people() -> None:
    claim = one("Kyiv handed over 75 prisoners in the swap, the mediators said.")
    assert (claim.metric, claim.party, claim.qualifier) == ("captured", "russia", "exact")


def test_prisoners_held_by_a_side_are_its_opponents_people() -> None:
    claim = one("The families said 60 people were still held by Russia after the exchange.")
    assert (claim.metric, claim.party) == ("captured", "ukraine")


def test_a_side_whose_troops_were_captured_is_not_the_captor() -> None:
    claim = one("Moscow said the number of Ukrainian troops captured so far was 1,200.")
    assert (claim.metric, claim.party) == ("captured", "ukraine")


def test_an_average_age_is_not_a_figure() -> None:
    text = "Moscow said 4,000 Russian men were called up; the average age of those drafted is 38."
    assert [(c.metric, c.low) for c in claims(text)] == [("mobilized", 4000)]


def test_men_sent_to_the_front_are_deployed_whatever_adjective_they_carry() -> None:
    text = "The minister said 41,000 mobilised Russian men had been sent to the front."
    assert one(text).metric == "deployed"


def test_the_verb_after_an_adjective_of_the_people_gives_the_metric() -> None:
    text = "Kyiv said 900 wounded Russian soldiers later died in field hospitals."
    assert one(text).metric == "killed"


def test_a_verb_before_a_figure_is_its_own_when_the_next_verb_starts_another_clause() -> None:
    text = "Officials said gunmen killed 300 Nigerians and wounded 450 in the raids."
    assert [(c.metric, c.low) for c in claims(text)] == [("killed", 300), ("wounded", 450)]


def test_the_number_killed_put_at_a_figure_for_each_side() -> None:
    text = (
        "Estimates put the number of Ukrainian soldiers killed at around 60,000 and the number"
        " of Russian soldiers killed at 110,000."
    )
    assert [(c.metric, c.party, c.low) for c in claims(text)] == [
        ("killed", "ukraine", 60_000),
        ("killed", "russia", 110_000),
    ]


def test_a_date_written_in_numbers_is_not_a_figure() -> None:
    text = "Monitors said 2,000 Syrian civilians have been killed since 15/03/2011."
    assert [c.low for c in claims(text)] == [2000]


def test_troops_sent_to_another_country_are_deployed() -> None:
    claim = one("Pyongyang sent about 11,000 soldiers to Russia last autumn, Seoul said.")
    assert (claim.metric, claim.party, claim.low) == ("deployed", "north_korea", 11_000)


@pytest.mark.parametrize(
    "text",
    [
        "Casualties among Russian troops will approach 500,000 by the summer, analysts warned.",
        "Russian losses are expected to top 700,000 next year, the institute said.",
        "Ukrainian deaths could reach 90,000 should the war go on until 2026, the report said.",
        "If the fighting continues, 20,000 more Sudanese civilians would die, the UN said.",
    ],
)
def test_projections_and_hypotheticals_are_not_figures(text: str) -> None:
    assert claims(text) == []


def test_an_estimate_of_now_with_a_modal_stays_a_figure() -> None:
    claim = one("Russian losses may be as high as 300,000, the report said.")
    assert (claim.metric, claim.low, claim.high) == ("casualties", None, 300_000)


def test_a_ratio_is_not_a_figure() -> None:
    assert claims("Medics say three Ukrainian soldiers are wounded for every one killed.") == []
    assert claims("Doctors counted two injured for each death among Ukrainian civilians.") == []


def test_equipment_named_with_a_people_word_is_not_people() -> None:
    text = "Kyiv said Russia lost 300 armoured personnel carriers and 40 Russian soldiers died."
    assert [(c.metric, c.low) for c in claims(text)] == [("killed", 40)]


def test_dead_missing_or_badly_injured_are_casualties() -> None:
    claim = one("Kyiv said 4,000 Russian soldiers were dead, missing or badly injured.")
    assert claim.metric == "casualties"


def test_rows_of_a_table_of_the_dead_count_the_people_their_labels_name() -> None:
    text = (
        "The monitor said it had documented the deaths of 52,000 Syrians.\n\n"
        "The dead are as follows:\n\n"
        "Army soldiers and officers: 21000\n\n"
        "Rebel fighters: 17000\n\n"
        "Fighters from Hezbollah: 400"
    )
    assert [(c.metric, c.party, c.low) for c in claims(text)] == [
        ("killed", "syria", 52_000),
        ("killed", "syria", 21_000),
        ("killed", "syria", 17_000),
        ("killed", "lebanon", 400),
    ]


def test_a_total_with_its_breakdown_takes_the_verb_after_both() -> None:
    text = "The ministry said 40 Ukrainian civilians, among them 12 children, died in the shelling."
    assert [(c.metric, c.low) for c in claims(text)] == [("killed", 40)]


def test_troops_taking_part_in_an_operation_are_deployed() -> None:
    claim = one("Putin said 617,000 Russian troops are taking part in the operation.")
    assert (claim.metric, claim.low) == ("deployed", 617_000)


def test_participles_of_killing_and_injuring_name_their_figures() -> None:
    text = "Russian missiles hit Odesa, killing 12 people and injuring 30, officials said."
    assert [(c.metric, c.party, c.low) for c in claims(text)] == [
        ("killed", "ukraine", 12),
        ("wounded", "ukraine", 30),
    ]


def test_lost_their_lives_is_a_death_toll() -> None:
    text = "Some 200 Ukrainian civilians lost their lives in the attack, Kyiv said."
    assert one(text).metric == "killed"


def test_the_surrender_of_soldiers_is_a_capture() -> None:
    claim = one("Kyiv said the surrender of 300 Russian soldiers was recorded near Kursk.")
    assert (claim.metric, claim.party) == ("captured", "russia")


def test_the_fighters_doing_the_killing_do_not_make_their_victims_military() -> None:
    text = (
        "The UN counts the dead among the province's residents. Officials said Taliban and"
        " Islamic State fighters, who control much of the province, killed 531 Afghans."
    )
    assert one(text).population == "mixed"


def test_a_scale_written_as_mln_after_a_space() -> None:
    claim = one("The agency said the Ukrainian toll stood at 2.5 mln people dead.")
    assert (claim.low, claim.high) == (2_500_000, 2_500_000)


def test_the_hedge_of_a_list_holds_for_the_figures_joined_to_it() -> None:
    text = "At least 144 Afghan women and 327 children were killed, the UN said."
    assert [(c.low, c.high, c.qualifier) for c in claims(text)] == [
        (144, None, "at_least"),
        (327, None, "at_least"),
    ]


def test_former_prisoners_are_not_prisoners_and_the_imprisoned_are() -> None:
    text = "Volunteers identified 4,500 Russian former prisoners among the dead soldiers."
    assert [c.metric for c in claims(text)] == ["killed"]
    claim = one("Kyiv said six Ukrainian civilians were illegally imprisoned by Russia.")
    assert (claim.metric, claim.low) == ("captured", 6)


def test_what_a_battle_cost_a_side_is_its_losses() -> None:
    claim = one("The Kursk incursion has cost Russia 40,000 soldiers, Zelensky said.")
    assert (claim.metric, claim.party, claim.low) == ("casualties", "russia", 40_000)


@pytest.mark.parametrize(
    ("written", "value"), [("2.500", 2500), ("100.000", 100_000), ("1.200.000", 1_200_000)]
)
def test_dots_grouping_thousands(written: str, value: int) -> None:
    claim = one(f"Kyiv said {written} Russian soldiers were killed in the battle.")
    assert (claim.low, claim.high) == (value, value)


def test_a_figure_restated_without_its_date_is_the_same_claim() -> None:
    text = (
        "Kyiv said on Monday that 5,000 Russian soldiers had been killed near the city.\n\n"
        "The 5,000 Russian soldiers killed there were mostly conscripts, analysts said."
    )
    [claim] = claims(text)
    assert claim.as_of == date(2024, 5, 13)


def test_a_bare_estimate_counts_what_the_sentence_before_spoke_of() -> None:
    text = (
        "The president would not discuss the casualties among Ukrainian civilians. The UN has"
        " put forward a conservative estimate of 11,000."
    )
    claim = one(text)
    assert (claim.metric, claim.party, claim.low) == ("casualties", "ukraine", 11_000)


@pytest.mark.parametrize(
    ("written", "low", "high", "qualifier"),
    [
        ("500-plus", 500, None, "at_least"),
        ("500 or so", 500, 500, "approx"),
        ("500-odd", 500, 500, "approx"),
    ],
)
def test_hedges_written_after_the_figure(
    written: str, low: int, high: int | None, qualifier: str
) -> None:
    claim = one(f"Kyiv said {written} Russian soldiers were killed in the assault.")
    assert (claim.low, claim.high, claim.qualifier) == (low, high, qualifier)


def test_wia_are_wounded() -> None:
    found = claims("Russian KIA: 120,000; WIA: 300,000 (UK estimate).")
    assert [(c.metric, c.low) for c in found] == [("killed", 120_000), ("wounded", 300_000)]
