"""Every write is rate-limited per client address; reads never are."""

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from sezatlas.settings import get_settings
from sezatlas.web.app import create_app
from sezatlas.web.write_limits import TokenBuckets


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_bucket_grants_a_burst_then_refills_at_its_rate() -> None:
    clock = Clock()
    buckets = TokenBuckets(3, period_s=60, clock=clock)  # 3 a minute: one token every 20 s
    assert [buckets.take("10.0.0.1") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert buckets.take("10.0.0.1") == pytest.approx(20.0)
    assert buckets.take("10.0.0.2") == 0.0  # another address has its own bucket
    clock.now += 20
    assert buckets.take("10.0.0.1") == 0.0
    assert buckets.take("10.0.0.1") == pytest.approx(20.0)


def test_the_app_answers_429_past_the_limit_and_reads_still_pass(
    empty_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SEZATLAS_WRITES_PER_MINUTE", "3")
    get_settings.cache_clear()
    try:
        client = TestClient(create_app(empty_engine))
    finally:
        get_settings.cache_clear()
    wrong = {"email": "nobody@example.org", "password": "not the password"}
    assert [client.post("/api/v1/session", json=wrong).status_code for _ in range(3)] == [401, 401, 401]
    refused = client.post("/api/v1/session", json=wrong)
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) >= 1
    assert refused.json()["detail"].startswith("too many changes from this address")
    assert client.get("/api/v1/zones").status_code == 200
