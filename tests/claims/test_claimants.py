"""One claimant, however the name is written: the key that decides a claimant's series."""

from __future__ import annotations

import pytest

from claims.claimants import identify, key_of, people, resolve


@pytest.mark.parametrize(
    "name",
    [
        "Russian Defence Minister Sergei Shoigu",
        "Sergei Shoigu, Russian Defence Minister",
        "Defense Minister Sergey Shoigu",
        "Mr. Sergei Shoigu (speaking on state television)",
        "the defence minister, Sergei Shoigu",
    ],
)
def test_titles_word_order_appositions_and_brackets_leave_the_person(name: str) -> None:
    assert key_of(name) == "sergei-shoigu"


def test_initials_ranks_and_retirement_are_not_part_of_a_name() -> None:
    assert key_of("Adm. James G. Stavridis (ret.), former NATO Supreme Allied Commander") == (
        "james-stavridis"
    )
    assert key_of("Maj. Gen. Igor Konashenkov, spokesman for the ministry") == "igor-konashenkov"
    assert key_of("Lithuanian Deputy Foreign Minister Jonas Petraitis") == "jonas-petraitis"


@pytest.mark.parametrize(
    "name",
    [
        "Ukraine's General Staff",
        "the General Staff of the Armed Forces of Ukraine",
        "Ukrainian General Staff",
        "General Staff of Ukraine's armed forces",
    ],
)
def test_a_body_is_its_words_with_the_country_as_its_party(name: str) -> None:
    assert key_of(name) == "general-staff-ukraine"


def test_spellings_of_one_office_are_one_body() -> None:
    names = [
        "Russian Defense Ministry",
        "Russia's Ministry of Defence",
        "the Russian MoD",
        "the defence ministry in Moscow",
    ]
    assert {key_of(n) for n in names} == {"defence-ministry-russia"}


def test_a_government_speaks_for_its_country_but_its_army_is_its_own() -> None:
    assert key_of("the Polish government") == key_of("Poland") == key_of("Warsaw") == "poland"
    assert key_of("Polish armed forces") == "armed-forces-poland"
    assert key_of("Polish military intelligence") != key_of("Poland")


def test_unnamed_officials_of_one_body_are_one_source_however_many() -> None:
    assert key_of("a senior NATO official") == key_of("two NATO officials") == "nato-official"
    assert key_of("NATO") == "nato"  # an acronym is a body, not a surname


def test_a_lone_surname_is_a_person_waiting_for_a_first_name() -> None:
    shoigu = identify("Shoigu")
    assert shoigu.person
    assert shoigu.lone_surname
    assert not identify("Sergei Shoigu").lone_surname
    assert not identify("Kremlin").person


def test_within_one_document_a_surname_is_the_person_named_in_full() -> None:
    names = ["Defence Minister Sergei Shoigu", "Shoigu", "Milley", "a Western diplomat"]
    keys = resolve(names)
    assert keys["Shoigu"] == "sergei-shoigu"
    assert keys["Milley"] == "milley"  # named nowhere in full: stays a surname


def test_across_documents_a_surname_takes_the_one_stored_person_of_that_name() -> None:
    stored = people(["Gen. Mark Milley, chairman of the Joint Chiefs", "Sergei Shoigu"])
    assert resolve(["Milley"], stored) == {"Milley": "mark-milley"}
    assert resolve(["Gerasimov"], stored) == {"Gerasimov": "gerasimov"}


def test_a_surname_two_stored_people_share_stays_a_surname() -> None:
    stored = people(["Andrii Kovalenko", "Oksana Kovalenko", "Sergei Shoigu"])
    assert "kovalenko" not in stored
    assert resolve(["Kovalenko"], stored) == {"Kovalenko": "kovalenko"}


def test_transliterations_of_one_name_are_one_key() -> None:
    assert key_of("Volodymyr Zelenskyy") == key_of("Volodymyr Zelensky")
    assert key_of("Alexey Navalny") == key_of("Alexei Navalny")
    assert key_of("Mark Milley") == "mark-milley"  # a surname keeps its spelling


def test_an_armed_group_or_an_institution_speaks_for_itself_not_its_country() -> None:
    assert key_of("Wagner") != key_of("Russia")
    assert key_of("the Kremlin") != key_of("Russian Defence Ministry")
    assert key_of("Hezbollah") == "hezbollah"
