"""Who a claimant is, whatever the wording: the key that decides a claimant's series.

"Russian Defence Minister Sergei Shoigu", "Sergei Shoigu, Russian Defence Minister" and
"Shoigu" are one claimant; so are "Ukraine's General Staff" and "the General Staff of the Armed
Forces of Ukraine". A claim keeps the name as written; its key is read from the name here:

- a person is keyed by first name and surname (``sergei-shoigu``): titles, offices, the
  country before the name and an apposition after a comma do not count;
- a lone surname (``shoigu``) is the person of that surname named elsewhere in the same
  document, else the one stored person with that surname (``resolve``);
- a body is keyed by its content words in a fixed order, each country word as its party key
  and each spelling of an office as one (``defence-ministry-russia`` for "the Russian Defense
  Ministry" and "Russia's Ministry of Defence"); what a name says in brackets is a relay or
  a note, not the claimant.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from claims.registry import PARTIES, party_named, party_words

__all__ = ["Identity", "identify", "key_of", "people", "resolve"]

_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_TOKEN = re.compile(r"[^\W_][\w'’.-]*")
_POSSESSIVE = re.compile(r"['’]s?$")
_INITIAL = re.compile(r"^[A-Z]\.?$|^[A-Z]\.[A-Z]\.?$")


def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# words before a person's name that say what they are, not who
_TITLES = _set(
    """mr mrs ms dr sir lord lady gen general adm admiral col colonel maj major lt lieutenant
    capt captain cmdr commander commander-in-chief brig brigadier sgt sergeant marshal
    field president vice prime premier minister deputy first acting former ret retired
    secretary undersecretary under chancellor foreign defence defense health interior
    home state chief head director spokesman spokeswoman spokesperson ambassador envoy
    chairman chairwoman chair senator sen rep representative congressman congresswoman mp
    lawmaker governor mayor king queen prince princess sheikh emir pope supreme allied
    military army navy air naval intelligence security national commissioner high
    professor prof analyst researcher adviser advisor aide leader founder ceo official
    top senior joint staff general-secretary secretary-general nato un u.n. eu
    mp's the a an his her their"""
)
# words that make a name a body's, not a person's
_BODY_WORDS = _set(
    """ministry ministries department office staff forces force army navy military
    intelligence service services agency institute university observatory mission council
    committee command headquarters government authorities authority administration union
    nations organization organisation project center centre watch rights group mod moh
    news times post journal press media report reports study survey bank foundation
    commission court bureau programme program fund cross crescent amnesty international
    guard police parliament house network tv radio agency database book officials
    official estimates estimate sources source analysts experts researchers spokesman
    spokesperson kremlin pentagon"""
)
# words that carry nothing about who: articles, counts, ranks of anonymity
_FILLER = _set(
    """the a an of for and in on at by to from its their one two three four several some
    many other others senior top high-ranking unnamed anonymous certain according run led
    backed"""
)
# the lower-case words inside a person's name: "Abu Bakr al-Baghdadi", "Tim van den Berg"
_PARTICLES = _set("al bin ibn de van von der den la da el")
# one spelling for each office: "defense" and "defence", "ministries" and "ministry"
_SPELLINGS = {
    "defense": "defence",
    "ministries": "ministry",
    "officials": "official",
    "estimates": "estimate",
    "sources": "source",
    "reports": "report",
    "authorities": "authority",
    "governments": "government",
    "mod": "defence ministry",
    "moh": "health ministry",
    "u.n.": "un",
    "united nations": "un",
    "analysts": "analyst",
}
# "the armed forces of": a body's words, said only when there is nothing else to say
_ARMED_FORCES = ("armed", "forces")
# "Ukraine's government", "the Israeli authorities": the country speaks
_SPEAKS_FOR_COUNTRY = frozenset({"government", "authority", "state"})


@dataclass(frozen=True, slots=True)
class Identity:
    """What a claimant's name says about who they are."""

    key: str  # "sergei-shoigu", "shoigu", "general-staff-ukraine"
    person: bool  # a named person (a lone surname too)
    surname: str = ""  # a person's surname, folded: "shoigu"

    @property
    def lone_surname(self) -> bool:
        return self.person and self.key == self.surname


def _fold(word: str) -> str:
    """Lower case ascii letters and digits; "Zelenskyy" and "Zelensky" are one spelling."""
    text = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "", text).replace("yy", "y")


def _first_name(word: str) -> str:
    text = _fold(word)
    if text.endswith("ey") and len(text) > 4:  # Sergey and Sergei, Alexey and Alexei
        text = text[:-2] + "ei"
    return text


def _words(text: str) -> list[str]:
    return [_POSSESSIVE.sub("", t).rstrip(".-") or t for t in _TOKEN.findall(text)]


def _person(segment: str) -> Identity | None:
    """The person a segment names, or None: "Defence Minister Sergei Shoigu" -> sergei-shoigu."""
    words = _words(segment)
    if not words or any(w.lower() in _BODY_WORDS for w in words):
        return None
    start = 0
    while start < len(words) and (
        words[start].lower().rstrip(".") in _TITLES or party_named(words[start]) is not None
    ):
        start += 1
    name = [w for w in words[start:] if not _INITIAL.match(w) and w.lower() != "ret"]
    if not name or len(name) > 4:
        return None
    if any(not w[0].isupper() and w.lower() not in _PARTICLES for w in name):
        return None
    if len(name) == 1 and (name[0].isupper() and len(name[0]) > 1):
        return None  # an acronym: NATO, UNHCR
    surname = _fold(name[-1])
    if not surname:
        return None
    if len(name) == 1:
        return Identity(surname, True, surname)
    return Identity(f"{_first_name(name[0])}-{surname}", True, surname)


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    """A country's names, demonyms and capitals -> its key. Its institutions and armed groups
    are claimants of their own: Wagner's figures are not the Russian government's."""
    found: dict[str, str] = {}
    for phrase, party, kind in party_words():
        if kind in ("name", "demonym", "capital"):
            for spelling in (phrase, phrase.replace("-", " ")):
                found.setdefault(spelling, party.value)
    for key in PARTIES:
        found.setdefault(key, key)
    return found


def _body(text: str) -> Identity:
    """A body's key: its content words, each country as its party, in a fixed order."""
    lowered = " ".join(_words(text)).lower().replace("-", " ")
    for spelling, one in _SPELLINGS.items():
        lowered = re.sub(rf"(?<![\w.]){re.escape(spelling)}(?![\w])", one, lowered)
    words: list[str] = []
    tokens = lowered.split()
    at = 0
    while at < len(tokens):
        for size in (4, 3, 2, 1):
            phrase = " ".join(tokens[at : at + size])
            if len(tokens) - at >= size and (party := _countries().get(phrase)) is not None:
                words.append(party)
                at += size
                break
        else:
            if tokens[at] not in _FILLER:
                words.append(_fold(tokens[at]))
            at += 1
    kept = [w for w in dict.fromkeys(words) if w]
    if any(w not in _ARMED_FORCES and w not in PARTIES for w in kept):
        kept = [w for w in kept if w not in _ARMED_FORCES]
    countries = [w for w in kept if w in PARTIES]
    if countries and all(w in _SPEAKS_FOR_COUNTRY for w in kept if w not in countries):
        kept = countries
    return Identity("-".join(sorted(kept)), False)


@lru_cache(maxsize=4096)
def identify(name: str) -> Identity:
    """Who ``name`` is: a person (by first name and surname, or a lone surname) or a body."""
    text = " ".join(_BRACKETS.sub(" ", name).split()) or " ".join(name.split())
    segments = [s.strip() for s in re.split(r",|;|\s[-–—]\s", text) if s.strip()]
    for segment in segments:
        if (person := _person(segment)) is not None:
            return person
    identity = _body(segments[0] if segments else text)
    if not identity.key:  # nothing but titles and filler: keep every word
        return Identity(_fold_all(text), False)
    return identity


def _fold_all(text: str) -> str:
    return "-".join(w for w in (_fold(t) for t in _words(text)) if w)


def key_of(name: str) -> str:
    """The claimant key of ``name`` alone, with no document or store to resolve a surname."""
    return identify(name).key


def people(names: Iterable[str]) -> dict[str, str]:
    """Surname -> person key for the named (not lone-surname) people among ``names``.

    A surname two different people share maps to nothing: "Shoigu" then stays "shoigu".
    """
    found: dict[str, set[str]] = {}
    for name in names:
        who = identify(name)
        if who.person and not who.lone_surname:
            found.setdefault(who.surname, set()).add(who.key)
    return {surname: next(iter(keys)) for surname, keys in found.items() if len(keys) == 1}


def resolve(names: Iterable[str], stored: Mapping[str, str] | None = None) -> dict[str, str]:
    """Each name's key within one document: a lone surname is the person of that surname
    named in the document, else the one stored person (``stored``: surname -> key)."""
    names = list(names)
    in_document = people(names)
    keys = {}
    for name in names:
        who = identify(name)
        key = who.key
        if who.lone_surname:
            key = in_document.get(who.surname) or (stored or {}).get(who.surname) or key
        keys[name] = key
    return keys
