"""The zones' filters in SQL select exactly what the same filters select evaluated in Python, on SQLite and
PostgreSQL: LIKE case-sensitive on both, text ordered by code point on both, NULL unknown on both, and
the point-in-polygon arithmetic the same as `filters.holds_point`."""

import json
import math
from dataclasses import dataclass
from functools import cache
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, select

from sezatlas.registry.features.cql2_reading import FilterLanguage, read_filter
from sezatlas.registry.features.evaluation import is_selected
from sezatlas.registry.features.feature_query import FeatureRequest, SortKey
from sezatlas.registry.features.temporal import as_of_range, parse_datetime
from sezatlas.registry.features.zone_features import ZONE_QUERYABLES, zone_feature_page
from sezatlas.store.database import transaction
from sezatlas.store.models import ZoneIsicRow


@dataclass(frozen=True)
class PointFeature:
    feature_id: str
    lon: float
    lat: float
    properties: dict[str, Any]


@cache
def every_zone_feature(engine: Engine) -> tuple[PointFeature, ...]:
    """Every zone feature, its `isic_codes` widened to the codes and ancestors `zone_isic` holds."""
    with transaction(engine) as session:
        features = zone_feature_page(session, FeatureRequest(limit=100_000)).features
        codes: dict[str, list[str]] = {}
        for zone_id, code in session.execute(select(ZoneIsicRow.zone_id, ZoneIsicRow.isic_code)):
            codes.setdefault(zone_id, []).append(code)
    return tuple(
        PointFeature(
            f["id"], *f["geometry"]["coordinates"], {**f["properties"], "isic_codes": codes.get(f["id"], [])}
        )
        for f in features
    )


def _selected_in_sql(engine: Engine, request: FeatureRequest) -> list[str]:
    with transaction(engine) as session:
        page = zone_feature_page(session, request)
    assert page.number_matched == len(page.features)
    return [feature["id"] for feature in page.features]


def _property(name: str) -> dict[str, str]:
    return {"property": name}


def _predicate(name: str, values: st.SearchStrategy[Any]) -> st.SearchStrategy[object]:
    operator = st.sampled_from(["=", "<>", "<", "<=", ">", ">="])
    return st.one_of(
        st.builds(lambda o, v: {"op": o, "args": [_property(name), v]}, operator, values),
        st.builds(
            lambda v: {"op": "in", "args": [_property(name), v]}, st.lists(values, min_size=1, max_size=3)
        ),
        st.just({"op": "isNull", "args": [_property(name)]}),
    )


_TEXTS = {
    "country_iso3": st.sampled_from(["RUS", "CHN", "IND", "BRA", "ZAF", "EGY", "rus", "M"]),
    "zone_type": st.sampled_from(["sez", "free_zone", "industrial_park", "technopark", "etdz"]),
    "status": st.sampled_from(["operational", "approved", "proposed", "under_development"]),
    "brics_relation": st.sampled_from(["member", "partner", "invited"]),
    "isic_codes": st.sampled_from(["29", "C", "62", "10", "2930", "J", "20"]),
    "name_en": st.sampled_from(["M", "a", "Alabuga SEZ", "Z", "zone"]),
    "as_of": st.sampled_from(["2021", "2026-11", "2024-06-30", "2026"]),
}
_NUMBERS = {
    "area_ha": st.sampled_from([0.0, 10.0, 100.0, 1000.0, 2000.0, 5000.0]) | st.floats(0, 1e5).map(round),
    "year_established": st.integers(1980, 2026).map(float),
}
_LIKE = st.sampled_from(["%SEZ%", "%sez%", "%Park", "KEK %", "%Zone%", "%zone%", "_____", "%-%", "A%"])


def _polygon(lon: float, lat: float, radii: list[float]) -> dict[str, Any]:
    ring = [
        [
            round(lon + r * math.cos(2 * math.pi * i / len(radii)), 4),
            round(lat + r * math.sin(2 * math.pi * i / len(radii)), 4),
        ]
        for i, r in enumerate(radii)
    ]
    return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}


_SHAPES = st.one_of(
    st.builds(
        lambda w, s, dw, ds: {"bbox": [w, s, min(w + dw, 180), min(s + ds, 90)]},
        st.integers(-180, 179),
        st.integers(-90, 89),
        st.integers(1, 60),
        st.integers(1, 40),
    ),
    st.builds(
        _polygon, st.floats(20, 130), st.floats(-30, 60), st.lists(st.floats(1, 25), min_size=3, max_size=9)
    ),
)
_LEAF = st.one_of(
    *(_predicate(name, values) for name, values in _TEXTS.items()),
    *(_predicate(name, values) for name, values in _NUMBERS.items()),
    st.builds(lambda p: {"op": "like", "args": [_property("name_en"), p]}, _LIKE),
    st.builds(
        lambda low, high: {"op": "between", "args": [_property("area_ha"), low, low + high]},
        st.floats(0, 5000).map(round),
        st.floats(0, 5000).map(round),
    ),
    st.builds(lambda b: {"op": "=", "args": [_property("has_rail_siding"), b]}, st.booleans()),
    st.builds(lambda shape: {"op": "s_intersects", "args": [_property("geometry"), shape]}, _SHAPES),
)
FILTERS = st.recursive(
    _LEAF,
    lambda inner: st.one_of(
        st.builds(lambda parts: {"op": "and", "args": parts}, st.lists(inner, min_size=2, max_size=3)),
        st.builds(lambda parts: {"op": "or", "args": parts}, st.lists(inner, min_size=2, max_size=3)),
        st.builds(lambda part: {"op": "not", "args": [part]}, inner),
    ),
    max_leaves=5,
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(FILTERS)
@example({"op": "not", "args": [{"op": "like", "args": [{"property": "name_en"}, "%Zone%"]}]})  # SQLite GLOB
def test_sql_selects_what_python_selects(bundled_engine: Engine, document: object) -> None:
    expression = read_filter(json.dumps(document), FilterLanguage.CQL2_JSON, ZONE_QUERYABLES)
    in_sql = set(_selected_in_sql(bundled_engine, FeatureRequest(condition=expression, limit=100_000)))
    in_python = {
        zone.feature_id
        for zone in every_zone_feature(bundled_engine)
        if is_selected(expression, zone.properties, zone.lon, zone.lat)
    }
    assert in_sql == in_python


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.sampled_from(
        ["2021-01-01", "2021-06-15", "../2020-12-31", "2026-11-30/..", "2022-01-01/2026-10-31", "2026-01-01"]
    )
)
def test_datetime_selects_the_zones_whose_as_of_period_meets_it(bundled_engine: Engine, value: str) -> None:
    asked = parse_datetime(value)
    in_sql = set(_selected_in_sql(bundled_engine, FeatureRequest(dates=asked, limit=100_000)))
    in_python = {
        zone.feature_id
        for zone in every_zone_feature(bundled_engine)
        if zone.properties["as_of"] and as_of_range(zone.properties["as_of"]).meets(asked)
    }
    assert in_sql == in_python


def test_sortby_orders_nulls_last_and_text_by_code_point(bundled_engine: Engine) -> None:
    order = (SortKey("area_ha", is_descending=True), SortKey("name_en"))
    in_sql = _selected_in_sql(bundled_engine, FeatureRequest(order=order, limit=100_000))
    zones = every_zone_feature(bundled_engine)
    with_area = sorted(
        (z for z in zones if z.properties["area_ha"] is not None),
        key=lambda z: (-z.properties["area_ha"], z.properties["name_en"], z.feature_id),
    )
    without = sorted(
        (z for z in zones if z.properties["area_ha"] is None),
        key=lambda z: (z.properties["name_en"], z.feature_id),
    )
    assert in_sql == [z.feature_id for z in [*with_area, *without]]
