"""Rankings beyond the limit wait a moment, then get 503 + Retry-After; cheap requests never wait."""

import asyncio
import socket
import time
from typing import TypeVar

import httpx
import pytest
from sqlalchemy import Engine
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from sezatlas.settings import get_settings
from sezatlas.web.admission import HeavyRequestAdmission, is_heavy
from sezatlas.web.app import create_app
from tests.web.conftest import run, serving_app

RANK_SECONDS = 0.4
T = TypeVar("T")


RANKED: list[bytes] = []  # the computations run, in order


async def slow_rank(request: Request) -> JSONResponse:
    await asyncio.sleep(RANK_SECONDS)
    return JSONResponse({"ranked": True})


async def scenario(request: Request) -> JSONResponse:
    RANKED.append(request.query_params["name"].encode())
    await asyncio.sleep(RANK_SECONDS)
    return JSONResponse({"computed": True})


async def zone_list(request: Request) -> JSONResponse:
    return JSONResponse({"zones": []})


def admitted(limit: int, wait_s: float) -> HeavyRequestAdmission:
    app = Starlette(
        routes=[
            Route("/api/v1/rank", slow_rank, methods=["POST"]),
            Route("/api/v1/zones", zone_list),
            Route("/incentives/scenario", scenario),
        ]
    )
    return HeavyRequestAdmission(app, limit=limit, wait_s=wait_s)


async def burst(limit: int, wait_s: float, rankings: int) -> tuple[list[httpx.Response], float]:
    transport = httpx.ASGITransport(app=admitted(limit, wait_s))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        ranks = [asyncio.create_task(client.post("/api/v1/rank")) for _ in range(rankings)]
        await asyncio.sleep(0.05)
        started = time.perf_counter()
        await client.get("/api/v1/zones")
        cheap_s = time.perf_counter() - started
        return list(await asyncio.gather(*ranks)), cheap_s


def test_rankings_beyond_the_limit_are_refused_with_retry_after_and_lists_do_not_wait() -> None:
    answers, cheap_s = run(burst(limit=2, wait_s=0.1, rankings=6))
    statuses = sorted(answer.status_code for answer in answers)
    assert statuses == [200, 200, 503, 503, 503, 503]
    refused = next(answer for answer in answers if answer.status_code == 503)
    assert refused.headers["retry-after"] == "2"
    assert refused.json()["detail"].startswith("the server is busy")
    assert cheap_s < RANK_SECONDS / 2, "a zone list waited for the rankings"


def test_a_ranking_waits_its_turn_when_the_wait_is_long_enough() -> None:
    answers, _ = run(burst(limit=2, wait_s=3 * RANK_SECONDS, rankings=4))
    assert [answer.status_code for answer in answers] == [200] * 4


def test_computations_whose_clients_left_while_waiting_are_not_run() -> None:
    RANKED.clear()
    with serving_app(admitted(limit=1, wait_s=10)) as url:
        host, port = url.removeprefix("http://").split(":")

        def asked(name: str) -> socket.socket:
            connection = socket.create_connection((host, int(port)))
            connection.sendall(
                f"GET /incentives/scenario?name={name} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode()
            )
            return connection

        running = asked("first")
        time.sleep(RANK_SECONDS / 4)
        for abandoned in [asked(f"gone-{n}") for n in range(3)]:
            abandoned.close()
        answer = httpx.get(f"{url}/incentives/scenario?name=last", timeout=10)
        running.close()
    assert answer.status_code == 200
    assert RANKED == [b"first", b"last"]  # the abandoned ones were never run


def test_which_requests_are_heavy() -> None:
    assert is_heavy("POST", "/api/v1/rank", b"")
    assert is_heavy("POST", "/api/v1/incentives/project", b"")
    assert is_heavy("GET", "/rank", b"country=BRA")
    assert not is_heavy("GET", "/rank", b"")  # the empty form
    assert is_heavy("GET", "/incentives/scenario", b"")  # the engine runs for every member at once
    assert is_heavy("GET", "/incentives/matrix", b"country=RUS&f=pdf")
    assert not is_heavy("GET", "/incentives/matrix", b"country=RUS")  # the page itself is a table read
    assert not is_heavy("GET", "/api/v1/zones", b"q=alabuga")


def test_the_app_refuses_a_burst_of_rankings_on_the_bundled_registry(
    bundled_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SEZATLAS_HEAVY_REQUESTS", "1")
    monkeypatch.setenv("SEZATLAS_HEAVY_WAIT_S", "0")
    get_settings.cache_clear()
    try:
        app = create_app(bundled_engine)
    finally:
        get_settings.cache_clear()
    body = {"project": {"name": "EV batteries", "isic_code": "2720"}}

    async def four_rankings() -> list[int]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            answers = await asyncio.gather(
                *(client.post("/api/v1/rank?samples=2000", json=body) for _ in range(4))
            )
        return [answer.status_code for answer in answers]

    statuses = run(four_rankings())
    assert statuses.count(200) >= 1 and statuses.count(503) >= 1, statuses
    assert set(statuses) == {200, 503}, statuses
