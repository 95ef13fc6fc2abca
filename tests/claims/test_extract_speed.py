"""Extraction that stays linear in the text's length: long paragraphs with and without sentence
ends read whole, and a long list of phrases found without trying each one at every position.
Timings belong to ``bench/extract.py``; these tests check what long input yields."""

from __future__ import annotations

import re
from datetime import date

import pytest

from claims.extract import quantities
from claims.extract.extractor import extract
from claims.extract.phrases import PhraseSearch
from claims.extract.sentences import sentences
from claims.vocab import Metric

PUBLISHED = date(2024, 5, 1)
TEMPLATES = (
    ("The regional governor said {n:,} Ukrainian civilians were killed", Metric.KILLED),
    ("Its defence ministry reported {n:,} Russian soldiers wounded", Metric.WOUNDED),
)


def figures(count: int) -> list[tuple[str, int, Metric]]:
    """``count`` clauses of our own, each with a figure no other has."""
    found = []
    for i in range(count):
        template, metric = TEMPLATES[i % len(TEMPLATES)]
        n = 1_000 + 37 * i
        found.append((template.format(n=n), n, metric))
    return found


@pytest.mark.parametrize(
    "joiner",
    [". ", ".\n", "; ", ", while "],
    ids=["sentences", "paragraphs", "one sentence of clauses", "one run-on sentence"],
)
def test_every_figure_of_a_long_text_is_found_however_it_is_punctuated(joiner: str) -> None:
    clauses = figures(300)
    text = joiner.join(clause for clause, _, _ in clauses) + "."
    assert len(text) > 15_000
    found = {(c.low, c.metric) for c in extract(text, PUBLISHED, "The Daily")}
    assert found == {(n, metric) for _, n, metric in clauses}


@pytest.mark.parametrize("joiner", ["; ", ", while ", " "])
def test_doubling_a_paragraph_doubles_the_work_read_sentence_by_sentence(joiner: str) -> None:
    # reading a sentence costs at most the square of its length (a figure's source or date may
    # be looked for anywhere in its sentence), so the sum of those squares bounds the work
    def work(count: int) -> int:
        text = joiner.join(clause for clause, _, _ in figures(count))
        return sum(len(s.text) ** 2 for s in sentences(text))

    assert work(200) <= 2.1 * work(100)
    assert work(400) <= 2.1 * work(200)


def test_the_work_per_sentence_is_bounded_however_long_the_paragraph() -> None:
    clauses = [clause for clause, _, _ in figures(300)]
    for text in ("; ".join(clauses), ", while ".join(clauses)):
        pieces = sentences(text)
        assert max(len(s.text) for s in pieces) <= 1_000
        assert sum(len(s.text) for s in pieces) <= len(text)


PHRASES = ["north korea", "north korean", "korea", "kyiv", "u.s.", "al-shabaab", "hamas", "chad"]


@pytest.mark.parametrize(
    "text",
    [
        "North Korean troops and North Korea's army",
        "Kyiv’s figure, Kyiv's figure and KYIV",
        "Kyivan, Kyiv-based, pro-Hamas, Hamas-run",
        "U.S. officials and the U.S.'s estimate",
        "al-Shabaab fighters; Al-Shabaab's toll",
        "Chad, chad and Chadian",
        "Korea Korea North Korea",
        "",
    ],
)
def test_phrases_are_found_where_the_pattern_of_all_of_them_matches(text: str) -> None:
    search = PhraseSearch(PHRASES)
    assert list(search.spans(text)) == [m.span(1) for m in search.pattern.finditer(text)]


def test_the_longest_phrase_at_a_word_wins_and_matches_do_not_overlap() -> None:
    search = PhraseSearch(PHRASES)
    text = "North Korean troops crossed; North Korea's leader spoke to Korea."
    assert [text[a:b] for a, b in search.spans(text)] == ["North Korean", "North Korea", "Korea"]


def test_a_phrase_inside_a_longer_word_or_after_a_hyphen_is_not_found() -> None:
    search = PhraseSearch(PHRASES)
    assert list(search.spans("Kyivan pro-Hamas Chadian")) == []


def test_a_text_with_a_letter_lower_case_cannot_fold_is_searched_with_the_pattern() -> None:
    search = PhraseSearch(["hamas"])
    text = "HAMAſ and Hamas"  # a case-insensitive pattern reads the long s as "s"
    assert list(search.spans(text)) == [m.span(1) for m in search.pattern.finditer(text)]
    assert len(list(search.spans(text))) == 2


def test_phrases_must_be_lower_case_and_start_with_a_word() -> None:
    with pytest.raises(ValueError, match="lower-case"):
        PhraseSearch(["Kyiv"])
    with pytest.raises(ValueError, match="lower-case"):
        PhraseSearch(["'s"])


def test_a_long_list_of_phrases_finds_the_same_as_its_pattern_in_running_text() -> None:
    words = [f"{a}{b}land" for a in "bcdfghklmnprst" for b in "aeiou"]
    search = PhraseSearch([*words, *(f"{w} republic" for w in words), *PHRASES])
    text = " ".join(
        f"{w.title()} Republic's troops, {w}land, {w.upper()}; Kyiv-{w}" for w in words[::3]
    )
    spans = list(search.spans(text))
    assert spans == [m.span(1) for m in search.pattern.finditer(text)]
    assert len(spans) >= len(words[::3]) * 2
    assert all(re.fullmatch(r"[\w ]+", text[a:b]) for a, b in spans)


@pytest.mark.parametrize(
    "text",
    [
        "well over 3,000 soldiers and more than 400 civilians",
        "about 1,200, nearly 4.5 million, up to a quarter of a million",
        "some 70 troops; approx. 300; approximately 12; just under 9",
        "as many as twenty five thousand, at least a dozen, 5,000+ dead",
        "in the vicinity of  3 000 people, closer to 900, close to 800",
        "over over 300, about about 40, more than than 7, ABOUT 6",
    ],
)
def test_a_hedge_read_before_its_number_is_what_one_pattern_of_both_reads(text: str) -> None:
    hedges = f"{quantities._AT_LEAST}|{quantities._APPROX}|{quantities._AT_MOST}"
    one_pattern = re.compile(
        rf"(?i)(?:\b(?P<hedge>{hedges})\s+)?(?<![\w.,])(?P<n>{quantities._NUMBER})(?P<plus>\+)?"
    )
    expected = [(m.start(), m.end(), m[0]) for m in one_pattern.finditer(text)]
    assert [(q.start, q.end, q.text) for q in quantities.quantities(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "pro-Kharkiv, Kharkiv's and KHARKIV",
        "West Bank, west  bank, the West Banker",
        "Kharkivite Kharkiv_ Kharkiv1 Kharkiv-",
    ],
)
def test_without_possessive_and_after_a_hyphen_phrases_are_whole_words(text: str) -> None:
    search = PhraseSearch(["kharkiv", "west bank"], possessive=False, after_hyphen=True)
    found = list(search.spans(text))
    assert found == [m.span(1) for m in search.pattern.finditer(text)]
    assert search.pattern.pattern.startswith(r"\b(")


def test_a_phrase_after_a_hyphen_is_found_only_when_asked_for() -> None:
    text = "pro-Kharkiv units"
    assert list(PhraseSearch(["kharkiv"]).spans(text)) == []
    assert list(PhraseSearch(["kharkiv"], after_hyphen=True).spans(text)) == [(4, 11)]
