"""A source is checked whole before it is registered, and runs when its schedule says it is due."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sezatlas.federation.sources import (
    Source,
    SourceInvalidError,
    SourceKind,
    checked_source,
    parse_schedule,
    schedule_text,
)

NODE = Source("rus-node", 1, SourceKind.SEZATLAS, "https://gisip.example", "CC-BY-4.0", 24.0)


def test_schedules_read_as_people_write_them() -> None:
    assert (parse_schedule("24h"), parse_schedule("7d"), parse_schedule("30m")) == (24.0, 168.0, 0.5)
    assert parse_schedule("") is None and parse_schedule("manual") is None


@given(st.sampled_from(["m", "h", "d"]), st.integers(min_value=1, max_value=500))
def test_a_schedule_reads_back_as_written(unit: str, count: int) -> None:
    hours = parse_schedule(f"{count * 15}{unit}" if unit == "m" else f"{count}{unit}")
    assert parse_schedule(schedule_text(hours)) == pytest.approx(hours)


@pytest.mark.parametrize("text", ["daily", "5m", "-1h", "24"])
def test_a_schedule_that_is_not_an_interval_of_15_minutes_or_more_is_refused(text: str) -> None:
    with pytest.raises(SourceInvalidError) as error:
        parse_schedule(text)
    assert error.value.field == "schedule"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": "Bad Name"}, "name"),
        ({"location": "ftp://gisip.example"}, "location"),
        ({"location": ""}, "location"),
        ({"licence": " "}, "licence"),
        ({"mapping": {"Name": "name_en"}}, "mapping"),  # a node's records are standard already
    ],
)
def test_a_bad_registration_names_the_field_at_fault(change: dict[str, object], field: str) -> None:
    with pytest.raises(SourceInvalidError) as error:
        checked_source(replace(NODE, **change))  # type: ignore[arg-type]
    assert error.value.field == field


def test_a_mapping_onto_an_unknown_column_is_refused_before_the_first_run() -> None:
    mapping = {"Park": "park_name"}
    tabular = Source("ind-parks", 1, SourceKind.TABULAR, "/srv/parks.csv", "GODL-India", None, mapping)
    with pytest.raises(SourceInvalidError, match="mapping"):
        checked_source(tabular)


def test_a_scheduled_source_is_due_once_its_interval_has_passed() -> None:
    now = datetime(2026, 12, 4, 12, tzinfo=UTC)
    assert NODE.is_due(None, now)
    assert not NODE.is_due(now - timedelta(hours=23), now)
    assert NODE.is_due(now - timedelta(hours=24), now)
    manual = Source("manual", 1, SourceKind.SEZATLAS, "https://x.example", "CC0-1.0")
    assert not manual.is_due(None, now)
