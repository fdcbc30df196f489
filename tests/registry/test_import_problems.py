"""The validation report: every bad value named by file, row (as a spreadsheet shows it), field and reason.

These tests need no database: `read_zones` is the pure core of an import.
"""

import json
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from zone_files import flat_rows, sample_zones, write_csv

from sezatlas.registry.formats import feature_collection
from sezatlas.registry.parse import read_zones
from sezatlas.standard.flat import flat_column_names
from sezatlas.tabular.report import ImportRejected, Problem


def problems_of(path: Path) -> list[Problem]:
    with pytest.raises(ImportRejected) as rejected:
        read_zones(path)
    return rejected.value.report.problems


# Row 3 of the file (the second zone, ZAF-002) gets one bad value; (column, value, field, reason fragment).
BAD_VALUES = [
    ("country_iso3", "XXX", "country_iso3", "'XXX' is not an ISO 3166-1 alpha-3 country code"),
    ("latitude", "123.0", "latitude", "123.0 is outside -90..90"),
    ("longitude", "-181", "longitude", "-181 is outside -180..180"),
    ("isic_codes", "2930;9999", "isic_codes", "'9999' is not an ISIC Rev.4 code"),
    ("area_ha", "-5", "area_ha", "-5 is negative; area_ha must be 0 or more"),
    ("power_mw_total", "-1", "power_mw_total", "negative"),
    ("source_urls", "https://ok.example.org | htp:/bad", "source_urls", "'htp:/bad' is not an absolute http"),
    ("website", "www.example.org", "website", "is not an absolute http(s) URL"),
    ("name_en", "", "name_en", "a required value is missing"),
    ("zone_type", "sezz", "zone_type", "'sezz' is not one of 'sez'"),
    ("status", "working", "status", "'working' is not one of"),
    ("year_established", "20x1", "year_established", "'20x1' is not a whole number"),
    ("has_rail_siding", "maybe", "has_rail_siding", "'maybe' is not true or false"),
    ("as_of", "2026-13", "as_of", "is not a date of the form YYYY"),
    ("zone_id", "ZAF 2", "zone_id", "is not a zone id"),
    ("zone_id", "XXX-002", "zone_id", "must start with its country code"),
    ("field_provenance", "{bad json", "field_provenance", "not valid JSON"),
    ("occupancy_pct", "120", "occupancy_pct", "120 is outside 0..100"),
]


@pytest.mark.parametrize(
    ("column", "value", "field", "reason"), BAD_VALUES, ids=[c[0] + ":" + c[1] for c in BAD_VALUES]
)
def test_each_kind_of_bad_value_is_named_by_row_field_and_reason(
    tmp_path: Path, column: str, value: str, field: str, reason: str
) -> None:
    rows = flat_rows(sample_zones(3))
    rows[1][column] = value
    problems = problems_of(write_csv(tmp_path / "zones.csv", rows))
    assert len(problems) == 1, problems
    problem = problems[0]
    assert (problem.file, problem.row, problem.field) == ("zones.csv", 3, field)
    assert reason in problem.reason


def test_free_land_larger_than_the_zone_is_named_on_the_free_land(tmp_path: Path) -> None:
    rows = flat_rows(sample_zones(3))
    rows[1]["area_ha"], rows[1]["free_area_ha"] = "10", "25.5"
    problems = problems_of(write_csv(tmp_path / "zones.csv", rows))
    assert [(p.row, p.field, p.reason) for p in problems] == [
        (3, "free_area_ha", "free_area_ha 25.5 exceeds area_ha 10.0")
    ]


def test_a_problem_formats_as_one_line_a_user_can_act_on(tmp_path: Path) -> None:
    rows = flat_rows(sample_zones(14))
    rows[12]["latitude"] = "123.0"
    with pytest.raises(ImportRejected) as rejected:
        read_zones(write_csv(tmp_path / "zones.csv", rows))
    assert rejected.value.report.format() == "zones.csv, row 14, field latitude: 123.0 is outside -90..90"


def test_every_bad_value_of_every_row_is_listed_not_just_the_first(tmp_path: Path) -> None:
    rows = flat_rows(sample_zones(6))
    rows[0]["latitude"], rows[0]["country_iso3"] = "95", "ZZZ"
    rows[3]["area_ha"] = "-1"
    rows[5]["isic_codes"] = "0000"
    problems = problems_of(write_csv(tmp_path / "zones.csv", rows))
    assert [(p.row, p.field) for p in problems] == [
        (2, "country_iso3"), (2, "latitude"), (5, "area_ha"), (7, "isic_codes"),
    ]  # fmt: skip


def test_a_zone_id_given_twice_is_reported_on_its_second_row(tmp_path: Path) -> None:
    rows = flat_rows(sample_zones(4))
    rows[3]["zone_id"] = rows[1]["zone_id"]
    problems = problems_of(write_csv(tmp_path / "zones.csv", rows))
    assert [(p.row, p.field, p.value) for p in problems] == [(5, "zone_id", rows[1]["zone_id"])]
    assert "also on row 3" in problems[0].reason


def test_an_unknown_column_is_reported_once_in_the_header_with_a_suggestion(tmp_path: Path) -> None:
    rows = [{**row, "lattitude": "1"} for row in flat_rows(sample_zones(3))]
    problems = problems_of(write_csv(tmp_path / "zones.csv", rows, [*flat_column_names(), "lattitude"]))
    assert [(p.row, p.field) for p in problems] == [(1, "lattitude")]
    assert "did you mean 'latitude'" in problems[0].reason


def test_a_missing_required_column_is_reported_once_not_on_every_row(tmp_path: Path) -> None:
    header = [name for name in flat_column_names() if name != "zone_type"]
    problems = problems_of(write_csv(tmp_path / "zones.csv", flat_rows(sample_zones(3)), header))
    assert [(p.row, p.field, p.reason) for p in problems] == [
        (1, "zone_type", "required column is missing from the header")
    ]


def test_a_file_that_is_not_utf8_names_the_row_and_field_that_cannot_be_decoded(tmp_path: Path) -> None:
    rows = flat_rows(sample_zones(3))
    rows[1]["locality"] = "Gqeberha (Port Elizabeth) – Coegà"
    path = tmp_path / "zones.csv"
    write_csv(path, rows)
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252"))
    problems = problems_of(path)
    assert "not UTF-8" in problems[0].reason and "save it as UTF-8" in problems[0].reason
    assert [(p.row, p.field) for p in problems[1:]] == [(3, "locality")]
    assert "maybe '–' in Windows-1252" in problems[1].reason


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("zones.csv", b"", "the file is empty"),
        ("zones.csv", ",".join(flat_column_names()).encode() + b"\n", "header row but no zones"),
        ("zones.json", b"[1, ", "not valid JSON at line 1"),
        ("zones.geojson", b'{"type": "Feature"}', "expected a GeoJSON FeatureCollection"),
        ("zones.txt", b"zone_id\n", "unsupported file type '.txt'"),
        ("zones.xlsx", b"not a zip", "not a readable XLSX workbook"),
    ],
)
def test_an_unreadable_file_is_rejected_with_a_clear_reason(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    problems = problems_of(path)
    assert len(problems) == 1 and reason in problems[0].reason, problems


def test_xlsx_rows_are_numbered_as_the_spreadsheet_shows_them(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(flat_column_names()))
    for row in flat_rows(sample_zones(3)):
        sheet.append([row[name] or None for name in flat_column_names()])
    latitude = get_column_letter(flat_column_names().index("latitude") + 1)
    sheet[f"{latitude}3"] = 123.5
    path = tmp_path / "zones.xlsx"
    workbook.save(path)
    assert [(p.row, p.field, p.reason) for p in problems_of(path)] == [
        (3, "latitude", "123.5 is outside -90..90")
    ]


def test_geojson_point_geometry_gives_the_coordinates_and_features_count_from_one(tmp_path: Path) -> None:
    zones = sample_zones(3)
    document = feature_collection(zones)
    document["features"][0]["geometry"]["coordinates"] = [30.5, 10.25]
    document["features"][1]["geometry"]["coordinates"] = [30.5, 100.0]
    path = tmp_path / "zones.geojson"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert [(p.row, p.field) for p in problems_of(path)] == [(2, "latitude")]
    del document["features"][1]
    path.write_text(json.dumps(document), encoding="utf-8")
    first = read_zones(path)[0]
    assert (first.location.latitude, first.location.longitude) == (10.25, 30.5)


def test_nested_json_errors_are_named_by_their_flat_column(tmp_path: Path) -> None:
    items = [zone.model_dump(mode="json") for zone in sample_zones(3)]
    items[1]["land"]["area_ha"] = -3
    items[2]["location"]["lat"] = 1
    path = tmp_path / "zones.json"
    path.write_text(json.dumps({"zones": items}), encoding="utf-8")
    assert [(p.row, p.field, p.reason) for p in problems_of(path)] == [
        (2, "area_ha", "-3 is negative; area_ha must be 0 or more"),
        (3, "location.lat", "unknown field (not part of the standard)"),
    ]
