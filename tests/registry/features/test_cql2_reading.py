"""Reading CQL2 (text and JSON) into a filter: what is supported is read alike from both encodings, and
what is not is refused with a message naming it, never ignored."""

import json

import cql2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sezatlas.registry.features.cql2_reading import FilterLanguage, read_filter
from sezatlas.registry.features.filters import (
    AllOf,
    AnyOf,
    Between,
    Compare,
    Comparison,
    Constant,
    Envelope,
    FilterError,
    In,
    Intersects,
    IsNull,
    Like,
    Not,
)
from sezatlas.registry.features.zone_features import ZONE_QUERYABLES

TEXT = FilterLanguage.CQL2_TEXT
JSON = FilterLanguage.CQL2_JSON


def text(expression: str) -> object:
    return read_filter(expression, TEXT, ZONE_QUERYABLES)


def test_comparisons_and_logic_are_read_from_text() -> None:
    found = text("country_iso3 = 'RUS' AND (zone_type <> 'sez' OR NOT area_ha >= 100)")
    assert found == AllOf(
        (
            Compare("country_iso3", Comparison.EQUAL, "RUS"),
            AnyOf(
                (
                    Compare("zone_type", Comparison.NOT_EQUAL, "sez"),
                    Not(Compare("area_ha", Comparison.GREATER_OR_EQUAL, 100.0)),
                )
            ),
        )
    )


def test_advanced_comparisons_and_null() -> None:
    assert text("name_en LIKE 'Ala%'") == Like("name_en", "Ala%")
    assert text("status IN ('operational', 'approved')") == In("status", ("operational", "approved"))
    assert text("area_ha BETWEEN 10 AND 20") == Between("area_ha", 10.0, 20.0)
    assert text("status IS NULL") == IsNull("status")
    assert text("status IS NOT NULL") == Not(IsNull("status"))
    assert text("has_rail_siding = TRUE") == Compare("has_rail_siding", Comparison.EQUAL, True)
    assert text("TRUE") == Constant(True)


def test_a_literal_on_the_left_is_turned_round() -> None:
    assert text("100 < area_ha") == Compare("area_ha", Comparison.GREATER, 100.0)


def test_spatial_literals_become_points_boxes_and_polygons() -> None:
    assert text("S_INTERSECTS(geometry, BBOX(30, 50, 40, 60))") == Intersects(
        boxes=(Envelope(30, 50, 40, 60),)
    )
    assert text("S_INTERSECTS(POINT(52 55), geometry)") == Intersects(points=((52.0, 55.0),))
    polygon = text("S_INTERSECTS(geometry, POLYGON((30 50, 40 50, 40 60, 30 50)))")
    assert isinstance(polygon, Intersects) and len(polygon.polygons) == 1


@pytest.mark.parametrize(
    ("expression", "named"),
    [
        ("contry_iso3 = 'RUS'", "unknown property 'contry_iso3'"),
        ("area_ha = 'big'", "area_ha is compared with a number"),
        ("country_iso3 = 3", "country_iso3 is compared with text"),
        ("area_ha = free_area_ha", "comparing two properties"),
        ("area_ha < 1 + 2", "arithmetic (+) is not supported"),
        ("S_WITHIN(geometry, POINT(1 2))", "'s_within' is not supported"),
        ("S_INTERSECTS(geometry, LINESTRING(1 2, 3 4))", "LineString is not supported"),
        ("name_en LIKE CASEI('a%')", "CASEI as an operand is not supported"),
        ("area_ha LIKE '1%'", "LIKE needs a text property"),
        ("name_en BETWEEN 'a' AND 'b'", "BETWEEN needs a numeric property"),
        ("S_INTERSECTS(geometry, BBOX(10, 60, 20, 50))", "west,south,east,north"),
        ("name_en LIKE 'a\\'", "lone escape"),
        ("country_iso3 = ", "not valid CQL2 text"),
    ],
)
def test_what_cannot_be_evaluated_is_refused_naming_it(expression: str, named: str) -> None:
    with pytest.raises(FilterError) as refused:
        text(expression)
    assert refused.value.parameter == "filter"
    assert named in refused.value.reason


def test_json_that_is_not_a_filter_is_refused() -> None:
    for document in (
        '{"op": "=", "args": [{"property": "area_ha"}]}',
        "[1, 2]",
        '{"op": "=", "args": 3}',
        "NaN",
        "{",
    ):
        with pytest.raises(FilterError):
            read_filter(document, JSON, ZONE_QUERYABLES)


def test_nesting_deeper_than_the_limit_is_refused() -> None:
    deep = "NOT (" * 70 + "area_ha > 1" + ")" * 70
    with pytest.raises(FilterError, match="nested deeper"):
        text(deep)


@pytest.mark.parametrize(
    "expression",
    [
        "(" * 10_000 + "area_ha = 1" + ")" * 10_000,
        "NOT " * 10_000 + "area_ha = 1",
        "area_ha = " + "-" * 10_000 + "1",
        "area_ha = " + "+".join(["1"] * 10_000),
        "area_ha = " + "f(" * 10_000 + "1" + ")" * 10_000,
    ],
)
def test_what_would_overflow_the_parsers_stack_is_refused_before_parsing(expression: str) -> None:
    """The cql2 parser is native code: such filters ended the whole process (a server with it)."""
    with pytest.raises(FilterError):
        text(expression)
    with pytest.raises(FilterError):
        read_filter("[" * 100_000 + "]" * 100_000, JSON, ZONE_QUERYABLES)


def test_brackets_and_minus_signs_inside_text_are_only_text() -> None:
    found = text("name_en = 'a((((' AND name_en LIKE 'it''s -- NOT NOT' AND area_ha > -5")
    assert found == AllOf((
        Compare("name_en", Comparison.EQUAL, "a(((("),
        Like("name_en", "it's -- NOT NOT"),
        Compare("area_ha", Comparison.GREATER, -5.0),
    ))  # fmt: skip


# Filters over the zones' queryables, in the JSON encoding; each is also written as text by the cql2
# package, and both must read the same.
_PROPERTY = st.sampled_from(
    ["country_iso3", "zone_type", "status", "name_en", "isic_codes", "brics_relation"]
)
_TEXT = st.text(alphabet="ABCabc_%' ", min_size=0, max_size=6)
_NUMBER = st.floats(-1e6, 1e6, allow_nan=False).map(lambda x: round(x, 3))


def _comparison() -> st.SearchStrategy[object]:
    text_property = st.builds(lambda p: {"property": p}, _PROPERTY)
    number_property = st.builds(lambda p: {"property": p}, st.sampled_from(["area_ha", "year_established"]))
    operator = st.sampled_from(["=", "<>", "<", "<=", ">", ">="])
    return st.one_of(
        st.builds(lambda o, p, v: {"op": o, "args": [p, v]}, operator, text_property, _TEXT),
        st.builds(lambda o, p, v: {"op": o, "args": [p, v]}, operator, number_property, _NUMBER),
        st.builds(lambda p, v: {"op": "like", "args": [p, v.replace("\\", "")]}, text_property, _TEXT),
        st.builds(
            lambda p, v: {"op": "in", "args": [p, v]}, text_property, st.lists(_TEXT, min_size=1, max_size=3)
        ),
        st.builds(
            lambda p, a, b: {"op": "between", "args": [p, min(a, b), max(a, b)]},
            number_property,
            _NUMBER,
            _NUMBER,
        ),
        st.builds(lambda p: {"op": "isNull", "args": [p]}, text_property),
        st.builds(
            lambda w, s: {
                "op": "s_intersects",
                "args": [{"property": "geometry"}, {"bbox": [w, s, min(w + 10, 180), min(s + 10, 90)]}],
            },
            st.integers(-180, 170),
            st.integers(-90, 80),
        ),
    )


CQL2_JSON = st.recursive(
    _comparison(),
    lambda inner: st.one_of(
        st.builds(lambda parts: {"op": "and", "args": parts}, st.lists(inner, min_size=2, max_size=3)),
        st.builds(lambda parts: {"op": "or", "args": parts}, st.lists(inner, min_size=2, max_size=3)),
        st.builds(lambda part: {"op": "not", "args": [part]}, inner),
    ),
    max_leaves=6,
)


@settings(max_examples=150, deadline=None)
@given(CQL2_JSON)
def test_text_and_json_encodings_read_the_same(document: object) -> None:
    as_text = cql2.parse_json(json.dumps(document)).to_text()
    assert read_filter(as_text, TEXT, ZONE_QUERYABLES) == read_filter(
        json.dumps(document), JSON, ZONE_QUERYABLES
    )
