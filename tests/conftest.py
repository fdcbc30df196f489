"""Shared fixtures: every store-backed test runs on SQLite and on a real PostgreSQL server.

The PostgreSQL server is a throw-away cluster started here (`tests/postgres_cluster.py`), unless
SEZATLAS_TEST_POSTGRES_URL points at one.
In CI (CI=true) a missing PostgreSQL is an error, never a silent skip.
"""

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from sezatlas.registry.bootstrap import init_database
from sezatlas.store.database import make_engine, upgrade
from tests.postgres_cluster import new_database, require_server_binaries, start_cluster

BACKENDS = ["sqlite", "postgresql"]


def pytest_configure(config: pytest.Config) -> None:
    """No fixed terminal width before the commands' modules are imported.

    Why: pytest-xdist sets COLUMNS=80 in its worker processes, and rich fixes a console's width from
    COLUMNS when the console is made, here at import (`sezatlas/terminal.py`, the `cli` modules); the
    width a test then gives a command (`env={"COLUMNS": "250"}`) was ignored, and nine CLI tests failed on
    wrapped lines in the workers only. Without it, as in one process, a console reads COLUMNS as it prints.
    """
    os.environ.pop("COLUMNS", None)


@pytest.fixture(scope="session")
def postgres_admin_url() -> Iterator[str]:
    """URL of the maintenance database of a running PostgreSQL server."""
    if url := os.environ.get("SEZATLAS_TEST_POSTGRES_URL"):
        yield url
        return
    require_server_binaries()
    cluster = start_cluster()
    try:
        yield cluster.url
    finally:
        cluster.remove()


def _fresh_database_url(backend: str, request: pytest.FixtureRequest, folder: Path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{folder / f'{uuid.uuid4().hex}.sqlite3'}"
    return new_database(request.getfixturevalue("postgres_admin_url"))


@pytest.fixture(scope="session", params=BACKENDS)
def bundled_engine(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    """A database holding the whole bundled registry; shared by the session, so tests must not write."""
    url = _fresh_database_url(request.param, request, tmp_path_factory.mktemp("bundled"))
    engine = make_engine(url)
    init_database(engine)
    yield engine
    engine.dispose()


@pytest.fixture(params=BACKENDS)
def empty_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A migrated, empty database of its own for a test that writes."""
    engine = make_engine(_fresh_database_url(request.param, request, tmp_path))
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture(params=BACKENDS)
def registry_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A database of its own holding the whole bundled registry, for a test that writes to it."""
    engine = make_engine(_fresh_database_url(request.param, request, tmp_path))
    init_database(engine)
    yield engine
    engine.dispose()


@pytest.fixture(params=BACKENDS)
def blank_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A new database without any schema, for a test of migrating it."""
    engine = make_engine(_fresh_database_url(request.param, request, tmp_path))
    yield engine
    engine.dispose()
