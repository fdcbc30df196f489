"""A list's count is kept per registry version: other pages and orders of the same filters do not count the
zones again, and a write to the registry is counted at once."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import Engine, event

from sezatlas.standard.zone import Zone
from sezatlas.store.database import transaction
from sezatlas.store.zone_counts import ZoneCounts
from sezatlas.store.zone_search import ZoneQuery, ZoneSort, search_zones
from sezatlas.store.zones import registry_state, upsert_zones


def fiji_zones(*numbers: int) -> list[Zone]:
    return [
        Zone.model_validate(
            {
                "zone_id": f"FJI-{n}",
                "country_iso3": "FJI",
                "name_en": f"Zone {n}",
                "zone_type": "free_zone",
                "land": {"area_ha": float(n)},
            }
        )
        for n in numbers
    ]


@contextmanager
def counting_queries(engine: Engine) -> Iterator[list[str]]:
    """The `SELECT count(*)` statements run on `engine` meanwhile."""
    seen: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if statement.lstrip().lower().startswith("select count(*)"):
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", note)


def listed(engine: Engine, query: ZoneQuery) -> tuple[int, list[str]]:
    """A page as the zone list reads it: the registry state first (the answer cache's key), then the page."""
    with transaction(engine) as session:
        registry_state(session)
        page = search_zones(session, query, with_documents=True)
        return page.total, [row["zone_id"] for row in page.rows]


def test_other_pages_and_orders_of_the_same_filters_count_once(empty_engine: Engine) -> None:
    with transaction(empty_engine) as session:
        upsert_zones(session, fiji_zones(1, 2, 3, 4, 5))
    with counting_queries(empty_engine) as counts:
        first = listed(empty_engine, ZoneQuery(countries=["FJI"], limit=2))
        second = listed(
            empty_engine, ZoneQuery(countries=["FJI"], limit=2, offset=2, sort=ZoneSort.AREA_DESC)
        )
        past_the_end = listed(empty_engine, ZoneQuery(countries=["FJI"], offset=10, sort=ZoneSort.NAME))
    assert first == (5, ["FJI-1", "FJI-2"])
    assert second == (5, ["FJI-3", "FJI-2"])
    assert past_the_end == (5, [])
    assert len(counts) == 1


def test_a_write_to_the_registry_is_counted_at_once(empty_engine: Engine) -> None:
    with transaction(empty_engine) as session:
        upsert_zones(session, fiji_zones(1, 2))
    assert listed(empty_engine, ZoneQuery(countries=["FJI"]))[0] == 2
    with transaction(empty_engine) as session:
        upsert_zones(session, fiji_zones(3))
    assert listed(empty_engine, ZoneQuery(countries=["FJI"]))[0] == 3
    assert listed(empty_engine, ZoneQuery(countries=["FJI"], min_area_ha=2))[0] == 2  # other filters


def test_without_the_registry_state_read_every_search_counts(empty_engine: Engine) -> None:
    """A command or a write in progress has not read the version its count would belong to."""
    with transaction(empty_engine) as session:
        upsert_zones(session, fiji_zones(1, 2))
    with counting_queries(empty_engine) as counts, transaction(empty_engine) as session:
        totals = [search_zones(session, ZoneQuery(countries=["FJI"], offset=n)).total for n in range(3)]
    assert totals == [2, 2, 2]
    assert len(counts) == 3


def test_the_counts_kept_are_bounded_least_recently_used_first(empty_engine: Engine) -> None:
    counts = ZoneCounts(max_entries=2)
    with transaction(empty_engine) as session:
        registry_state(session)
        for filters in ("a", "b", "a", "c"):  # "b" is the least recently used when "c" comes
            counts.count(session, filters, lambda: 1)
        kept = [counts.count(session, name, lambda: 2) for name in ("a", "c")]
        dropped = counts.count(session, "b", lambda: 2)
    assert kept == [1, 1]
    assert dropped == 2
    assert len(counts) == 2


def test_a_countrys_other_orders_are_read_off_an_index_not_sorted(empty_engine: Engine) -> None:
    """By name, by area and by free land, largest first: the page's ids are the index's next entries
    (migration 0023), for the very query a search runs. SQLite's plan shows it; PostgreSQL's plan depends
    on its statistics, and a table this small would be scanned."""
    if empty_engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL picks its plan by the table's statistics: a table this small is scanned")
    with transaction(empty_engine) as session:
        upsert_zones(session, fiji_zones(*range(1, 30)))
    run: list[tuple[str, Any]] = []

    def note(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if statement.startswith("SELECT zones.zone_id \nFROM zones"):
            run.append((statement, parameters))

    details = {}
    for sort in (ZoneSort.RELEVANCE, ZoneSort.NAME, ZoneSort.AREA_DESC, ZoneSort.FREE_AREA_DESC):
        run.clear()
        event.listen(empty_engine, "before_cursor_execute", note)
        with transaction(empty_engine) as session:
            search_zones(session, ZoneQuery(countries=["FJI"], sort=sort, limit=5, offset=5))
        event.remove(empty_engine, "before_cursor_execute", note)
        ((statement, parameters),) = run
        with empty_engine.connect() as connection:
            plan = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
            details[sort.value] = " ".join(str(row[-1]) for row in plan)
    for sort, plan in details.items():
        assert "USING COVERING INDEX ix_zones_country_" in plan, (sort, plan)
        assert "TEMP B-TREE" not in plan, (sort, plan)
