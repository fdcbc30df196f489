"""Web fixtures: an in-process client, and a real uvicorn server on 127.0.0.1 for outside clients."""

import asyncio
import socket
import threading
import time
from collections.abc import Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar

import pytest
import uvicorn
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from starlette.types import ASGIApp

from sezatlas.web.app import create_app

T = TypeVar("T")


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    """`asyncio.run` in a thread of its own: the browser tests' Playwright keeps a loop in this one."""
    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(asyncio.run, coroutine).result()


@pytest.fixture(scope="session")
def client(bundled_engine: Engine) -> TestClient:
    return TestClient(create_app(bundled_engine))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(engine: Engine) -> Iterator[str]:
    """Base URL of the app on `engine`, served by uvicorn in a thread, as `sezatlas serve` does."""
    with serving_app(create_app(engine)) as url:
        yield url


@contextmanager
def serving_app(app: ASGIApp) -> Iterator[str]:
    """Base URL of an ASGI app served by uvicorn in a thread."""
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start within 20 s")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_server(bundled_engine: Engine) -> Iterator[str]:
    """The bundled registry served over HTTP (read only: tests share it)."""
    with serving(bundled_engine) as url:
        yield url
