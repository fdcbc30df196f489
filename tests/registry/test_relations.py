"""Relations between bundled zones and the defects of merging they fixed, pinned on the named rows.

Issue 23 named them: a later file dropped the earlier file's notes (IDN-001…), a precise site point kept
the old town's GeoNames reference (IDN-002…), parts were counted as wholes (CHN-027…, EGY-015…), rows a
source calls "may be the same" stood unlinked (ARE-022, IND-L-009), and partner countries were missing.
"""

import pytest
from sqlalchemy import Engine

from sezatlas.registry.bundled import load_bundled_registry
from sezatlas.registry.reference import countries_for
from sezatlas.registry.zone_relations import possibly_same_zones, zone_parts
from sezatlas.standard.codelists import BRICS_MEMBERS
from sezatlas.standard.membership import BricsRelation, brics_membership, countries_with
from sezatlas.store.database import transaction
from sezatlas.store.zones import get_zone, parts_of

REGISTRY = load_bundled_registry()
BY_ID = {zone.zone_id: zone for zone in REGISTRY.zones}
PARTNERS = {"BLR", "BOL", "KAZ", "CUB", "MYS", "THA", "UGA", "UZB", "NGA", "VNM"}


def test_the_registry_covers_at_least_880_zones_in_20_countries() -> None:
    assert len(REGISTRY.zones) >= 880
    assert len({zone.country_iso3 for zone in REGISTRY.zones}) >= 20
    assert {zone.country_iso3 for zone in REGISTRY.zones} >= PARTNERS


@pytest.mark.parametrize(
    "zone_id", ["IDN-001", "IDN-002", "IDN-003", "IDN-005", "IDN-017", "IDN-019", "IDN-020"]
)
def test_a_later_file_keeps_the_earlier_files_notes_each_marked_by_its_file(zone_id: str) -> None:
    notes = BY_ID[zone_id].notes or ""
    assert notes.startswith("[brics_zones_registry.csv] ") and " [id_kek.csv] " in notes


def test_the_earlier_notes_survive_word_for_word() -> None:
    assert "PP 29/2012 (27 Feb 2012), first KEK" in (BY_ID["IDN-001"].notes or "")
    assert "271 ha planned (2018)." in (BY_ID["IDN-017"].notes or "")


@pytest.mark.parametrize(
    "zone_id",
    ["IDN-002", "IDN-003", "IDN-004", "IDN-005", "IDN-006", "IDN-007", "IDN-008", "IDN-016", "IDN-017",
     "IDN-020"],
)  # fmt: skip
def test_a_site_point_from_a_later_file_drops_the_old_towns_geonames_reference(zone_id: str) -> None:
    location = BY_ID[zone_id].location
    assert location.coordinate_precision == "site"
    assert location.geonames_id is None and location.geonames_place is None


def test_an_approximate_point_keeps_its_geonames_town() -> None:
    alabuga = BY_ID["RUS-001"].location
    assert alabuga.coordinate_precision == "approximate" and alabuga.geonames_id is not None


@pytest.mark.parametrize(
    ("part", "whole"),
    [("CHN-027", "CHN-026"), ("CHN-028", "CHN-026"), ("CHN-029", "CHN-026"),
     ("EGY-015", "EGY-014"), ("EGY-016", "EGY-014"), ("EGY-017", "EGY-014"), ("EGY-018", "EGY-014"),
     ("RUS-TOR-051", "RUS-TOR-050"), ("RUS-TOR-052", "RUS-TOR-050"),
     ("RUS-TOR-059", "RUS-TOR-061"), ("RUS-TOR-060", "RUS-TOR-061")],
)  # fmt: skip
def test_parts_name_their_whole(part: str, whole: str) -> None:
    assert BY_ID[part].parent_zone_id == whole
    assert BY_ID[whole].parent_zone_id is None


@pytest.mark.parametrize(
    ("one", "other"),
    [("ARE-022", "ARE-008"), ("IND-L-009", "IND-011"), ("IND-L-029", "IND-002"), ("ETH-002", "ETH-003")],
)
def test_rows_that_may_be_the_same_zone_stay_apart_and_name_each_other(one: str, other: str) -> None:
    assert other in BY_ID[one].possibly_same_as and one in BY_ID[other].possibly_same_as
    assert BY_ID[one].parent_zone_id is None and BY_ID[other].parent_zone_id is None


def test_bole_lemi_phases_are_not_a_whole_and_its_part() -> None:
    """Neither phase row is the whole park, so neither is the other's parent."""
    assert BY_ID["ETH-002"].parent_zone_id is None and BY_ID["ETH-003"].parent_zone_id is None


def test_every_zone_the_relation_files_name_is_in_the_registry_with_its_evidence() -> None:
    for link in [*zone_parts(), *possibly_same_zones()]:
        assert link.zone_id in BY_ID and link.other_id in BY_ID, link
        assert link.evidence and link.source, link


def test_membership_is_data_members_partners_and_the_invited() -> None:
    assert set(countries_with(BricsRelation.PARTNER)) == PARTNERS
    assert set(BRICS_MEMBERS) == {"BRA", "RUS", "IND", "CHN", "ZAF", "EGY", "ETH", "IRN", "ARE", "IDN"}
    assert brics_membership()["SAU"].relation == BricsRelation.INVITED
    assert brics_membership()["IDN"].since == "2025-01-06" and brics_membership()["VNM"].since == "2025-06-13"
    assert all(entry.source_url.startswith("https://") for entry in brics_membership().values())


def test_countries_carry_their_relation_and_only_members_count_as_members() -> None:
    by_iso3 = {entry.iso3: entry for entry in countries_for(["KAZ", "LKA"])}
    assert by_iso3["KAZ"].brics_relation == "partner" and not by_iso3["KAZ"].is_brics_member
    assert by_iso3["SAU"].brics_relation == "invited" and not by_iso3["SAU"].is_brics_member
    assert by_iso3["ZAF"].brics_since == "2010" and by_iso3["ZAF"].is_brics_member
    assert by_iso3["LKA"].brics_relation is None and by_iso3["LKA"].brics_source_url is None


def test_the_store_keeps_parts_and_possible_duplicates(bundled_engine: Engine) -> None:
    with transaction(bundled_engine) as session:
        are_022 = get_zone(session, "ARE-022")
        assert are_022 is not None and are_022.possibly_same_as == ["ARE-008"]
        assert [part.zone_id for part in parts_of(session, "CHN-026")] == ["CHN-027", "CHN-028", "CHN-029"]
