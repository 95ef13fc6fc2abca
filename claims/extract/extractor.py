"""Claims read from an article: every casualty figure, whose people, who says so, and when.

``extract`` walks the article sentence by sentence. Each figure (``figures.candidates``) gets
its metric from the words around it, its party from the party words (``parties.mentions``),
its claimant from the source that governs it (``sources.attributions``) and its date from the
sentence (``when.date_sentence``). What one sentence leaves open comes from the discourse: a
figure in "The rest were ..." counts the previous figure's people, "he said" is the person
named before, a quotation without a speaker continues the previous speaker, and figures with
no source are the outlet's own. The same claim repeated is kept once; a headline's figure is
dropped when the body states it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from claims.extract.figures import Candidate, candidates, metric_cues
from claims.extract.lexicon import ANAPHORA, PEOPLE
from claims.extract.losses import LossWords, loss_words, past_war_loss
from claims.extract.parties import Mention, Role, mentions, opponent, top_parties
from claims.extract.projections import is_projection
from claims.extract.sentences import Sentence, sentences
from claims.extract.sources import surname
from claims.extract.speakers import Source, Speakers
from claims.extract.when import date_figure
from claims.model import Claim
from claims.vocab import (
    ClaimantSide,
    DatePrecision,
    Kind,
    Metric,
    Party,
    Population,
    Status,
)

__all__ = ["WAR_PARTIES", "WAR_START", "extract"]

WAR_START = date(2022, 2, 24)
WAR_PARTIES = frozenset({Party.RUSSIA, Party.UKRAINE})

_EACH_SIDE = re.compile(
    r"(?i)\b(?:on\s+)?(?:each|either)\s+(?:and\s+every\s+)?(?:side|facet)\b"
    r"|^\s+(?:[a-z]+\s+){0,3}?each\b(?!\s+(?:day|week|month|year|other|time))"
)
# "350 of its soldiers", "95 of their own troops": the people of the sentence's subject
_OWN_PEOPLE = re.compile(r"(?i)\s+of\s+(?:its|their|his|her)\s+(?:own\s+)?")
# a figure given as an estimate with nothing counted beside it: "an estimate of 10,000"
_ESTIMATE_OF = re.compile(
    r"(?i)\b(?:estimates?|figures?|counts?|totals?|tally|number)\s+(?:of|at)\s+$"
    r"|\bput\s+(?:it|the\s+(?:number|figure|toll|total))\s+at\s+$"
)
# a row of a table or list: "Rebel fighters: 35827", "Civilians – 100,973"
_TABLE_ROW = re.compile(r"\W*([^:–—\n]{2,200}?)\s*[:–—]\s*")
# a side's own losses named before the figure: "Russia's losses have topped 100,000"
_OWNED_LOSSES = re.compile(
    r"(?i)(?:['’]s)?\s+(?:\w+\s+)?(?:losses|casualties|death\s+toll|toll|dead|deaths"
    r"|fatalities)\b"
)
_SIMILAR = re.compile(
    r"(?i)\bsimilar\s+(?:casualties|losses|numbers?|tolls?|figures?)\b|^\W*(?:the\s+)?same\s+"
    r"(?:thing|is\s+true|goes)\b"
)
_SIDE = re.compile(
    r"(?i)\bon\s+(?:the\s+)?(\w+?)(?:'s|’s)?\s+side\b|\bfor\s+(\w+)\b(?!\s+(?:the|a)\b)"
)
_FORCES = re.compile(r"(?i)^(?:'s|’s)?\s+(?:forces|troops|army|military|side|soldiers)\b")
_MILITARY_WORDS = re.compile(
    r"(?i)\b(?:troops|soldiers|military|forces|army|servicemen|personnel|killed\s+in\s+action"
    r"|combat|battlefield|fighters|mercenaries|reservists|conscripts)\b"
)
_HARM = re.compile(r"(?i)\b(?:killed|killing|shot|attacked|struck|hit|executed|massacred)\b")
_CIVILIAN_WORDS = re.compile(r"(?i)\b(?:civilians?|people|children|women|residents)\b")
_USSR_END = date(1991, 12, 26)
_HOSTAGE = re.compile(r"(?i)\b(?:hostages?|abduct\w*|kidnapp\w*)")
# where people fled to is not whose people they are: "fled to Chad", "refugees in Poland"
_LEAVING = frozenset({Metric.FLED})
_DESTINATION = re.compile(
    r"(?i)\b(?:to|into|reached|reaching|entered|entering|crossed\s+into|hosted\s+by|hosts?"
    r"|(?:refugees|now|living|sheltering|staying|registered|arrived)\s+in)\W{0,3}\s*"
    r"(?:the\s+)?$"
)
_AFGHAN = re.compile(r"(?i)\bafghan(?:istan)?\b")
_CONDITIONAL = re.compile(r"(?i)^\W*(?:if|unless|should)\b")
_PARTY_SIDES = {
    Party.RUSSIA: ClaimantSide.RUSSIA,
    Party.UKRAINE: ClaimantSide.UKRAINE,
    Party.USA: ClaimantSide.USA,
    Party.USSR: ClaimantSide.RUSSIA,
}
_SIDE_PARTIES = {side: party for party, side in _PARTY_SIDES.items() if party != Party.USSR}


@dataclass(slots=True)
class _Reading:
    """What the walk through the document remembers from sentence to sentence."""

    speakers: Speakers
    losses: LossWords
    default_population: Population
    top: list[Party]
    claims: list[tuple[int, Claim]] = field(default_factory=list)
    previous: str = ""  # the sentence before


def _topic(
    text: str, candidate: Candidate, reading: _Reading
) -> tuple[Metric, Party | None] | None:
    """ "Zelensky would not give the casualties among civilians. The UN has put forward an
    estimate of 10,000.": a bare estimate counts what the sentence before spoke of."""
    if candidate.people or not _ESTIMATE_OF.search(
        text, max(0, candidate.start - 40), candidate.start
    ):
        return None
    cues = metric_cues(reading.previous)
    if not cues:
        return None
    metric = cues[0].metric or reading.losses.noun
    people = [m.party for m in mentions(reading.previous) if m.role is Role.PEOPLE]
    return metric, people[0] if people else None


def _party(
    text: str,
    candidate: Candidate,
    metric: Metric,
    population: Population,
    found: list[Mention],
    previous: Party | None,
    limit: int,
) -> Party | None:
    """Whose people a figure counts, from the strongest evidence in its sentence: the words
    that go with the figure, a side named in its clause ("on Russia's side", "for Ukraine"),
    the figure before it in a list, then the nearest party word that is not a source."""
    if candidate.attached_party:
        return candidate.attached_party
    if _OWN_PEOPLE.match(text, candidate.end):
        # "Israel said 350 of its soldiers had been killed": the subject's own people
        subject = [m for m in found if m.end <= candidate.start and m.role is not Role.PLACE]
        if subject:
            return subject[-1].party
    if metric == Metric.CAPTURED:
        captor = next((m.party for m in found if m.role is Role.CAPTOR), None)
        held = opponent(captor) if captor else None
        if held:
            return held
    breaks = re.finditer(r";|\b(?:while|whereas|but)\b", text[: candidate.start])
    clause_start = max([0] + [m.end() for m in breaks])
    cue = candidate.metric_cue
    if cue is not None and candidate.metric_from == "before":
        near = [
            m
            for m in found
            if max(cue.start - 45, clause_start) <= m.start < cue.start and m.role is Role.PEOPLE
        ]
        if near:
            return near[-1].party
    side = re.search(_SIDE, text[candidate.end :]) or re.search(
        _SIDE, text[clause_start : candidate.start]
    )
    if side:
        word = (side.group(1) or side.group(2) or "").lower()
        party = next(
            (m.party for m in found if m.word.lower() == word and m.role is not Role.PLACE), None
        )
        if party:
            return party
    owner = next(
        (
            m.party
            for m in reversed(found)
            if clause_start <= m.start < candidate.start
            and m.role is Role.PEOPLE
            and _OWNED_LOSSES.match(text, m.end)
        ),
        None,
    )
    if owner is not None:
        return owner
    if previous is not None:
        return previous
    usable = [
        m
        for m in found
        if clause_start <= m.start < limit  # not past the next figure: its words are its own
        and (
            m.role is Role.PEOPLE
            or (m.role is Role.PLACE and population is not Population.MILITARY)
        )
        and not (metric in _LEAVING and _DESTINATION.search(text, max(0, m.start - 20), m.start))
    ]
    if usable:
        return min(usable, key=lambda m: _distance(m, candidate)).party
    harm = [m for m in found if m.role is Role.AGGRESSOR]
    if harm and population is not Population.MILITARY:
        # "Hezbollah rockets killed 12 children, Israel said": the other side, or the side
        # reporting its own dead
        reporting = (m.party for m in found if m.role is Role.SOURCE and m.party != harm[0].party)
        return opponent(harm[0].party) or next(reporting, None)
    return None


def _distance(mention: Mention, candidate: Candidate) -> int:
    return min(abs(mention.start - candidate.start), abs(mention.start - candidate.end))


def _population(candidate: Candidate, metric: Metric, text: str, default: Population) -> Population:
    own = candidate.population()
    if candidate.people == "men":
        own = (
            Population.CIVILIAN
            if metric in (Metric.FLED, Metric.DISPLACED)
            else Population.MILITARY
        )
    if own is Population.MIXED and metric in (Metric.FLED, Metric.DISPLACED):
        own = Population.CIVILIAN  # "people" who flee or are displaced are counted as civilians
    if own is not None:
        return own
    if metric in (Metric.FLED, Metric.DISPLACED):
        return Population.CIVILIAN
    cue = candidate.metric_cue
    if metric is Metric.CAPTURED and cue and _HOSTAGE.search(text, cue.start, cue.end):
        return Population.CIVILIAN  # "251 were taken hostage", "abducted": not prisoners of war
    if metric in (Metric.CAPTURED, Metric.MOBILIZED, Metric.DEPLOYED):
        return Population.MILITARY
    if re.search(r"(?i)\bcivilian", text[max(0, candidate.start - 40) : candidate.end + 40]):
        return Population.CIVILIAN
    for m in _MILITARY_WORDS.finditer(text, max(0, candidate.start - 60), candidate.end + 60):
        if not _HARM.search(text, m.end(), candidate.start):  # not the fighters who killed them
            return Population.MILITARY
    return default


def _kind(source: Source, sentence: str) -> Kind:
    if source.side in (ClaimantSide.UKRAINE, ClaimantSide.RUSSIA, ClaimantSide.OTHER):
        return Kind.CLAIMED
    if re.search(r"(?i)\b(?:documented|recorded|verified|counted|names|memory\s+book)\b", sentence):
        return Kind.COUNTED
    if re.search(r"(?i)\b(?:model|modelled|excess\s+deaths)\b", sentence):
        return Kind.MODELLED
    return Kind.ESTIMATED


def _is_row(text: str, candidate: Candidate) -> bool:
    """Whether a figure is the value of a row labelled with people: "Rebel fighters: 35827"."""
    row = _TABLE_ROW.fullmatch(text[: candidate.start])
    return bool(row) and any(
        word.lower() in PEOPLE for word in re.findall(r"[A-Za-z]+", row.group(1) if row else "")
    )


def _stated_since(reading: _Reading, first: int) -> list[tuple[int, Claim]]:
    """The claims of sentence ``first`` and after, found from the end: a long text's earlier
    claims are not looked through again for every figure."""
    at = len(reading.claims)
    while at and reading.claims[at - 1][0] >= first:
        at -= 1
    return reading.claims[at:]


def _inherited(
    candidate: Candidate, sentence: Sentence, index: int, source: Source | None, reading: _Reading
) -> Claim | None:
    """The earlier claim a figure without casualty words goes on counting, if any."""
    recent = [c for i, c in _stated_since(reading, index - 2) if i < index]
    if not recent:
        return None
    if ANAPHORA.match(sentence.text.lstrip("“\"' ")):
        return recent[-1]
    if _is_row(sentence.text, candidate):
        return recent[-1]  # "Regular soldiers and officers: 45385" under a list of the dead
    if not candidate.people and source is not None and source.person:
        key = surname(source.name)
        said = [(i, c) for i, c in reading.claims if surname(c.claimant) == key]
        if said:
            latest = said[-1][0]
            return next(c for i, c in said if i == latest)
    return None


def _claims_in(
    sentence: Sentence,
    index: int,
    reading: _Reading,
    published: date,
    precision: DatePrecision,
    war_start: date | None,
    status: Status,
) -> list[Claim]:
    text = sentence.text
    found = candidates(text)
    sources = reading.speakers.named(sentence, index)
    if not found:
        reading.speakers.remember(sentence, sources)
        return []
    words = mentions(text)
    ends = [0] + [c.end for c in found[:-1]]
    starts = [c.start for c in found[1:]] + [len(text)]
    datings = [
        date_figure(text, (c.start, c.end), neighbours, published, precision, war_start)
        for c, neighbours in zip(found, zip(ends, starts, strict=True), strict=True)
    ]
    claims: list[Claim] = []
    previous_party: Party | None = None
    previous_metric: Metric | None = None
    for candidate, dating in zip(found, datings, strict=True):
        source = reading.speakers.source_of(sources, candidate.start, sentence, index)
        metric = candidate.metric
        party: Party | None = None
        if candidate.metric_cue is not None and candidate.metric_cue.metric is None:
            cue = candidate.metric_cue
            metric = previous_metric or reading.losses.metric(text[cue.start : cue.end])
        if metric is None:
            earlier = _inherited(candidate, sentence, index, source, reading)
            topic = _topic(text, candidate, reading) if earlier is None else None
            if earlier is not None:
                # a row of a table counts the people its label names, not the row above's
                row = _is_row(text, candidate)
                metric, party = earlier.metric, None if row else earlier.party
            elif topic is not None:
                metric, party = topic
            else:
                continue
        if candidate.rate or candidate.breakdown or _CONDITIONAL.match(text):
            continue
        if is_projection(text, candidate.start, candidate.end):
            continue
        population = _population(candidate, metric, text, reading.default_population)
        # a figure with its own people noun takes no party from past the next figure; a bare one
        # ("killed 300 and wounded 500 Palestinians") shares the noun that comes later
        later = (c.start for c in found if c.start > candidate.start and candidate.people)
        limit = next(later, len(text))
        party = _party(text, candidate, metric, population, words, previous_party, limit) or party
        if party is None and not _is_row(text, candidate):
            recent = [
                c
                for i, c in _stated_since(reading, index - 3)
                if i < index and c.party != Party.BOTH
            ]
            if recent:
                party = recent[-1].party
        if party is None:
            party = _SIDE_PARTIES.get(source.side) or (reading.top[0] if reading.top else None)
        if party is None:
            continue
        clause = text[max(0, candidate.start - 60) : candidate.end + 60]
        if (
            party == Party.RUSSIA
            and _AFGHAN.search(clause)
            and not re.search(r"(?i)russians?\b", text[candidate.end : candidate.end + 30])
        ):
            party = Party.USSR
        if party == Party.RUSSIA and dating.period_end and dating.period_end < _USSR_END:
            party = Party.USSR  # "Russia lost 15,000 in Afghanistan": Soviet losses
        if metric is Metric.CASUALTIES and (party == Party.USSR or dating.historical):
            metric = past_war_loss(candidate, text, previous_metric) or metric
        as_of, as_of_precision = dating.as_of, dating.precision
        if party == Party.USSR or dating.historical:
            as_of = None
        parties = [party]
        if _EACH_SIDE.search(text[candidate.end : candidate.end + 60]) or _EACH_SIDE.search(
            text[max(0, candidate.start - 30) : candidate.start]
        ):
            named = [
                each.party
                for role in (Role.PEOPLE, Role.SOURCE)
                for m in words
                if m.role is role
                for each in (mentions(m.word) if m.party == Party.BOTH else [m])
            ]
            pair = list(dict.fromkeys(named))
            parties = pair[:2] if len(pair) >= 2 else reading.top[:2] or [party]
        previous_party, previous_metric = party, metric
        q = candidate.quantity
        for each in parties:
            claims.append(
                Claim(
                    metric=metric,
                    party=each,
                    population=population,
                    low=q.low,
                    high=q.high,
                    qualifier=q.qualifier,
                    value_text=q.text,
                    claimant=source.name,
                    claimant_side=source.side,
                    kind=_kind(source, text),
                    as_of=as_of,
                    as_of_precision=as_of_precision if as_of else DatePrecision.DAY,
                    period_start=dating.period_start,
                    period_end=dating.period_end,
                    published=published,
                    quote=text,
                    span=(sentence.start, sentence.end),
                    status=status,
                )
            )
    claims += _similar(text, words, claims, reading, index)
    reading.speakers.remember(sentence, sources)
    return claims


def _similar(
    text: str, words: list[Mention], claims: list[Claim], reading: _Reading, index: int
) -> list[Claim]:
    """ "..., with Kyiv's forces likely suffering similar casualties": the same figure for the
    other side; "Same thing on the Ukrainian side." after a figure: likewise."""
    if not _SIMILAR.search(text):
        return []
    base = claims or [c for i, c in _stated_since(reading, index - 1) if i == index - 1]
    if not base:
        return []
    others = [
        m.party
        for m in words
        if _FORCES.match(text[m.end :]) or re.match(r"(?i)\s+side\b", text[m.end :])
    ]
    copies = []
    for party in dict.fromkeys(others):
        for claim in base:
            if claim.party != party:
                copies.append(replace(claim, party=party, id="", series=""))
    return copies


def extract(
    text: str,
    published: date,
    outlet: str,
    *,
    url: str = "",
    title: str = "",
    precision: DatePrecision = DatePrecision.DAY,
    war_start: date = WAR_START,
    war_parties: frozenset[Party] = WAR_PARTIES,
    status: Status = Status.PENDING,
) -> list[Claim]:
    """Every casualty claim in an article, each with the sentence that states it.

    ``war_start`` and ``war_parties`` are the tracked war's: "in the first three months of the
    war" counts from its start only in a text about its parties.
    """
    parts = sentences(text)
    top = top_parties(text)
    tracked_start = war_start if war_parties & set(top) else None  # another war's is unknown
    reading = _Reading(
        speakers=Speakers.of(outlet, parts, top),
        losses=loss_words(text),
        default_population=(
            Population.MILITARY
            if len(_MILITARY_WORDS.findall(text)) > len(_CIVILIAN_WORDS.findall(text))
            else Population.MIXED
        ),
        top=top,
    )
    body: list[Claim] = []
    headline: list[Claim] = []
    for index, sentence in enumerate(parts):
        claims = _claims_in(sentence, index, reading, published, precision, tracked_start, status)
        reading.claims += [(index, c) for c in claims]
        reading.previous = sentence.text
        (headline if sentence.headline else body).extend(claims)
    kept: list[Claim] = []
    seen: set[tuple[object, ...]] = set()
    figures_seen: set[tuple[object, ...]] = set()
    for claim in body:
        key = (claim.metric, claim.party, claim.low, claim.high, claim.as_of_text)
        figure = key[:4]
        # a figure restated without a date of its own is the claim already dated
        if key not in seen and not (claim.as_of == published and figure in figures_seen):
            seen.add(key)
            figures_seen.add(figure)
            kept.append(claim)
    for claim in headline:
        numbers = {claim.low, claim.high} - {None}
        restated = any(
            c.party == claim.party and numbers & ({c.low, c.high} - {None}) for c in kept
        )
        key = (claim.metric, claim.party, claim.low, claim.high, claim.as_of_text)
        if not restated and key not in seen:
            seen.add(key)
            kept.append(claim)
    if url or title:
        kept = [replace(c, url=url, title=title, outlet=outlet) for c in kept]
    else:
        kept = [replace(c, outlet=outlet) for c in kept]
    return sorted(kept, key=lambda c: c.span or (0, 0))
