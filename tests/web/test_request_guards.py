"""What the server refuses before any route runs: oversized bodies (413), URLs holding a control character
(400), and what every response carries (`X-Content-Type-Options: nosniff`).

The middlewares are added here as `create_app` adds them (see docs/web.md, "Limits").
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from sezatlas.accounts.roles import Grant, Role
from sezatlas.settings import Settings
from sezatlas.web.app import create_app
from sezatlas.web.body_limit import BodyLimitMiddleware
from sezatlas.web.security_headers import SecurityHeadersMiddleware
from sezatlas.web.url_guard import ControlCharacterUrlMiddleware
from tests.accounts.people import log_in_as
from tests.congress.congress_data import EVENT_ID, store_congress

LIMIT = 2_000
BASE = f"/api/v1/congress/events/{EVENT_ID}"
SQLITE_ONLY = pytest.mark.parametrize("empty_engine", ["sqlite"], indirect=True)


def guarded(engine: Engine, limit: int = LIMIT) -> FastAPI:
    app = create_app(engine)
    app.add_middleware(BodyLimitMiddleware, max_body_bytes=limit)
    app.add_middleware(ControlCharacterUrlMiddleware)
    app.add_middleware(SecurityHeadersMiddleware)
    return app


@pytest.fixture
def client(empty_engine: Engine) -> TestClient:
    store_congress(empty_engine)
    organiser = TestClient(guarded(empty_engine), raise_server_exceptions=False)
    return log_in_as(organiser, empty_engine, Grant(Role.ORGANISER, EVENT_ID))


def big_request_body() -> bytes:
    return json.dumps({"requester": "ZO2", "target": "ZO1", "padding": "x" * (LIMIT * 5)}).encode()


def in_chunks(body: bytes, size: int = 500) -> Iterator[bytes]:
    for start in range(0, len(body), size):
        yield body[start : start + size]


@SQLITE_ONLY
def test_a_body_declared_over_the_limit_is_413_and_not_read(client: TestClient) -> None:
    response = client.post(f"{BASE}/requests", content=big_request_body(),
                           headers={"content-type": "application/json"})  # fmt: skip
    assert response.status_code == 413
    assert response.json() == {"detail": f"request body over {LIMIT} bytes", "errors": []}


@SQLITE_ONLY
def test_a_chunked_body_without_length_is_counted_as_it_arrives(client: TestClient) -> None:
    response = client.post(f"{BASE}/requests", content=in_chunks(big_request_body()),
                           headers={"content-type": "application/json"})  # fmt: skip
    assert "content-length" not in response.request.headers
    assert response.status_code == 413
    assert response.json() == {"detail": f"request body over {LIMIT} bytes", "errors": []}
    assert all(made["requester"] != "ZO2" for made in client.get(f"{BASE}/requests").json())  # none made


@SQLITE_ONLY
def test_bodies_under_the_limit_are_served_chunked_or_not(client: TestClient) -> None:
    body = json.dumps({"requester": "ZO2", "target": "ZO1"}).encode()
    headers = {"content-type": "application/json"}
    assert client.post(f"{BASE}/requests", content=in_chunks(body, 7), headers=headers).status_code == 201
    assert client.post(f"{BASE}/requests", content=body, headers=headers).status_code == 409  # asked already


def test_the_limit_is_one_mebibyte_unless_configured(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings().max_body_bytes == 1024 * 1024
    monkeypatch.setenv("SEZATLAS_MAX_BODY_BYTES", "5000")
    assert Settings().max_body_bytes == 5000


@SQLITE_ONLY
def test_every_response_says_nosniff_errors_included(client: TestClient) -> None:
    for path in ("/api/v1/zones?f=csv", "/", f"{BASE}/nope", "/api/v1/zones?limit=-1"):
        headers = client.get(path).headers
        assert headers["x-content-type-options"] == "nosniff", path
        assert headers["referrer-policy"] == "strict-origin-when-cross-origin", path
        assert "strict-transport-security" not in headers, "HSTS over plain HTTP pins nothing"
    too_big = client.post(f"{BASE}/requests", content=big_request_body())
    assert too_big.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(
    "path",
    [f"{BASE}/participants/ZO%001", f"{BASE}/requests?participant=ZO%001", "/api/v1/zones/RUS%00-001",
     "/zones/RUS-00%001"],
)  # fmt: skip
def test_a_nul_in_the_url_is_400_not_a_database_error(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 400
    assert "control character U+0000" in response.json()["detail"]


def test_a_request_body_naming_a_participant_with_a_nul_is_refused_by_field(client: TestClient) -> None:
    response = client.post(f"{BASE}/requests", json={"requester": "ZO2", "target": "ZO\u00001"})
    assert response.status_code == 422
    assert "target" in response.text and "control character U+0000" in response.text


@SQLITE_ONLY
def test_hsts_is_sent_when_the_request_came_over_tls(empty_engine: Engine) -> None:
    over_tls = TestClient(guarded(empty_engine), base_url="https://atlas.example")
    assert over_tls.get("/api/v1").headers["strict-transport-security"].startswith("max-age=31536000")


def test_only_the_upload_routes_take_the_upload_ceiling() -> None:
    uploads = {"/import": 10 * LIMIT, r"/zones/[^/]+/edit": 10 * LIMIT}
    guard = BodyLimitMiddleware(FastAPI(), max_body_bytes=LIMIT, upload_limits=uploads)
    assert [guard.limit_for(path) for path in ("/import", "/zones/RUS-001/edit")] == [10 * LIMIT] * 2
    for path in ("/import/x", "/api/v1/import", "/zones/RUS-001/edit/x", "/zones/a/b/edit", "/"):
        assert guard.limit_for(path) == LIMIT, path
