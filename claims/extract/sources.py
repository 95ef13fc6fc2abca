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

from claims.extract.lexicon import words
from claims.extract.sides import side_of
from claims.registry import party_words

__all__ = ["Attribution", "attributions", "is_generic", "side_of", "surname"]

_VERBS = (
    r"said|says|say|stated|states|told|tells|estimated|estimates|estimate|reported|reports"
    r"|claimed|claims|claim|announced|acknowledged|mentioned|explained|added|noted|wrote"
    r"|believes|believe|believed|put|puts|putting|suggested|suggests|concluded|confirmed"
    r"|revealed|warned|insisted|documented|recorded|counted|assessed|assesses|estimating"
    r"|was\s+quoted\s+as\s+saying|were\s+quoted\s+as\s+saying|told\s+\w+|tweeted|posted"
    r"|show|shows|showed|indicate|indicates|indicated|admitted|conceded|calculated|reckoned|reckons|indicated|stressed|emphasi[sz]ed"
)
# words that are verbs of saying and nouns alike: "the estimates show", "its report said"
_NOUN_OR_VERB = words(
    "estimate estimates report reports claim claims put puts record recorded count counted"
)
# before a noun, not before a verb: "the latest estimate", "their report"
_NOUN_BEFORE = re.compile(
    r"(?i)\b(?:the|a|an|its|their|his|her|our|these|those|this|latest|last|new|public|official"
    r"|previous|earlier|first|initial|above|such|same|conservative|rough|casualty|own|likely"
    r"|possible|probable|best|most|final|total|overall|independent|lowest|highest)\s+$"
)
# a country's adjective makes the next word a noun: "the Russian claim", "Ukrainian estimates"
_DEMONYMS = frozenset(p for p, _party, kind in party_words() if kind == "demonym")
# after a noun, not after a verb: "the estimate from", "the estimates show"
_NOUN_AFTER = re.compile(
    r"(?i)^\s+(?:from|of|by|for|on|in|show|shows|showed|suggest|suggests|put|puts|is|was|are"
    r"|were|has|have|had|indicate|indicates|say|says|said|released|published)\b"
)
# a participle used as an adjective or after a preposition: "in terms of confirmed deaths"
_NOT_A_VERB_AFTER = re.compile(r"(?i)\b(?:of|in|the|a|an|by|with|for|on|to|its|their)\s+$")
# passive voice: "are believed to", "were reported from"; its agent follows "by"
_PASSIVE = re.compile(r"(?i)\b(?:is|are|was|were|be|been|being)\s+(?:[a-z]+ly\s+)?$")
# the agent, with a name in apposition: "by the head of the mission, Jane Doe, at ..."
_AGENT = re.compile(
    r"^\s+by\s+(?:(?:[A-Z]\.)+|[^,.;]|\.(?=[A-Z]))+"
    r"(?:,\s*[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,3}(?=\s*[,.;]|$))?"
)
_VERB = re.compile(rf"\b(?:{_VERBS})\b")
# a relative clause between a subject and its verb
_APPOSITIVE = re.compile(r",\s*(?:who|which)\b[^,]*,\s*$")
_TRAILING = re.compile(
    r"(?:\s+(?:has|have|had|was|were|is|are|also|recently|previously|now|further|later"
    r"|separately|earlier|then|reportedly|again|on\s+\w+(?:\s+(?:night|morning|evening))?"
    r"|last\s+\w+|this\s+\w+|yesterday|today|in\s+an?\s+[\w\s]{1,40}?(?:on\s+\w+)?"
    r"|in\s+(?-i:(?![A-Z])|(?=(?:January|February|March|April|May|June|July|August|September"
    r"|October|November|December)\b))\w+|on\s+\d+\s+\w+|alone|meanwhile|first|too|however"
    r"|(?-i:(?!(?:family|assembly|ally|rally|anomaly|supply|monopoly)\b)[a-z]{2,}ly)))+\s*$",
    re.IGNORECASE,
)
_LEADING = re.compile(
    r"^(?:(?:but|and|so|yet|meanwhile|however|also|still|now|then|earlier|later|separately"
    r"|in\s+addition|additionally|moreover|furthermore|instead|similarly|likewise|elsewhere"
    r"|overall|nevertheless|nonetheless|previously|initially|indeed|notably|finally|today"
    r"|yesterday|in\s+turn|for\s+(?:its|his|her|their)\s+part"
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
    r"|statement|ministry|report|spokesman|spokeswoman|spokesperson|agency|alliance|group"
    r"|organi[sz]ation|mission"
    r"|observatory|military|army|government|authorities|office|update|assessment|source"
    r"|sources|intelligence|mod|department|command|briefing|defen[cs]e\s+ministry)$",
    re.IGNORECASE,
)
_NAME = re.compile(r"[A-Z][\w'’.-]+")
_ROLE_START = re.compile(r"^(?:[a-z]|(?:the|a|an)\s+[a-z]|[A-Z]\w+['’]s\s)")
# a name that a role after a comma describes: "Sergei Rudskoy, a general"
_PROPER = re.compile(
    r"^[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|of|the|de|al|bin|ibn|van|von|der|la|le|du|da))*$"
)
_NOT_A_NAME = re.compile(
    r"^(?:In|On|At|By|For|From|During|After|Before|Last|This|Of|With|Since|Until|But|And|As"
    r"|While|When|Despite|Although|Though|Given|Amid|Under|Among|Following|Including|Next)\b"
)
# a determiner that starts a new noun phrase, not one after a preposition: "a figure the
# Times reported" -> "the Times"; "officials behind the estimates" stays whole
_DETERMINER = re.compile(r"(?i)(?<=\s)(?:the|a|an)\s")
_LINKS = words(
    "of from for at in on by with to and behind under over about among within across including"
    " into near"
)
# plural nouns that name sources without a capital: "researchers said", "officials estimate"
_SOURCE_NOUNS = re.compile(
    r"(?i)^(?:\w+\s+)?(?:researchers|analysts|experts|officials|observers|scientists"
    r"|investigators|monitors|authorities|activists|doctors|medics|rescuers|historians"
    r"|demographers|statisticians|sources|reports|estimates|media)$"
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
    """ "he", "the official", "the ministry": a source that refers back to one named earlier;
    a name inside ("the CSIS report", "the Russian defence ministry") makes a new source."""
    lowered = name.lower().strip()
    named = re.search(r"\s[A-Z]", name.strip())
    bare = lowered in ("officials", "authorities")  # "Officials said", opening a sentence
    return lowered in _PRONOUNS or bare or (not named and bool(_GENERIC.match(lowered)))


def surname(name: str) -> str:
    """The key a person is referred to by later: the last capitalised word of the name."""
    words = [w.strip(".,") for w in _NAME.findall(name.split(",")[0])]
    words = [w for w in words if len(w) > 2 and not w.endswith(".")]
    return words[-1].lower() if words else name.lower()


def _new_phrase(name: str) -> str:
    """The last noun phrase of a run that holds two: "a figure the Times" -> "the Times"; a
    determiner after a preposition ("the head of the mission") does not start one."""
    cut = 0
    for m in _DETERMINER.finditer(name):
        before = name[: m.start()].split()
        if before and before[-1].lower() not in _LINKS:
            cut = m.start()
    return name[cut:]


def _clause_tail(left: str) -> str:
    """The words after the last clause break; "and" between two names ("US and Russian
    officials", "the BBC and Mediazona") joins them rather than breaking."""
    tail_start = 0
    for m in _CLAUSE_BREAK.finditer(left):
        if m.group(0).strip().lower() == "and":
            before = left[max(0, m.start() - 40) : m.start()].split()
            after = left[m.end() : m.end() + 40].split()
            if before and after and before[-1][:1].isupper() and after[0][:1].isupper():
                continue
        tail_start = m.end()
    return left[tail_start:]


# an office named before the person who holds it, in apposition
_ROLE_BEFORE_NAME = re.compile(
    r"(?i)^(?:the|a|an|[A-Z][\w'’-]*['’]s)\s+(?:[\w'’-]+\s+){0,3}?(?:head|chief|director"
    r"|commander|leader|spokes(?:man|woman|person)|minister|secretary|president|governor"
    r"|mayor|envoy|ambassador|coordinator|commissioner)\b"
)


def _is_national_role(part: str) -> bool:
    """A title led by a country's adjective, in capitals as wire copy writes it after a name:
    "Sergei Shoigu, Russian Defence Minister"."""
    words = part.split()
    return len(words) >= 2 and words[0].lower() in _DEMONYMS


def _subject(left: str) -> tuple[str, str] | None:
    """The source before a verb of saying: the noun phrase that ends the left context."""
    left = _APPOSITIVE.sub("", left)  # "Zelensky, who spoke in Kyiv, said"
    left = _TRAILING.sub("", left)
    if left.rstrip().endswith(("'s", "’s")):  # "It's said"
        return None
    relative = re.search(r"(?:,\s*|\s)(?:which|who)\s*$", left)
    if relative:  # "the toll by the armed forces, which put ..."
        return _subject(left[: relative.start()])
    left = re.sub(r"\s*\([^()]*\)", "", left)
    tail = _clause_tail(left)
    parts = [p.strip() for p in tail.split(",")]
    parts = [p for p in parts if p]
    if not parts:
        return None
    name, description = parts[-1], ""
    if (
        len(parts) >= 2
        and (_ROLE_START.match(parts[-1]) or _is_national_role(parts[-1]))
        and _PROPER.match(parts[-2])
        and not _NOT_A_NAME.match(parts[-2])
        and not _LEADING.fullmatch(parts[-2] + " ")
    ) or (len(parts) >= 2 and re.match(r"(?:citing|quoting)\s", parts[-1])):
        name, description = parts[-2], parts[-1]  # "the AFP news agency, quoting a source"
    elif (
        len(parts) >= 2
        and _PROPER.match(parts[-1])
        and _ROLE_BEFORE_NAME.match(parts[-2])
        and not _LEADING.fullmatch(parts[-2] + " ")
    ):
        name, description = parts[-2], parts[-1]  # "The head of the mission, Jane Doe, said"
    name = _new_phrase(_LEADING.sub("", name).strip())
    if not name or len(name.split()) > 12 or _FIRST_PERSON.match(name):
        return None
    if re.match(r"(?i)(?:citing|quoting)\s", name):  # "Citing intelligence estimates, X said"
        return None
    if _FINITE.search(name) and not is_generic(name):
        return None
    if re.match(r"(?i)^(?:the|a|an)\s+[A-Z]", name) or _SOURCE_NOUNS.match(name):
        return name, description
    if not (_NAME.search(name) or is_generic(name) or re.search(r"(?i)\bofficials?\b", name)):
        return None
    if (
        name[0].islower()
        and not is_generic(name)
        and (side_of(name) is None or name.split()[-1].lower() in _DEMONYMS)
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


def _is_saying(text: str, m: re.Match[str]) -> bool:
    """Whether a verb-of-saying word is used as the verb of a clause with its subject before
    it: not a noun ("the estimates show"), a participle ("in terms of confirmed deaths"), or
    passive ("are believed to", "a video posted by")."""
    # the words around the verb, not the whole sentence on either side of it
    before, after = text[max(0, m.start() - 200) : m.start()], text[m.end() : m.end() + 200]
    previous = before.split()[-1].lower() if before.split() else ""
    if m.group(0).lower() in _NOUN_OR_VERB and (
        _NOUN_BEFORE.search(before) or _NOUN_AFTER.match(after) or previous in _DEMONYMS
    ):
        return False
    return not (
        _NOT_A_VERB_AFTER.search(before) or _PASSIVE.search(before) or re.match(r"\s+by\b", after)
    )


_ACCORDING = re.compile(r"\b(?i:according\s+to)\s+((?:(?:[A-Z]\.)+|[^,.;])+)")


# an inverted verb after a quotation or clause: '..., said Gen. X', '..." reports the BBC'
_INVERTED = re.compile(r"[,”\"’]\s*$")
_INVERTED_NAME = re.compile(r"\s+(?:the\s+)?[A-Z]")


# a body that produced the figures, named only as their agent: "data compiled by the UN"
_PRODUCED = re.compile(
    r"\b(?:compiled|collected|gathered|published|released|issued|provided|verified|kept)"
    r"(?=\s+by\b)"
)


# a live blog's entry, after its time, led by its source and a colon: "12:45 — Ukraine's
# General Staff: 1,200 Russian soldiers killed" (a colon without the time is too often a
# headline's topic)
_HEADLINE_SOURCE = re.compile(
    r"\s*\d{1,2}[:.]\d{2}\s*(?:[—–-]\s*)?((?:the\s+)?[A-Z][^:;.,\d]{1,60}?):\s+(?=\S)"
)
# "per" after a comma, as "according to": "45 were killed, per the health ministry"
_PER = re.compile(r",\s*per\s+((?:the\s+)?[A-Z](?:(?:[A-Z]\.)+|[^,.;])+)")
# the figures a source put out, named before the source: "figures from", "data by"
_DATA_FROM = re.compile(
    r"(?i)(?:the\s+)?(?:latest\s+|new\s+|official\s+)?(?:figures|data|numbers|statistics)"
    r"\s+(?:from|by)\s+(?=\S)"
)
# the outlet that carried them: "... published by Al Jazeera"
_PUBLISHED_BY = re.compile(r"\s+(?:published|released|reported|carried)\s+by\s+(.+)$")


def attributions(text: str) -> list[Attribution]:
    """Every source the sentence names, in order of where its verb of saying stands."""
    found: list[Attribution] = []
    source = re.match(r"\s*Source:\s*(.+?)\s*[–—:-]\s", text)
    if source:
        found.append(
            Attribution(source.group(1).strip(), "", source.start(1), source.start(1), True)
        )
    headline = _HEADLINE_SOURCE.match(text)
    # a dateline in capitals ("KYIV: ...") is where, not who
    if headline and not headline.group(1).isupper() and side_of(headline.group(1)) is not None:
        found.append(Attribution(headline.group(1), "", headline.start(1), headline.start(1), True))
    for m in _PER.finditer(text):
        found.append(Attribution(m.group(1).strip(), "", m.start(1), m.start(), True))
    for m in _ACCORDING.finditer(text):
        name, start = m.group(1).rstrip(), m.start(1)
        data = _DATA_FROM.match(name)
        if data:  # "according to figures from the ministry published by Al Jazeera"
            name, start = name[data.end() :], start + data.end()
            relay = _PUBLISHED_BY.search(name)
            if relay:
                name = f"{name[: relay.start()]} (via {relay.group(1)})"
        found.append(Attribution(name, "", start, m.start(), True))
    for m in re.finditer(r"\bclaims?\s+(?:from|by)\s+([A-Z][\w'’ ]+?)\s+that\b", text):
        found.append(Attribution(m.group(1).strip(), "", m.start(1), m.start(), True))
    for m in _PRODUCED.finditer(text):
        agent = _AGENT.match(text[m.end() :])
        by = _after(_VERB.split(agent.group(0).strip()[2:])[0]) if agent else None
        if by:
            found.append(Attribution(by[0], by[1], m.end(), m.start()))
    for m in _VERB.finditer(text):
        before = text[: m.start()]
        near = before[-80:]  # what decides the verb's use is just before it
        if _INVERTED.search(near) and _INVERTED_NAME.match(text, m.end()):
            after = _after(text[m.end() :])
            if after:
                found.append(Attribution(after[0], after[1], m.end(), m.start()))
            continue
        agent = _AGENT.match(text[m.end() :])
        if agent and (_PASSIVE.search(near) or not _NOT_A_VERB_AFTER.search(near)):
            by = _after(_VERB.split(agent.group(0).strip()[2:])[0])  # "announced by the UN"
            if by:
                found.append(Attribution(by[0], by[1], m.end(), m.start()))
        if not _is_saying(text, m):
            continue
        subject = _subject(before)
        if subject:
            found.append(Attribution(subject[0], subject[1], m.start(), m.start()))
    return sorted(found, key=lambda a: a.verb)
