"""Which side a claimant speaks for, read from who the claimant is.

A source's side follows from what it is: an organisation of a known kind (a UN agency, the
alliance, a newspaper, an NGO, a think tank, researchers, a retired officer speaking as a
commentator) or a country's institution or official ("Polish Foreign Minister", "the Georgian
interior ministry", "Gaza's health ministry", "the Kremlin"). The kinds are the cues in
``lexicon.SIDE_CUES``; every country, capital, demonym, institution and armed group comes from
the party registry, whose entries say which side their officials speak for. The first cue in
the name decides, so "the head of the UN mission in Ukraine" speaks for the UN.
"""

from __future__ import annotations

import re
from functools import lru_cache

from claims.extract.lexicon import PERSON_SIDES, SIDE_CUES
from claims.extract.phrases import PhraseSearch
from claims.registry import party_info, party_words
from claims.vocab import ClaimantSide, Party

__all__ = ["party_side", "side_of"]


# two-letter phrases ("us", "uk") are everyday words in lower case; they are matched by the
# cues in upper case only
_REGISTRY = PhraseSearch(
    phrase
    for phrase in {p.removeprefix("the ") for p, _party, _kind in party_words()}
    if len(phrase) > 2
)
_PHRASE_PARTIES: dict[str, Party] = {}
for _phrase, _party, _kind in party_words():
    _PHRASE_PARTIES.setdefault(_phrase.removeprefix("the "), _party)


# a state body whose name holds a kind word ("Gaza's Government Media Office") is the state's
_STATE_BODY = re.compile(
    r"(?i)\b(?:office|ministry|government|authority|authorities|command|service|council"
    r"|administration|forces|army|military|police)\s*$"
)


def party_side(party: Party | str) -> ClaimantSide:
    """The side a party's own officials speak for; a party the registry lacks is ``other``."""
    info = party_info(str(party))
    return info.side if info is not None else ClaimantSide.OTHER


def _registry_cue(text: str) -> tuple[int, ClaimantSide] | None:
    """The first country, capital, demonym, institution or armed group named in ``text``, as a
    proper noun (capitalised, so "chad" or "georgia" in lower case is not a country)."""
    for start, end in _REGISTRY.spans(text):
        if not text[start].isupper():
            continue
        party = _PHRASE_PARTIES.get(text[start:end].lower())
        if party is not None:
            return start, party_side(party)
    return None


def _first_side(text: str) -> ClaimantSide | None:
    independent, pattern = SIDE_CUES[0]
    own = pattern.search(text)
    if own and not _STATE_BODY.search(text.split(",")[0]):
        return independent
    country = _registry_cue(text)
    if own and country is not None and own.start() < country[0]:
        return independent  # a newsroom's service in a language: "the BBC Russian service"
    best: tuple[int, ClaimantSide] | None = None
    for side, cue in SIDE_CUES[1:]:
        m = cue.search(text)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), side)
    if country is not None and (best is None or country[0] < best[0]):
        best = country
    if best:
        return best[1]
    for word in re.findall(r"[A-Za-z]+", text):
        if word.lower() in PERSON_SIDES and word[0].isupper():
            return PERSON_SIDES[word.lower()]
    return None


def _relayed(name: str) -> str:
    """The original source of a relayed figure: "Russian estimates, BBC reported" -> Russian
    estimates; "a report that cited US officials" -> US officials."""
    cited = re.search(r"(?i)\b(?:cited|citing|quoting|quoted)\s+(.+)$", name)
    if cited:
        return cited.group(1)
    return re.split(r",|\s+(?:per|via)\s+|\(", name)[0]


@lru_cache(maxsize=4096)  # a document names its sources again and again
def side_of(name: str, description: str = "") -> ClaimantSide | None:
    """The side a source speaks for, from its name first and then its description."""
    for text in (_relayed(name), name, f"{name}, {description}"):
        side = _first_side(text)
        if side is not None:
            return side
    return None
