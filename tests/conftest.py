"""Shared fixtures: every store-backed test runs on SQLite and on a real PostgreSQL server.

The PostgreSQL server is a throw-away cluster started here (PostgreSQL refuses to run as root, so it
runs as the `postgres` system user via runuser), unless SEZATLAS_TEST_POSTGRES_URL points at one.
In CI (CI=true) a missing PostgreSQL is an error, never a silent skip.
"""

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from sezatlas.registry.bootstrap import init_database
from sezatlas.store.database import make_engine, upgrade

PG_BIN = Path(os.environ.get("SEZATLAS_PG_BIN", "/usr/lib/postgresql/15/bin"))
PG_PORT = os.environ.get("SEZATLAS_TEST_PG_PORT")  # default: any free port, so test runs can overlap
BACKENDS = ["sqlite", "postgresql"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _start_cluster() -> tuple[str, Path]:
    port = int(PG_PORT) if PG_PORT else _free_port()
    folder = Path(tempfile.mkdtemp(prefix="sezatlas-pg-"))
    shutil.chown(folder, "postgres")
    run = ["runuser", "-u", "postgres", "--"]
    subprocess.run([*run, str(PG_BIN / "initdb"), "-D", str(folder / "data"), "-U", "postgres", "-A", "trust",
                    "-E", "UTF8", "--no-locale"], check=True, capture_output=True)  # fmt: skip
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
    subprocess.run([*run, str(PG_BIN / "pg_ctl"), "-D", str(folder / "data"), "-l", str(folder / "log"), "-w",
                    "start", "-o", options], check=True, capture_output=True)  # fmt: skip
    return f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres", folder


def _stop_cluster(folder: Path) -> None:
    subprocess.run(["runuser", "-u", "postgres", "--", str(PG_BIN / "pg_ctl"), "-D", str(folder / "data"),
                    "stop", "-m", "fast"], check=False, capture_output=True)  # fmt: skip
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_admin_url() -> Iterator[str]:
    """URL of the maintenance database of a running PostgreSQL server."""
    if url := os.environ.get("SEZATLAS_TEST_POSTGRES_URL"):
        yield url
        return
    if not (PG_BIN / "initdb").exists() or shutil.which("runuser") is None:
        message = f"PostgreSQL server binaries not found in {PG_BIN} (apt-get install postgresql)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    url, folder = _start_cluster()
    try:
        yield url
    finally:
        _stop_cluster(folder)


def _fresh_database_url(backend: str, request: pytest.FixtureRequest, folder: Path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{folder / f'{uuid.uuid4().hex}.sqlite3'}"
    admin_url = request.getfixturevalue("postgres_admin_url")
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


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
