"""Which quantities in a sentence are casualty figures, and what each one counts.

A quantity is a figure when it counts people: it is followed by a noun for people ("troops",
"civilians", "Russians"), by a casualty word ("killed", "casualties"), or stands bare where a
casualty word nearby names it ("the death toll has risen to 12,200"). Dates, years, ages,
money, percentages, durations, multipliers, codes ("Cargo 200") and counts of things are not.
The metric is the casualty word nearest the figure: after it in its own clause first, then
before it, then later in the sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from claims.extract.lexicon import (
    COMBINED,
    DEATH_WORDS,
    GENERIC_LOSS,
    HURT_WORDS,
    METRIC_CUES,
    NOT_PEOPLE,
    PEOPLE,
    STOPWORDS,
    words,
)
from claims.extract.party_names import find_party_names, single_party_word
from claims.extract.quantities import Quantity, quantities
from claims.vocab import Metric, Party, Population, Qualifier

__all__ = ["Candidate", "MetricCue", "candidates", "metric_cues"]

_MONTH_BEFORE = re.compile(
    r"(?i)\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s*$"
)
_MONTH_AFTER = re.compile(
    r"(?i)^\s*(?:of\s+)?(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
    r"|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b"
)
_DURATION = re.compile(
    r"(?i)^\s+(?:\w+\s+){1,2}?(?:years?|months?|weeks?|days?|hours?|minutes?|decades?)\b"
)
# how far before and after a quantity its words are read: further than any phrase the
# patterns here match, and short, so that a long sentence costs no more than its length
_NEAR = 200
_RATE = re.compile(r"(?i)^(?:\s+\w+){0,4}?\s+(?:a|per|each|every)\s+(?:day|week|month)\b|\bdaily\b")
_CIVILIAN = words(
    "civilians civilian children women residents patients refugees elderly infants babies boys "
    "girls workers professionals medics doctors nurses journalists villagers inhabitants "
    "protesters demonstrators students pupils passengers farmers hostages abductees citizens "
    "nationals"
)
_MILITARY = words(
    "troops troop soldiers soldier servicemen servicemembers personnel military fighters "
    "militants militiamen combatants mercenaries convicts prisoners pows reservists conscripts "
    "recruits draftees sailors airmen marines officers rebels insurgents guerrillas jihadists "
    "terrorists gunmen separatists partisans paratroopers defenders guardsmen militia guards "
    "occupiers"
)
_MIXED = words("people persons individuals martyrs victims")
_NOT_PEOPLE_WORDS = words(
    "officials official diplomats tanks drones drone strikes hospitals regions sides vehicles "
    "aircraft guns missiles rockets shells ships villages towns cities countries figure figures "
    "times years months weeks days hours"
)
# words that open a sentence before its figure ("The 2,000 soldiers who ..."), not a code name
_DETERMINERS = words("the some about all only nearly almost roughly around")
# nouns after a people word that make it a thing: "personnel carriers", "anti-personnel mines"
_EQUIPMENT = words("carriers carrier transports transport vehicles mines trucks")
# "two injured for each death", "three wounded for every one killed": a ratio, not a count
_RATIO = re.compile(r"(?i)^[^,;.]{0,50}?\bfor\s+(?:each|every)\b")
_RATIO_BASE = re.compile(r"(?i)\bfor\s+(?:each|every)\s+$")
# an age said of people, ending its clause: "were over 40,", "aged under 18.", "above the age
# of 60"
_AGE = re.compile(
    r"(?i)\b(?:(?:were|are)\s+(?:over|under|above|below|older\s+than|younger\s+than)"
    r"|aged(?:\s+(?:over|under))?|(?:over|under|above|below)\s+the\s+age\s+of)\s+\d{1,2}$"
)
_CLAUSE_END = re.compile(r"\s*(?:[,.;:)]|$)")
# "for every 10 Russians killed, one Ukrainian dies": the count answering a ratio's base
_RATIO_ANSWER = re.compile(r"(?i)\bfor\s+(?:each|every)\s+(?:[^.;:,]|,\d){1,50},\s*$")
_PEOPLE_EXTRA = words("professionals medics doctors nurses journalists")


@dataclass(frozen=True, slots=True)
class MetricCue:
    start: int
    end: int
    metric: Metric | None  # None: a generic word ("losses", "toll") read from the context


def metric_cues(text: str) -> list[MetricCue]:
    """Casualty words in the text with their spans; a combined "killed or wounded" is one."""
    lowered = text.lower()
    found: list[MetricCue] = []
    taken: list[tuple[int, int]] = []
    for m in COMBINED.finditer(lowered):
        if (DEATH_WORDS.search(m[0]) and HURT_WORDS.search(m[0])) or "in action" in m[0]:
            found.append(MetricCue(m.start(), m.end(), Metric.CASUALTIES))
            taken.append((m.start(), m.end()))
    for metric, pattern in METRIC_CUES:
        for m in pattern.finditer(lowered):
            if all(m.end() <= s or m.start() >= e for s, e in taken):
                found.append(MetricCue(m.start(), m.end(), metric))
                taken.append((m.start(), m.end()))
    for m in GENERIC_LOSS.finditer(lowered):
        if not all(m.end() <= s or m.start() >= e for s, e in taken):
            continue
        joined = [c for c in found if 0 <= m.start() - c.end <= 1]
        if joined:  # "death toll", "casualty toll": the word before says what is counted
            continue
        found.append(MetricCue(m.start(), m.end(), None))
    return sorted(found, key=lambda c: c.start)


@dataclass(slots=True)
class Candidate:
    """A quantity in a sentence that may be a casualty figure, and what its words say."""

    quantity: Quantity
    people: str = ""  # the noun for the people counted, when the figure has one
    attached_party: Party | None = None
    metric: Metric | None = None
    metric_cue: MetricCue | None = None
    metric_from: str = ""  # "after", "before", "later", "list", "context"
    rate: bool = False
    breakdown: bool = False

    @property
    def start(self) -> int:
        return self.quantity.start

    @property
    def end(self) -> int:
        return self.quantity.end

    def population(self) -> Population | None:
        word = self.people.lower()
        if word in _CIVILIAN:
            return Population.CIVILIAN
        if word in _MILITARY:
            return Population.MILITARY
        if word in _MIXED:
            return Population.MIXED
        return None


def _head(after: str) -> tuple[str, Party | None] | None:
    """What follows a figure: the people noun and party it names, or None when it counts
    something else ("two senior NATO military officials")."""
    party: Party | None = None
    people = ""
    unknown = 0
    window = after[:100]
    names = {name.start: name for name in find_party_names(window)}
    tokens = list(re.finditer(r"[A-Za-z][\w'’-]*|[^\sA-Za-z]", window))[:7]
    name_end = 0
    for index, match in enumerate(tokens):
        token = match.group(0)
        word = token.lower().rstrip("'’")
        if match.start() < name_end:
            continue  # the rest of a name of several words: "North Korean"
        if not token[0].isalpha():
            break
        if word in _NOT_PEOPLE_WORDS:
            return None
        if word in PEOPLE or word in _PEOPLE_EXTRA:
            thing = tokens[index + 1].group(0).lower() if index + 1 < len(tokens) else ""
            if thing in _EQUIPMENT:
                return None  # "300 armoured personnel carriers", "troop transports"
            if people and any(p.match(word) for _, p in METRIC_CUES):
                return people, party  # "26,000 men killed": the men, not "killed", are counted
            people = word
            if word == "members" and index and tokens[index - 1].group(0).lower() == "service":
                people = "servicemembers"  # "service members" are soldiers, "members" anyone
            continue
        if any(p.match(word) for _, p in METRIC_CUES) or GENERIC_LOSS.match(word):
            return people, party
        name = names.get(match.start())
        if name is not None and not people:
            # "Ukrainian and Russian troops": both sides' people counted together
            party = Party.BOTH if party and party != name.party else name.party
            name_end = name.end
            continue
        following = tokens[index + 1].start() if index + 1 < len(tokens) else -1
        if word in ("and", "&") and party and following in names:
            continue
        if word in STOPWORDS or people:
            break
        unknown += 1
        if unknown > 3:
            break
    if unknown and not people:
        return None
    return people, party


def _not_a_figure(text: str, q: Quantity, first_token: bool) -> bool:
    before, after = text[max(0, q.start - _NEAR) : q.start], text[q.end : q.end + _NEAR]
    value = q.high if q.high is not None else q.low
    if value is None:
        return True
    if NOT_PEOPLE.match(after) or _DURATION.match(after):
        return True
    if _RATIO.match(after) or _RATIO_BASE.search(before) or _RATIO_ANSWER.search(before):
        return True
    if _AGE.search(text, max(0, q.start - 40), q.end) and _CLAUSE_END.match(after):
        return True  # "were over 40": an age ("the toll was over 40" is a count)
    if re.match(r"-[A-Za-z]", after) and not after.startswith("-strong"):
        return True
    if _MONTH_BEFORE.search(before) or _MONTH_AFTER.match(after):
        return True
    digits = q.text.strip()
    numbers = re.findall(r"\d[\d,.]*", digits)
    if numbers and all(re.fullmatch(r"(?:1[89]|20)\d\d", n) for n in numbers):
        return True
    if re.search(r"\b(?:1[89]|20)\d\d\s*[-–]\s*$", before):
        return True
    if re.match(r"[/.]\d", after) or re.search(r"\d[/.]$", before):
        return True  # a date written with numbers: "18/03/2011", "24.02.2022"
    if re.match(r"(?i)\s+out\s+of\b", after) or re.search(r"(?i)\bout\s+of\s+$", before):
        return True
    if re.search(r"(?i)\b(?:aged?|age\s+of|ages\s+of)\s*$", before):
        return True
    if re.search(r"(?i)\bage\b[^.;,]{0,60}\b(?:is|was|stood\s+at|of)\s+$", before):
        return True  # "the average age of those called up is 35"
    if re.search(r"[$€£]\s*$|\b(?:US\$|USD|EUR)\s*$", before):
        return True
    if re.search(r"(?i)\bby\s+$", before) and value < 100:
        return True
    code = re.search(r"\b([A-Z][a-z]+)\s+$", before)
    if code and not first_token and not q.text[0].isalpha():
        word = code.group(1)
        if (
            single_party_word(word) is None
            and not _MONTH_BEFORE.search(word)
            and word.lower() not in STOPWORDS
            and word.lower() not in _DETERMINERS
            and not _ends_with_party(before)
        ):
            return True
    return False


def _ends_with_party(before: str) -> bool:
    """Whether the words before a figure end with a party's name of several words ("cost the
    United States 2,459 soldiers"), which a code's name ("Cargo 200") never is."""
    tail = before[-40:].rstrip()
    return any(name.end == len(tail) for name in find_party_names(tail))


def _nearest(cues: list[MetricCue], first: bool) -> MetricCue | None:
    if not cues:
        return None
    return cues[0] if first else cues[-1]


def candidates(text: str) -> list[Candidate]:
    """The figures in one sentence that count people, each with the metric its words give."""
    found: list[Candidate] = []
    lead = len(text) - len(text.lstrip(" “\"'‘("))
    for q in quantities(text):
        if q.vague:
            continue
        first_token = q.start <= lead
        if _not_a_figure(text, q, first_token):
            continue
        head = _head(text[q.end : q.end + _NEAR])
        if head is None:
            continue
        people, party = head
        value = q.high if q.high is not None else q.low
        if value is not None and value < 10 and not people:
            continue
        found.append(Candidate(q, people, party))
    if not found:
        return found
    cues = metric_cues(text)
    aside_ends: dict[int, int] = {}
    for index, candidate in enumerate(found):
        previous_end = found[index - 1].end if index else 0
        next_start = found[index + 1].start if index + 1 < len(found) else len(text)
        after = text[candidate.end : next_start]
        clause = re.split(r"[,;:()—–]|\s(?:but|while|whereas)\s", after)[0]
        clause_end = candidate.end + len(clause)
        own = [c for c in cues if candidate.end <= c.start < clause_end]
        before = [c for c in cues if previous_end <= c.start and c.end <= candidate.start]
        later = [c for c in cues if clause_end <= c.start < next_start]
        if len(own) > 1 and _modifies_people(text, candidate, own[0]):
            own = own[1:]  # "82,000 mobilized men were sent to the front": the verb says it
        if own and before and _governs(text, before[-1], candidate, own[0]):
            own = []  # "killed 531 Afghans and wounded 1,437": the verb before is this one's
        aside = None if own or before else _ASIDE.match(text, candidate.end)
        if aside is not None:
            # "18 people, including four children, were killed": the verb past the aside, and
            # the figures in the aside are parts of this one
            own = [c for c in cues if c.start == aside.end()]
            if own:
                aside_ends[index] = aside.end()
        for where, cue in (
            ("after", _nearest(own, True)),
            ("before", _nearest(before, False)),
            ("later", _nearest(later, True)),
        ):
            if cue is not None:
                candidate.metric_cue, candidate.metric_from = cue, where
                candidate.metric = cue.metric
                break
        candidate.rate = bool(_RATE.match(after[: max(len(clause), 1) + 1]))
        joiner = text[previous_end : candidate.start].lower()
        if index and candidate.metric_from in ("", "later"):
            prior = found[index - 1]
            if (
                re.fullmatch(r"[\s,]*(?:and\s+|or\s+)?(?:including\s+)?", joiner)
                or "including" in joiner
                or _ELLIPSIS.fullmatch(joiner)
                or _RUNNING_TOTAL.search(joiner)
            ):
                candidate.metric, candidate.metric_cue = prior.metric, prior.metric_cue
                candidate.metric_from = "list"
                candidate.breakdown = prior.breakdown or bool(_PART_OF.search(joiner))
        elif "including" in joiner and candidate.metric_from != "after":
            candidate.breakdown = True
    for index, aside_end in aside_ends.items():
        for part in found[index + 1 :]:
            if part.start < aside_end:
                part.metric, part.metric_cue = found[index].metric, found[index].metric_cue
                part.metric_from, part.breakdown = "list", True
    _share_backwards(text, found)
    _share_hedges(text, found)
    return found


# "lost 1,130 soldiers over the past day, bringing its total to 520,000": the total counts
# what the figure before it did
_RUNNING_TOTAL = re.compile(
    r"[,;]\s+(?:bringing|raising|taking|pushing|lifting)\s+(?:its|the|their|his|her)\s+"
    r"(?:\w+\s+){0,2}?(?:total|tally|toll|count|number)(?:\s+\w+){0,3}?\s+to\s+"
    r"(?:(?:at\s+least|over|more\s+than|nearly|almost|about|some|around)\s+)?$"
)
# words that make the figure after them a part of the one before: "including", "among them"
_PART_OF = re.compile(r"\b(?:including|among\s+them|most\s+of\s+them)\b")
# a figure's aside and the auxiliaries before its verb: "18 people, including four children,
# were killed", "300 soldiers (among them 40 officers) have died"
_ASIDE = re.compile(
    r"(?:\s+[^\W\d]+){0,2}?\s*(?:,\s*|\(|\s[—–]\s*)(?:including|among\s+them|most\s+of\s+them)"
    r"\b[^,;()—–]{1,60}(?:,|\)|\s[—–])\s+(?:(?:were|was|have|has|had|been|are|is|reportedly"
    r"|also)\s+)*"
)
# "1,360 people died in 2021; 1,319 people in 2022 and 1,594 in 2023": the verb said once for
# a series of figures, each with its own when or where
_ELLIPSIS = re.compile(
    r"\s+(?:[^\W\d]+\s+)?(?:in|during|on|at|for|over|since|by)\s+[\w’'-]+(?:\s+[\w’'-]+){0,2}"
    r"\s*[,;]?\s*(?:and\s+|or\s+)?"
)
_TIGHT = re.compile(
    r"[\s:–-]*(?:(?:at|to|of|was|were|is|stood\s+at|reached|rose\s+to|totall?ed|numbered)\s+)?"
)


def _governs(text: str, cue: MetricCue, candidate: Candidate, own: MetricCue) -> bool:
    """Whether the casualty word right before a figure is its own, and the one after it begins
    the next clause: "killed 531 and wounded 1,437", "the number killed at 70,000 and the
    number wounded at ..."."""
    return bool(
        _TIGHT.fullmatch(text[cue.end : candidate.start])
        and re.search(r"\band\b|,", text[candidate.end : own.start])
    )


def _modifies_people(text: str, candidate: Candidate, cue: MetricCue) -> bool:
    """Whether a casualty word right after a figure is an adjective of its people noun
    ("4,000 wounded soldiers"), so a verb later in the clause says what happened to them."""
    between = text[candidate.end : cue.start]
    following = re.findall(r"[A-Za-z]+", text[cue.end : cue.end + 40])[:3]
    return not between.strip() and any(word.lower() in PEOPLE for word in following)


_BREAKDOWN = re.compile(
    r"(?i)[^\W\d]*(?:\s+[^\W\d]+){0,3}\s*[,(]\s*(?:among\s+(?:them|whom)|of\s+whom|including"
    r"|incl\.)\s+"
)


def _share_hedges(text: str, found: list[Candidate]) -> None:
    """ "At least 144 women and 327 children were killed": the hedge of the first figure of a
    list holds for the figures joined to it that have none of their own."""
    for index in range(1, len(found)):
        before, candidate = found[index - 1], found[index]
        hedge = before.quantity.qualifier
        if candidate.quantity.qualifier is not Qualifier.EXACT or hedge in (
            Qualifier.EXACT,
            Qualifier.RANGE,
        ):
            continue
        if not re.fullmatch(
            r"\s+[^\W\d]+(?:\s+[^\W\d]+)?\s*(?:,|,?\s+and)\s+", text[before.end : candidate.start]
        ):
            continue
        value = candidate.quantity.low
        candidate.quantity = replace(
            candidate.quantity,
            low=None if hedge is Qualifier.AT_MOST else value,
            high=None if hedge is Qualifier.AT_LEAST else value,
            qualifier=hedge,
        )


def _share_backwards(text: str, found: list[Candidate]) -> None:
    """ "3,100 soldiers, 4,000 rebels and 900 foreign fighters died": the figures listed before
    the casualty word take the metric of the last one."""
    for index in range(len(found) - 2, -1, -1):
        candidate, following = found[index], found[index + 1]
        if candidate.metric_cue is not None or following.metric is None:
            continue
        joiner = text[candidate.end : following.start]
        if re.fullmatch(r"[^\W\d]*(?:\s+[^\W\d]+){0,3}\s*(?:,|,?\s+and|,?\s+or)\s+", joiner):
            candidate.metric, candidate.metric_cue = following.metric, following.metric_cue
            candidate.metric_from = "list"
        elif _BREAKDOWN.fullmatch(joiner) and following.metric_from == "later":
            # "40 civilians, among them 12 children, died": the total takes the verb
            candidate.metric, candidate.metric_cue = following.metric, following.metric_cue
            candidate.metric_from = "list"
            following.breakdown = True
