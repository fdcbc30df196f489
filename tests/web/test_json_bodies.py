"""A large JSON body is checked for non-finite numbers off the event loop, so that other requests of the
process do not wait for it (sezatlas/web/json_bodies.py); the answer is the same either way."""

import asyncio

import pytest
from fastapi.testclient import TestClient

from sezatlas.web import json_bodies


def _in_event_loop() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


@pytest.mark.parametrize(("name_length", "in_event_loop"), [(100, True), (100_000, False)])
def test_a_large_body_is_checked_in_a_worker_thread(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, name_length: int, in_event_loop: bool
) -> None:
    checked_where: list[bool] = []
    check_json_body = json_bodies.check_json_body

    def check(body: bytes) -> json_bodies.ApiError | None:
        checked_where.append(_in_event_loop())
        return check_json_body(body)

    monkeypatch.setattr(json_bodies, "check_json_body", check)
    body = f'{{"name": "{"x" * name_length}", "isic_code": "2930", "land_ha": NaN}}'
    response = client.post("/api/v1/rank", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 422 and "finite" in response.json()["detail"]
    assert checked_where == [in_event_loop]
