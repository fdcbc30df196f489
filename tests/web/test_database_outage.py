"""When the database is down, the app says so at once and recovers by itself when the database is back.

Every request that needs the database is then a 503 of the one error shape with `Retry-After`, JSON or
error page (never a 500, never a hang: a server that accepts the connection and stays silent costs
`CONNECT_TIMEOUT_S`); `/readyz` is 503 too. After a PostgreSQL restart the app answers again without
being restarted: a pooled connection the restart cut is replaced at checkout (`store/database.py`).
"""

import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from sezatlas.registry.bootstrap import init_database
from sezatlas.store.database import CONNECT_TIMEOUT_S, make_engine
from sezatlas.web.app import create_app
from sezatlas.web.deps import SESSION_COOKIE
from sezatlas.web.errors import ErrorOut
from tests.postgres_cluster import Cluster, free_port, new_database, require_server_binaries, start_cluster
from tests.web.conftest import serving

ZONES = "/api/v1/zones?country=RUS"
UNAVAILABLE = "the database is unavailable; try again shortly"
FAST_S = CONNECT_TIMEOUT_S + 1.0  # the slowest an answer may be while the database is away


def assert_unavailable(response: httpx.Response) -> None:
    """A 503 of the one error shape, with the time to retry."""
    assert response.status_code == 503, response.text
    assert response.headers["retry-after"] == "5"
    assert ErrorOut.model_validate(response.json()) == ErrorOut(detail=UNAVAILABLE, errors=[])


def test_an_unreachable_database_is_a_503_for_api_probe_and_page() -> None:
    nobody_listens = f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/postgres"
    client = TestClient(create_app(make_engine(nobody_listens)))
    assert_unavailable(client.get(ZONES))
    assert_unavailable(client.get("/readyz"))
    page = client.get("/", headers={"accept": "text/html"})
    assert page.status_code == 503 and page.headers["retry-after"] == "5"
    assert page.headers["content-type"].startswith("text/html") and UNAVAILABLE in page.text


@contextmanager
def silent_database() -> Iterator[str]:
    """The URL of a "database" whose socket completes TCP handshakes (its backlog) but never answers."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(64)
        yield f"postgresql+psycopg://postgres@127.0.0.1:{silent.getsockname()[1]}/postgres"


def test_a_server_that_never_answers_costs_seconds_not_a_hung_request() -> None:
    with silent_database() as url:
        client = TestClient(create_app(make_engine(url)))
        answers: list[httpx.Response] = []
        asking = threading.Thread(target=lambda: answers.append(client.get("/readyz")), daemon=True)
        started = time.monotonic()
        asking.start()
        asking.join(timeout=3 * CONNECT_TIMEOUT_S)
        assert answers, f"no answer within {3 * CONNECT_TIMEOUT_S} s: the connection attempt hangs"
        assert_unavailable(answers[0])
        assert time.monotonic() - started < FAST_S + 2


def test_a_logged_in_readers_outage_page_waits_for_the_database_once_not_again_for_the_menu() -> None:
    """The error page is drawn in the event loop: a second wait there would also stall every request."""
    with silent_database() as url:
        client = TestClient(create_app(make_engine(url)), cookies={SESSION_COOKIE: "a-session-token"})
        started = time.monotonic()
        page = client.get("/", headers={"accept": "text/html"})
        waited = time.monotonic() - started
    assert page.status_code == 503 and UNAVAILABLE in page.text
    assert waited < FAST_S, f"{waited:.1f} s: the page waited for the database more than once"


@dataclass(frozen=True)
class Answer:
    path: str
    started: float
    seconds: float
    response: httpx.Response | None  # None: no answer (the client gave up, or the connection broke)
    error: str = ""


@contextmanager
def clients_asking(base_url: str, threads: int = 4) -> Iterator[list[Answer]]:
    """Threads asking for zones and readiness in a loop; every answer is recorded in the list yielded,
    until the block ends (even by a failed assertion)."""
    answers: list[Answer] = []
    stopping = threading.Event()

    def ask(path: str) -> None:
        with httpx.Client(base_url=base_url, timeout=30) as client:
            while not stopping.is_set():
                started = time.monotonic()
                response, error = None, ""
                try:
                    response = client.get(path)
                except httpx.TransportError as broken:
                    error = repr(broken)
                answers.append(Answer(path, started, time.monotonic() - started, response, error))
                time.sleep(0.02)

    asking = [threading.Thread(target=ask, args=([ZONES, "/readyz"][n % 2],), daemon=True)
              for n in range(threads)]  # fmt: skip
    for thread in asking:
        thread.start()
    try:
        yield answers
    finally:
        stopping.set()
        for thread in asking:
            thread.join(timeout=60)


@pytest.fixture(scope="module")
def dedicated_server() -> Iterator[Cluster]:
    """A PostgreSQL server of this module alone: stopping it disturbs no other test."""
    require_server_binaries()
    cluster = start_cluster(free_port())
    try:
        yield cluster
    finally:
        cluster.remove()


@pytest.fixture(scope="module")
def outage_engine(dedicated_server: Cluster) -> Iterator[Engine]:
    engine = make_engine(new_database(dedicated_server.url), statement_timeout_s=30)
    init_database(engine)
    yield engine
    engine.dispose()


def wait_until_served(base_url: str, timeout_s: float = 30) -> float:
    """When the app first answered zones again after the server came back."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if httpx.get(base_url + ZONES, timeout=FAST_S).status_code == 200:
            return time.monotonic()
        time.sleep(0.1)
    raise AssertionError(f"the app did not answer again within {timeout_s} s of the database's return")


def assert_only_clean_answers(answers: list[Answer]) -> None:
    unclean = [a for a in answers if a.response is None or a.seconds > FAST_S]
    assert not unclean, f"{len(unclean)} requests had no answer within {FAST_S} s, e.g. {unclean[0]}"
    for answer in answers:
        assert answer.response is not None
        if answer.response.status_code != 200:
            assert_unavailable(answer.response)


@pytest.mark.slow
@pytest.mark.postgres
def test_postgresql_restart_under_load_fails_fast_and_recovers_without_restarting_the_app(
    dedicated_server: Cluster, outage_engine: Engine
) -> None:
    with serving(outage_engine) as base_url, clients_asking(base_url) as answers:
        time.sleep(1)  # every client is served, the pool holds open connections
        dedicated_server.restart()  # cuts every pooled connection
        back = wait_until_served(base_url)
        time.sleep(1)
        stopping = time.monotonic()
        dedicated_server.stop()  # a longer outage
        outage_started = time.monotonic()
        time.sleep(2)
        assert_unavailable(httpx.get(base_url + ZONES, timeout=FAST_S))
        assert_unavailable(httpx.get(base_url + "/readyz", timeout=FAST_S))
        restarting = time.monotonic()
        dedicated_server.start()
        back_again = wait_until_served(base_url)
        time.sleep(2)

    assert_only_clean_answers(answers)
    during_outage = [a for a in answers if outage_started + 0.5 < a.started < restarting - 0.5]
    assert during_outage and all(a.response and a.response.status_code == 503 for a in during_outage)
    # Once the server is back, no request fails on a pooled connection that the restart cut.
    served = [a for a in answers if back < a.started < stopping - 0.2 or back_again < a.started]
    failed = [(a.path, a.response.status_code if a.response else a.error)
              for a in served if not (a.response and a.response.status_code == 200)]  # fmt: skip
    assert served and not failed, failed


@pytest.mark.postgres
def test_after_a_restart_while_nobody_asked_the_first_requests_are_answered(
    dedicated_server: Cluster, outage_engine: Engine
) -> None:
    """The pool's idle connections, cut by a restart while no request ran, are replaced at checkout.

    Under steady load the restart's own failures invalidated the pool before the server was back, so the
    test above passed with or without the check at checkout; after a quiet restart (a night's maintenance)
    the first request on each cut connection was a 503."""
    with serving(outage_engine) as base_url:
        with ThreadPoolExecutor(4) as asking:  # four at once: the pool keeps four connections open
            warmed = list(asking.map(lambda _: httpx.get(base_url + "/readyz").status_code, range(8)))
        assert warmed == [200] * 8
        dedicated_server.restart()
        statuses = [httpx.get(base_url + path, timeout=FAST_S).status_code for path in ["/readyz", ZONES] * 3]
    assert statuses == [200] * 6
