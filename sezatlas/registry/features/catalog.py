"""The collections of the OGC API, and the use cases its routes call: list, describe, page, fetch one.

Every collection goes through the same functions, whatever holds its features (the store for zones, the
bundled files for seaports and airports), so paging, filters, `sortby` and `properties` behave alike.
"""

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from sezatlas.registry.features.feature_query import (
    Extent,
    FeaturePage,
    ItemsParameters,
    feature_request,
    selected_properties,
)
from sezatlas.registry.features.point_layers import (
    AIRPORT_LAYER,
    SEAPORT_LAYER,
    PointLayer,
    point_feature_by_id,
    point_feature_page,
    point_layer_extent,
)
from sezatlas.registry.features.queryables import Queryables
from sezatlas.registry.features.zone_features import (
    ZONE_PROPERTY_NAMES,
    ZONE_QUERYABLES,
    zone_feature_by_id,
    zone_feature_page,
    zones_extent,
)

ZONES = "zones"


@dataclass(frozen=True, slots=True)
class Collection:
    collection_id: str
    title: str
    description: str
    queryables: Queryables
    property_names: tuple[str, ...]
    points: PointLayer | None = None  # None: the zones, in the store


COLLECTIONS: tuple[Collection, ...] = (
    Collection(
        ZONES,
        "Preferential territories (SEZs, free zones, industrial parks, technoparks)",
        "SEZ Atlas registry: zones with a point. Points are often approximate (see coordinate_precision); "
        "every feature carries its source URLs and as-of date.",
        ZONE_QUERYABLES,
        ZONE_PROPERTY_NAMES,
    ),
    Collection(
        "seaports",
        "Seaports (Natural Earth 1:10m Ports 4.0.0)",
        "The ports of the association's countries that SEZ Atlas measures each zone's distance to the "
        "nearest seaport by. Natural Earth, public domain; as of 2017-11.",
        SEAPORT_LAYER.queryables,
        SEAPORT_LAYER.property_names,
        SEAPORT_LAYER,
    ),
    Collection(
        "airports",
        "Airports (Natural Earth 1:10m Airports 4.0.0)",
        "The airports of the association's countries that SEZ Atlas measures each zone's distance to the "
        "nearest airport by. Natural Earth, public domain; as of 2017-11.",
        AIRPORT_LAYER.queryables,
        AIRPORT_LAYER.property_names,
        AIRPORT_LAYER,
    ),
)


def find_collection(collection_id: str) -> Collection | None:
    return next((c for c in COLLECTIONS if c.collection_id == collection_id), None)


def collection_extent(session: Session, collection: Collection) -> Extent:
    return zones_extent(session) if collection.points is None else point_layer_extent(collection.points)


def feature_page(session: Session, collection: Collection, parameters: ItemsParameters) -> FeaturePage:
    """The page of features the parameters ask for; a `FilterError` (400) for a parameter that cannot be
    evaluated, naming it."""
    request = feature_request(parameters, collection.queryables, collection.property_names)
    if collection.points is None:
        page = zone_feature_page(session, request)
    else:
        page = point_feature_page(collection.points, request)
    features = [selected_properties(feature, request.properties) for feature in page.features]
    return FeaturePage(page.number_matched, features)


def feature_by_id(session: Session, collection: Collection, feature_id: str) -> dict[str, Any] | None:
    if collection.points is None:
        return zone_feature_by_id(session, feature_id)
    return point_feature_by_id(collection.points, feature_id)
