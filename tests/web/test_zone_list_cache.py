"""A zone list is computed once and answered from memory until something it shows changes: a zone
written by any process, an operator's confirmation, or the date. On SQLite and PostgreSQL."""

from datetime import date

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from sezatlas.accounts.roles import Grant, Role
from sezatlas.store.database import session_factory
from sezatlas.store.zones import get_zone, lock_zones_for_writing, upsert_zones
from sezatlas.web import zones_api
from sezatlas.web.app import create_app
from sezatlas.web.zone_list_cache import Answer, ZoneListCache
from tests.accounts.people import log_in_as

LIST = "/api/v1/zones?country=RUS&limit=5&sort=name"


def _cache(client: TestClient) -> ZoneListCache:
    cache: ZoneListCache = client.app.state.zone_list_cache  # type: ignore[attr-defined]
    return cache


def test_the_same_list_twice_is_computed_once_and_answered_the_same(registry_engine: Engine) -> None:
    client = TestClient(create_app(registry_engine))
    first, second = client.get(LIST), client.get(LIST)
    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    assert second.headers["content-type"] == "application/json"
    assert (_cache(client).misses, _cache(client).hits) == (1, 1)
    csv = client.get(LIST + "&f=csv")
    assert client.get(LIST + "&f=csv").headers["x-total-count"] == csv.headers["x-total-count"]
    assert client.get(LIST + "&f=geojson").headers["content-type"] == "application/geo+json"


def test_a_zone_written_by_another_process_shows_at_once(registry_engine: Engine) -> None:
    client = TestClient(create_app(registry_engine))
    before = client.get(LIST).json()
    zone_id = before["items"][0]["zone_id"]
    with session_factory(registry_engine)() as session:  # as an import in another worker would
        lock_zones_for_writing(session)
        zone = get_zone(session, zone_id)
        assert zone is not None
        upsert_zones(session, [zone.model_copy(update={"name_en": "AAA renamed zone"})])
        session.commit()
    after = client.get(LIST).json()
    assert after["items"][0]["name_en"] == "AAA renamed zone"
    assert _cache(client).hits == 0


def test_an_operators_confirmation_shows_at_once(registry_engine: Engine) -> None:
    client = TestClient(create_app(registry_engine))
    listed = "/api/v1/zones?country=RUS&limit=1000"
    assert (
        next(z for z in client.get(listed).json()["items"] if z["zone_id"] == "RUS-001")["last_confirmed_at"]
        is None
    )
    operator = log_in_as(TestClient(create_app(registry_engine)), registry_engine,
                         Grant(Role.ZONE_OPERATOR, "RUS-001"))  # fmt: skip
    assert operator.post("/api/v1/zones/RUS-001/confirm").status_code == 200
    items = client.get(listed).json()["items"]
    assert next(z for z in items if z["zone_id"] == "RUS-001")["last_confirmed_at"] is not None


def test_the_age_of_the_data_is_counted_from_the_day_of_the_request(
    registry_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = TestClient(create_app(registry_engine))
    today = client.get(LIST).json()["items"][0]["data_age_days"]

    class Tomorrow(date):
        @classmethod
        def today(cls) -> "Tomorrow":
            following = date.fromordinal(date.today().toordinal() + 1)
            return cls(following.year, following.month, following.day)

    monkeypatch.setattr(zones_api, "date", Tomorrow)
    assert client.get(LIST).json()["items"][0]["data_age_days"] == today + 1


def _answer(size: int) -> Answer:
    return Answer(b"x" * size, "application/json")


def test_the_least_recently_used_answers_go_first_and_big_ones_are_not_kept() -> None:
    cache = ZoneListCache(max_bytes=800)
    keys = [("db", "1", "0", "2026-12-04", f"offset={n}") for n in range(9)]
    for key in keys[:8]:
        cache.put(key, _answer(100))
    assert cache.get(keys[0]) is not None  # now the most recently used
    cache.put(keys[8], _answer(100))
    assert cache.get(keys[1]) is None and cache.get(keys[0]) is not None
    assert (len(cache), cache.size_bytes) == (8, 800)
    cache.put(("db", "1", "0", "2026-12-04", "limit=1000"), _answer(101))  # over an eighth of the memory
    assert len(cache) == 8


def test_no_memory_no_cache(registry_engine: Engine) -> None:
    cache = ZoneListCache(max_bytes=0)
    with session_factory(registry_engine)() as session:
        assert cache.key(session, "country=RUS", date(2026, 12, 4)) is None
    cache.put(None, _answer(1))
    assert len(cache) == 0 and cache.get(None) is None
