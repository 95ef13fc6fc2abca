"""Claims read from records (the seed, imports): any registered party by any of its names."""

from __future__ import annotations

import pytest

from claims.records import claim_from_record
from claims.vocab import Party

RECORD = {
    "metric": "killed",
    "population": "military",
    "low": 300,
    "high": 300,
    "qualifier": "exact",
    "claimant": "South Korea's National Intelligence Service",
    "claimant_side": "other",
    "kind": "estimated",
    "as_of": "2025-01-13",
}


@pytest.mark.parametrize(
    ("written", "party"),
    [
        ("north_korea", Party.NORTH_KOREA),
        ("North Korea", Party.NORTH_KOREA),
        ("Hezbollah", Party.LEBANON),
        ("chechnya", Party("chechnya")),
    ],
)
def test_a_records_party_is_a_key_or_any_registered_name(written: str, party: Party) -> None:
    assert claim_from_record({**RECORD, "party": written}).party == party


def test_a_party_key_not_yet_registered_is_kept_and_a_malformed_one_refused() -> None:
    assert claim_from_record({**RECORD, "party": "atlantis"}).party == "atlantis"
    with pytest.raises(ValueError, match="party: 'Atlantis!'"):
        claim_from_record({**RECORD, "party": "Atlantis!"})
