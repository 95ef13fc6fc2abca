"""Towns and cities say whose civilians a figure counts, in sentences written for these tests."""

from __future__ import annotations

import pytest

from claims.extract.parties import Role, mentions
from claims.extract.places import find_places, place_party
from scripts.build_places import HEADER, render
from tests.claims.extracting import one


def places(text: str) -> list[tuple[str, str]]:
    return [(text[start:end], party) for start, end, party in find_places(text)]


@pytest.mark.parametrize(
    ("text", "party"),
    [
        ("Monitors said 31 civilians were killed in Sagaing last week.", "myanmar"),
        ("Officials said 14 civilians died in shelling near Kramatorsk.", "ukraine"),
        ("Medics said 22 civilians were killed in Mekelle on Sunday.", "ethiopia"),
        ("Residents said 40 civilians were killed in Omdurman.", "sudan"),
        ("Rescuers said 9 civilians were killed when jets struck Idlib.", "syria"),
    ],
)
def test_civilians_killed_in_a_city_are_its_countrys(text: str, party: str) -> None:
    assert one(text).party == party


def test_a_city_before_a_word_for_an_area_is_a_place() -> None:
    assert places("Mandalay region saw heavy fighting.") == [("Mandalay", "myanmar")]
    assert places("The Kharkiv oblast governor spoke.") == [("Kharkiv", "ukraine")]


def test_a_name_of_several_words_is_one_place() -> None:
    assert places("Shelling hit homes in Khan Yunis and Bahir Dar.") == [
        ("Khan Yunis", "palestine"),
        ("Bahir Dar", "ethiopia"),
    ]


def test_another_spelling_of_a_city_is_the_same_place() -> None:
    assert place_party("Mekele") == place_party("Mekelle") == "ethiopia"
    assert place_party("Artemivsk") == "ukraine"


def test_a_city_named_without_a_word_that_places_it_is_not_a_place() -> None:
    assert places("Sagaing is quiet.") == []
    assert places("Mandalay said nothing.") == []


def test_a_lower_case_word_is_not_a_place() -> None:
    assert places("They live in sagaing.") == []


@pytest.mark.parametrize("name", ["Spring", "Mobile", "Reading", "Orange", "March", "May"])
def test_a_city_named_like_an_english_word_is_not_in_the_gazetteer(name: str) -> None:
    assert place_party(name) is None
    assert places(f"It happened in {name} again.") == []


@pytest.mark.parametrize("name", ["Gaza", "Kyiv", "Washington", "Moscow"])
def test_a_city_the_registry_names_is_left_to_the_party_words(name: str) -> None:
    assert place_party(name) is None


def test_a_name_two_countries_share_is_not_in_the_gazetteer() -> None:
    assert place_party("Hyderabad") is None  # India and Pakistan


def test_a_small_town_is_not_in_the_gazetteer() -> None:
    assert place_party("Bucha") is None  # under 50,000 people


def test_the_shipped_gazetteer_is_what_the_builder_makes() -> None:
    from importlib.resources import files

    shipped = files("claims.data").joinpath("places.tsv").read_text("utf-8")
    assert shipped.startswith(HEADER)
    assert shipped == render()


def test_the_sides_that_name_a_war_are_not_where_its_dead_died() -> None:
    text = "Airstrikes on Saada linked to the Israel-Hamas war have killed 12 civilians."
    assert [(m.word, m.role) for m in mentions(text)] == [
        ("Saada", Role.PLACE),
        ("Israel", Role.WAR),
        ("Hamas", Role.WAR),
    ]
    assert one(text).party == "yemen"


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Kramatorsk's mayor said 11 civilians were killed.", "Kramatorsk"),
        ("Mandalay residents said 16 civilians were killed.", "Mandalay"),
        ("Mekelle was shelled overnight, killing 9 civilians.", "Mekelle"),
        ("Idlib came under fire again, killing 13 civilians.", "Idlib"),
    ],
)
def test_a_city_whose_people_or_officials_speak_or_that_was_attacked_is_a_place(
    text: str, place: str
) -> None:
    assert [name for name, _party in places(text)] == [place]
    assert one(text).party == place_party(place)
