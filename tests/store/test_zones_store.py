"""The store keeps zones, their exploded ISIC codes and the registry version in step (both back-ends)."""

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, event, select, text, update

from sezatlas.standard.schema import STANDARD_VERSION
from sezatlas.standard.zone import Zone
from sezatlas.store.database import haversine_km, transaction, upgrade
from sezatlas.store.models import ZoneDocumentRow, ZoneIsicRow
from sezatlas.store.zone_search import BBox, ZoneQuery, search_zones
from sezatlas.store.zones import (
    get_zone,
    mark_confirmations_changed,
    registry_state,
    registry_version,
    upsert_zones,
)


def make_zone(zone_id: str, **changes: object) -> Zone:
    base = {"zone_id": zone_id, "country_iso3": "FJI", "name_en": f"Zone {zone_id}", "zone_type": "free_zone"}
    return Zone.model_validate({**base, **changes})


def test_upsert_inserts_updates_and_reports_unchanged(empty_engine: Engine) -> None:
    with transaction(empty_engine) as session:
        counts = upsert_zones(session, [make_zone("FJI-1"), make_zone("FJI-2")])
        assert (counts.inserted, counts.updated, counts.unchanged) == (2, 0, 0)
        version = registry_version(session)
    with transaction(empty_engine) as session:
        counts = upsert_zones(session, [make_zone("FJI-1", land={"area_ha": 12.5}), make_zone("FJI-2")])
        assert (counts.inserted, counts.updated, counts.unchanged) == (0, 1, 1)
        assert registry_version(session) != version
        stored = get_zone(session, "FJI-1")
        assert stored is not None and stored.land.area_ha == 12.5


def test_a_request_reads_the_registry_state_once_and_still_sees_its_own_writes(empty_engine: Engine) -> None:
    with transaction(empty_engine) as session:
        upsert_zones(session, [make_zone("FJI-1")])
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(empty_engine, "before_cursor_execute", count)
    try:
        with transaction(empty_engine) as session:
            version, confirmations = registry_state(session)
            assert len(statements) == 1
            assert registry_version(session) == version  # the answer cache's key, then the name index
            assert len(statements) == 1
            mark_confirmations_changed(session)
            upsert_zones(session, [make_zone("FJI-2")])
            after = registry_state(session)
    finally:
        event.remove(empty_engine, "before_cursor_execute", count)
    assert after[0] != version and after[1] != confirmations


def test_isic_codes_are_stored_with_their_ancestors(empty_engine: Engine) -> None:
    with transaction(empty_engine) as session:
        upsert_zones(session, [make_zone("FJI-1", specialisation={"isic_codes": ["2930"]})])
    with transaction(empty_engine) as session:
        codes = set(session.scalars(select(ZoneIsicRow.isic_code).where(ZoneIsicRow.zone_id == "FJI-1")))
    assert codes == {"2930", "293", "29", "C"}
    with transaction(empty_engine) as session:
        upsert_zones(session, [make_zone("FJI-1", specialisation={"isic_codes": ["1050"]})])
        assert search_zones(session, ZoneQuery(isic=["29"])).total == 0
        assert search_zones(session, ZoneQuery(isic=["10"])).total == 1


def test_a_bbox_across_the_antimeridian(empty_engine: Engine) -> None:
    point = {"coordinate_precision": "approximate"}
    zones = [
        make_zone("FJI-1", location={"latitude": -17.8, "longitude": 178.0, **point}),
        make_zone("FJI-2", location={"latitude": -17.8, "longitude": -179.0, **point}),
        make_zone("FJI-3", location={"latitude": -17.8, "longitude": 100.0, **point}),
    ]
    with transaction(empty_engine) as session:
        upsert_zones(session, zones)
        found = search_zones(session, ZoneQuery(bbox=BBox(170, -20, -170, -10)))
    assert {zone.zone_id for zone in found.zones} == {"FJI-1", "FJI-2"}


coordinates = st.tuples(
    st.floats(-89.9, 89.9), st.floats(-179.9, 179.9), st.floats(-89.9, 89.9), st.floats(-179.9, 179.9)
)


@settings(max_examples=30, deadline=None)
@given(points=coordinates)
def test_the_database_distance_equals_the_python_formula(
    bundled_engine: Engine, points: tuple[float, ...]
) -> None:
    with bundled_engine.connect() as connection:
        in_sql = connection.execute(
            text("SELECT haversine_km(:a, :b, :c, :d)"), dict(zip("abcd", points, strict=True))
        ).scalar_one()
    in_python = haversine_km(*points)
    assert in_python is not None and abs(in_sql - in_python) < 1e-6


def test_text_search_finds_the_same_zones_in_memory_and_by_like(
    bundled_engine: Engine, monkeypatch: object
) -> None:
    from sezatlas.store import zone_search

    def found(limit: int) -> list[str]:
        monkeypatch.setattr(zone_search.NAME_INDEX, "MAX_LISTED_MATCHES", limit)  # type: ignore[attr-defined]
        with transaction(bundled_engine) as session:
            page = search_zones(session, ZoneQuery(text="Free Zone", limit=1000))
        return [zone.zone_id for zone in page.zones]

    in_memory, by_like = found(10_000), found(0)
    assert in_memory == by_like and len(in_memory) > 20


def test_a_zone_written_under_another_standard_is_rebuilt_from_its_columns_until_upgrade_rewrites_it(
    empty_engine: Engine,
) -> None:
    zone = make_zone("FJI-1", land={"area_ha": 12.5})
    with transaction(empty_engine) as session:
        upsert_zones(session, [zone])
        session.execute(update(ZoneDocumentRow).values(document='{"stale": 1}', standard="0.9"))
    with transaction(empty_engine) as session:
        [(document, _as_of)] = search_zones(session, ZoneQuery(), with_documents=True).documents()
        assert document == zone.model_dump_json()
    upgrade(empty_engine)
    with transaction(empty_engine) as session:
        stored = session.execute(select(ZoneDocumentRow.document, ZoneDocumentRow.standard)).one()
        assert tuple(stored) == (zone.model_dump_json(), STANDARD_VERSION)
        assert search_zones(session, ZoneQuery(), with_documents=True).stored == {"FJI-1": stored.document}


NEARLY_EQUAL = [(0.0, 0.0, 0.0, 5e-324), (0.0, 0.0, 5e-324, 0.0), (5e-324, 0.0, 0.0, 0.0), (1e-150, 0, 0, 0)]


def test_nearly_equal_points_are_near_zero_apart_not_an_error(bundled_engine: Engine) -> None:
    with bundled_engine.connect() as connection:
        for points in NEARLY_EQUAL:
            distance = connection.execute(
                text("SELECT haversine_km(:a, :b, :c, :d)"), dict(zip("abcd", points, strict=True))
            ).scalar_one()
            in_python = haversine_km(*points)
            assert in_python is not None and abs(distance - in_python) < 1e-9
