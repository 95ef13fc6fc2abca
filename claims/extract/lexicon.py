"""The words news text uses for casualty metrics, the people counted, parties and sources.

Everything here is vocabulary, not logic: which words say "killed" or "fled", which nouns count
people (and which count tanks, days or rubles), which places name a party (its names, demonyms
and capitals are the party registry's), and which words mark a source as a government, an
alliance, the UN or an independent observer.
"""

from __future__ import annotations

import re

from claims.vocab import ClaimantSide, Metric, Party


def words(text: str) -> frozenset[str]:
    """A word list written as one string, as a set."""
    return frozenset(text.split())


__all__ = [
    "AGGRESSION",
    "ANAPHORA",
    "COMBINED",
    "DEATH_WORDS",
    "GENERIC_LOSS",
    "HURT_WORDS",
    "METRIC_CUES",
    "NOT_PEOPLE",
    "OFFICIAL_NOUNS",
    "PEOPLE",
    "PERSON_SIDES",
    "PLACES",
    "PLACE_NOUNS",
    "SIDE_CUES",
    "STOPWORDS",
    "words",
]

# killed and wounded named together are casualties ("killed or wounded", "dead, wounded and
# prisoners", "either died or were left wounded"): a chain of casualty words
_CHAIN_WORD = r"killed|dead|died|deaths?|fatalities|wounded|injured|prisoners|captured|missing"
COMBINED = re.compile(
    rf"\b(?:{_CHAIN_WORD})\b(?:(?:[\s,]+(?:and|or|either|were|was|been|have|had|left|&|badly"
    r"|seriously|severely|critically|lightly))*"
    rf"[\s,]+(?:{_CHAIN_WORD})\b)+"
    r"|\bkilled\s+in\s+action\s+(?:or|and)\s+wounded\b"
)
DEATH_WORDS = re.compile(r"\b(?:killed|dead|died|deaths?|fatalities)\b")
HURT_WORDS = re.compile(r"\b(?:wounded|injured)\b")

# each metric's words, tried in this order; the nearest match to a figure wins
METRIC_CUES: list[tuple[Metric, re.Pattern[str]]] = [
    (Metric.CASUALTIES, re.compile(r"\bcasualt(?:y|ies)\b(?!\s+(?:update|figures?\s+coming))")),
    (
        Metric.KILLED,
        re.compile(
            r"\b(?:killed|killing|kia|dead|deaths?|died|die|fatalities|fatality|martyrs?|martyred"
            r"|lost\s+(?:their|his|her)\s+lives"
            r"|perished|slain|lives|death\s+toll|bodies|victims|fallen|eliminated|liquidated)\b"
        ),
    ),
    (
        Metric.WOUNDED,
        re.compile(r"\b(?:wounded|wounding|injured|injuring|injuries|wounds|wia)\b"),
    ),
    (
        Metric.CAPTURED,
        re.compile(
            r"\b(?:captured|(?<!former\s)(?<!ex-)prisoners?(?:\s+of\s+war)?|pows?|detained"
            r"|detainees|captives?|imprisoned"
            r"|hostages?|surrender(?:ed)?|captivity|laid\s+down\s+their\s+arms|taken\s+prisoner"
            r"|abducted|abductees|kidnapped|held\s+(?:captive|hostage|prisoner|by|in)|still\s+held"
            r"|taken\s+(?:hostage|captive)|swap(?:s|ped|ping)?)\b"
        ),
    ),
    (Metric.MISSING, re.compile(r"\b(?:missing|mia|unaccounted)\b")),
    (
        Metric.FLED,
        re.compile(
            r"\b(?:refugees?|fled(?!\s+to\s+\w+'s\s+border)|fleeing|exodus|emigrated"
            r"|left\s+(?:the\s+country|russia|ukraine|their\s+country|home)"
            r"|(?:have|had|has)\s+(?:entered|crossed\s+into|arrived\s+in)"
            r"|entered\s+(?:that|the)\s+country|crossed\s+(?:into|the\s+border)|flooded\s+into"
            r"|(?:moved|gone)\s+abroad|(?:sought|seeking|seek|found|taken)\s+(?:asylum|refuge"
            r"\s+(?:abroad|in\s+(?:europe|other\s+countries|neighbou?ring\s+countries))))\b"
        ),
    ),
    (
        Metric.DISPLACED,
        re.compile(r"\b(?:displaced|idps?|forced\s+from\s+their\s+homes|homeless)\b"),
    ),
    (
        Metric.MOBILIZED,
        re.compile(r"\b(?:mobili[sz]ed|called\s+up|drafted|conscripted|mobili[sz]ation\s+of)\b"),
    ),
    (
        Metric.DEPLOYED,
        re.compile(
            r"\b(?:invasion\s+(?:force|army|troops|contingent|source|power)s?|fielded|deployed"
            r"|amassed|massed|stationed|dispatched|(?:taking|take|takes|took)\s+part\s+in"
            r"|participating\s+in"
            r"|sent(?=\s+(?:\w+\s+){0,2}?[\d,.]+\s+(?:\w+\s+)?"
            r"(?:troops|soldiers|servicemen|fighters|personnel|men)\s+(?:to|into)\b)"
            r"|sent\s+(?:to|into)\s+(?:the\s+)?[“\"]?(?:front(?:\s*lines?)?"
            r"|combat|war\s+zone|special\s+military\s+operation|battle|fight))\b|-strong\b"
        ),
    ),
]

# "losses", "lost", "toll": killed when the text speaks of deaths only, casualties otherwise
GENERIC_LOSS = re.compile(r"\b(?:losses|loss|lost|losing|toll|tally|cost|costing)\b")

# nouns that count people (a figure followed by one of these is about people)
PEOPLE = words(
    """troops troop soldiers soldier servicemen servicemembers personnel military men women
    children people persons individuals civilians residents fighters militants militiamen
    combatants mercenaries convicts prisoners pows captives hostages refugees reservists
    conscripts recruits draftees martyrs victims patients others servicemembers sailors airmen
    marines officers police volunteers workers staff members elderly infants babies boys girls
    russians ukrainians americans palestinians israelis syrians germans iraqis yemenis sudanese
    ethiopians tigrayans georgians belarusians afghans nazis dead wounded killed injured
    missing captured detained who rebels insurgents guerrillas jihadists terrorists gunmen
    separatists partisans paratroopers defenders guardsmen policemen militia abductees
    servicepeople servicewomen villagers inhabitants protesters demonstrators students pupils
    passengers farmers citizens nationals guards occupiers"""
)

# nouns that count something else: a figure followed by one of these is not a casualty figure
NOT_PEOPLE = re.compile(
    r"^(?:[\s-]*(?:per\s*cent|percent|%|pc\b|years?|months?|weeks?|days?|hours?|minutes?"
    r"|decades?|centuries|times|-fold|fold|km|kilomet(?:re|er)s?|miles?|metres?|meters?"
    r"|rubles?|roubles?|dollars?|euros?|pounds?|hryvnias?|usd|eur|tanks?|aircraft|planes?"
    r"|jets?|helicopters?|drones?|missiles?|rockets?|shells?|ships?|vessels?|vehicles?"
    r"|guns?|hospitals?|regions?|villages?|towns?|cities|countries|nations|sides|officials?"
    r"|diplomats?|tonnes?|tons?|square|sq|-year|-month|-day|-hour|-week)\b|['’]s?\b|s\b|[%$€£])",
    re.IGNORECASE,
)

# words after a figure that neither name what it counts nor rule it out
STOPWORDS = words(
    """have has had were was are is been be being will would could can may might should shall
    in on at to of from since by for with as during over after before until into across
    through throughout among amid between and or but that which whom whose while when where
    according so far now then alone total overall more other regular the a an their its his
    her our them this these those each per still also already just only reportedly
    respectively estimated"""
)

# "the rest", "of these": a sentence that goes on counting the previous figure's people
ANAPHORA = re.compile(
    r"^(?:the\s+rest|of\s+(?:these|them|those|this\s+(?:figure|number|total))|among\s+(?:them"
    r"|those|these)|most\s+of\s+them|of\s+the\s+total)\b",
    re.IGNORECASE,
)

# places whose people belong to a party (used for civilians and people, not for soldiers)
PLACES: dict[str, Party] = {
    "west bank": Party.PALESTINE, "gaza strip": Party.PALESTINE, "rafah": Party.PALESTINE,
    "khan younis": Party.PALESTINE, "donbas": Party.UKRAINE, "donbass": Party.UKRAINE,
    "kharkiv": Party.UKRAINE, "mariupol": Party.UKRAINE, "bakhmut": Party.UKRAINE,
    "chernihiv": Party.UKRAINE, "kherson": Party.UKRAINE, "odesa": Party.UKRAINE,
    "zaporizhzhia": Party.UKRAINE, "aleppo": Party.SYRIA, "damascus": Party.SYRIA,
    "homs": Party.SYRIA, "khartoum": Party.SUDAN, "darfur": Party.SUDAN, "mosul": Party.IRAQ,
    "baghdad": Party.IRAQ, "sanaa": Party.YEMEN, "aden": Party.YEMEN,
}  # fmt: skip

# a party word followed by one of these names a place, not the people counted
PLACE_NOUNS = re.compile(
    r"^\s+(?:city|cities|region|regions|village|villages|town|towns|capital|territory"
    r"|territories|border|borders|soil|land|province|oblast|side\s+of\s+the\s+border)\b",
    re.IGNORECASE,
)

# a party named as the one doing harm: "Russia's invasion", "the Israeli aggression"
AGGRESSION = re.compile(
    r"^(?:['’]s|-led|-backed)?\s+(?:(?:army|forces|military|troops)(?:['’]s)?\s+)?"
    r"(?:full-scale\s+|ongoing\s+|occupation\s+)*"
    r"(?:(?:air|drone|missile|rocket|artillery|mortar|naval|aerial|military)\s+)?"
    r"(?:invasion|aggression|occupation|attacks?|strikes?|offensive|siege|bombardment|shelling"
    r"|airstrikes?|air\s+raids?|raids?|bombings?|invaded|attacked|shelled|bombed|launched"
    r"|fired)\b"
    r"|^\s+(?:missiles?|rockets?|drones?|jets?|warplanes?|artillery|shells?|bombs?)\s+(?:have\s+)?"
    r"(?:hit|struck|killed|pounded)\b",
    re.IGNORECASE,
)

# nouns that make a party word part of a source's name rather than the people counted
OFFICIAL_NOUNS = re.compile(
    r"^(?:['’]s)?\s+(?:(?:defen[cs]e|health|foreign|interior)\s+)?(?:officials?|president"
    r"|minister|ministry|government|authorities|intelligence|spokes(?:man|woman|person)"
    r"|command|high\s+command|general\s+staff|observatory|diplomats?|estimates?|officers?"
    r"|leader|ambassador|envoy|sources?|media|state\s+media|prime\s+minister|chief)\b",
    re.IGNORECASE,
)

# words in a source's name or description that give its side, tried in this order
SIDE_CUES: list[tuple[ClaimantSide, re.Pattern[str]]] = [
    (
        ClaimantSide.INDEPENDENT,
        re.compile(
            r"\b(?:retired|retirement|former|ex-|\(ret\.?\)|observatory|memory\s+book|book"
            r"|institute|cent(?:re|er)\s+for|university|researchers?|analysts?|experts?"
            r"|historians?|watchdog|bbc|mediazona|meduza|reuters|associated\s+press|afp"
            r"|the\s+new\s+york\s+times|washington\s+post|the\s+economist|oryx|human\s+rights"
            r"\s+watch|amnesty|acled|iiss|isw|study|journalists?|monitors?|ngo|project"
            r"|database|independent|professor|scholar|lecturer|fellow|author|economist"
            r"|demographers?|statisticians?|blogger|correspondent|reporter|editor|red\s+cross"
            r"|red\s+crescent|icrc|msf|doctors\s+without\s+borders"
            r"|médecins\s+sans\s+frontières|save\s+the\s+children|oxfam|airwars|b['’]tselem"
            r"|doctors['’]?\s+(?:union|network|syndicate|committee)|medical\s+association"
            r"|network\s+for\s+human\s+rights|human\s+rights\s+(?:network|group|organi[sz]ation)"
            r"|memorial|ovd-info|uppsala|ucdp|lancet|journal|foundation|charity|newspaper"
            r"|outlet|magazine|broadcaster|news\s+agency|rights\s+group|(?-i:Post|Times|Herald"
            r"|Gazette|Tribune|Pravda|Gazeta|Telegraph|Guardian|Insider|Monitor|News))\b",
            re.IGNORECASE,
        ),
    ),
    (
        ClaimantSide.UN,
        re.compile(
            r"\b(?:UN|U\.N\.?|UN[A-Z]{2,6}|OHCHR|HRMMU|IOM|OCHA|WHO)\b|(?i:\b(?:united\s+nations"
            r"|high\s+commissioner|world\s+health\s+organi[sz]ation|international\s+organi[sz]ation"
            r"\s+for\s+migration|world\s+food\s+programme|office\s+for\s+the\s+coordination\s+of"
            r"\s+humanitarian\s+affairs)\b)"
        ),
    ),
    (
        ClaimantSide.NATO,
        re.compile(
            r"(?i:\b(?:nato|north\s+atlantic\s+treaty\s+organi[sz]ation|alliance|norway|norwegian"
            r"|western\s+(?:officials?|intelligence|diplomats?|governments?|estimates?)"
            r"|canada|canadian|turkey|turkish|iceland|albania|montenegro|north\s+macedonia)\b)"
        ),
    ),
    (
        ClaimantSide.USA,
        re.compile(
            r"\b(?:US|U\.S\.?|USA)(?![\w.])|(?i:\b(?:american|americans|united\s+states|pentagon"
            r"|cia|white\s+house|washington|state\s+department|joint\s+chiefs|congressional"
            r"|biden|trump|defense\s+intelligence\s+agency)\b)"
        ),
    ),
    (
        ClaimantSide.UK,
        re.compile(
            r"\b(?:UK|U\.K\.|MOD|MoD)(?![\w.])|(?i:\b(?:british|britain|united\s+kingdom"
            r"|downing\s+street|whitehall|gchq|mi6|churchill)\b)"
        ),
    ),
    (
        ClaimantSide.RUSSIA,
        re.compile(
            r"\b(?:russian|russia|russia's|moscow|kremlin|soviet|wagner|tass|ria)\b",
            re.IGNORECASE,
        ),
    ),
    (
        ClaimantSide.UKRAINE,
        re.compile(r"\b(?:ukrainian|ukraine|ukraine's|kyiv|kiev|zelensky[y]?)\b", re.IGNORECASE),
    ),
    (
        ClaimantSide.EU_STATE,
        re.compile(
            r"\bEU\b|(?i:\b(?:european|france|french|germany|german|italy|italian|poland|polish"
            r"|estonia|estonian|latvia|latvian|lithuania|lithuanian|netherlands|dutch|belgium"
            r"|belgian|spain|spanish|sweden|swedish|finland|finnish|denmark|danish|czech"
            r"|slovakia|slovak|romania|romanian|bulgaria|bulgarian|hungary|hungarian|austria"
            r"|austrian|ireland|irish|portugal|portuguese|greece|greek|croatia|croatian"
            r"|slovenia|luxembourg|malta|cyprus)\b)"
        ),
    ),
    (
        ClaimantSide.OTHER,
        re.compile(
            r"\b(?:georgia|georgian|kazakhstan|kazakh|palestinian|gaza|hamas|israel|israeli"
            r"|syrian|syria|iran|iranian|china|chinese|belarus|belarusian|turkey|sudan"
            r"|sudanese|ethiopia|ethiopian|iraq|iraqi|yemen|yemeni|houthis?"
            r"|rebels?|militants?|insurgents?|militias?)\b",
            re.IGNORECASE,
        ),
    ),
]

# people often quoted by surname alone, and the side they speak for
PERSON_SIDES: dict[str, ClaimantSide] = {
    "zelensky": ClaimantSide.UKRAINE, "zelenskyy": ClaimantSide.UKRAINE,
    "zaluzhnyi": ClaimantSide.UKRAINE, "syrskyi": ClaimantSide.UKRAINE,
    "budanov": ClaimantSide.UKRAINE, "reznikov": ClaimantSide.UKRAINE,
    "umerov": ClaimantSide.UKRAINE, "kuleba": ClaimantSide.UKRAINE,
    "podolyak": ClaimantSide.UKRAINE, "lubinets": ClaimantSide.UKRAINE,
    "putin": ClaimantSide.RUSSIA, "shoigu": ClaimantSide.RUSSIA, "peskov": ClaimantSide.RUSSIA,
    "lavrov": ClaimantSide.RUSSIA, "konashenkov": ClaimantSide.RUSSIA,
    "gerasimov": ClaimantSide.RUSSIA, "rudskoy": ClaimantSide.RUSSIA,
    "prigozhin": ClaimantSide.RUSSIA, "belousov": ClaimantSide.RUSSIA,
    "medvedev": ClaimantSide.RUSSIA, "kadyrov": ClaimantSide.RUSSIA,
    "biden": ClaimantSide.USA, "milley": ClaimantSide.USA, "austin": ClaimantSide.USA,
    "burns": ClaimantSide.USA, "kirby": ClaimantSide.USA, "blinken": ClaimantSide.USA,
    "sullivan": ClaimantSide.USA, "brown": ClaimantSide.USA, "cavoli": ClaimantSide.USA,
    "wallace": ClaimantSide.UK, "heappey": ClaimantSide.UK, "healey": ClaimantSide.UK,
    "stoltenberg": ClaimantSide.NATO, "rutte": ClaimantSide.NATO,
    "guterres": ClaimantSide.UN, "turk": ClaimantSide.UN, "türk": ClaimantSide.UN,
    "grandi": ClaimantSide.UN,
    "leyen": ClaimantSide.EU_STATE, "borrell": ClaimantSide.EU_STATE,
    "kallas": ClaimantSide.EU_STATE,
}  # fmt: skip
