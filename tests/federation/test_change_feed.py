"""The change feed every node publishes: a snapshot first, then every change once, from an opaque cursor."""

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from sezatlas.federation.change_feed import BadCursorError, FeedKind, changes_since
from sezatlas.store.database import session_factory
from sezatlas.web.app import create_app
from tests.federation.node_fixtures import node_engine
from tests.federation.test_harvest import set_free_land
from tests.registry.zone_files import sample_zones


@pytest.fixture
def node(tmp_path: Path) -> Engine:
    return node_engine(tmp_path)


def read_all(engine: Engine, since: str | None, limit: int) -> tuple[list[tuple[str, str]], str]:
    """(zone_id, kind) of every change after `since`, page by page, and the cursor at the end."""
    seen: list[tuple[str, str]] = []
    with session_factory(engine)() as session:
        while True:
            page = changes_since(session, since, limit)
            seen += [(change.zone_id, change.kind.value) for change in page.changes]
            since = page.next
            if not page.has_more:
                return seen, since


def test_without_a_cursor_the_feed_is_every_zone_once_in_pages(node: Engine) -> None:
    seen, _ = read_all(node, None, limit=2)
    assert seen == [(zone.zone_id, "created") for zone in sorted(sample_zones(), key=lambda z: z.zone_id)]


def test_after_the_snapshot_only_the_changes_made_since_come(node: Engine, tmp_path: Path) -> None:
    _, cursor = read_all(node, None, limit=3)
    assert read_all(node, cursor, limit=3)[0] == []
    changed = sample_zones()[2].zone_id
    set_free_land(node, tmp_path, changed, "3.5")
    seen, cursor = read_all(node, cursor, limit=3)
    assert seen == [(changed, "changed")]
    assert read_all(node, cursor, limit=3)[0] == []  # read once, never again


def test_a_change_made_while_the_snapshot_is_read_comes_after_it(node: Engine, tmp_path: Path) -> None:
    with session_factory(node)() as session:
        first = changes_since(session, None, limit=2)
    set_free_land(node, tmp_path, sorted(z.zone_id for z in sample_zones())[0], "1.5")  # already paged
    seen, _ = read_all(node, first.next, limit=2)
    assert seen[-1] == (sorted(z.zone_id for z in sample_zones())[0], FeedKind.CHANGED.value)


def test_the_records_are_whole_flat_standard_records(node: Engine) -> None:
    with session_factory(node)() as session:
        change = changes_since(session, None, limit=1).changes[0]
    assert {"zone_id", "country_iso3", "name_en", "free_area_ha", "source_urls"} <= change.record.keys()


def test_a_cursor_the_feed_did_not_hand_out_is_refused(node: Engine) -> None:
    with session_factory(node)() as session, pytest.raises(BadCursorError):
        changes_since(session, "not-a-cursor", 10)
    answer = TestClient(create_app(engine=node)).get("/api/v1/changes", params={"since": "bogus"})
    assert answer.status_code == 400 and "since" in answer.json()["detail"]


def test_the_api_pages_the_feed_with_next_and_has_more(node: Engine) -> None:
    client = TestClient(create_app(engine=node))
    page = client.get("/api/v1/changes", params={"limit": 4}).json()
    assert len(page["changes"]) == 4 and page["has_more"] is True
    rest = client.get("/api/v1/changes", params={"since": page["next"], "limit": 4}).json()
    assert len(rest["changes"]) == 1 and rest["has_more"] is False
    assert {"zone_id", "version", "at", "kind", "record"} == rest["changes"][0].keys()
