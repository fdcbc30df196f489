"""The bundled registry: every file loaded, every zone sourced, overlaps merged and reported."""

from collections import Counter

import pytest

from sezatlas.registry.bundled import ZONE_FILES, load_bundled_registry
from sezatlas.registry.etdz import english_name
from sezatlas.registry.harmonize import (
    UnknownZoneTypeError,
    isic_from_sectors,
    status_from_text,
    zone_type_from_label,
)
from sezatlas.standard.codes import ZoneStatus, ZoneType

REGISTRY = load_bundled_registry()
BY_ID = {zone.zone_id: zone for zone in REGISTRY.zones}


def test_every_bundled_zone_file_contributes_zones() -> None:
    datasets = Counter(part for zone in REGISTRY.zones for part in (zone.dataset or "").split("; "))
    assert {bundled.name for bundled in ZONE_FILES} == set(datasets)
    assert len(REGISTRY.zones) == 897  # 26 files; 116 rows merged into zones of earlier files


def test_every_zone_keeps_a_source_and_an_as_of_date() -> None:
    for zone in REGISTRY.zones:
        assert zone.provenance.source_urls or zone.provenance.source_citation, zone.zone_id
        assert zone.provenance.as_of, zone.zone_id


def test_zone_ids_shared_by_two_files_become_one_zone_with_both_sources() -> None:
    alabuga = BY_ID["RUS-001"]
    assert alabuga.dataset == "brics_zones_registry.csv; ru_sez.csv"
    assert len(alabuga.provenance.source_urls) == 4
    assert sum(1 for m in REGISTRY.merges if m.kept_id == "RUS-001") == 1


def test_suzhou_industrial_park_listed_twice_in_china_is_merged_and_reported() -> None:
    suzhou = [zone for zone in REGISTRY.zones if zone.name_local == "苏州工业园区"]
    assert len(suzhou) == 1
    assert "also listed as" in (suzhou[0].zone_type_label or "")
    assert any(m.merged_id == "CHN-ETDZ-021" and m.kept_id == suzhou[0].zone_id for m in REGISTRY.merges)


def test_approximate_points_are_marked_as_such() -> None:
    assert BY_ID["RUS-001"].location.coordinate_precision == "approximate"
    kek = next(zone for zone in REGISTRY.zones if zone.country_iso3 == "IDN" and zone.location.latitude)
    assert kek.location.coordinate_precision == "site"


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("SEZ (converted EPZ)", ZoneType.SEZ),
        ("ZPE (export processing zone)", ZoneType.EXPORT_PROCESSING_ZONE),
        ("FTZ area (片区)", ZoneType.FREE_TRADE_ZONE),
        ("Free Trade and Warehousing Zone (FTWZ)", ZoneType.FREE_ZONE),
        ("Integrated agro-industrial park (IAIP)", ZoneType.INDUSTRIAL_PARK),
        ("National high-tech industrial development zone (国家高新区)", ZoneType.HIGH_TECH_ZONE),
        ("KEK (tourism)", ZoneType.SEZ),
        ("Territory of advanced development (TOR/TOSER)", ZoneType.TERRITORY_OF_ADVANCED_DEVELOPMENT),
        ("industrial park", ZoneType.INDUSTRIAL_PARK),
        ("industrial technopark", ZoneType.TECHNOPARK),
        ("technopark (high technology)", ZoneType.TECHNOPARK),
        ("FEZ (free industrial economic zone)", ZoneType.SEZ),
        ("FEZ (pharmaceutical)", ZoneType.SEZ),
        ("special economic zone / industrial park (special legal regime)", ZoneType.SEZ),
        ("special border economic zone", ZoneType.SEZ),
        ("coastal economic zone", ZoneType.SEZ),
        ("special development zone (SEZ)", ZoneType.SEZ),
        ("free industrial zone + free commercial zone", ZoneType.FREE_ZONE),
        ("integrated free commercial and industrial zone", ZoneType.FREE_ZONE),
        ("free zone (developer licence)", ZoneType.FREE_ZONE),
        ("oil and gas free zone", ZoneType.FREE_ZONE),
        ("free trade zone", ZoneType.FREE_TRADE_ZONE),
        ("export processing zone", ZoneType.EXPORT_PROCESSING_ZONE),
        ("industrial and business park", ZoneType.INDUSTRIAL_PARK),
    ],
)
def test_national_zone_types_map_to_the_standard(label: str, expected: ZoneType) -> None:
    assert zone_type_from_label(label) == expected


def test_a_zone_type_no_rule_knows_is_an_error_not_a_guess() -> None:
    with pytest.raises(UnknownZoneTypeError):
        zone_type_from_label("Castle")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("operating, sub-optimal (2021 report)", ZoneStatus.OPERATIONAL),
        ("approved 2025; operations expected end-2026", ZoneStatus.APPROVED),
        ("proposed: draft creation resolution sent", ZoneStatus.PROPOSED),
        ("historic: infrastructure completed in the 1990s", ZoneStatus.INACTIVE),
        ("national-level (as listed by source)", None),
        ("", None),
    ],
)
def test_status_texts_map_to_codes_or_stay_unknown(text: str, expected: ZoneStatus | None) -> None:
    assert status_from_text(text) == expected


def test_sector_words_map_to_the_most_specific_isic_codes() -> None:
    assert isic_from_sectors("car components; petrochemicals") == ["29", "20"]
    assert isic_from_sectors("dairy; food") == ["1050"]  # 1050 is inside 10: the specific code is kept
    assert isic_from_sectors("lab-grown diamonds") == []  # no rule: unknown, not guessed


def test_etdz_english_names_are_transliterations_of_the_chinese_name() -> None:
    name, _method = english_name("上海金桥经济技术开发区", ("上海",))
    assert name == "Shanghai Jinqiao Economic and Technological Development Zone"
    assert "transliterated from name_zh with pypinyin" in (BY_ID["CHN-ETDZ-006"].notes or "")
