"""A zone feature read off the flat columns is the feature of the validated zone (`formats.zone_feature`),
on both back-ends: the OGC items and `/api/v1/zones?f=geojson` say the same of every zone."""

from sqlalchemy import Engine

from sezatlas.registry.features.feature_query import FeatureRequest, SortKey
from sezatlas.registry.features.zone_features import zone_feature_by_id, zone_feature_page
from sezatlas.registry.formats import zone_feature
from sezatlas.store.database import transaction
from sezatlas.store.zones import all_zones


def test_every_zone_with_a_point_is_the_feature_of_the_validated_zone(bundled_engine: Engine) -> None:
    with transaction(bundled_engine) as session:
        features = {f["id"]: f for f in zone_feature_page(session, FeatureRequest(limit=100_000)).features}
        zones = [zone for zone in all_zones(session) if zone.location.latitude is not None]
    assert set(features) == {zone.zone_id for zone in zones}
    for zone in zones:
        relation = features[zone.zone_id]["properties"]["brics_relation"]
        assert features[zone.zone_id] == zone_feature(zone, {"brics_relation": relation}), zone.zone_id


def test_a_zone_is_a_feature_only_with_a_point(bundled_engine: Engine) -> None:
    with transaction(bundled_engine) as session:
        without_point = next(zone for zone in all_zones(session) if zone.location.latitude is None)
        assert zone_feature_by_id(session, without_point.zone_id) is None
        found = zone_feature_by_id(session, "RUS-001")
    assert found is not None and found["properties"]["brics_relation"] == "member"


def test_number_matched_is_the_same_on_every_page_and_past_the_last(bundled_engine: Engine) -> None:
    with transaction(bundled_engine) as session:
        everything = len(zone_feature_page(session, FeatureRequest(limit=100_000)).features)
        full = zone_feature_page(session, FeatureRequest(limit=10, offset=20))
        last = zone_feature_page(session, FeatureRequest(limit=10, offset=everything - 3))
        past = zone_feature_page(session, FeatureRequest(limit=10, offset=everything + 5))  # counted apart
    assert len(full.features) == 10 and len(last.features) == 3 and past.features == []
    assert full.number_matched == last.number_matched == past.number_matched == everything


def test_a_page_sorted_with_nulls_last_lists_the_ids_in_the_sorted_order(bundled_engine: Engine) -> None:
    with transaction(bundled_engine) as session:
        request = FeatureRequest(order=(SortKey("area_ha", is_descending=True),), limit=100_000)
        areas = [f["properties"]["area_ha"] for f in zone_feature_page(session, request).features]
    known = [area for area in areas if area is not None]
    assert known and areas == sorted(known, reverse=True) + [None] * (len(areas) - len(known))
