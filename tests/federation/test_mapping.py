"""A source's field mapping: checked before use, applied by the import's rules, previewed without writing."""

from collections.abc import Iterator

import pytest

from sezatlas.federation.mapping import apply, check_mapping, preview
from sezatlas.federation.records import RecordError, SourceRecord
from sezatlas.standard.flat import flat_to_nested, zone_to_flat
from sezatlas.standard.zone import Zone
from tests.registry.zone_files import sample_zones

# How a national platform might name its fields (e.g. a land bank's export), mapped to the standard.
NATIONAL = {
    "Park ID": "zone_id",
    "Park name": "name_en",
    "Category": "zone_type",
    "Lat": "latitude",
    "Long": "longitude",
    "State": "admin1",
    "=IND": "country_iso3",
    "=site": "coordinate_precision",  # a land bank locates each park itself
}


def national_record(**changes: object) -> SourceRecord:
    values: dict[str, object] = {
        "Park ID": "IND-900",
        "Park name": "Sricity Industrial Park",
        "Category": "industrial_park",
        "Lat": "13.55",
        "Long": "80.02",
        "State": "Andhra Pradesh",
        "Remarks": "internal note the mapping leaves out",
    }
    values.update(changes)
    return SourceRecord("row 7 of parks.csv", values)


def test_a_national_record_becomes_a_flat_standard_record_with_its_constant() -> None:
    flat = apply(NATIONAL, national_record())

    assert isinstance(flat, dict)
    assert flat["country_iso3"] == "IND" and flat["name_en"] == "Sricity Industrial Park"
    assert "Remarks" not in flat
    zone = Zone.model_validate(flat_to_nested(flat))
    assert (zone.location.latitude, zone.location.longitude) == (13.55, 80.02)


def test_a_bad_value_is_named_by_the_source_field_and_the_record_position() -> None:
    errors = apply(NATIONAL, national_record(Lat="123.0"))

    assert errors == [
        RecordError("row 7 of parks.csv", "Lat", "123.0 is outside -90..90 (standard column latitude)")
    ]
    assert str(errors[0]).startswith("row 7 of parks.csv, field Lat: ")


def test_records_are_judged_by_the_same_rules_as_imports() -> None:
    """A control character (imports refuse it: PostgreSQL and XLSX cannot hold it), an unknown zone type."""
    errors = apply(NATIONAL, national_record(**{"Park name": "Sri\x00city", "Category": "megazone"}))

    assert isinstance(errors, list)
    assert {error.field for error in errors} == {"Park name", "Category"}
    assert any("megazone" in error.message and "is not one of" in error.message for error in errors)


def test_a_required_column_the_record_lacks_is_reported_for_the_whole_record() -> None:
    values = dict(national_record().values)
    del values["Park ID"]

    errors = apply(NATIONAL, SourceRecord("row 8 of parks.csv", values))

    assert errors == [RecordError("row 8 of parks.csv", "", "zone_id: a required value is missing")]


def test_an_empty_mapping_takes_a_nodes_flat_records_as_they_are() -> None:
    zone = sample_zones(1)[0]
    record = SourceRecord("zone 1 of the snapshot", {**zone_to_flat(zone), "brics_relation": "member"})

    flat = apply({}, record)

    assert isinstance(flat, dict) and "brics_relation" not in flat
    assert Zone.model_validate(flat_to_nested(flat)) == zone


def test_pass_through_with_renames_lets_a_mapping_fix_a_few_fields_only() -> None:
    zone = sample_zones(1)[0]
    values = {**zone_to_flat(zone), "title": "Renamed"}

    flat = apply({"*": "*", "title": "name_en"}, SourceRecord("feature 1 of page 1", values))

    assert isinstance(flat, dict) and flat["name_en"] == "Renamed"


@pytest.mark.parametrize(
    ("mapping", "expected"),
    [
        ({**NATIONAL, "District": "localty"}, ("District", "did you mean 'locality'")),
        ({**NATIONAL, "Name (Hindi)": "name_en"}, ("Name (Hindi)", "already given by 'Park name'")),
        ({"Park ID": "zone_id", "Park name": "name_en", "Category": "zone_type"}, ("", "country_iso3")),
        ({"*": "name_en"}, ("*", '"*" only maps to itself')),
    ],
)
def test_a_mapping_that_cannot_work_is_refused_naming_its_key(
    mapping: dict[str, str], expected: tuple[str, str]
) -> None:
    errors = check_mapping(mapping)

    key, words = expected
    assert any(error.field == key and words in error.message for error in errors), errors
    assert all(error.position == "mapping" for error in errors)


def test_a_usable_mapping_has_no_problems() -> None:
    assert check_mapping(NATIONAL) == []
    assert check_mapping({}) == []


def test_preview_maps_only_the_first_records_and_lists_the_fields_left_out() -> None:
    def records() -> Iterator[SourceRecord]:
        yield national_record()
        yield national_record(Lat="north")
        raise AssertionError("the preview read past its limit")

    shown = preview(NATIONAL, records(), limit=2)

    assert shown.records_read == 2 and len(shown.records) == 1
    assert [(e.field, e.message) for e in shown.errors] == [
        ("Lat", "'north' is not a number (standard column latitude)")
    ]
    assert shown.unmapped_fields == ["Remarks"]


def test_preview_of_a_broken_mapping_reads_nothing() -> None:
    def records() -> Iterator[SourceRecord]:
        raise AssertionError("nothing should be read")
        yield  # pragma: no cover

    shown = preview({"Park ID": "zone_idd"}, records())

    assert shown.records_read == 0 and shown.errors[0].field == "Park ID"
