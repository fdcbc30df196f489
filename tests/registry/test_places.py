"""Places: zones without a point get a GeoNames town when their own words name ONE town, never a guess."""

import csv

import pytest

from sezatlas.registry.bundled import load_bundled_registry, merged_zones
from sezatlas.registry.bundled_rows import zone_from_row
from sezatlas.registry.country_land import LAND_TOLERANCE_KM, distance_to_country_land_km
from sezatlas.registry.places import PlacementReport, place_zones, town_names
from sezatlas.standard.codelists import data_path
from sezatlas.standard.zone import Zone

BUNDLED = merged_zones()[0]
PLACED, REPORT = place_zones(BUNDLED)
BY_ID = {zone.zone_id: zone for zone in PLACED}
BEFORE = {zone.zone_id: zone for zone in BUNDLED}


def _row(file: str, zone_id: str) -> Zone:
    with data_path("zones", file).open(encoding="utf-8") as f:
        row = next(row for row in csv.DictReader(f) if row["zone_id"] == zone_id)
    return zone_from_row(row, file, "2026-12")


def _place_one(zone: Zone) -> PlacementReport:
    return place_zones([zone])[1]


@pytest.mark.parametrize(
    ("zone_id", "geonames_id", "place", "words"),
    [
        ("BRA-007", 3393001, "Parnaíba", "locality"),  # Piauí; not Santana de Parnaíba, São Paulo
        ("ETH-017", 341397, "Burē", "locality"),  # "Bure", Amhara
        ("CHN-ETDZ-085", 1806096, "Jiaozhou", "the place in its Chinese name (jiaozhou)"),  # 胶州, Shandong
        (
            "CHN-ETDZ-116",
            1800498,
            "Mingshui",
            "the place in its Chinese name (mingshui)",
        ),  # not Heilongjiang's
        ("CHN-ETDZ-221", 1785462, "Zaoyang", "the place in its Chinese name (zaoyang)"),  # 枣阳, Hubei
        ("CHN-ETDZ-222", 1808977, "Hanchuan", "the place in its Chinese name (hanchuan)"),  # 汉川, Hubei
    ],
)
def test_a_zone_naming_one_town_of_its_province_is_placed_on_it(
    zone_id: str, geonames_id: int, place: str, words: str
) -> None:
    assert BEFORE[zone_id].location.latitude is None
    location = BY_ID[zone_id].location
    assert (location.geonames_id, location.geonames_place) == (geonames_id, place)
    assert location.coordinate_precision == "approximate"
    assert location.coordinate_method == (
        f"GeoNames city {place} (geonameid {geonames_id}) matched on {words} + admin1 by SEZ Atlas"
    )


def test_a_town_found_by_a_geonames_alternate_name_says_so() -> None:
    method = BY_ID["CHN-ETDZ-175"].location.coordinate_method  # 武清: the seat of Wuqing district
    assert method == (
        "GeoNames city Yangcun (geonameid 1787646, alternate name wuqing) matched on the place in its "
        "Chinese name (wuqing) + admin1 by SEZ Atlas"
    )


def test_a_town_unique_in_a_country_is_placed_without_a_province_and_says_so() -> None:
    assert BY_ID["UGA-003"].location.coordinate_method == (
        "GeoNames city Jinja (geonameid 233114) matched on locality (the only city of that name in the "
        "country) by SEZ Atlas"
    )


def test_a_placed_point_carries_its_own_provenance() -> None:
    provenance = BY_ID["BRA-007"].field_provenance["latitude"]
    assert provenance == BY_ID["BRA-007"].field_provenance["longitude"]
    assert provenance.source_urls == ["https://www.geonames.org/3393001"]
    assert "GeoNames cities15000" in (provenance.source_citation or "") and provenance.as_of
    assert provenance.confidence == "low"


def test_a_town_two_cities_of_the_province_bear_is_refused_with_both_candidates() -> None:
    lesnoy = _row("ru_tor.csv", "RUS-TOR-043")  # Lesnoy, Sverdlovsk Oblast: GeoNames has two
    report = _place_one(lesnoy)
    assert not report.placed and [refusal.zone_id for refusal in report.ambiguous] == ["RUS-TOR-043"]
    assert {candidate.geonames_id for candidate in report.ambiguous[0].candidates} == {829005, 6853140}
    assert "RUS-TOR-043" in {refusal.zone_id for refusal in REPORT.ambiguous}


def test_a_zone_spread_over_several_named_towns_is_not_put_on_one_of_them() -> None:
    aktau = _row("kz_sez.csv", "KAZ-002")  # "Aktau; Zhanaozen; Munaily, Karakiyan and Tupkaragan districts"
    assert {c.name for c in _place_one(aktau).ambiguous[0].candidates} == {"Aktau", "Zhanaozen"}


@pytest.mark.parametrize(
    "zone_id",
    [
        "NGA-009",  # "Ibeju-Lekki, about 60 km east of central Lagos": not Lagos
        "NGA-010",  # "Lagos (near Lekki port)": near a town is not in it
        "NGA-011",  # no locality: never the state capital
        "RUS-IP-010",  # "Krasnodar Industrial Park", no locality: never the region centre of its name
        "THA-001",  # a province, no town
        "ETH-015",  # "between Lake Langano and Lake Abiyata"
    ],
)
def test_a_zone_whose_words_name_no_town_it_is_in_stays_unplaced(zone_id: str) -> None:
    assert BY_ID[zone_id].location.latitude is None
    assert zone_id in {refusal.zone_id for refusal in REPORT.not_found}


def test_town_names_are_read_from_the_locality_and_not_from_relative_or_area_words() -> None:
    turkistan = _row("kz_sez.csv", "KAZ-013")  # "Turkistan city; industrial site in Kentau"
    assert town_names(turkistan)[0] == ("Turkistan city", "Turkistan")
    karaganda = _row("kz_sez.csv", "KAZ-007")  # "Karaganda city and adjacent Bukhar-Zhyrau district"
    assert town_names(karaganda) == [("Karaganda",)]
    assert town_names(_row("ng_free_zones.csv", "NGA-010")) == []


def test_at_least_80_percent_of_zones_have_a_point_each_with_method_and_precision() -> None:
    with_point = [zone for zone in PLACED if zone.location.latitude is not None]
    assert len(with_point) / len(PLACED) >= 0.80
    for zone in with_point:
        assert zone.location.coordinate_precision in ("site", "approximate"), zone.zone_id
        assert zone.location.coordinate_method, zone.zone_id
    assert len(REPORT.placed) + len(REPORT.ambiguous) + len(REPORT.not_found) == sum(
        1 for zone in BUNDLED if zone.location.latitude is None
    )


def test_placing_leaves_zones_with_a_point_unchanged() -> None:
    for zone_id, zone in BEFORE.items():
        if zone.location.latitude is not None:
            assert BY_ID[zone_id] == zone


def test_kish_lies_within_the_documented_tolerance_of_irans_coarse_coastline() -> None:
    kish = BY_ID["IRN-001"].location
    assert kish.latitude is not None and kish.longitude is not None
    off_by = distance_to_country_land_km(kish.latitude, kish.longitude, "IRN")
    assert off_by is not None and 15 < off_by <= LAND_TOLERANCE_KM  # the island is missing at 1:50m


def test_every_point_lies_on_its_own_countrys_land_within_the_tolerance() -> None:
    for zone in PLACED:
        latitude, longitude = zone.location.latitude, zone.location.longitude
        if latitude is not None and longitude is not None:
            off_by = distance_to_country_land_km(latitude, longitude, zone.country_iso3)
            assert off_by is not None and off_by <= LAND_TOLERANCE_KM, (zone.zone_id, off_by)


def test_a_point_in_another_country_is_far_off_its_land() -> None:
    off_by = distance_to_country_land_km(-23.55, -46.63, "RUS")  # São Paulo is not in Russia
    assert off_by is not None and off_by > 1000
    assert distance_to_country_land_km(-23.55, -46.63, "BRA") == 0.0


def test_the_bundled_registry_is_served_placed() -> None:
    served = load_bundled_registry()
    assert served.placement is not None and served.placement.placed == REPORT.placed
    assert {zone.zone_id: zone.location for zone in served.zones} == {
        zone_id: zone.location for zone_id, zone in BY_ID.items()
    }
