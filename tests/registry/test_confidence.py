"""Confidence is earned per fact by the rule of docs/registry.md ("Confidence"), on the real bundled rows."""

import pytest

from sezatlas.registry.bundled import load_bundled_registry
from sezatlas.registry.bundled_rows import CorrectionOutOfDateError, zone_from_row
from sezatlas.registry.confidence import assess, is_official, read_flags
from sezatlas.standard.codes import Confidence, ZoneStatus
from sezatlas.standard.zone import Zone

BY_ID = {zone.zone_id: zone for zone in load_bundled_registry().zones}


def fact_confidence(zone: Zone, column: str) -> Confidence | None:
    """A fact's own confidence where it has one, else the record's."""
    entry = zone.field_provenance.get(column)
    return entry.confidence if entry else zone.provenance.confidence


@pytest.mark.parametrize(
    "zone_id",
    ["ARE-022", "BRA-012", "BRA-013", "BRA-014", "BRA-015", "IND-016", "IND-017", "IND-018",
     "RUS-009", "RUS-031", "RUS-035"],
)  # fmt: skip
def test_a_row_whose_notes_record_a_doubt_is_low(zone_id: str) -> None:
    assert BY_ID[zone_id].provenance.confidence == Confidence.LOW


def test_a_scoped_doubt_makes_that_fact_low_too() -> None:
    assert fact_confidence(BY_ID["RUS-009"], "zone_type") == Confidence.LOW  # [doubtful type]
    assert fact_confidence(BY_ID["RUS-031"], "year_established") == Confidence.LOW  # [doubtful year]


@pytest.mark.parametrize("zone_id", ["RUS-001", "RUS-002", "RUS-003", "RUS-004", "RUS-005", "RUS-006"])
def test_verified_for_type_and_year_makes_only_type_and_year_high(zone_id: str) -> None:
    zone = BY_ID[zone_id]
    assert fact_confidence(zone, "zone_type") == Confidence.HIGH
    assert fact_confidence(zone, "year_established") == Confidence.HIGH
    assert zone.provenance.confidence == Confidence.MEDIUM
    assert fact_confidence(zone, "status") == Confidence.MEDIUM


@pytest.mark.parametrize("zone_id", ["IND-001", "IND-004", "IND-005"])
def test_verified_for_existence_makes_only_the_zone_name_high(zone_id: str) -> None:
    zone = BY_ID[zone_id]
    assert fact_confidence(zone, "name_en") == Confidence.HIGH
    assert zone.provenance.confidence == Confidence.MEDIUM
    assert fact_confidence(zone, "status") == Confidence.MEDIUM


def test_a_single_source_row_is_below_a_multi_source_row() -> None:
    single = BY_ID["RUS-039"]  # [single-source], kommersant.ru only
    several = BY_ID["RUS-007"]  # kommersant.ru and kp.ru
    assert single.provenance.confidence == Confidence.LOW
    assert several.provenance.confidence == Confidence.MEDIUM


def test_one_official_source_is_enough_for_medium() -> None:
    assert BY_ID["ARE-M-001"].provenance.confidence == Confidence.MEDIUM  # [single-source, official]
    assert is_official("https://adilet.zan.kz/rus/docs/U010000645_")
    assert is_official("https://kek.go.id") and is_official("https://dlp.dubai.gov.ae/x")
    assert not is_official("https://www.kommersant.ru/doc/8442434")


def test_two_pages_of_one_site_are_one_source() -> None:
    urls = ["https://dzen.ru/a/1", "https://dzen.ru/a/2"]
    assert assess(urls, None, "").record == Confidence.LOW


@pytest.mark.parametrize(
    ("zone_id", "column"),
    [("RUS-004", "name_en"), ("RUS-007", "admin1"), ("EGY-002", "notes"), ("ARE-016", "notes")],
)
def test_a_fact_from_general_knowledge_is_unverified(zone_id: str, column: str) -> None:
    entry = BY_ID[zone_id].field_provenance[column]
    assert entry.confidence == Confidence.UNVERIFIED
    assert "general knowledge" in (entry.source_citation or "")
    assert entry.source_urls == []


def test_the_general_legal_basis_of_the_new_files_is_unverified_not_sourced() -> None:
    tor = BY_ID["RUS-TOR-001"]
    assert tor.regime.legal_regime and "473-FZ" in tor.regime.legal_regime
    assert tor.field_provenance["legal_regime"].confidence == Confidence.UNVERIFIED
    assert "general legal basis" in (tor.field_provenance["legal_regime"].source_citation or "")


def test_a_zone_list_with_one_source_is_low() -> None:
    assert BY_ID["CHN-ETDZ-001"].provenance.confidence == Confidence.LOW


def test_derived_isic_codes_are_never_surer_than_their_row() -> None:
    assert fact_confidence(BY_ID["IND-016"], "isic_codes") == Confidence.LOW
    assert fact_confidence(BY_ID["RUS-001"], "isic_codes") == Confidence.MEDIUM


def test_flags_name_the_facts_they_are_about() -> None:
    flags = read_flags("[single-source, doubtful status] x [verified-2 for date and regions]")
    assert flags.is_single_source and flags.has_doubt
    assert flags.doubted == {"status"}
    assert flags.verified == {"year_established", "admin1"}


def test_listed_is_not_operational() -> None:
    for zone_id in ["IDN-021", "IDN-022", "IDN-023", "IDN-024", "IDN-025"]:
        assert BY_ID[zone_id].status == ZoneStatus.APPROVED, zone_id


def test_an_early_2000s_status_carries_its_own_date() -> None:
    kandla = BY_ID["IND-001"]
    assert kandla.status_detail == "operational (as reported in early-2000s sources)"
    assert kandla.field_provenance["status"].as_of == "2000"
    assert kandla.provenance.as_of == "2026-11"


@pytest.mark.parametrize(
    ("zone_id", "label"),
    [("SAU-001", "Regulator: ECZA"), ("SAU-004", "Regulator: ECZA"),
     ("RUS-039", "Investor (per the governor): AFK Sistema"),
     ("BRA-010", "Land holder of the new site: Imetame")],
)  # fmt: skip
def test_a_regulator_investor_or_land_holder_is_not_the_operator(zone_id: str, label: str) -> None:
    zone = BY_ID[zone_id]
    assert zone.operator is None
    assert label in (zone.notes or "")


def test_a_correction_refuses_to_move_a_value_the_file_no_longer_holds() -> None:
    row = {"zone_id": "SAU-001", "country_iso3": "SAU", "name_en": "KAEC SEZ", "zone_type": "SEZ",
           "operator": "Someone else", "source_urls": "https://example.org/a"}  # fmt: skip
    with pytest.raises(CorrectionOutOfDateError, match="ECZA"):
        zone_from_row(row, "brics_zones_registry.csv", "2026-11")


def test_a_year_in_a_doubt_is_context_but_a_verified_year_is_the_year() -> None:
    assert read_flags("[verified-2 for 2015]").verified == {"year_established"}
    assert read_flags("operational [doubtful: 2024 draft decree on pharmaceutical zones]").doubted == set()


def test_a_point_says_how_it_was_obtained_and_a_town_centroid_is_low() -> None:
    alabuga = BY_ID["RUS-001"].field_provenance["latitude"]
    assert "GeoNames 468082" in (alabuga.source_citation or "") and alabuga.confidence == Confidence.LOW
    kek = BY_ID["IDN-002"].field_provenance["latitude"]
    assert "KEK boundary polygon" in (kek.source_citation or "") and kek.confidence == Confidence.MEDIUM


def test_an_admin1_derived_from_geonames_says_so() -> None:
    admin1 = BY_ID["CHN-HTZ-046"].field_provenance["admin1"]
    assert "derived from the GeoNames admin1 code" in (admin1.source_citation or "")
