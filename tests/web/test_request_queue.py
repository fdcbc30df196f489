"""Requests wait their turn in the event loop, and one whose client has left is never computed."""

import asyncio
import socket
import time
from collections.abc import Iterator

import httpx
import pytest
from sqlalchemy import Engine
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, StreamingResponse
from starlette.routing import Route
from starlette.types import ASGIApp, Message

from sezatlas.settings import get_settings
from sezatlas.web.app import _threads_for, create_app
from sezatlas.web.request_queue import RequestQueue
from tests.web.conftest import run, serving_app

HOLD_S = 0.6


class Recorder:
    """A one-turn queue in front of an app that notes which requests it computed."""

    def __init__(self, max_wait_s: float = 10 * HOLD_S) -> None:
        self.computed: list[str] = []
        routes = [Route("/work", self.work, methods=["GET", "POST"]), Route("/download", self.download)]
        self.queue = RequestQueue(Starlette(routes=routes), turns=1, max_wait_s=max_wait_s)

    async def work(self, request: Request) -> JSONResponse:
        self.computed.append(request.query_params["id"])
        if "hold" in request.query_params:
            await asyncio.sleep(HOLD_S)
        return JSONResponse({"id": request.query_params["id"], "body": (await request.body()).decode()})

    async def download(self, request: Request) -> StreamingResponse:
        async def slowly() -> Iterator[bytes]:  # type: ignore[misc]
            for _ in range(3):
                await asyncio.sleep(HOLD_S / 2)
                yield b"x" * 10

        return StreamingResponse(slowly())


@pytest.fixture
def recorder() -> Iterator[tuple[Recorder, str]]:
    recorder = Recorder()
    with serving_app(recorder.queue) as url:
        yield recorder, url


def _sent(url: str, path: str, body: bytes | None = None) -> socket.socket:
    """A raw connection that has sent a GET (a POST with `body`) and will not wait for the answer."""
    host, port = url.removeprefix("http://").split(":")
    connection = socket.create_connection((host, int(port)))
    head = f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n"
    if body is not None:
        head = f"POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Length: {len(body)}\r\n\r\n"
    connection.sendall(head.encode() + (body or b""))
    return connection


def test_requests_whose_client_left_while_queued_are_dropped_unread(recorder: tuple[Recorder, str]) -> None:
    app, url = recorder
    holder = _sent(url, "/work?id=a&hold=1")
    time.sleep(HOLD_S / 4)
    gone = [_sent(url, f"/work?id={name}") for name in "bcd"]
    time.sleep(HOLD_S / 4)
    for connection in gone:
        connection.close()
    holder.recv(4096)
    holder.close()
    answer = httpx.get(f"{url}/work?id=e", timeout=5)
    assert answer.json()["id"] == "e"
    assert app.computed == ["a", "e"]
    assert app.queue.turns.dropped == 3


def test_a_small_post_whose_client_left_is_dropped_too(recorder: tuple[Recorder, str]) -> None:
    app, url = recorder
    holder = _sent(url, "/work?id=a&hold=1")
    time.sleep(HOLD_S / 4)
    _sent(url, "/work?id=b", body=b'{"project": "a ranking"}').close()
    time.sleep(HOLD_S / 4)
    holder.recv(4096)
    holder.close()
    assert httpx.get(f"{url}/work?id=c", timeout=5).status_code == 200
    assert app.computed == ["a", "c"] and app.queue.turns.dropped == 1


def test_a_queued_get_that_stays_is_answered_with_its_request_intact(recorder: tuple[Recorder, str]) -> None:
    app, url = recorder
    holder = _sent(url, "/work?id=a&hold=1")
    time.sleep(HOLD_S / 4)
    answer = httpx.get(f"{url}/work?id=b", timeout=5)
    holder.close()
    assert answer.status_code == 200 and answer.json() == {"id": "b", "body": ""}
    assert app.computed == ["a", "b"]


def test_a_queued_post_keeps_its_body(recorder: tuple[Recorder, str]) -> None:
    _, url = recorder
    holder = _sent(url, "/work?id=a&hold=1")
    time.sleep(HOLD_S / 4)
    answer = httpx.post(f"{url}/work?id=b", content=b"the project", timeout=5)
    holder.close()
    assert answer.json() == {"id": "b", "body": "the project"}


def test_a_request_that_cannot_start_in_time_is_told_to_come_back_unread() -> None:
    app = Recorder(max_wait_s=HOLD_S / 3)
    with serving_app(app.queue) as url:
        holder = _sent(url, "/work?id=a&hold=1")
        time.sleep(HOLD_S / 6)
        started = time.perf_counter()
        answer = httpx.get(f"{url}/work?id=b", headers={"Accept": "application/json"}, timeout=5)
        waited = time.perf_counter() - started
        holder.close()
    assert answer.status_code == 503 and answer.headers["retry-after"] == "2"
    assert answer.json()["detail"].startswith("the server is busy")
    assert waited >= HOLD_S / 3, "answered before the wait was over"
    assert app.computed == ["a"] and app.queue.turns.refused == 1


def test_a_slow_download_does_not_hold_the_turn(recorder: tuple[Recorder, str]) -> None:
    _, url = recorder
    with httpx.Client(base_url=url, timeout=5) as client, client.stream("GET", "/download") as download:
        started = time.perf_counter()
        assert client.get("/work?id=b").status_code == 200
        waited = time.perf_counter() - started
        assert download.read() == b"x" * 30
    assert waited < HOLD_S, "the list waited for the download to finish"


async def _disconnect_at_once() -> Message:
    return {"type": "http.disconnect"}


def test_a_request_cancelled_while_waiting_gives_no_turn_away() -> None:
    async def scenario() -> bool:
        async def never_called(scope: object, receive: object, send: object) -> None:
            raise AssertionError("a dropped request reached the app")

        queue = RequestQueue(never_called, turns=1, max_wait_s=10)  # type: ignore[arg-type]
        scope = {"type": "http", "method": "GET", "path": "/"}
        holder = await queue.turns.take(scope, _disconnect_at_once, never_called)  # type: ignore[arg-type]
        assert holder is not None  # the one turn is taken
        waiting = asyncio.create_task(queue(scope, asyncio.Event().wait, lambda message: None))  # type: ignore[arg-type]
        await asyncio.sleep(0.01)
        waiting.cancel()
        with pytest.raises(asyncio.CancelledError):
            await waiting
        holder.end()
        return queue.turns.all_held()

    assert run(scenario()) is False


def _request_queue(app: ASGIApp) -> RequestQueue:
    layer: object = app
    while not isinstance(layer, RequestQueue):
        layer = getattr(layer, "app")  # noqa: B009 - each middleware wraps the next as `.app`
    return layer


@pytest.mark.parametrize("wanted", [3, 500])
def test_the_app_computes_as_many_requests_at_once_as_configured_never_more_than_its_threads(
    bundled_engine: Engine, monkeypatch: pytest.MonkeyPatch, wanted: int
) -> None:
    monkeypatch.setenv("SEZATLAS_REQUESTS_AT_ONCE", str(wanted))
    get_settings.cache_clear()
    try:
        app = create_app(bundled_engine)
    finally:
        get_settings.cache_clear()
    turns = _request_queue(app.build_middleware_stack()).turns.count
    # Past the threads, a turn would wait for a thread (and a connection) while holding its place.
    threads = _threads_for(bundled_engine)
    assert threads < 500
    assert turns == (3 if wanted == 3 else threads)
