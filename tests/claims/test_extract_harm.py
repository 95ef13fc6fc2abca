"""The side doing harm is not the side whose people died, in sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from claims.extract.extractor import extract
from claims.extract.parties import Role, mentions

PUBLISHED = date(2024, 6, 5)


def party(text: str) -> str:
    [claim] = extract(text, PUBLISHED, "The Daily")
    return claim.party


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("At least 19 civilians died in Russian drone strikes on Odesa overnight.", "ukraine"),
        ("At least 19 civilians died in Israeli air raids on Sidon.", "lebanon"),
        (
            "At least 19 people died in Pakistani air strikes in Khost, the Taliban said.",
            "afghanistan",
        ),
        ("At least 19 civilians died in Russian missile attacks on Kharkiv.", "ukraine"),
    ],
)
def test_a_weapon_named_after_a_side_is_its_attack(text: str, expected: str) -> None:
    assert party(text) == expected


def test_a_side_leading_an_attack_is_the_attacker() -> None:
    assert party("At least 31 civilians died in Saudi-led air raids on Hodeidah, Yemen.") == "yemen"


def test_a_countrys_named_province_is_a_place() -> None:
    text = "Kyiv said 120 Russian soldiers were killed in Ukraine's Donetsk region."
    roles = {m.word: m.role for m in mentions(text)}
    assert roles["Ukraine"] is Role.PLACE
    assert party(text) == "russia"
