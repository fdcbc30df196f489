"""Computed logistics facts: great-circle distances from a zone's point, said to be computed, never over a
sourced fact."""

import math

from sezatlas.registry.bundled import load_bundled_registry
from sezatlas.registry.logistics import CITY_DISTANCE_KEY, is_computed, with_logistics
from sezatlas.standard.provenance import Provenance
from sezatlas.standard.zone import Zone

PLACED = {zone.zone_id: zone for zone in load_bundled_registry().zones}
ZONES = with_logistics(list(PLACED.values()))
BY_ID = {zone.zone_id: zone for zone in ZONES}


def _law_of_cosines_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """A hand check by another formula than the code's haversine (same mean radius, 6371.0088 km)."""
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    return 6371.0088 * math.acos(math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(dl))


def test_the_distance_to_the_nearest_port_matches_a_hand_computation() -> None:
    jiaozhou = BY_ID["CHN-ETDZ-085"]  # placed on GeoNames Jiaozhou, 36.28389 N 120.00333 E
    qingdao_port = (36.09583, 120.31702)  # Natural Earth Ports: "Qingdao"
    by_hand = _law_of_cosines_km(36.28389, 120.00333, *qingdao_port)
    assert jiaozhou.logistics.distance_to_seaport_km == round(by_hand, 1) == 35.1
    citation = jiaozhou.field_provenance["distance_to_seaport_km"].source_citation or ""
    assert citation.startswith("computed by SEZ Atlas: 35.1 km, great-circle") and "Qingdao" in citation


def test_the_nearest_airport_is_named_with_its_iata_code() -> None:
    citation = BY_ID["CHN-ETDZ-085"].field_provenance["distance_to_airport_km"].source_citation or ""
    assert "(IATA TAO)" in citation and "Natural Earth 1:10m Airports" in citation


def test_the_distance_to_a_city_of_100000_names_the_city_and_its_population() -> None:
    alabuga = BY_ID["RUS-001"].field_provenance[CITY_DISTANCE_KEY]
    assert "Naberezhnye Chelny (population 461,086, 2017)" in (alabuga.source_citation or "")


def test_an_approximate_point_gives_an_approximate_distance_of_low_confidence() -> None:
    provenance = BY_ID["RUS-001"].field_provenance["distance_to_seaport_km"]
    assert "approximate (town-level) point" in (provenance.source_citation or "")
    assert provenance.confidence == "low" and provenance.as_of == "2017-11"


def test_a_site_point_says_so_and_earns_medium_confidence() -> None:
    kek = next(z for z in ZONES if z.country_iso3 == "IDN" and z.location.coordinate_precision == "site")
    provenance = kek.field_provenance["distance_to_seaport_km"]
    assert "site point" in (provenance.source_citation or "") and provenance.confidence == "medium"


def test_a_country_without_a_port_in_the_layer_leaves_the_seaport_distance_unknown() -> None:
    for zone_id in ("ETH-017", "UGA-003", "KAZ-001"):
        zone = BY_ID[zone_id]
        assert zone.location.latitude is not None
        assert zone.logistics.distance_to_seaport_km is None and "distance_to_seaport_km" not in (
            zone.field_provenance
        )
        assert zone.logistics.distance_to_airport_km is not None


def test_a_zone_without_a_point_gets_no_distance() -> None:
    zone = BY_ID["THA-001"]
    assert zone.location.latitude is None and zone.logistics.distance_to_airport_km is None


def test_a_distance_the_zones_own_source_states_is_never_overridden() -> None:
    placed = PLACED["CHN-ETDZ-085"]
    sourced = placed.model_copy(
        update={
            "logistics": placed.logistics.model_copy(update={"distance_to_seaport_km": 12.0}),
            "field_provenance": {
                **placed.field_provenance,
                "distance_to_seaport_km": Provenance(source_citation="operator brochure"),
            },
        }
    )
    (again,) = with_logistics([sourced])
    assert again.logistics.distance_to_seaport_km == 12.0
    assert again.field_provenance["distance_to_seaport_km"].source_citation == "operator brochure"
    assert is_computed(again.field_provenance["distance_to_airport_km"])  # the other facts still come


def test_a_sourced_distance_without_its_own_provenance_is_the_records_and_kept() -> None:
    placed = PLACED["CHN-ETDZ-085"].model_dump()
    placed["field_provenance"].pop("distance_to_seaport_km")  # as a file would give it: no own source
    bare = Zone.model_validate({**placed, "logistics": {"distance_to_seaport_km": 40}})
    assert with_logistics([bare])[0].logistics.distance_to_seaport_km == 40


def test_computing_again_changes_nothing_and_a_moved_point_is_measured_again() -> None:
    assert with_logistics(ZONES[:50]) == ZONES[:50]
    moved = BY_ID["CHN-ETDZ-085"].model_copy(
        update={"location": BY_ID["CHN-ETDZ-085"].location.model_copy(update={"latitude": 36.09583,
                                                                              "longitude": 120.31702})}
    )  # fmt: skip
    assert with_logistics([moved])[0].logistics.distance_to_seaport_km == 0.0
