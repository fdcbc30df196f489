"""Harvesting another SEZ Atlas node: snapshot, incremental runs through its change feed, the layers of
truth around harvested facts, and failed runs that change nothing (issue 21, item 2)."""

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from sezatlas.federation.actions import add_source, run_source, source_runs
from sezatlas.federation.harvest import RunStatus
from sezatlas.federation.sources import Source, SourceKind
from sezatlas.registry.importer import import_file
from sezatlas.stewardship.changes import ChangeKind
from sezatlas.stewardship.review import approve_changes
from sezatlas.stewardship.versions import Layer, zone_versions
from sezatlas.store.database import session_factory
from sezatlas.store.fact_origins import fact_layers
from sezatlas.store.federation_tables import HarvestedZoneRow
from sezatlas.store.stewardship_tables import ZoneChangeRow, ZoneVersionRow
from sezatlas.store.zones import count_zones, get_zone
from sezatlas.web.app import create_app
from tests.federation.node_fixtures import NODE_URL, SECRETARIAT, national_platform, node_engine, node_fetcher
from tests.registry.zone_files import sample_zones


@pytest.fixture
def node(tmp_path: Path) -> Engine:
    folder = tmp_path / "node"
    folder.mkdir()
    return node_engine(folder)


def register_node(engine: Engine, name: str = "rus-node") -> None:
    with session_factory(engine)() as session:
        source = Source(name, national_platform(engine), SourceKind.SEZATLAS, NODE_URL, "CC-BY-4.0", 24.0)
        add_source(session, SECRETARIAT, source)


def set_free_land(node: Engine, tmp_path: Path, zone_id: str, hectares: str) -> None:
    """The node's secretariat imports a new value, as it would from its own spreadsheet."""
    zone = next(z for z in sample_zones() if z.zone_id == zone_id)
    path = tmp_path / "update.csv"
    path.write_text(
        "zone_id,country_iso3,name_en,zone_type,free_area_ha\n"
        f"{zone.zone_id},{zone.country_iso3},{zone.name_en},{zone.zone_type.value},{hectares}\n",
        encoding="utf-8",
    )
    import_file(node, path)


def test_a_first_run_harvests_every_zone_of_the_node_with_its_history(
    empty_engine: Engine, node: Engine
) -> None:
    register_node(empty_engine)
    report = run_source(empty_engine, SECRETARIAT, "rus-node", fetcher=node_fetcher(node))
    assert report.status is RunStatus.OK
    assert sorted(d.zone_id for d in report.new) == sorted(z.zone_id for z in sample_zones())
    with session_factory(empty_engine)() as session:
        assert count_zones(session) == 5
        zone_id = report.new[0].zone_id
        version = zone_versions(session, zone_id)[0]
        assert (version.layer, version.actor, version.source) == (
            Layer.HARVEST,
            "harvest: rus-node",
            NODE_URL,
        )
        assert set(fact_layers(session, zone_id).values()) == {"harvest"}
        assert session.get(HarvestedZoneRow, zone_id) is not None


def test_an_incremental_run_brings_only_the_changed_zone_with_its_facts_old_and_new(
    empty_engine: Engine, node: Engine, tmp_path: Path
) -> None:
    register_node(empty_engine)
    fetcher = node_fetcher(node)
    run_source(empty_engine, SECRETARIAT, "rus-node", fetcher=fetcher)
    zone_id = sample_zones()[1].zone_id
    set_free_land(node, tmp_path, zone_id, "42.5")

    report = run_source(empty_engine, SECRETARIAT, "rus-node", fetcher=fetcher)

    assert report.status is RunStatus.OK and not report.new
    assert [d.zone_id for d in report.changed] == [zone_id]
    assert [(f.column, f.new) for f in report.changed[0].fields] == [("free_area_ha", 42.5)]
    with session_factory(empty_engine)() as session:
        stored = get_zone(session, zone_id)
        assert stored is not None and stored.land.free_area_ha == 42.5
        runs = source_runs(session, SECRETARIAT, "rus-node")
    assert [run.status for run in runs] == ["ok", "ok"] and runs[0].changed == 1


def test_a_run_with_nothing_new_at_the_node_is_unchanged(empty_engine: Engine, node: Engine) -> None:
    register_node(empty_engine)
    fetcher = node_fetcher(node)
    run_source(empty_engine, SECRETARIAT, "rus-node", fetcher=fetcher)
    assert run_source(empty_engine, SECRETARIAT, "rus-node", fetcher=fetcher).status is RunStatus.UNCHANGED


def test_a_bad_row_at_the_node_fails_the_run_with_its_reason_and_changes_nothing(
    empty_engine: Engine, node: Engine, tmp_path: Path
) -> None:
    register_node(empty_engine)
    fetcher = node_fetcher(node)
    run_source(empty_engine, SECRETARIAT, "rus-node", fetcher=fetcher)
    zone_id = sample_zones()[2].zone_id
    set_free_land(node, tmp_path, zone_id, "7")
    with session_factory(node)() as session:  # the node's store goes bad behind its API
        latest = session.scalars(
            select(ZoneVersionRow)
            .where(ZoneVersionRow.zone_id == zone_id)
            .order_by(ZoneVersionRow.number.desc())
        ).first()
        assert latest is not None
        latest.record = {**latest.record, "country_iso3": "XXX"}
        session.commit()

    report = run_source(empty_engine, SECRETARIAT, "rus-node", fetcher=fetcher)

    assert report.status is RunStatus.FAILED
    assert report.rejected and report.rejected[0].field == "country_iso3"
    with session_factory(empty_engine)() as session:
        stored = get_zone(session, zone_id)
        assert stored is not None and stored.land.free_area_ha == sample_zones()[2].land.free_area_ha
        assert [run.status for run in source_runs(session, SECRETARIAT, "rus-node")] == ["failed", "ok"]


def test_a_harvest_never_overwrites_an_imported_fact_but_asks_the_secretariat(
    empty_engine: Engine, node: Engine, tmp_path: Path
) -> None:
    register_node(empty_engine)
    fetcher = node_fetcher(node)
    run_source(empty_engine, SECRETARIAT, "rus-node", fetcher=fetcher)
    zone_id = sample_zones()[1].zone_id
    set_free_land(
        empty_engine, tmp_path, zone_id, "11"
    )  # the association's secretariat imports its own value
    set_free_land(node, tmp_path, zone_id, "42.5")

    report = run_source(empty_engine, SECRETARIAT, "rus-node", fetcher=fetcher)

    assert report.review_items == 1 and not report.changed
    with session_factory(empty_engine)() as session:
        stored = get_zone(session, zone_id)
        assert stored is not None and stored.land.free_area_ha == 11
        item = session.scalars(select(ZoneChangeRow).where(ZoneChangeRow.zone_id == zone_id)).one()
        assert item.kind == ChangeKind.HARVESTED_SOURCE.value
        assert item.facts == {"free_area_ha": {"old": 11.0, "new": 42.5}}
        assert (
            run_source(empty_engine, SECRETARIAT, "rus-node", fetcher=fetcher).review_items == 0
        )  # not twice

        approve_changes(session, SECRETARIAT, [item.change_id])  # the secretariat lets the source's value in

        approved = get_zone(session, zone_id)
        assert approved is not None and approved.land.free_area_ha == 42.5
        assert fact_layers(session, zone_id)["free_area_ha"] == "harvest"


def test_a_zone_changed_twice_at_the_node_is_written_once_as_it_stands(
    empty_engine: Engine, node: Engine, tmp_path: Path
) -> None:
    register_node(empty_engine)
    fetcher = node_fetcher(node)
    run_source(empty_engine, SECRETARIAT, "rus-node", fetcher=fetcher)
    zone_id = sample_zones()[1].zone_id
    set_free_land(node, tmp_path, zone_id, "40")
    set_free_land(node, tmp_path, zone_id, "41")

    report = run_source(empty_engine, SECRETARIAT, "rus-node", fetcher=fetcher)

    assert [(d.zone_id, [(f.column, f.new) for f in d.fields]) for d in report.changed] == [
        (zone_id, [("free_area_ha", 41.0)])
    ]
    with session_factory(empty_engine)() as session:
        assert (
            len([v for v in zone_versions(session, zone_id) if v.layer is Layer.HARVEST]) == 2
        )  # new, changed


def test_the_api_says_which_source_a_zone_came_from_and_when(empty_engine: Engine, node: Engine) -> None:
    register_node(empty_engine)
    run_source(empty_engine, SECRETARIAT, "rus-node", fetcher=node_fetcher(node))
    client = TestClient(create_app(engine=empty_engine))
    zone_id = sample_zones()[0].zone_id

    origin = client.get(f"/api/v1/zones/{zone_id}/harvest").json()

    assert (origin["harvested"], origin["source"], origin["location"]) == (True, "rus-node", NODE_URL)
    assert origin["removed_at_source_at"] is None and "name_en" in origin["harvested_facts"]
    assert client.get("/api/v1/zones/RUS-NOPE-404/harvest").status_code == 404
