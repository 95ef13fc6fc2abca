"""Who asserts a figure, and which side they speak for.

A sentence names its source in a handful of ways: "Ukraine said that ...", "according to the
UN", "..., the official said", "said Gen. Sergei Rudskoy, ...", "claims from Moscow that ...",
"Source: NATO estimates – ...". ``attributions`` finds them with their positions; the extractor
picks the one that governs a figure and resolves "he", "the official" or "the ministry" to the
source named earlier. ``side_of`` reads the side from the source's name and description.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claims.extract.lexicon import PERSON_SIDES, SIDE_CUES
from claims.vocab import ClaimantSide

__all__ = ["Attribution", "attributions", "is_generic", "side_of", "surname"]

_VERBS = (
    r"said|says|say|stated|states|told|tells|estimated|estimates|estimate|reported|reports"
    r"|claimed|claims|claim|announced|acknowledged|mentioned|explained|added|noted|wrote"
    r"|believes|believe|believed|put|puts|putting|suggested|suggests|concluded|confirmed"
    r"|revealed|warned|insisted|documented|recorded|counted|assessed|assesses|estimating"
    r"|was\s+quoted\s+as\s+saying|were\s+quoted\s+as\s+saying|told\s+\w+"
)
_VERB = re.compile(rf"\b(?:{_VERBS})\b")
_TRAILING = re.compile(
    r"(?:\s+(?:has|have|had|was|were|is|are|also|recently|previously|now|further|later"
    r"|separately|earlier|then|reportedly|again|on\s+\w+(?:\s+(?:night|morning|evening))?"
    r"|last\s+\w+|this\s+\w+|yesterday|today|in\s+an?\s+[\w\s]{1,40}?(?:on\s+\w+)?"
    r"|in\s+\w+|on\s+\d+\s+\w+|alone))+\s*$",
    re.IGNORECASE,
)
_LEADING = re.compile(
    r"^(?:(?:but|and|so|yet|meanwhile|however|also|still|now|then|earlier|later|separately"
    r"|last\s+\w+|this\s+\w+|on\s+\w+(?:\s+\d+)?|in\s+\w+)\s*,?\s+)+",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(
    r"[;:“”\"()«»]|\s[—–-]\s|\b(?:that|when|where|while|which|who|whom|after|because|since|if"
    r"|and|but|as)\s",
)
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
_GENERIC = re.compile(
    r"^(?:the|this|that|a|an|his|its|their)\s+(?:\w+\s+){0,2}?(?:official|officials|post"
    r"|statement|ministry|report|spokesman|spokeswoman|spokesperson|agency|alliance"
    r"|observatory|military|army|government|authorities|office|update|assessment|source"
    r"|sources|intelligence|mod|department|command|briefing|defen[cs]e\s+ministry)$",
    re.IGNORECASE,
)
_NAME = re.compile(r"[A-Z][\w'’.-]+")
_ROLE_START = re.compile(r"^(?:[a-z]|(?:the|a|an)\s+[a-z]|[A-Z]\w+['’]s\s)")
_NOT_A_NAME = re.compile(
    r"^(?:In|On|At|By|For|From|During|After|Before|Last|This|Of|With|Since|Until|But|And)\b"
)
_FINITE = re.compile(r"\b(?:is|are|was|were|be|than|it)\b")
_FIRST_PERSON = re.compile(
    r"(?i)^(?:i|we|you)(?:\s+(?:would|could|should|will|can|may|might|must|do|did|to))*$"
)


@dataclass(frozen=True, slots=True)
class Attribution:
    """A source named in a sentence: its name, what the sentence says about it, where."""

    name: str
    description: str
    start: int
    verb: int  # where the verb of saying is; sources before a figure govern it
    explicit: bool = False  # "according to", "Source:": governs every figure in the sentence


def is_generic(name: str) -> bool:
    """ "he", "the official", "the ministry": a source that refers back to one named earlier."""
    lowered = name.lower().strip()
    return lowered in _PRONOUNS or bool(_GENERIC.match(lowered))


def surname(name: str) -> str:
    """The key a person is referred to by later: the last capitalised word of the name."""
    words = [w.strip(".,") for w in _NAME.findall(name.split(",")[0])]
    words = [w for w in words if len(w) > 2 and not w.endswith(".")]
    return words[-1].lower() if words else name.lower()


def _subject(left: str) -> tuple[str, str] | None:
    """The source before a verb of saying: the noun phrase that ends the left context."""
    left = _TRAILING.sub("", left)
    if left.rstrip().endswith(("'s", "’s")):  # "It's said"
        return None
    pieces = _CLAUSE_BREAK.split(left)
    tail = pieces[-1] if pieces else left
    parts = [p.strip() for p in tail.split(",")]
    parts = [p for p in parts if p]
    if not parts:
        return None
    name, description = parts[-1], ""
    if (
        len(parts) >= 2
        and _ROLE_START.match(parts[-1])
        and _NAME.match(parts[-2])
        and not _NOT_A_NAME.match(parts[-2])
    ):
        name, description = parts[-2], parts[-1]
    name = _LEADING.sub("", name).strip()
    if not name or len(name.split()) > 12 or _FIRST_PERSON.match(name):
        return None
    if _FINITE.search(name) and not is_generic(name):
        return None
    if re.match(r"(?i)^(?:the|a|an)\s+[A-Z]", name):
        return name, description
    if not (_NAME.search(name) or is_generic(name) or re.search(r"(?i)\bofficials?\b", name)):
        return None
    if (
        name[0].islower()
        and not is_generic(name)
        and not re.match(
            r"(?i)^(?:\w+\s+)?(?:senior|top|other|some|two|three|several|western|european|american|us)\b",
            name,
        )
    ):
        return None
    return name, description


def _after(right: str) -> tuple[str, str] | None:
    """The source after an inverted verb: "..., said Gen. Sergei Rudskoy, who ..."."""
    m = re.match(r"\s*([^,.;]+?(?:\.\s?[A-Z][^,.;]*?)*)(?:,\s*(.*?))?(?:[.;]\s*$|$)", right)
    if not m:
        return None
    name = _TRAILING.sub("", m.group(1)).strip()
    description = (m.group(2) or "").strip()
    if not _NAME.search(name) and not is_generic(name):
        return None
    return name, description


def attributions(text: str) -> list[Attribution]:
    """Every source the sentence names, in order of where its verb of saying stands."""
    found: list[Attribution] = []
    source = re.match(r"\s*Source:\s*(.+?)\s*[–—:-]\s", text)
    if source:
        found.append(
            Attribution(source.group(1).strip(), "", source.start(1), source.start(1), True)
        )
    for m in re.finditer(r"(?i)\baccording\s+to\s+([^,.;]+)", text):
        found.append(Attribution(m.group(1).strip(), "", m.start(1), m.start(), True))
    for m in re.finditer(r"\bclaims?\s+(?:from|by)\s+([A-Z][\w'’ ]+?)\s+that\b", text):
        found.append(Attribution(m.group(1).strip(), "", m.start(1), m.start(), True))
    for m in _VERB.finditer(text):
        before = text[: m.start()]
        if re.search(r"[,”\"’]\s*$", before) and re.match(r"\s+[A-Z]", text[m.end() :]):
            after = _after(text[m.end() :])
            if after:
                found.append(Attribution(after[0], after[1], m.end(), m.start()))
            continue
        subject = _subject(before)
        if subject:
            found.append(Attribution(subject[0], subject[1], m.start(), m.start()))
    return sorted(found, key=lambda a: a.verb)


def _relayed(name: str) -> str:
    """The original source of a relayed figure: "Russian estimates, BBC reported" -> Russian
    estimates; "a report that cited US officials" -> US officials."""
    cited = re.search(r"(?i)\b(?:cited|citing|quoting|quoted)\s+(.+)$", name)
    if cited:
        return cited.group(1)
    return re.split(r",|\s+(?:per|via)\s+|\(", name)[0]


def _first_side(text: str) -> ClaimantSide | None:
    independent, pattern = SIDE_CUES[0]
    if pattern.search(text):
        return independent
    best: tuple[int, ClaimantSide] | None = None
    for side, cue in SIDE_CUES[1:]:
        m = cue.search(text)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), side)
    if best:
        return best[1]
    for word in re.findall(r"[A-Za-z]+", text):
        if word.lower() in PERSON_SIDES and word[0].isupper():
            return PERSON_SIDES[word.lower()]
    return None


def side_of(name: str, description: str = "") -> ClaimantSide | None:
    """The side a source speaks for, from its name first and then its description."""
    for text in (_relayed(name), name, f"{name}, {description}"):
        side = _first_side(text)
        if side is not None:
            return side
    return None
