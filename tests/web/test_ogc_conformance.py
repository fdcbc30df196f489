"""Every conformance class `/ogc/conformance` declares is exercised by named tests: a class is declared only
with the tests of its requirements, and a test named here must exist."""

import ast
from pathlib import Path

from sezatlas.web.ogc_documents import CONFORMANCE

TESTS = Path(__file__).resolve().parent.parent
_F1 = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/"
_F3 = "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/"
_CQL2 = "http://www.opengis.net/spec/cql2/1.0/conf/"
WEB = "web/test_ogc.py"
CLIENTS = "web/test_ogc_clients.py"
READING = "registry/features/test_cql2_reading.py"
SQL = "registry/features/test_zone_filters_in_sql.py"
EVALUATION = "registry/features/test_feature_evaluation.py"

EXERCISED_BY: dict[str, list[str]] = {
    f"{_F1}core": [
        f"{WEB}::test_landing_page_links_resolve",
        f"{WEB}::test_conformance_declares_parts_1_and_3",
        f"{WEB}::test_an_unknown_or_misspelt_parameter_is_a_400_in_the_ogc_exception_shape",
        f"{WEB}::test_collections_list_zones_seaports_and_airports_with_the_data_extent",
        f"{WEB}::test_items_page_by_limit_and_offset_with_next_links",
        f"{WEB}::test_a_limit_over_the_maximum_is_taken_as_the_maximum",
        f"{WEB}::test_items_bbox_and_single_item",
        f"{WEB}::test_an_item_links_itself_its_collection_and_the_zone_page",
        f"{WEB}::test_datetime_filters_on_the_as_of_date",
        f"{SQL}::test_datetime_selects_the_zones_whose_as_of_period_meets_it",
        f"{CLIENTS}::test_ogrinfo_lists_the_layers_with_their_counts",
        f"{CLIENTS}::test_owslib_property_filter_bbox_and_item",
    ],
    f"{_F1}geojson": [
        f"{WEB}::test_items_bbox_and_single_item",
        f"{CLIENTS}::test_ogr2ogr_exports_one_countrys_zones_to_a_geopackage",
        "registry/features/test_zone_features.py::test_every_zone_with_a_point_is_the_feature_of_the_validated_zone",
    ],
    f"{_F1}html": [
        f"{WEB}::test_every_resource_has_an_html_encoding_with_its_links",
        f"{WEB}::test_html_items_link_to_the_zone_page",
        f"{WEB}::test_an_html_error_is_a_page",
    ],
    f"{_F1}oas30": [
        f"{WEB}::test_landing_page_links_resolve",
        f"{CLIENTS}::test_owslib_reads_conformance_collections_and_queryables",
        f"{CLIENTS}::test_ogrinfo_where_is_sent_to_the_server_as_a_filter",
    ],
    f"{_F3}queryables": [
        f"{WEB}::test_queryables_are_a_json_schema_with_types_and_enumerations",
        f"{CLIENTS}::test_owslib_reads_conformance_collections_and_queryables",
    ],
    f"{_F3}queryables-query-parameters": [
        f"{WEB}::test_a_property_filter_returns_only_the_zones_of_the_country",
        f"{CLIENTS}::test_owslib_property_filter_bbox_and_item",
    ],
    f"{_F3}filter": [
        f"{WEB}::test_cql2_text_and_json_filters_select_the_rest_api_zones",
        f"{WEB}::test_what_cannot_be_evaluated_is_refused_not_ignored",
        f"{CLIENTS}::test_owslib_cql2_filter_finds_the_rest_api_zones",
    ],
    f"{_F3}features-filter": [
        f"{WEB}::test_cql2_text_and_json_filters_select_the_rest_api_zones",
        f"{WEB}::test_seaports_and_airports_page_filter_and_fetch_like_zones",
        f"{CLIENTS}::test_ogrinfo_where_is_sent_to_the_server_as_a_filter",
    ],
    f"{_CQL2}cql2-text": [
        f"{READING}::test_comparisons_and_logic_are_read_from_text",
        f"{READING}::test_what_cannot_be_evaluated_is_refused_naming_it",
        f"{WEB}::test_cql2_text_and_json_filters_select_the_rest_api_zones",
    ],
    f"{_CQL2}cql2-json": [
        f"{READING}::test_text_and_json_encodings_read_the_same",
        f"{READING}::test_json_that_is_not_a_filter_is_refused",
        f"{CLIENTS}::test_owslib_cql2_filter_finds_the_rest_api_zones",
    ],
    f"{_CQL2}basic-cql2": [
        f"{READING}::test_comparisons_and_logic_are_read_from_text",
        f"{EVALUATION}::test_a_comparison_with_null_is_unknown_and_so_is_its_negation",
        f"{SQL}::test_sql_selects_what_python_selects",
        f"{WEB}::test_filter_operators_like_in_between_not_and_null",
    ],
    f"{_CQL2}advanced-comparison-operators": [
        f"{READING}::test_advanced_comparisons_and_null",
        f"{EVALUATION}::test_like_patterns",
        f"{SQL}::test_sql_selects_what_python_selects",
        f"{WEB}::test_filter_operators_like_in_between_not_and_null",
    ],
    f"{_CQL2}basic-spatial-functions": [
        f"{READING}::test_spatial_literals_become_points_boxes_and_polygons",
        f"{EVALUATION}::test_point_in_polygon_agrees_with_shapely",
        f"{SQL}::test_sql_selects_what_python_selects",
        f"{WEB}::test_s_intersects_with_a_box_and_a_polygon",
    ],
}


def _test_functions(module: str) -> set[str]:
    tree = ast.parse((TESTS / module).read_text(encoding="utf-8"))
    return {
        node.name for node in tree.body if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")
    }


def test_every_declared_conformance_class_is_exercised_by_named_tests() -> None:
    assert set(EXERCISED_BY) == set(CONFORMANCE), "declare a class only with the tests of its requirements"
    for uri, tests in EXERCISED_BY.items():
        assert tests, uri
        for test in tests:
            module, _, name = test.partition("::")
            assert name in _test_functions(module), f"{uri}: {test} does not exist"
