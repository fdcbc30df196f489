"""What the recommender reads from each participant: codes with their evidence, zones and index terms.

Declared codes count fully; codes read from free text (`text.codes_in_text`) count with the weight of
the source that found them; a zone operator's zones bring their specialisations, and a listed zone
brings the sectors the participant is looking at.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

from sezatlas.congress.matching.codes import UnknownCodeError, divisions, parse_code
from sezatlas.congress.matching.text import Mention, codes_in_text, index_terms
from sezatlas.congress.model import Participant

DECLARED = 1.0


@dataclass(frozen=True)
class Profile:
    """What the scorer reads from one participant: codes with their evidence, zones, index terms."""

    participant: Participant
    needs: Mapping[str, Mention]
    offers: Mapping[str, Mention]
    specialisations: Mapping[str, str]  # ISIC code → an operated zone specialised in it
    interests: Mapping[str, str]  # ISIC code → a listed zone specialised in it
    need_terms: tuple[tuple[str, str], ...]
    offer_terms: tuple[tuple[str, str], ...]

    @cached_property
    def activity(self) -> dict[str, Mention]:
        """What the participant works in: its needs and offers together."""
        merged = dict(self.needs)
        for code, mention in self.offers.items():
            if code not in merged or merged[code].weight < mention.weight:
                merged[code] = mention
        return merged

    @cached_property
    def divisions(self) -> frozenset[str]:
        codes = [*self.needs, *self.offers, *self.specialisations]
        return frozenset(d for code in codes for d in divisions(code))


def zone_specialisations(zones: Mapping[str, Sequence[str]] | None) -> dict[str, tuple[str, ...]]:
    """The caller's zone → ISIC codes mapping ("2930" or "ISIC:2930"), checked and made canonical."""
    result: dict[str, tuple[str, ...]] = {}
    for zone_id, codes in (zones or {}).items():
        keys = []
        for code in codes:
            try:
                keys.append(parse_code(code if ":" in code else f"ISIC:{code}"))
            except UnknownCodeError as error:
                raise ValueError(f"zone {zone_id}: {error}") from error
        result[zone_id] = tuple(keys)
    return result


def build_profiles(
    participants: Sequence[Participant], zones: Mapping[str, tuple[str, ...]]
) -> list[Profile]:
    read: dict[str, dict[str, Mention]] = {}  # the same text is read once per call

    def mentions(text: str) -> dict[str, Mention]:
        if text not in read:
            read[text] = codes_in_text(text)
        return read[text]

    return [_profile(p, zones, mentions) for p in participants]


def _profile(
    p: Participant, zones: Mapping[str, tuple[str, ...]], mentions: Callable[[str], dict[str, Mention]]
) -> Profile:
    def side(declared: Sequence[str], text: str) -> dict[str, Mention]:
        found: dict[str, Mention] = dict(mentions(text))
        for raw in declared:
            try:
                code = parse_code(raw)
            except UnknownCodeError as error:
                raise ValueError(f"participant {p.participant_id}: {error}") from error
            found[code] = Mention(code, DECLARED, "")
        return found

    def zone_codes(zone_ids: Sequence[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for zone_id in sorted(zone_ids):  # a code two zones share is told with the first zone id
            for code in zones.get(zone_id, ()):
                found.setdefault(code, zone_id)
        return found

    return Profile(
        participant=p,
        needs=side(p.need_codes, p.need_text),
        offers=side(p.offer_codes, p.offer_text),
        specialisations=zone_codes(p.operated_zones),
        interests=zone_codes(p.zones_of_interest),
        need_terms=tuple(index_terms(p.need_text)),
        offer_terms=tuple(index_terms(p.offer_text)),
    )
