"""A zone that names only a broader sector than the project's is a question, not a fit and not a misfit."""

from datetime import date

from sezatlas.siting.shortlist import rank_zones
from sezatlas.standard.project import ProjectProfile
from sezatlas.standard.zone import Zone

TODAY = date(2026, 11, 25)


def zone(zone_id: str, *codes: str) -> Zone:
    identity = {"zone_id": zone_id, "country_iso3": "BRA", "name_en": zone_id, "zone_type": "sez"}
    return Zone.model_validate({**identity, "specialisation": {"isic_codes": list(codes)}})


def test_a_manufacturing_zone_is_ranked_as_a_possible_match_to_confirm() -> None:
    zones = [zone("BRA-901", "2720"), zone("BRA-902", "C"), zone("BRA-903", "62"), zone("BRA-904", "2710")]
    batteries = ProjectProfile(name="Battery plant", isic_code="2720")
    shortlist = rank_zones(zones, batteries, today=TODAY, samples=0)
    ranked = {z.zone_id: z for z in shortlist.ranked}
    assert set(ranked) == {"BRA-901", "BRA-902", "BRA-903", "BRA-904"}  # nothing excluded, nothing held back
    assert shortlist.needs_confirmation_count == 0 and shortlist.excluded_count == 0
    assert shortlist.ranked[0].zone_id == "BRA-901"  # the exact match first
    possible = ranked["BRA-902"]
    assert possible.to_confirm == ["sector_fit"] and "sector_fit" not in possible.unknown
    assert any(line.startswith("Sector fit (ISIC): possible match") for line in possible.explanation)
    # Scored as the median of the stated fits (1, 0.5, 0): between the sibling class and the unrelated zone.
    assert ranked["BRA-904"].score >= possible.score > ranked["BRA-903"].score
    assert ranked["BRA-904"].to_confirm == []  # a sibling class is a stated, partial fit


def test_a_possible_match_never_scores_below_what_it_surely_shares() -> None:
    # Median of the stated fits is 0 (two unrelated zones): the division zone still scores its 0.5.
    zones = [zone("BRA-911", "29"), zone("BRA-912", "62"), zone("BRA-913", "62"), zone("BRA-914", "2910")]
    parts = ProjectProfile(name="Car parts", isic_code="2930")
    ranked = {z.zone_id: z for z in rank_zones(zones, parts, today=TODAY, samples=0).ranked}
    assert ranked["BRA-911"].to_confirm == ["sector_fit"]
    assert "scored 0.50 of 1" in ranked["BRA-911"].explanation[0]
    assert ranked["BRA-911"].score == ranked["BRA-914"].score > ranked["BRA-912"].score
