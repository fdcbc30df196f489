"""The data standard rejects impossible facts and keeps unknown ones null."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from sezatlas.standard.flat import flat_column_names, flat_to_nested, zone_to_flat
from sezatlas.standard.schema import STANDARD_VERSION, standard_json_schema
from sezatlas.standard.zone import Zone
from sezatlas.store.models import ZoneRow

MINIMAL = {"zone_id": "RUS-900", "country_iso3": "RUS", "name_en": "Test zone", "zone_type": "sez"}


def zone(**changes: object) -> Zone:
    return Zone.model_validate({**MINIMAL, **changes})


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"location": {"latitude": 123.0, "longitude": 10, "coordinate_precision": "site"}},
            "less than or equal",
        ),
        ({"location": {"latitude": 10.0}}, "latitude and longitude must be given together"),
        ({"specialisation": {"isic_codes": ["9999"]}}, "not an ISIC Rev.4 code"),
        ({"land": {"area_ha": -5}}, "greater than or equal to 0"),
        ({"land": {"area_ha": 10, "free_area_ha": 20}}, "exceeds area_ha"),
        ({"utilities": {"power_mw": {"total": 5, "free": 9}}}, "exceeds total"),
        ({"country_iso3": "XXX"}, "not an ISO 3166-1 alpha-3"),
        ({"zone_id": "CHN-001"}, "must start with its country code"),
        ({"provenance": {"source_urls": ["not a url"]}}, r"not an absolute http\(s\) URL"),
        ({"provenance": {"as_of": "2025-13"}}, "YYYY, YYYY-MM or YYYY-MM-DD"),
        ({"zone_type": "castle"}, "Input should be"),
    ],
)
def test_impossible_facts_are_rejected_with_a_reason(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        zone(**changes)


def test_unknown_facts_stay_null_not_zero() -> None:
    flat = zone_to_flat(zone())
    assert flat["area_ha"] is None and flat["power_mw_free"] is None and flat["has_rail_siding"] is None


def test_flat_form_round_trips() -> None:
    full = zone(
        specialisation={"isic_codes": ["29", "2930"], "sectors_text": "auto parts"},
        utilities={"power_mw": {"total": 100, "free": 40.5}},
        logistics={"has_rail_siding": True, "distance_to_seaport_km": 12.5},
        provenance={"source_urls": ["https://example.org/a", "https://example.org/b"], "as_of": "2025-06"},
        field_provenance={"area_ha": {"source_urls": ["https://example.org/area"], "confidence": "high"}},
    )
    assert Zone.model_validate(flat_to_nested(zone_to_flat(full))) == full


def test_store_columns_are_the_flat_columns_of_the_standard() -> None:
    stored = {column.name for column in ZoneRow.__table__.columns} - {"search_text", "updated_at"}
    assert stored == set(flat_column_names())


def test_published_schema_names_its_version_and_every_group() -> None:
    schema = standard_json_schema()
    assert schema["version"] == STANDARD_VERSION
    zone_properties = schema["$defs"]["Zone"]["properties"]
    for group in ("location", "land", "utilities", "logistics", "specialisation", "regime", "performance"):
        assert group in zone_properties


text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30).filter(str.strip)
amount = st.none() | st.floats(0, 1e6, allow_nan=False)


@settings(max_examples=60, deadline=None)
@given(
    name_local=st.none() | text,
    area=amount,
    power=amount,
    rail=st.none() | st.booleans(),
    isic=st.lists(st.sampled_from(["A", "01", "10", "1050", "29", "2930", "62"]), unique=True, max_size=4),
    notes=st.none() | text,
)
def test_any_valid_zone_survives_the_flat_form(
    name_local: str | None, area: float | None, power: float | None, rail: bool | None, isic: list[str],
    notes: str | None,
) -> None:  # fmt: skip
    original = zone(
        name_local=name_local,
        land={"area_ha": area},
        utilities={"power_mw": {"total": power}},
        logistics={"has_rail_siding": rail},
        specialisation={"isic_codes": isic},
        notes=notes,
    )
    assert Zone.model_validate(flat_to_nested(zone_to_flat(original))) == original
