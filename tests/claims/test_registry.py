"""The party registry: every country and people, by any name a text or a user gives it."""

from __future__ import annotations

import pytest

from claims.registry import PARTIES, party_info, party_named, party_suggestions, party_words
from claims.vocab import ClaimantSide, Party


@pytest.mark.parametrize(
    ("words", "party"),
    [
        ("North Korea", "north_korea"),
        ("DPRK", "north_korea"),
        ("north_korea", "north_korea"),
        ("North Korean", "north_korea"),
        ("Pyongyang", "north_korea"),
        ("the Kremlin", "russia"),
        ("Kremlin", "russia"),
        ("Wagner", "russia"),
        ("Hezbollah", "lebanon"),
        ("Hamas", "palestine"),
        ("Gaza", "palestine"),
        ("the Pentagon", "usa"),
        ("U.S.", "usa"),
        ("IDF", "israel"),
        ("Kyiv's", "ukraine"),
        ("Democratic Republic of the Congo", "dr_congo"),
        ("DRC", "dr_congo"),
        ("Burma", "myanmar"),
        ("Chechens", "chechnya"),
        ("Soviet", "ussr"),
        ("the Soviet Union", "ussr"),
        ("Britain", "uk"),
        ("both sides", "both"),
        ("US-led coalition", "coalition"),
        ("Côte d'Ivoire", "ivory_coast"),
        ("Bosnia-Herzegovina", "bosnia"),
    ],
)
def test_any_name_demonym_capital_institution_or_group_names_its_party(
    words: str, party: str
) -> None:
    assert party_named(words) == party


@pytest.mark.parametrize(
    ("words", "party"),
    [
        ("Peshmerga", "iraq"),
        ("Erbil", "iraq"),
        ("SDF", "syria"),
        ("YPG", "syria"),
        ("Kurds", "kurdistan"),
    ],
)
def test_a_regions_forces_are_the_country_they_fight_in_and_its_people_a_people(
    words: str, party: str
) -> None:
    assert party_named(words) == party


def test_words_that_name_no_party_give_none() -> None:
    assert party_named("Narnia") is None
    assert party_named("") is None
    assert party_named("the") is None


def test_every_un_member_state_and_the_special_values_are_registered() -> None:
    historical = {key for key, info in PARTIES.items() if info.historical}
    assert {"ussr", "yugoslavia", "east_germany"} <= historical
    assert {"both", "coalition", "palestine", "chechnya", "kurdistan"} <= set(PARTIES)
    # 193 members, plus Palestine, Kosovo, Taiwan, the Vatican and the peoples and specials
    assert len([info for info in PARTIES.values() if not info.historical]) >= 193 + 4


def test_a_partys_info_says_its_display_name_and_whose_side_its_officials_speak_for() -> None:
    korea = party_info("north_korea")
    assert korea is not None
    assert korea.name == "North Korea"
    assert "dprk" in korea.names
    assert korea.side == ClaimantSide.OTHER
    sides = {key: PARTIES[key].side for key in ("russia", "ukraine", "usa", "uk", "poland")}
    assert sides == {
        "russia": ClaimantSide.RUSSIA,
        "ukraine": ClaimantSide.UKRAINE,
        "usa": ClaimantSide.USA,
        "uk": ClaimantSide.UK,
        "poland": ClaimantSide.EU_STATE,
    }
    assert PARTIES["norway"].side == ClaimantSide.NATO
    assert party_info("narnia") is None


def test_party_words_are_longest_first_with_their_kind() -> None:
    rows = party_words()
    lengths = [len(phrase) for phrase, _, _ in rows]
    assert lengths == sorted(lengths, reverse=True)
    assert ("hezbollah", Party.LEBANON, "group") in rows
    assert ("pyongyang", Party.NORTH_KOREA, "capital") in rows
    assert ("the kremlin", Party.RUSSIA, "institution") in rows
    assert {kind for _, _, kind in rows} == {"name", "demonym", "capital", "institution", "group"}
    assert all(phrase == phrase.lower() for phrase, _, _ in rows)


def test_no_phrase_names_two_parties() -> None:
    phrases = [phrase for phrase, _, _ in party_words()]
    assert len(phrases) == len(set(phrases))


def test_a_misspelt_party_gets_the_closest_registered_ones() -> None:
    assert party_suggestions("ukrane")[0] == "ukraine"
    assert party_suggestions("north kora")[0] == "north_korea"
    assert party_suggestions("zzzz") == []


def test_a_party_is_an_open_key_compared_by_value() -> None:
    read_back = Party("".join(["rus", "sia"]))
    assert read_back == Party.RUSSIA
    assert read_back.value == "russia"
    assert Party("north_korea") in {Party.NORTH_KOREA}
    assert f"{Party.USSR}" == "ussr"
    for bad in ("North Korea", "north-korea", "", "russia_", "1944"):
        with pytest.raises(ValueError, match="not a party key"):
            Party(bad)


# the 193 member states as the United Nations lists them
UN_MEMBERS = """
Afghanistan; Albania; Algeria; Andorra; Angola; Antigua and Barbuda; Argentina; Armenia;
Australia; Austria; Azerbaijan; Bahamas; Bahrain; Bangladesh; Barbados; Belarus; Belgium;
Belize; Benin; Bhutan; Bolivia; Bosnia and Herzegovina; Botswana; Brazil; Brunei; Bulgaria;
Burkina Faso; Burundi; Cabo Verde; Cambodia; Cameroon; Canada; Central African Republic; Chad;
Chile; China; Colombia; Comoros; Congo; Costa Rica; Côte d'Ivoire; Croatia; Cuba; Cyprus;
Czechia; Democratic People's Republic of Korea; Democratic Republic of the Congo; Denmark;
Djibouti; Dominica; Dominican Republic; Ecuador; Egypt; El Salvador; Equatorial Guinea;
Eritrea; Estonia; Eswatini; Ethiopia; Fiji; Finland; France; Gabon; Gambia; Georgia; Germany;
Ghana; Greece; Grenada; Guatemala; Guinea; Guinea-Bissau; Guyana; Haiti; Honduras; Hungary;
Iceland; India; Indonesia; Iran; Iraq; Ireland; Israel; Italy; Jamaica; Japan; Jordan;
Kazakhstan; Kenya; Kiribati; Kuwait; Kyrgyzstan; Laos; Latvia; Lebanon; Lesotho; Liberia;
Libya; Liechtenstein; Lithuania; Luxembourg; Madagascar; Malawi; Malaysia; Maldives; Mali;
Malta; Marshall Islands; Mauritania; Mauritius; Mexico; Micronesia; Moldova; Monaco; Mongolia;
Montenegro; Morocco; Mozambique; Myanmar; Namibia; Nauru; Nepal; Netherlands; New Zealand;
Nicaragua; Niger; Nigeria; North Macedonia; Norway; Oman; Pakistan; Palau; Panama;
Papua New Guinea; Paraguay; Peru; Philippines; Poland; Portugal; Qatar; Republic of Korea;
Romania; Russian Federation; Rwanda; Saint Kitts and Nevis; Saint Lucia;
Saint Vincent and the Grenadines; Samoa; San Marino; Sao Tome and Principe; Saudi Arabia;
Senegal; Serbia; Seychelles; Sierra Leone; Singapore; Slovakia; Slovenia; Solomon Islands;
Somalia; South Africa; South Sudan; Spain; Sri Lanka; Sudan; Suriname; Sweden; Switzerland;
Syrian Arab Republic; Tajikistan; Thailand; Timor-Leste; Togo; Tonga; Trinidad and Tobago;
Tunisia; Turkey; Turkmenistan; Tuvalu; Uganda; Ukraine; United Arab Emirates; United Kingdom;
United Republic of Tanzania; United States of America; Uruguay; Uzbekistan; Vanuatu;
Venezuela; Viet Nam; Yemen; Zambia; Zimbabwe
"""


def test_every_un_member_state_is_a_party_by_its_un_name() -> None:
    members = [" ".join(m.split()) for m in UN_MEMBERS.split(";")]
    assert len(members) == 193
    found = {m: party_named(m) for m in members}
    assert [m for m, party in found.items() if party is None] == []
    assert len(set(found.values())) == 193
