"""The Python evaluation of a filter (the point layers'), and the pieces both evaluations share: the
point-in-polygon test (checked against shapely), LIKE patterns, and `datetime` against as-of dates."""

import math
from datetime import date

import pytest
import shapely
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from sezatlas.registry.features.evaluation import evaluate, is_selected
from sezatlas.registry.features.filters import (
    AllOf,
    AnyOf,
    Compare,
    Comparison,
    FilterError,
    In,
    IsNull,
    Like,
    Not,
    Polygon,
    holds_point,
)
from sezatlas.registry.features.sql_filter import like_to_glob
from sezatlas.registry.features.temporal import DateRange, as_of_range, parse_datetime

NULL_STATUS = {"status": None, "zone_type": "sez", "isic_codes": ["29", "293", "2930", "C"]}


def test_a_comparison_with_null_is_unknown_and_so_is_its_negation() -> None:
    equal = Compare("status", Comparison.EQUAL, "operational")
    assert evaluate(equal, NULL_STATUS, 0, 0) is None
    assert evaluate(Not(equal), NULL_STATUS, 0, 0) is None
    assert not is_selected(Not(equal), NULL_STATUS, 0, 0)
    sez = Compare("zone_type", Comparison.EQUAL, "sez")
    assert evaluate(AllOf((sez, equal)), NULL_STATUS, 0, 0) is None
    assert evaluate(AnyOf((sez, equal)), NULL_STATUS, 0, 0) is True
    assert evaluate(IsNull("status"), NULL_STATUS, 0, 0) is True


def test_a_multi_valued_property_matches_when_any_value_does() -> None:
    assert is_selected(Compare("isic_codes", Comparison.EQUAL, "29"), NULL_STATUS, 0, 0)
    assert is_selected(Compare("isic_codes", Comparison.NOT_EQUAL, "62"), NULL_STATUS, 0, 0)
    assert not is_selected(Compare("isic_codes", Comparison.NOT_EQUAL, "29"), NULL_STATUS, 0, 0)
    assert is_selected(In("isic_codes", ("10", "C")), NULL_STATUS, 0, 0)
    assert not is_selected(IsNull("isic_codes"), NULL_STATUS, 0, 0)


@pytest.mark.parametrize(
    ("pattern", "matching", "not_matching"),
    [
        ("Ala%", "Alabuga SEZ", "alabuga SEZ"),  # case-sensitive, as CQL2 says
        ("%SEZ", "Alabuga SEZ", "Alabuga SEZ Ltd"),
        ("_US", "RUS", "BRUS"),
        ("100\\%", "100%", "1000"),
        ("a*b?[c]", "a*b?[c]", "aXbY[c]"),
    ],
)
def test_like_patterns(pattern: str, matching: str, not_matching: str) -> None:
    assert is_selected(Like("name", pattern), {"name": matching}, 0, 0)
    assert not is_selected(Like("name", pattern), {"name": not_matching}, 0, 0)


def test_a_like_pattern_as_an_sqlite_glob() -> None:
    assert like_to_glob("Ala%") == "Ala*"
    assert like_to_glob("_US") == "?US"
    assert like_to_glob("100\\%a\\_") == "100%a_"
    assert like_to_glob("a*b?[c]") == "a[*]b[?][[]c]"


def _star_polygon(center: tuple[float, float], radii: list[float]) -> Polygon:
    """A simple (non-crossing) polygon: vertices at increasing angles around a centre, any radius."""
    points = [
        (
            center[0] + r * math.cos(2 * math.pi * i / len(radii)),
            center[1] + r * math.sin(2 * math.pi * i / len(radii)),
        )
        for i, r in enumerate(radii)
    ]
    return Polygon(((*points, points[0]),))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.floats(0.5, 20), min_size=3, max_size=12),
    st.floats(-30, 30),
    st.floats(-30, 30),
)
def test_point_in_polygon_agrees_with_shapely(radii: list[float], lon: float, lat: float) -> None:
    polygon = _star_polygon((0.0, 0.0), radii)
    shape = shapely.Polygon(polygon.rings[0])
    point = shapely.Point(lon, lat)
    assume(shape.boundary.distance(point) > 1e-7)  # on the edge either answer is allowed
    assert holds_point(polygon, lon, lat) == shape.contains(point)


def test_a_hole_is_outside() -> None:
    outer = ((0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0), (0.0, 0.0))
    hole = ((4.0, 4.0), (6.0, 4.0), (6.0, 6.0), (4.0, 6.0), (4.0, 4.0))
    assert holds_point(Polygon((outer, hole)), 2, 2)
    assert not holds_point(Polygon((outer, hole)), 5, 5)


def test_datetime_instants_intervals_and_open_ends() -> None:
    assert parse_datetime("2024-05-01T10:00:00Z") == DateRange(date(2024, 5, 1), date(2024, 5, 1))
    assert parse_datetime("2020-01-01/2024-12-31") == DateRange(date(2020, 1, 1), date(2024, 12, 31))
    assert parse_datetime("../2024-12-31") == DateRange(None, date(2024, 12, 31))
    assert parse_datetime("2020-01-01T00:00:00Z/") == DateRange(date(2020, 1, 1), None)
    for bad in ("2024-13-01", "yesterday", "../..", "2024-05-02/2024-05-01"):
        with pytest.raises(FilterError):
            parse_datetime(bad)


def test_an_as_of_date_is_the_whole_period_it_names() -> None:
    assert as_of_range("2024") == DateRange(date(2024, 1, 1), date(2024, 12, 31))
    assert as_of_range("2024-02") == DateRange(date(2024, 2, 1), date(2024, 2, 29))
    assert as_of_range("2024-02").meets(parse_datetime("2024-02-29"))
    assert not as_of_range("2024-02").meets(parse_datetime("2024-03-01/.."))
