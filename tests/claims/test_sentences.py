"""News text cut into sentences: stops that end one and stops that do not, quotes, headlines,
and runs of text too long to be one sentence. Sentences written for these tests."""

from __future__ import annotations

import pytest

from claims.extract.sentences import sentences


def texts(text: str) -> list[str]:
    return [s.text for s in sentences(text)]


def test_a_full_stop_a_question_and_an_exclamation_end_sentences() -> None:
    text = "The shelling went on. Who counted the dead? Nobody! The count came later."
    assert texts(text) == [
        "The shelling went on.",
        "Who counted the dead?",
        "Nobody!",
        "The count came later.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Gen. Anna Kowal said 300 soldiers died.",
        "Lt. Col. Petro Marko gave the figure.",
        "The U.S. estimate rose to 40,000 by Sept. 12 this year.",
        "The U.N. mission counted them at 9 a.m. on Monday.",
        "Adm. John Q. Public confirmed the toll.",
        "Mr. Ivanov and Dr. Lee disagreed.",
    ],
)
def test_an_abbreviation_or_an_initial_does_not_end_a_sentence(text: str) -> None:
    assert texts(text) == [text]


def test_a_decimal_point_does_not_end_a_sentence() -> None:
    assert texts("About 4.5 million people left. Most went west.") == [
        "About 4.5 million people left.",
        "Most went west.",
    ]


def test_a_stop_before_a_lower_case_word_does_not_end_a_sentence() -> None:
    assert texts("The figure was approx. ten thousand at the time.") == [
        "The figure was approx. ten thousand at the time."
    ]


def test_a_closing_quote_after_the_stop_stays_with_its_sentence() -> None:
    found = sentences('"We buried 40 of them." The mayor said so. “It is over.” Then silence.')
    assert [s.text for s in found] == [
        '"We buried 40 of them."',
        "The mayor said so.",
        "“It is over.”",
        "Then silence.",
    ]
    assert [s.opens_quote for s in found] == [True, False, True, False]


def test_spans_point_into_the_text_and_lines_are_paragraphs() -> None:
    text = "Toll rises in the east\n\n  First sentence here.  Second one.\nA new paragraph."
    found = sentences(text)
    assert [text[s.start : s.end] for s in found] == [s.text for s in found]
    assert [s.paragraph for s in found] == [0, 1, 1, 2]
    assert [s.headline for s in found] == [True, False, False, False]


def test_a_run_too_long_for_one_sentence_is_cut_after_a_clause_break() -> None:
    clause = "the brigade reported 120 soldiers wounded near the river crossing"
    text = "; ".join([clause] * 60) + "."
    found = sentences(text)
    assert len(found) > 1
    assert all(len(s.text) <= 1_000 for s in found)
    assert all(s.text.endswith((";", ".")) for s in found)
    assert " ".join(s.text for s in found) == text
    assert [text[s.start : s.end] for s in found] == [s.text for s in found]


def test_a_long_run_without_any_clause_break_is_cut_at_a_space() -> None:
    text = " ".join(["word"] * 600)
    found = sentences(text)
    assert all(len(s.text) <= 1_000 for s in found)
    assert " ".join(s.text for s in found) == text


def test_a_sentence_under_the_limit_is_never_cut() -> None:
    text = "Officials said " + ", ".join(f"{n} soldiers" for n in range(100, 170)) + "."
    assert 900 < len(text) < 1_000
    assert texts(text) == [text]
