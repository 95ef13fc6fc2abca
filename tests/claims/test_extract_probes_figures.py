"""Probes of figures, whose people, metric, hedge, dates and windows.

Short passages written for these tests in the styles news about wars comes in (wire copy,
translated text, analysis, live blogs, UN and NGO reports, ministry statements), each with the
claims the annotation convention says should come out, or none where the figure is money,
equipment, a percentage, a ratio, an age, a projection or a hypothetical. A probe the extractor
still gets wrong is marked xfail with the kind of language and why.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from claims.extract.extractor import extract
from claims.model import Claim

TUESDAY = date(2024, 5, 14)
NONE = "none"


@dataclass(frozen=True)
class Want:
    """One claim a probe should yield; side, as_of and period are checked when given."""

    metric: str
    party: str
    population: str
    low: int | None
    high: int | None
    qualifier: str
    side: str | None = None
    as_of: date | str | None = None  # a date, "YYYY-MM" for a month, or NONE
    period: tuple[date, date] | None = None


def probe(text: str, *wants: Want, published: date = TUESDAY, fails: str = "") -> object:
    marks = [pytest.mark.xfail(strict=True, reason=fails)] if fails else []
    return pytest.param(text, published, wants, marks=marks, id=text[:60])


def key(claim: Claim | Want) -> tuple[str, str, int | None, int | None]:
    if isinstance(claim, Want):
        return (claim.metric, claim.party, claim.low, claim.high)
    return (str(claim.metric), str(claim.party), claim.low, claim.high)


def details(claim: Claim, want: Want) -> dict[str, object]:
    got: dict[str, object] = {
        "population": str(claim.population),
        "qualifier": str(claim.qualifier),
    }
    if want.side is not None:
        got["side"] = str(claim.claimant_side)
    if want.as_of == NONE:
        got["as_of"] = claim.as_of
    elif isinstance(want.as_of, str):
        got["as_of"] = claim.as_of.isoformat()[:7] if claim.as_of else None
    elif want.as_of is not None:
        got["as_of"] = claim.as_of
    if want.period is not None:
        got["period"] = (claim.period_start, claim.period_end)
    return got


def expected(want: Want) -> dict[str, object]:
    wanted: dict[str, object] = {"population": want.population, "qualifier": want.qualifier}
    if want.side is not None:
        wanted["side"] = want.side
    if want.as_of is not None:
        wanted["as_of"] = None if want.as_of == NONE else want.as_of
    if want.period is not None:
        wanted["period"] = want.period
    return wanted


def run_probe(text: str, published: date, wants: tuple[Want, ...]) -> None:
    # Vague quantities may come out without a figure; they never count.
    got = [c for c in extract(text, published, "The Wire") if c.low or c.high]
    assert sorted(map(key, got), key=str) == sorted(map(key, wants), key=str)
    by_key = {key(c): c for c in got}
    for want in wants:
        assert details(by_key[key(want)], want) == expected(want), key(want)


W = Want
D = date

PARTIES = [
    probe(
        "South Korea's spy agency said about 1,100 North Korean soldiers had been killed or"
        " wounded in the Kursk region.",
        W("casualties", "north_korea", "military", 1100, 1100, "approx", "other"),
    ),
    probe(
        "In Afghanistan, 2,459 American service members were killed between 2001 and 2021.",
        W("killed", "usa", "military", 2459, 2459, "exact", "independent", NONE),
    ),
    probe(
        "At least 150,000 people have been killed in Sudan's war since April 2023, according to"
        " US envoy Tom Perriello.",
        W("killed", "sudan", "mixed", 150000, None, "at_least", "usa"),
        fails="whose people: the place named with the war ('in Sudan's war') loses to the"
        " side of the claimant ('US envoy')",
    ),
    probe(
        "The war in Afghanistan cost the United States 2,459 soldiers killed.",
        W("killed", "usa", "military", 2459, 2459, "exact"),
    ),
    probe(
        "Israel's army said it had killed more than 2,500 Hezbollah fighters in Lebanon.",
        W("killed", "lebanon", "military", 2500, None, "at_least", "other"),
    ),
    probe(
        "At least 6,000 civilians have been killed by Myanmar's junta since the coup, the"
        " Assistance Association for Political Prisoners said.",
        W("killed", "myanmar", "civilian", 6000, None, "at_least", "independent"),
    ),
    probe(
        "Some 7 million people are displaced inside DR Congo, the UN refugee agency said on"
        " Tuesday.",
        W("displaced", "dr_congo", "civilian", 7000000, 7000000, "approx", "un"),
    ),
    probe(
        "An estimated 300,000 people died in Burundi's civil war, which ran from 1993 to 2005.",
        W("killed", "burundi", "mixed", 300000, 300000, "approx", "independent", NONE),
    ),
    probe(
        "Rights groups say up to 25,000 civilians died in Chechnya during the second war.",
        W("killed", "chechnya", "civilian", None, 25000, "at_most", "independent"),
    ),
    probe(
        "The UN mission in Afghanistan documented 3,774 Afghan civilian deaths in 2021.",
        W(
            "killed",
            "afghanistan",
            "civilian",
            3774,
            3774,
            "exact",
            "un",
            NONE,
            (D(2021, 1, 1), D(2021, 12, 31)),
        ),
    ),
    probe(
        "Researchers at Ghent University estimate that as many as 600,000 civilians died in"
        " Ethiopia's Tigray war.",
        W("killed", "ethiopia", "civilian", None, 600000, "at_most", "independent"),
    ),
    probe(
        "The Houthi-run health ministry said 1,200 Yemeni civilians were killed by Saudi-led"
        " air strikes.",
        W("killed", "yemen", "civilian", 1200, 1200, "exact", "other"),
    ),
    probe(
        "More than 2 million people have fled Sudan to neighbouring countries, the UNHCR said.",
        W("fled", "sudan", "civilian", 2000000, None, "at_least", "un"),
    ),
    probe(
        "Gaza's health ministry said on Tuesday that 35,091 Palestinians had been killed.",
        W("killed", "palestine", "mixed", 35091, 35091, "exact", "other", D(2024, 5, 14)),
    ),
    probe(
        "About 3,500 Syrian civilians were killed in Syria last year, the Syrian Observatory"
        " for Human Rights said.",
        W(
            "killed",
            "syria",
            "civilian",
            3500,
            3500,
            "approx",
            "independent",
            NONE,
            (D(2023, 1, 1), D(2023, 12, 31)),
        ),
    ),
]

LISTS = [
    probe(
        "Kyiv said 1,200 Russian soldiers and 300 Ukrainian civilians were killed in the"
        " offensive.",
        W("killed", "russia", "military", 1200, 1200, "exact", "ukraine"),
        W("killed", "ukraine", "civilian", 300, 300, "exact", "ukraine"),
    ),
    probe(
        "In the clashes, 45 Israeli soldiers and 600 Hamas fighters were killed, the Israeli"
        " army said.",
        W("killed", "israel", "military", 45, 45, "exact"),
        W("killed", "palestine", "military", 600, 600, "exact"),
    ),
    probe(
        "The ministry said 3,100 government soldiers, 4,000 rebels and 900 foreign fighters"
        " died in Syria in 2013.",
        W(
            "killed",
            "syria",
            "military",
            3100,
            3100,
            "exact",
            "other",
            NONE,
            (D(2013, 1, 1), D(2013, 12, 31)),
        ),
        W(
            "killed",
            "syria",
            "military",
            4000,
            4000,
            "exact",
            "other",
            NONE,
            (D(2013, 1, 1), D(2013, 12, 31)),
        ),
        W(
            "killed",
            "syria",
            "military",
            900,
            900,
            "exact",
            "other",
            NONE,
            (D(2013, 1, 1), D(2013, 12, 31)),
        ),
    ),
    probe(
        "The battle left 2,000 Syrian troops, 1,500 Iranian militiamen and 800 Russian"
        " contractors dead, the observatory said.",
        W("killed", "syria", "military", 2000, 2000, "exact"),
        W("killed", "iran", "military", 1500, 1500, "exact"),
        W("killed", "russia", "military", 800, 800, "exact"),
    ),
    probe(
        "The fighting killed 30 Ukrainian soldiers and wounded 120 others, the brigade said.",
        W("killed", "ukraine", "military", 30, 30, "exact"),
        W("wounded", "ukraine", "military", 120, 120, "exact"),
    ),
]

CAPTIVITY = [
    probe(
        "Russia released 75 Ukrainian prisoners of war in an exchange mediated by the United"
        " Arab Emirates, Ukraine's coordination headquarters said.",
        W("captured", "ukraine", "military", 75, 75, "exact", "ukraine"),
    ),
    probe(
        "In Friday's swap Kyiv brought home 95 Ukrainian servicemen and handed 95 Russian"
        " soldiers back to Moscow.",
        W("captured", "ukraine", "military", 95, 95, "exact"),
        W("captured", "russia", "military", 95, 95, "exact"),
        fails="prisoner swaps: the second figure ('handed N back') has no captivity word of"
        " its own and does not take the first's",
    ),
    probe(
        "Hamas freed 105 Israeli hostages during the week-long truce, the Israeli government said.",
        W("captured", "israel", "civilian", 105, 105, "exact", "other"),
    ),
    probe(
        "Israel said 1,200 people were killed in the October 7 attack, and 251 were taken hostage.",
        W("killed", "israel", "mixed", 1200, 1200, "exact", "other", D(2023, 10, 7)),
        W("captured", "israel", "civilian", 251, 251, "exact", "other", D(2023, 10, 7)),
    ),
]

HISTORY = [
    probe(
        "Russia lost some 15,000 soldiers in Afghanistan between 1979 and 1989.",
        W("killed", "ussr", "military", 15000, 15000, "approx", "independent", NONE),
    ),
    probe(
        "The Soviet Union lost about 26,000 men killed in the Winter War with Finland.",
        W("killed", "ussr", "military", 26000, 26000, "approx"),
    ),
    probe(
        "Moscow lost 14,000 troops in Afghanistan in the 1980s, a fraction of its losses in"
        " Ukraine.",
        W("killed", "ussr", "military", 14000, 14000, "exact"),
    ),
]

WORDS = [
    probe(
        "The French foreign ministry said 40 French citizens were killed in Israel.",
        W("killed", "france", "civilian", 40, 40, "exact", "eu_state"),
    ),
    probe(
        "Russian shelling killed 12 Ukrainian border guards on Tuesday, Kyiv said.",
        W("killed", "ukraine", "military", 12, 12, "exact", "ukraine", TUESDAY),
    ),
    probe(
        "Over the past day Ukraine's defence forces eliminated 780 Russian occupiers, the"
        " General Staff said.",
        W("killed", "russia", "military", 780, 780, "exact", "ukraine"),
    ),
    probe(
        "The army said it had liquidated 45 militants in the operation, Pakistan's army said.",
        W("killed", "pakistan", "military", 45, 45, "exact", "other"),
    ),
]

COMBINED = [
    probe(
        "The ministry said 1,500 Ukrainian soldiers were dead, missing or badly injured.",
        W("casualties", "ukraine", "military", 1500, 1500, "exact"),
    ),
    probe(
        "British intelligence estimated that 450,000 Russian troops had been killed or wounded.",
        W("casualties", "russia", "military", 450000, 450000, "exact", "uk"),
    ),
    probe(
        "Some 70,000 Russian soldiers were killed or injured around Bakhmut, US officials said.",
        W("casualties", "russia", "military", 70000, 70000, "approx", "usa"),
    ),
    probe(
        "Russia lost 1,270 troops over the past day, Ukraine's General Staff said.",
        W("casualties", "russia", "military", 1270, 1270, "exact", "ukraine"),
    ),
    probe(
        "Ukraine has lost 31,000 soldiers killed since the invasion, President Zelensky said.",
        W("killed", "ukraine", "military", 31000, 31000, "exact", "ukraine"),
    ),
]

NOT_CLAIMS = [
    probe("The UN estimates that 25 million people in Sudan need humanitarian aid."),
    probe("Some 2,000 tanks and 4,000 armoured vehicles have been destroyed, Kyiv said."),
    probe("The army said 1 in 5 of its soldiers had been wounded."),
    probe("Ukraine plans to mobilise up to 500,000 more troops, Zelensky said."),
    probe("The death toll is expected to rise above 1,000 as rescuers search the rubble."),
    probe("Casualties could top 100,000 by summer if the offensive continues, analysts warned."),
    probe(
        "Men aged 18 to 60 may not leave Ukraine, where 300,000 reservists were called up.",
        W("mobilized", "ukraine", "military", 300000, 300000, "exact"),
    ),
    probe("Russia has lost 12,500 armoured personnel carriers and 370 aircraft, Kyiv said."),
    probe("Kyiv said it shot down 600 Shahed drones and destroyed 150 troop transports."),
    probe("The army took delivery of 40 infantry fighting vehicles and 300 troop carriers."),
    probe("For every 10 Russian soldiers killed, one Ukrainian soldier dies, the commander said."),
    probe("Analysts put the ratio of Russian to Ukrainian soldiers killed at 5 to 1."),
    probe("Civilian deaths rose 30 percent in May from April, the UN monitoring mission said."),
    probe(
        "Nearly 40% of the Ukrainian soldiers killed were over 40, the study found.",
    ),
    probe("A 19-year-old soldier and a 45-year-old medic were killed in the strike."),
    probe("Kyiv predicted that Russian losses will approach 1 million by the end of the year."),
    probe("Should the war go on, the death toll could reach 10,000 civilians, the WHO warned."),
    probe(
        "If the offensive continues, as many as 50,000 more people could be displaced, the UN"
        " warned."
    ),
    probe("Hundreds of Ukrainian soldiers were killed in the assault, the brigade said."),
    probe("Tens of thousands of Sudanese have fled across the border into Chad."),
    probe(
        "The US approved $61 billion in aid for Ukraine, where 10,500 civilians have been"
        " killed, the UN said.",
        W("killed", "ukraine", "civilian", 10500, 10500, "exact", "un"),
    ),
    probe(
        "Shelling hit the city of 400,000 people; 12 civilians were killed, the Ukrainian"
        " mayor said.",
        W("killed", "ukraine", "civilian", 12, 12, "exact"),
    ),
]

HEDGES = [
    probe(
        "The death toll in Kharkiv was over 40 on Tuesday, Ukraine's governor said.",
        W("killed", "ukraine", "mixed", 40, None, "at_least", "ukraine", TUESDAY),
    ),
    probe(
        "The number of Ukrainian civilians killed exceeds 10,000, the UN said.",
        W("killed", "ukraine", "civilian", 10000, None, "at_least", "un"),
    ),
    probe(
        "Russian military deaths have topped 50,000, the BBC's count shows.",
        W("killed", "russia", "military", 50000, None, "at_least", "independent"),
    ),
    probe(
        "The tally of Russian soldiers killed has surpassed 100,000, Mediazona said.",
        W("killed", "russia", "military", 100000, None, "at_least", "independent"),
    ),
    probe(
        "Upwards of 3,000 civilians have been killed in Sudan's Darfur region, the UN said.",
        W("killed", "sudan", "civilian", 3000, None, "at_least", "un"),
    ),
    probe(
        "Some 4,000 Ukrainian soldiers have been killed in the fight for the town, Kyiv said.",
        W("killed", "ukraine", "military", 4000, 4000, "approx"),
    ),
    probe(
        "In the vicinity of 8,000 Russian troops were killed near Avdiivka, a US official said.",
        W("killed", "russia", "military", 8000, 8000, "approx", "usa"),
    ),
    probe(
        "Roughly 6,000 Russian soldiers were killed in the assault, Ukraine's army said.",
        W("killed", "russia", "military", 6000, 6000, "approx", "ukraine"),
    ),
    probe(
        "Nearly 500 Ukrainian children have been killed, Ukraine's prosecutors said.",
        W("killed", "ukraine", "civilian", 500, 500, "approx", "ukraine"),
    ),
    probe(
        "Up to 300 Russian soldiers were killed in the missile strike, Kyiv said.",
        W("killed", "russia", "military", None, 300, "at_most", "ukraine"),
    ),
    probe(
        "As many as 1,000 North Korean troops have died in Russia's war, Seoul said.",
        W("killed", "north_korea", "military", None, 1000, "at_most"),
    ),
    probe(
        "Between 20,000 and 30,000 Russian soldiers were killed in Bakhmut, US officials said.",
        W("killed", "russia", "military", 20000, 30000, "range", "usa"),
    ),
    probe(
        "The UN said 5,000 to 7,000 civilians were killed in Ukraine's Mariupol.",
        W("killed", "ukraine", "civilian", 5000, 7000, "range", "un"),
    ),
    probe(
        "Kyiv says 60-70 Russian soldiers were killed overnight near the river.",
        W("killed", "russia", "military", 60, 70, "range", "ukraine"),
    ),
    probe(
        "Officials believe 70 or 80,000 Russian troops have been killed, the analyst said.",
        W("killed", "russia", "military", 70000, 80000, "range"),
    ),
]

NUMBERS = [
    probe(
        "Over 6 million Ukrainians have sought refuge in Europe, UNHCR says.",
        W("fled", "ukraine", "civilian", 6000000, None, "at_least", "un"),
    ),
    probe(
        "Russia has lost 50,000+ soldiers killed, the BBC found.",
        W("killed", "russia", "military", 50000, None, "at_least", "independent"),
    ),
    probe(
        "An estimated 20,000 to 25,000 soldiers of the Ethiopian army died in the war.",
        W("killed", "ethiopia", "military", 20000, 25000, "range"),
    ),
    probe(
        "Russia has lost 518k troops killed or wounded, Kyiv says.",
        W("casualties", "russia", "military", 518000, 518000, "exact", "ukraine"),
    ),
    probe(
        "1.2 million Russian soldiers have been killed or wounded, US officials estimate.",
        W("casualties", "russia", "military", 1200000, 1200000, "exact", "usa"),
    ),
    probe(
        "A quarter of a million Russian soldiers have been killed or wounded, the Pentagon said.",
        W("casualties", "russia", "military", 250000, 250000, "exact", "usa"),
    ),
    probe(
        "60 thousand Ukrainian refugees have crossed into Poland, the UN refugee agency said.",
        W("fled", "ukraine", "civilian", 60000, 60000, "exact", "un"),
    ),
    probe(
        "Two dozen civilians were killed in the strike on Kharkiv, Ukraine's governor said.",
        W("killed", "ukraine", "civilian", 24, 24, "exact"),
    ),
]

WINDOWS = [
    probe(
        "In the first half of 2019, 1,366 Afghan civilians were killed, UNAMA said.",
        W(
            "killed",
            "afghanistan",
            "civilian",
            1366,
            1366,
            "exact",
            "un",
            NONE,
            (D(2019, 1, 1), D(2019, 6, 30)),
        ),
    ),
    probe(
        "Between 2014 and 2021, about 14,400 people were killed in the Donbas conflict.",
        W(
            "killed",
            "ukraine",
            "mixed",
            14400,
            14400,
            "approx",
            "independent",
            NONE,
            (D(2014, 1, 1), D(2021, 12, 31)),
        ),
    ),
    probe(
        "Over the weekend, 35 Palestinians were killed in Gaza, the health ministry said on"
        " Sunday.",
        W("killed", "palestine", "mixed", 35, 35, "exact", "other", D(2024, 5, 12)),
    ),
    probe(
        "In November alone, 45,000 Russian troops were killed or wounded, Kyiv said.",
        W(
            "casualties",
            "russia",
            "military",
            45000,
            45000,
            "exact",
            "ukraine",
            NONE,
            (D(2024, 11, 1), D(2024, 11, 30)),
        ),
        published=D(2024, 12, 10),
    ),
    probe(
        "In 2023, 1,900 Ukrainian civilians were killed, the UN monitoring mission said.",
        W(
            "killed",
            "ukraine",
            "civilian",
            1900,
            1900,
            "exact",
            "un",
            NONE,
            (D(2023, 1, 1), D(2023, 12, 31)),
        ),
    ),
    probe(
        "Last year 2,000 civilians were killed in Myanmar, the rights group said.",
        W(
            "killed",
            "myanmar",
            "civilian",
            2000,
            2000,
            "exact",
            "independent",
            NONE,
            (D(2023, 1, 1), D(2023, 12, 31)),
        ),
    ),
    probe(
        "Between March 3 and 5, 120 Palestinians were killed in Gaza, the health ministry said.",
        W(
            "killed",
            "palestine",
            "mixed",
            120,
            120,
            "exact",
            "other",
            NONE,
            (D(2024, 3, 3), D(2024, 3, 5)),
        ),
    ),
    probe(
        "Ukraine's General Staff said 8,000 Russian soldiers were killed in the past week.",
        W("killed", "russia", "military", 8000, 8000, "exact", "ukraine"),
    ),
    probe(
        "Over ten years of war, 14,000 people were killed in Ukraine's Donbas, the UN said.",
        W("killed", "ukraine", "mixed", 14000, 14000, "exact", "un"),
    ),
    probe(
        "Since Friday, 40 civilians have been killed in Ukraine's Kharkiv region, the governor"
        " said.",
        W("killed", "ukraine", "civilian", 40, 40, "exact"),
    ),
    probe(
        "In the first 100 days of the war, 4,000 Ukrainian civilians were killed, the UN said.",
        W("killed", "ukraine", "civilian", 4000, 4000, "exact", "un"),
    ),
]

AS_OF = [
    probe(
        "Seventy Ukrainian soldiers were freed from Russian captivity on Thursday, Zelensky said.",
        W("captured", "ukraine", "military", 70, 70, "exact", "ukraine", D(2024, 5, 9)),
    ),
    probe(
        "Ukraine said it had captured more than 600 Russian soldiers in the Kursk region since"
        " August.",
        W("captured", "russia", "military", 600, None, "at_least", "ukraine", TUESDAY),
    ),
    probe(
        "As of Monday, 30,000 Russian soldiers had been killed, Ukraine's army said.",
        W("killed", "russia", "military", 30000, 30000, "exact", "ukraine", D(2024, 5, 13)),
    ),
    probe(
        "By the end of September, 11,000 civilians had been killed in Ukraine, the UN said.",
        W("killed", "ukraine", "civilian", 11000, 11000, "exact", "un", D(2024, 9, 30)),
        published=D(2024, 10, 8),
    ),
    probe(
        "On Tuesday, Gaza's health ministry said 35,000 Palestinians had been killed.",
        W("killed", "palestine", "mixed", 35000, 35000, "exact", "other", D(2024, 5, 14)),
    ),
    probe(
        "The UN said last month that 10,000 civilians had been killed in Ukraine.",
        W("killed", "ukraine", "civilian", 10000, 10000, "exact", "un", "2024-04"),
    ),
    probe(
        "Russia has lost 490,000 soldiers killed and wounded since February 2022, Kyiv says.",
        W("casualties", "russia", "military", 490000, 490000, "exact", "ukraine", TUESDAY),
    ),
]


@pytest.mark.parametrize(
    ("text", "published", "wants"),
    PARTIES
    + WORDS
    + LISTS
    + CAPTIVITY
    + HISTORY
    + COMBINED
    + NOT_CLAIMS
    + HEDGES
    + NUMBERS
    + WINDOWS
    + AS_OF,
)
def test_probe(text: str, published: date, wants: tuple[Want, ...]) -> None:
    run_probe(text, published, wants)
