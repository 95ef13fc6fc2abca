"""Who says so: the claimant of each figure as written, and the side it speaks for, in
sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from claims.extract.extractor import extract
from claims.extract.sources import attributions

TUESDAY = date(2022, 3, 1)


def source_of(text: str, figure: int) -> tuple[str, str]:
    """The claimant and side of the claim whose low or high is ``figure``."""
    found = [
        (c.claimant, c.claimant_side.value)
        for c in extract(text, TUESDAY, "The Daily")
        if figure in (c.low, c.high)
    ]
    assert found, f"no claim of {figure}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "figure", "claimant", "side"),
    [
        # a sentence-opening discourse word is not part of the name
        (
            "Separately, Polish officials said 40 Ukrainian soldiers were wounded.",
            40,
            "Polish officials",
            "eu_state",
        ),
        (
            "In addition, the Estonian defence minister said 900 Russian troops died.",
            900,
            "the Estonian defence minister",
            "eu_state",
        ),
        # an adverb between the name and its verb is not part of the name
        (
            "The Ukrainian army meanwhile put Russian losses at 3,000 killed.",
            3000,
            "The Ukrainian army",
            "ukraine",
        ),
        (
            "Moscow has publicly acknowledged the deaths of 1,350 soldiers.",
            1350,
            "Moscow",
            "russia",
        ),
        # a clause before the source is not part of it
        (
            "When applying the new method, researchers said 12,000 Russian soldiers had died.",
            12000,
            "researchers",
            "independent",
        ),
        # two names joined by "and" are one source; the first decides the side
        (
            "US and British officials said 20,000 Russian soldiers were killed.",
            20000,
            "US and British officials",
            "usa",
        ),
        # "X, which put ..." is X
        (
            "That is lower than the count by the Ukrainian military, which on Monday put Russian "
            "losses at 70,000 killed.",
            70000,
            "the count by the Ukrainian military",
            "ukraine",
        ),
        # a name in parentheses after a body does not break it
        (
            "The Tigray People's Liberation Front (TPLF) said it had killed 1,200 Ethiopian "
            "soldiers, reports the Daily Planet.",
            1200,
            "The Tigray People's Liberation Front",
            "other",
        ),
        # "according to the U.N." keeps its abbreviation
        (
            "About 1.2 million Sudanese have been displaced, according to the U.N.",
            1_200_000,
            "the U.N.",
            "un",
        ),
        # a country's institutions speak for its side, from the party registry
        (
            "The Georgian interior ministry said 10,000 Russians had entered the country.",
            10000,
            "The Georgian interior ministry",
            "other",
        ),
        (
            "Gaza's health ministry said 50 Palestinians were killed.",
            50,
            "Gaza's health ministry",
            "other",
        ),
        (
            "Ten people were killed, the Houthi-run health ministry said.",
            10,
            "the Houthi-run health ministry",
            "other",
        ),
        # organisations of a kind: think tanks, NGOs, retired officers
        (
            "A think tank, the Institute for Peace Studies, estimated 40,000 Russian troops died.",
            40000,
            "the Institute for Peace Studies",
            "independent",
        ),
        (
            "A retired US general said 100,000 Russian soldiers were killed.",
            100000,
            "A retired US general",
            "independent",
        ),
    ],
)
def test_claimant_as_written_and_its_side(text: str, figure: int, claimant: str, side: str) -> None:
    assert source_of(text, figure) == (claimant, side)


def test_a_name_after_the_noun_it_qualifies_starts_anew() -> None:
    text = "Losses neared 9,000, a figure the Daily Planet reported includes 3,000 deaths."
    assert [a.name for a in attributions(text)] == ["the Daily Planet"]


def test_a_noun_that_looks_like_a_verb_is_not_one() -> None:
    text = (
        "The casualty estimates show how the toll has grown: the latest estimate from the "
        "Pentagon put Russian deaths at 9,000."
    )
    assert source_of(text, 9000)[1] == "usa"


def test_a_country_adjective_makes_a_noun_of_the_word_after_it() -> None:
    text = (
        "NATO puts Russian deaths at 15,000, more accurate than either the Ukrainian or the "
        "Russian claim."
    )
    assert source_of(text, 15000) == ("NATO", "nato")


def test_passive_voice_names_no_source_and_keeps_the_one_before() -> None:
    text = (
        "Norwegian officials said 5,000 Russian soldiers died in the battle. "
        "A further 2,000 Russian soldiers are believed to have been wounded."
    )
    assert source_of(text, 2000) == ("Norwegian officials", "nato")


def test_each_clause_has_its_own_speaker() -> None:
    text = (
        "Kyiv said 400 Russian soldiers were killed, while Moscow claimed 60 Ukrainian "
        "soldiers died."
    )
    assert source_of(text, 400) == ("Kyiv", "ukraine")
    assert source_of(text, 60) == ("Moscow", "russia")


def test_according_to_governs_only_its_own_clause() -> None:
    text = (
        "Fighting in Sudan goes on. At least 900 people have been killed, the country's health "
        "ministry said, while 2 million Sudanese have been displaced, according to the U.N."
    )
    assert source_of(text, 900) == ("the country's health ministry", "other")
    assert source_of(text, 2_000_000) == ("the U.N.", "un")


def test_a_ministry_with_its_own_country_is_a_new_source() -> None:
    text = (
        "The Ukrainian defence ministry said 200 Russian soldiers were killed. "
        "The Russian defence ministry said 300 Ukrainian soldiers were killed."
    )
    assert source_of(text, 300) == ("The Russian defence ministry", "russia")


def test_a_ministry_named_first_speaks_for_the_country_the_text_is_about() -> None:
    text = (
        "Ukrainian forces held the town as Ukrainian troops dug in. "
        "300 Russian soldiers were captured there, the defence ministry said."
    )
    assert source_of(text, 300) == ("the defence ministry", "ukraine")


def test_an_officer_with_no_country_speaks_for_the_country_in_question() -> None:
    text = (
        "Ethiopian forces retook the town. Ethiopian officials said the rebels had fled. "
        "Senior general Abebe Kebede said 2,000 rebels were captured."
    )
    assert source_of(text, 2000) == ("Senior general Abebe Kebede", "other")


def test_the_agent_of_a_passive_verb_is_the_source_and_its_name_is_remembered() -> None:
    text = (
        "The figures were announced by the head of the UN mission, Jane Doe, on Monday.\n"
        '"We have recorded 900 civilian deaths in Ukraine. The real number is higher," Doe said.'
    )
    assert source_of(text, 900) == ("Doe", "un")


def test_a_paragraph_that_names_its_source_after_a_figure() -> None:
    text = (
        "A UN report covers the first half of the year.\n"
        "Fighters killed 300 Afghans. They also targeted 900 civilians, the UN mission said."
    )
    assert source_of(text, 300)[1] == "un"


def test_the_aggressor_state_is_the_side_named_as_attacking() -> None:
    text = (
        "Russia's invasion goes on. Ukraine got 100 soldiers back. "
        "The aggressor state's defence ministry reported the return of 200 Russian POWs."
    )
    assert source_of(text, 200)[1] == "russia"


def test_an_unnamed_new_report_is_independent() -> None:
    assert source_of("Nearly 5,000 Russian troops have died, a new report said.", 5000) == (
        "a new report",
        "independent",
    )


def test_the_report_refers_back_to_the_report_named_before() -> None:
    text = (
        "The Daily Planet report said 3,000 Russian soldiers died. "
        "Ukrainian officials said 100 Russian soldiers were captured. "
        "The report estimated 2,000 Ukrainian soldiers were wounded."
    )
    assert source_of(text, 2000) == ("The Daily Planet report", "independent")


@pytest.mark.parametrize(
    ("text", "figure", "claimant"),
    [
        ("The Kyiv Post said 300 Russian soldiers were killed.", 300, "The Kyiv Post"),
        ("The Red Cross said 40 Ukrainian civilians were killed.", 40, "The Red Cross"),
        (
            "A Russian independent outlet counted 2,000 Russian soldiers killed.",
            2000,
            "A Russian independent outlet",
        ),
    ],
)
def test_media_and_aid_groups_are_independent_whatever_city_they_name(
    text: str, figure: int, claimant: str
) -> None:
    assert source_of(text, figure) == (claimant, "independent")


def test_an_adjective_before_estimate_makes_it_a_noun() -> None:
    text = "Between 3,000 and 9,000 Russian soldiers died, with 5,000 the most likely estimate."
    assert [a.name for a in attributions(text)] == []


def test_a_relative_clause_without_a_comma_has_the_noun_before_it_as_subject() -> None:
    text = "The Lancet published a study which estimated that 100,000 civilians had died."
    assert [a.name for a in attributions(text)] == ["a study"]


def test_a_body_with_no_country_is_not_the_unrelated_source_before_it() -> None:
    text = (
        "Ethiopian troops fought on. The Liberation Front said it had killed 3,000 Ethiopian "
        "soldiers. Later the military claimed it had killed 5,600 rebels."
    )
    assert source_of(text, 5600) == ("the military", "other")


def test_the_ministry_after_a_country_speaks_for_that_country() -> None:
    text = (
        "Russia says it holds Ukrainian prisoners.\n"
        "Ukraine got 50 soldiers back. Russia is holding 6,000 Ukrainian prisoners of war, the "
        "defence ministry said."
    )
    assert source_of(text, 6000) == ("the defence ministry", "russia")


def test_what_a_source_put_out_is_that_source() -> None:
    text = (
        "British intelligence said on Monday that the war would go on. "
        "Of this figure, the post stated that 50,000 Russian soldiers had been killed."
    )
    assert source_of(text, 50000) == ("British intelligence", "uk")


@pytest.mark.parametrize(
    ("text", "figure", "claimant", "side"),
    [
        (
            "Reuters, citing the Lebanese health ministry, said 40 people were killed in Lebanon.",
            40,
            "Reuters, citing the Lebanese health ministry",
            "other",
        ),
        (
            "Reuters reported, citing Polish officials, that 40 Russian soldiers were killed.",
            40,
            "Reuters, citing Polish officials",
            "eu_state",
        ),
        (
            "According to the Daily Planet, citing Ukrainian officials, 300 Russian soldiers "
            "were killed.",
            300,
            "the Daily Planet, citing Ukrainian officials",
            "ukraine",
        ),
    ],
)
def test_a_relay_keeps_its_name_and_takes_the_side_of_the_source_it_cites(
    text: str, figure: int, claimant: str, side: str
) -> None:
    assert source_of(text, figure) == (claimant, side)


def test_citing_something_that_is_not_a_source_is_no_relay() -> None:
    text = "The Daily Planet, citing security concerns, said 40 Ukrainian soldiers died."
    assert source_of(text, 40)[1] == "independent"


def test_the_speaker_is_the_source_and_according_to_its_relay() -> None:
    text = (
        "South Korea's National Intelligence Service (NIS) briefed lawmakers on Monday.\n"
        '"About 600 North Korean soldiers died," the NIS told lawmakers, according to the '
        "Daily Planet."
    )
    assert source_of(text, 600) == ("the NIS (via the Daily Planet)", "other")


def test_a_relative_clause_between_the_name_and_its_verb_is_left_out() -> None:
    text = "Zelensky, who spoke in Kyiv on Sunday, said 31,000 Ukrainian soldiers had died."
    assert [a.name for a in attributions(text)] == ["Zelensky"]


def test_figures_that_show_have_the_body_that_published_them_as_source() -> None:
    text = "Figures from the UN refugee agency show 4.8 million Ukrainians fled abroad."
    assert source_of(text, 4_800_000)[1] == "un"


def test_the_agent_of_compiled_by_is_the_source() -> None:
    text = "Data compiled by the Daily Planet put Russian deaths at 70,000."
    assert source_of(text, 70000) == ("the Daily Planet", "independent")


def test_a_colon_starts_a_statement_with_its_own_source() -> None:
    text = (
        "The casualty estimates show how the toll grew: a Pentagon estimate in November "
        "estimated 100,000 Russian soldiers killed or wounded."
    )
    assert source_of(text, 100000)[1] == "usa"


def test_he_is_the_person_named_before_not_an_administration_named_after_him() -> None:
    text = (
        "In November, General Mark Milley gave the last estimate provided by the Biden "
        "administration. He said 100,000 Russian soldiers had been killed or wounded."
    )
    assert source_of(text, 100000) == ("General Mark Milley", "usa")


def test_the_country_a_text_is_about_is_the_one_whose_sources_it_quotes() -> None:
    text = (
        "Ukraine's defence ministry said 500 Russian soldiers were killed. Russian troops "
        "attacked again and Russian losses mounted near Russian lines. "
        "Military spokesman Ivan Petrenko said 300 Russian soldiers died on Monday."
    )
    assert source_of(text, 300) == ("Military spokesman Ivan Petrenko", "ukraine")


def test_a_person_quoted_with_no_kind_given_speaks_for_that_country() -> None:
    text = (
        "Ukrainian officials said 40 Russian soldiers died.\n"
        "Oleh Marchenko said 20 more Russian soldiers were captured."
    )
    assert source_of(text, 20) == ("Oleh Marchenko", "ukraine")


def test_a_person_described_as_an_analyst_is_independent() -> None:
    text = (
        "Ukrainian officials said 40 Russian soldiers died.\n"
        "Oleh Marchenko, an analyst at a Kyiv think tank, said 20 more had been captured."
    )
    assert source_of(text, 20)[1] == "independent"


def test_the_state_whose_sources_a_text_quotes_is_read_from_its_sources() -> None:
    text = (
        "The Ukrainian army said 500 Russian soldiers were killed. Russian troops attacked "
        "again and Russian losses mounted near Russian lines. "
        "Spokesman Ivan Petrenko said 300 Russian soldiers died on Monday."
    )
    assert source_of(text, 300) == ("Spokesman Ivan Petrenko", "ukraine")


def test_scholars_and_reporters_are_independent() -> None:
    text = (
        "Ukrainian officials said 40 Russian soldiers died.\n"
        "Professor Jane Roe said 10,000 Russian soldiers had died since the spring."
    )
    assert source_of(text, 10000) == ("Professor Jane Roe", "independent")


def test_a_state_office_with_a_kind_word_in_its_name_is_the_state() -> None:
    text = "Gaza's Government Media Office said 40 Palestinians were killed."
    assert source_of(text, 40) == ("Gaza's Government Media Office", "other")


def test_according_to_words_that_name_no_one_are_no_relay() -> None:
    text = "The Daily Planet said 45,000 Russian soldiers died, according to its lowest estimate."
    assert source_of(text, 45000) == ("The Daily Planet", "independent")
