"""A zone feature read off the flat columns is the feature of the validated zone (`formats.zone_feature`),
on both back-ends: the OGC items and `/api/v1/zones?f=geojson` say the same of every zone."""

from sqlalchemy import Engine

from sezatlas.registry.features.feature_query import FeatureRequest
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
