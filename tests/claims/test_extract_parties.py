"""Whose people a figure counts, for any registered party, in sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from claims.extract.party_names import find_party_names
from tests.claims.extracting import PUBLISHED, claims, one


@pytest.mark.parametrize(
    ("text", "party"),
    [
        ("Seoul said 400 North Korean soldiers were killed in Kursk.", "north_korea"),
        ("Israel said 300 Hezbollah fighters were killed last month.", "lebanon"),
        ("Monitors said 120 Burmese civilians were killed in air raids.", "myanmar"),
        ("The army said 90 Taliban fighters were killed in Helmand.", "afghanistan"),
        ("Aid groups said 2,000 Congolese fled across the border.", "dr_congo"),
        ("Officials said 250 Chechen fighters died in the battle.", "chechnya"),
    ],
)
def test_people_of_any_registered_party(text: str, party: str) -> None:
    assert one(text).party == party


def test_a_name_of_several_words_is_one_party() -> None:
    [name] = find_party_names("Troops of the Democratic People's Republic of Korea arrived.")
    assert (name.party, name.text) == ("north_korea", "Democratic People's Republic of Korea")


def test_everyday_words_that_spell_a_party_are_not_one() -> None:
    assert find_party_names("They told us to chad the turkey.") == []
    assert [n.party for n in find_party_names("The US and Turkey")] == ["usa", "turkey"]


def test_russian_losses_in_a_soviet_war_are_soviet() -> None:
    claim = one("Russia lost about 14,000 troops during the Soviet-Afghan war, historians say.")
    assert (claim.party, claim.as_of, claim.period_start, claim.period_end) == (
        "ussr",
        None,
        date(1979, 12, 24),
        date(1989, 2, 15),
    )


def test_a_war_named_as_the_window_makes_a_historical_figure() -> None:
    text = (
        "Such losses are the worst since the Second World War, in which more than 8 million"
        " Russian soldiers died, historians say."
    )
    claim = one(text, date(2023, 2, 28))
    assert (claim.party, claim.as_of, claim.period_end) == ("ussr", None, date(1945, 9, 2))


def test_a_war_named_as_a_yardstick_is_not_the_window() -> None:
    text = "In the deadliest fighting since World War II, 500 Ukrainian soldiers were killed."
    claim = one(text)
    assert (claim.party, claim.as_of, claim.period_start) == ("ukraine", PUBLISHED, None)


def test_the_last_two_of_a_list_of_nationalities_are_not_both_sides() -> None:
    text = "Officials said 40 Chechen, British and American volunteers were killed in Syria."
    assert one(text).party != "both"


def test_a_sources_name_says_what_the_text_is_about() -> None:
    text = (
        "Fighting went on around the city. The Syrian Observatory for Human Rights said 500 people"
        " were killed."
    )
    assert one(text).party == "syria"


def test_where_refugees_went_is_not_whose_people_they_are() -> None:
    text = "Sudan's war goes on. The UN said 90,000 people had fled into Chad since April."
    assert one(text).party == "sudan"


def test_prisoners_held_in_a_place_are_not_its_people() -> None:
    text = "Officials said some 120 people were held in the Gaza Strip after the attack on Israel."
    assert (one(text).metric, one(text).party) == ("captured", "israel")


def test_a_sides_own_losses_named_before_the_figure_are_its_people() -> None:
    claim = one("Russia's losses in Ukraine have topped 100,000 dead, the outlet reported.")
    assert (claim.party, claim.low, claim.qualifier) == ("russia", 100_000, "at_least")


def test_the_battle_for_a_town_does_not_say_whose_people() -> None:
    text = "Russian forces suffered 45,000 casualties in the battle for Bakhmut, officials said."
    assert one(text).party == "russia"


def test_a_figure_for_each_of_two_sides_is_two_claims() -> None:
    text = "Ukraine and Russia exchanged 95 prisoners of war each on Friday."
    assert sorted(c.party for c in claims(text)) == ["russia", "ukraine"]


def test_hostages_taken_by_a_group_are_its_opponents_people() -> None:
    claim = one("Around 240 people were taken hostage by Hamas, officials said.")
    assert (claim.metric, claim.party) == ("captured", "israel")


def test_a_named_chechen_war_is_history() -> None:
    claim = one("In the Second Chechen War, Russia lost more than 6,000 soldiers, officials said.")
    assert (claim.as_of, claim.period_start) == (None, date(1999, 8, 26))


def test_troops_killed_when_the_soviet_union_invaded_afghanistan_are_soviet() -> None:
    text = (
        "Mothers may recall the 15,000 Russian troops killed when the Soviet Union invaded and"
        " occupied Afghanistan, officials say."
    )
    claim = one(text, date(2022, 3, 1))
    assert (claim.party, claim.as_of, claim.period_end) == ("ussr", None, date(1989, 2, 15))


def test_victims_of_a_named_attacker_are_the_reporting_sides() -> None:
    claim = one("Hezbollah rockets killed 12 children in the Golan Heights, Israel said.")
    assert claim.party == "israel"


def test_its_own_soldiers_are_the_subjects_people() -> None:
    assert one("Israel said 350 of its soldiers had been killed in Gaza.").party == "israel"


def test_villagers_are_people() -> None:
    claim = one("Burmese troops killed 40 villagers in Sagaing, witnesses said.")
    assert (claim.party, claim.population) == ("myanmar", "civilian")


def test_the_sides_that_name_a_war_are_not_its_dead() -> None:
    text = "Since the Israel-Hamas war began, 300 soldiers were killed in Lebanon, officials said."
    assert one(text).party != "palestine"


def test_a_figure_with_its_own_noun_takes_no_party_from_past_the_next_figure() -> None:
    text = (
        "More than 11 million people have been displaced in Sudan's war, and about 3 million"
        " have fled to countries such as Chad and Egypt, the UN said."
    )
    assert [(c.metric, c.party) for c in claims(text)] == [
        ("displaced", "sudan"),
        ("fled", "sudan"),
    ]
