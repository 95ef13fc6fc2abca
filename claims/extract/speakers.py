"""Who says so, across a document: the source each figure is attributed to.

``sources.attributions`` finds the sources one sentence names; ``Speakers`` walks the
document with them and remembers who has spoken. It resolves what a sentence leaves to the
discourse: "he" is the person named before, "the ministry" the ministry named before (or,
with its own country, "the Russian defence ministry", a new source), "we" inside a quotation
is the quotation's speaker, even when the speaker is named only where the quotation closes.
A figure is governed by the source of its own clause ("X said ..., while Y claimed ..."); a
sentence that names none keeps the source of its paragraph, else the outlet speaks for itself.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from claims.extract.lexicon import PERSON_SIDES
from claims.extract.parties import Role, mentions
from claims.extract.sentences import Sentence
from claims.extract.sides import party_side, side_of
from claims.extract.sources import Attribution, attributions, is_generic, surname
from claims.vocab import ClaimantSide, Party

__all__ = ["Source", "Speakers"]

_TITLES = (
    r"Mr|Mrs|Ms|Dr|Gen|General|Adm|Admiral|Col|Colonel|Maj|Lt|President|Director|Minister"
    r"|Secretary|Chancellor|Prime"
)
_PERSON_TITLE = re.compile(rf"\b(?:{_TITLES})\b\.?")
# a titled name anywhere in a sentence: "General Mark A Milley", "Adm. James G. Stavridis"
_TITLED = re.compile(rf"\b(?:{_TITLES})\b\.?\s+(?:[A-Z][\w'’-]+\s+|[A-Z]\.?\s+)*[A-Z][\w'’-]+")
_INSTITUTION = re.compile(
    r"(?i)\b(?:ministry|government|military|intelligence|office|command|nato|observatory"
    r"|times|news|post|journal|press|agency|tv|radio|institute|university"
    r"|council|agency|department|forces|army|staff|book|estimates|officials?|administration"
    r"|campaign|team|report|study)\b"
)
# the words of a state's office or armed forces: with no country named, such a source speaks
# for the country the text is about ("Senior general X", "the military", "the army spokesman")
_STATE_ROLE = re.compile(
    r"(?i)\b(?:general|commander|colonel|minister|ministry|military|army|armed\s+forces"
    r"|spokes(?:man|woman|person)|government|governor|president|prime\s+minister|police"
    r"|interior|defen[cs]e|health\s+ministry|authorities|junta|regime)\b"
)
_NOT_STATES = frozenset({ClaimantSide.INDEPENDENT, ClaimantSide.UN})
# what a source puts out: "the post", "the statement" are the last source's
_PRODUCT = re.compile(r"(?i)\b(?:post|statement|report|update|assessment|briefing|figures)$")
# "the country's health ministry": the country the text is about
_THE_COUNTRY = re.compile(r"(?i)^the\s+(?:country|nation)['’]s\b")
# the nouns a text refers back to an organisation it named by its name or short form
_BODY_NOUNS = frozenset({"agency", "organisation", "organization", "body", "group", "mission"})
_NAMED_BODY = re.compile(r"\b[A-Z][A-Z]{2,}\b|\b[A-Z][\w'’-]+(?:\s+(?:of|for|the|[A-Z][\w'’-]+))+")
# a named subject doing something other than saying, whom a later "he", "it" or "the group"
# refers to: "Amnesty International interviewed survivors.", "The UN refugee agency published"
_ACTOR = re.compile(
    r"^(?:(?:The|A|An)\s+)?[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|of|for|the|de|der|von|van|al))*"
    r"(?:\s+[a-z]+){0,2}?\s+(?:has\s+|have\s+)?(?:[a-z]+ed|spoke|met|gave|held|wrote|took|made"
    r"|sent|went|told)\b"
)
# what an actor put out, which a later "the report" refers to
_PRODUCT_NOUN = re.compile(
    r"(?i)\b(report|statement|update|assessment|briefing|figures|study|survey|tally)\b"
)
# where one clause's source stops governing: "X said ..., while Y claimed ..."
_CLAUSE = re.compile(r"[;:]\s|,\s*(?:while|whereas|but|as|and)\s|\s(?:while|whereas)\s")
# a relay and the source it cites: "Reuters, citing the health ministry, said"
_CITING = re.compile(r"^\s*,?\s*(?:citing|quoting)\s+([^,.;]+)")
_CITING_AFTER_VERB = re.compile(r"^\w+(?:\s+\w+)?\s*,?\s*(?:citing|quoting)\s+([^,.;]+)")
# a body named with its short form: "South Korea's National Intelligence Service (NIS)"
_SHORT_FORM = re.compile(
    r"((?:[A-Z][\w'’.-]*\s+)(?:(?:of|the|for|and|on|[A-Z][\w'’.-]*)\s+)*?[A-Z][\w'’.-]*)"
    r"\s+\(([A-Z]{2,7})\)"
)
_NAMED = re.compile(r"\b[A-Z]")
_CLOSING_QUOTE = re.compile(r"[”\"»]")
# "the aggressor state", "the occupiers": the side the text names as doing harm
_AGGRESSOR = re.compile(r"(?i)\baggressor\b|\boccupiers?\b|\boccupying\s+(?:power|forces?)\b")
# an unnamed report, new to the text, is a publication's: "a new report said"
_NEW_REPORT = re.compile(r"(?i)^an?\s+(?:\w+\s+){0,2}(?:report|study|analysis|survey)$")


@dataclass(frozen=True, slots=True)
class Source:
    name: str
    side: ClaimantSide
    person: bool = False


# the lower-case words inside a person's name: "Ursula von der Leyen"
_NAME_PARTICLES = frozenset({"von", "van", "der", "den", "de", "da", "du", "la", "le", "al", "bin"})


def _is_person(name: str) -> bool:
    if _INSTITUTION.fullmatch(name.split()[-1]) or re.match(r"(?i)(?:the|a|an)\s", name):
        return False  # "the Biden administration", not Biden
    if _PERSON_TITLE.search(name) or surname(name) in PERSON_SIDES:
        return True
    words = name.split(",")[0].split()
    return (
        2 <= len(words) <= 5
        and words[0][0].isupper()
        and all(w[0].isupper() or w in _NAME_PARTICLES for w in words)
        and not (_INSTITUTION.search(name))
    )


def _governing(atts: list[Attribution], at: int, text: str) -> Attribution | None:
    """The source a figure at ``at`` is attributed to, within the figure's clause when its
    clause names one: one named with "according to" or "Source:", else the first speaker
    before it, else the first after it."""
    start, end = 0, len(text)
    for m in _CLAUSE.finditer(text):
        if m.end() <= at:
            start = m.end()
        elif m.start() >= at:
            end = m.start()
            break
    inside = [a for a in atts if start <= a.verb < end]
    pool = inside or atts
    named = [(e.start, e.start + len(e.name)) for e in pool if e.explicit]
    # a verb inside the explicit source's own words ("Source: Russian estimates, BBC
    # reported –") is part of it; any other speaker is the original source and "according
    # to" its relay ('"...," the agency told lawmakers, according to two of them')
    speakers = [a for a in pool if not a.explicit and not any(s <= a.verb < e for s, e in named)]
    for att in pool:
        if att.explicit and not speakers:
            return att
    pool = speakers or pool
    before = [a for a in pool if a.verb < at]
    if before:
        return before[0]
    after = [a for a in pool if a.verb >= at]
    return after[0] if after else None


def _quote_closers(parts: list[Sentence]) -> dict[int, int]:
    """For each sentence inside a quotation that runs over several sentences, the index of
    the sentence where it closes (where its speaker is named: '..." Bogner said.')."""
    closers: dict[int, int] = {}
    open_at: int | None = None
    for index, sentence in enumerate(parts):
        if open_at is not None and sentence.paragraph != parts[open_at].paragraph:
            open_at = None
        if open_at is None and sentence.opens_quote:
            if _CLOSING_QUOTE.search(sentence.text[1:]):
                continue
            open_at = index
            continue
        if open_at is not None and _CLOSING_QUOTE.search(sentence.text):
            for inside in range(open_at, index + 1):
                closers[inside] = index
            open_at = None
    return closers


@dataclass(slots=True)
class Speakers:
    """The sources of one document, sentence by sentence."""

    outlet: Source
    parts: list[Sentence]
    top: list[Party]
    people_sides: dict[str, ClaimantSide] = field(default_factory=dict)
    last_source: Source | None = None
    last_person: Source | None = None
    last_speaker: Source | None = None
    last_paragraph_source: tuple[int, Source] | None = None
    recent: list[str] = field(default_factory=list)  # the last few sentences
    by_noun: dict[str, Source] = field(default_factory=dict)  # "report" -> the CSIS report
    aggressor: ClaimantSide | None = None
    home: ClaimantSide | None = None  # the side of the country the text is about, read once
    short_forms: dict[str, ClaimantSide] = field(default_factory=dict)  # "nis" -> other
    closers: dict[int, int] = field(default_factory=dict)
    found: list[list[Attribution]] = field(default_factory=list)  # each sentence's sources

    @classmethod
    def of(cls, outlet: str, parts: list[Sentence], top: list[Party]) -> Speakers:
        return cls(
            Source(outlet or "the publication", ClaimantSide.INDEPENDENT),
            parts,
            top,
            closers=_quote_closers(parts),
            found=[attributions(sentence.text) for sentence in parts],
        )

    def named(self, sentence: Sentence, index: int) -> list[tuple[Attribution, Source]]:
        """The sources the sentence at ``index`` names, each resolved to who it is."""
        found = []
        for att in self.found[index]:
            source = self._resolve(att, sentence)
            if source is not None:
                found.append((att, source))
        return found

    def source_of(
        self, named: list[tuple[Attribution, Source]], at: int, sentence: Sentence, index: int
    ) -> Source:
        """The source of the figure at ``at`` in a sentence."""
        governing = _governing([a for a, _ in named], at, sentence.text)
        source = next((s for a, s in named if a is governing), None)
        if source is None or governing is None:
            return self._carried(sentence, index)
        relay = next(
            (
                a
                for a, _ in named
                if a.explicit
                and not governing.explicit
                and _NAMED.search(a.name)  # a relay is named, not "the latest estimates"
                and not a.start <= governing.verb < a.start + len(a.name)
                and not _CLAUSE.search(
                    sentence.text, min(a.verb, governing.verb), max(a.verb, governing.verb)
                )
            ),
            None,
        )
        if relay is not None:  # '"...," the NIS told lawmakers, according to Yonhap'
            return replace(source, name=f"{source.name} (via {relay.name.rstrip(' .')})")
        return source

    def _country_side(self) -> ClaimantSide:
        """The side of the country the text is about: the state whose sources it quotes most
        ("Ukraine's military said", "Ukrainian officials"), else the one it speaks of most."""
        if self.home is None:
            said = Counter(
                side
                for atts in self.found
                for a in atts
                if (side := side_of(a.name)) is not None and side not in _NOT_STATES
            )
            if said:
                self.home = said.most_common(1)[0][0]
            else:
                self.home = party_side(self.top[0]) if self.top else ClaimantSide.OTHER
        return self.home

    def _aggressor_side(self) -> ClaimantSide | None:
        """The side of the party the text most often names as attacking, read once."""
        if self.aggressor is None:
            harm = Counter(
                m.party for s in self.parts for m in mentions(s.text) if m.role is Role.AGGRESSOR
            )
            self.aggressor = party_side(harm.most_common(1)[0][0]) if harm else ClaimantSide.OTHER
        return self.aggressor

    def _resolve(self, att: Attribution, sentence: Sentence, relay: bool = True) -> Source | None:
        name = att.name.strip(' ,“”"')
        if not re.search(r"\b[A-Z]\.[A-Z]\.$", name):  # "the U.N." keeps its stop
            name = name.rstrip(" .")
        if _THE_COUNTRY.match(name):
            return Source(name, self._country_side())
        own_side = self._aggressor_side() if _AGGRESSOR.search(name) else side_of(name)
        if is_generic(name) and own_side is not None and len(name.split()) > 2:
            return Source(name, own_side)  # "the Russian defence ministry", a new source
        if is_generic(name):
            return self._refer(name, sentence)
        relayed = self._relayed(att, sentence) if relay else None
        if relayed is not None:
            verb = "quoting" if re.search(r"\bquoting\s", sentence.text) else "citing"
            return Source(f"{name}, {verb} {relayed.name}", relayed.side, relayed.person)
        side = own_side or side_of(name, att.description)
        key = surname(name)
        if side is None:
            side = self.people_sides.get(key) or PERSON_SIDES.get(key)
        if side is None:
            side = next((self.short_forms[w] for w in name.split() if w in self.short_forms), None)
        if side is None and _STATE_ROLE.search(f"{name} {att.description}"):
            side = self._country_side()
        person = _is_person(name)
        if side is None and person:
            side = self._country_side()  # an official quoted by name, with no kind given
        side = side or ClaimantSide.INDEPENDENT
        if person:
            self.people_sides.setdefault(key, side)
        if att.description and _is_person(att.description):
            self.people_sides.setdefault(surname(att.description), side)
        label = (
            f"{name}, {att.description}" if att.description and len(att.description) < 60 else name
        )
        source = Source(label, side, person)
        for noun in re.findall(r"\b[a-z]{3,}\b", label.lower()):
            self.by_noun[noun] = source  # "the ministry" after "X, a Defence Ministry spokesman"
        return source

    def _relayed(self, att: Attribution, sentence: Sentence) -> Source | None:
        """The original source a relay cites: "Reuters, citing the health ministry, said",
        "Reuters reported, citing the ministry", "according to Reuters, citing officials"."""
        after_name = sentence.text[att.start + len(att.name) :] if att.explicit else ""
        cited = (
            _CITING.match(att.description)
            or _CITING.match(after_name)
            or _CITING_AFTER_VERB.match(sentence.text[att.verb :])
        )
        if cited is None:
            return None
        original = cited.group(1).strip()
        if (
            side_of(original) is None
            and not is_generic(original)
            and not _STATE_ROLE.search(original)  # "citing the General Staff"
        ):
            return None  # "citing security concerns": not a source
        return self._resolve(Attribution(original, "", att.start, att.verb), sentence, False)

    def _refer(self, name: str, sentence: Sentence) -> Source | None:
        """The source "he", "they" or "the ministry" refers back to."""
        lowered = name.lower()
        if lowered in ("he", "she"):
            subject = re.match(r"^([A-Z][\w'’-]+(?:\s+[A-Z][\w'’.-]+){0,3})\s", sentence.text)
            sides = self.people_sides | PERSON_SIDES
            if subject and surname(subject.group(1)) in sides:
                return Source(subject.group(1), sides[surname(subject.group(1))], True)
            return self.last_person or self.last_source
        if lowered in ("it", "they", "we", "i"):
            return self.last_speaker if lowered in ("we", "i") else self.last_source
        if _NEW_REPORT.match(name):
            source = Source(name, side_of(name) or ClaimantSide.INDEPENDENT)
            self.by_noun[lowered.split()[-1]] = source
            return source
        head = lowered.split()[-1]
        if self.last_source and head in self.last_source.name.lower():
            return self.last_source
        if head in self.by_noun and not re.match(r"(?i)an?\s", name):
            return self.by_noun[head]
        antecedent = self._antecedent(head)
        if antecedent is not None:
            return antecedent
        side = side_of(name)
        if side is None:
            # "the defence ministry" named before, or the country the text is about; the
            # first party word of the sentence is more often the people counted
            found = [m for m in mentions(sentence.text) if m.role is Role.SOURCE]
            party = found[0].party if found else None
            last = self.last_source
            if party is None and last and _PRODUCT.search(name):
                return last  # "the post", "the statement": the last source's
            if party is None and last and last.side not in _NOT_STATES:
                return Source(name, last.side)  # "the ministry" after "Russia says": Russia's
            side = party_side(party) if party else self._country_side()
        return Source(name, side)

    def _antecedent(self, head: str) -> Source | None:
        """ "the official" after "A senior NATO official briefed reporters": the source that an
        earlier sentence introduced with the same noun."""
        pattern = re.compile(
            rf"\b(?:(?:a|an|the|one)\s+)?(?:[\w.’'-]+\s+){{0,4}}?{re.escape(head)}s?\b", re.I
        )
        for text in reversed(self.recent):
            for m in reversed(list(pattern.finditer(text))):
                side = side_of(m.group(0))
                if side is not None:
                    return Source(m.group(0), side)
        if head in _BODY_NOUNS:  # "the agency" after "UNHCR released its report"
            for text in reversed(self.recent):
                for name in _NAMED_BODY.findall(text):
                    side = side_of(name)
                    if side is not None:
                        return Source(name, side)
        return None

    def _carried(self, sentence: Sentence, index: int) -> Source:
        """The source of a sentence that names none: the speaker of the quotation it is part of
        (named where the quotation closes, or before it), the source of the paragraph so far,
        or the outlet itself."""
        closer = self.closers.get(index)
        if closer is not None and closer != index:
            spoken = self.named(self.parts[closer], closer)
            if spoken:
                return spoken[-1][1]
        if sentence.opens_quote and self.last_speaker is not None:
            return self.last_speaker
        carried = self.last_paragraph_source
        if carried is not None and carried[0] == sentence.paragraph:
            return carried[1]
        later = self._later_in_paragraph(sentence, index)
        return later if later is not None else self.outlet

    def _remember_actor(self, text: str) -> None:
        """The subject of a sentence that quotes no one, if it is a source of a known kind or a
        person, is the one a pronoun or a short form in the next sentences refers to."""
        m = _ACTOR.match(text)
        if m is None:
            return
        name = m.group(0).rsplit(None, 1)[0]
        name = re.sub(r"\s+(?:has|have)$", "", name)
        while name.split()[-1].islower() and not is_generic(name) and side_of(name) is None:
            name = name.rsplit(None, 1)[0]  # "Amnesty International interviewed" has no tail
            if " " not in name:
                break
        person = _is_person(name)
        side = side_of(name) or self.people_sides.get(surname(name))
        if side is None and person:
            side = self._country_side()
        if side is None:
            return
        self.last_source = Source(name, side, person)
        if person:
            self.last_person = self.last_source
        for noun in _PRODUCT_NOUN.findall(text, m.end()):
            self.by_noun[noun.lower()] = self.last_source  # "OCHA published its report"

    def _later_in_paragraph(self, sentence: Sentence, index: int) -> Source | None:
        """The source a paragraph names after its first figures: "Fighters killed 531. ...,
        the UN report said." """
        for after in range(index + 1, len(self.parts)):
            if self.parts[after].paragraph != sentence.paragraph:
                break
            if self.found[after] and not any(a.explicit for a in self.found[after]):
                spoken = self.named(self.parts[after], after)
                if spoken:
                    return spoken[0][1]
        return None

    def remember(self, sentence: Sentence, named: list[tuple[Attribution, Source]]) -> None:
        """What a sentence tells about the sources of the ones after it."""
        self.recent = [*self.recent[-2:], sentence.text]
        for m in _SHORT_FORM.finditer(sentence.text):
            side = side_of(m.group(1))
            if side is not None:
                self.short_forms.setdefault(m.group(2), side)
        titled = list(_TITLED.finditer(sentence.text))
        if titled:
            m = titled[-1]
            name = m.group(0).strip()
            description = re.match(r",\s*([^,.]{3,80}),", sentence.text[m.end() :])
            side = side_of(name, description.group(1) if description else "")
            key = surname(name)
            side = side or self.people_sides.get(key) or PERSON_SIDES.get(key)
            if side is not None:
                self.people_sides.setdefault(key, side)
                self.last_person = Source(name, side, True)
        if not named:
            self._remember_actor(sentence.text)
            return
        source = named[0][1]
        self.last_source = source
        self.last_paragraph_source = (sentence.paragraph, source)
        if source.person:
            self.last_person = source
        if "“" in sentence.text or '"' in sentence.text or sentence.opens_quote:
            self.last_speaker = source
