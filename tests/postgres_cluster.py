"""Throw-away PostgreSQL clusters for the tests: the session's shared server (tests/conftest.py) and the
dedicated ones of the fault drills, which stop and restart their own server without disturbing others.

PostgreSQL refuses to run as root, so every `initdb`/`pg_ctl` runs as the `postgres` system user via
runuser. In CI (CI=true) missing server binaries are an error, never a silent skip.
"""

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

PG_BIN = Path(os.environ.get("SEZATLAS_PG_BIN", "/usr/lib/postgresql/15/bin"))
PG_PORT = os.environ.get("SEZATLAS_TEST_PG_PORT")  # default: any free port, so test runs can overlap
AS_POSTGRES = ["runuser", "-u", "postgres", "--"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def require_server_binaries() -> None:
    """Skip the test (fail it in CI) when this machine cannot run a PostgreSQL server."""
    if (PG_BIN / "initdb").exists() and shutil.which("runuser") is not None:
        return
    message = f"PostgreSQL server binaries not found in {PG_BIN} (apt-get install postgresql)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@dataclass(frozen=True)
class Cluster:
    """A running server: `url` of its maintenance database, its files under `folder`."""

    url: str
    folder: Path
    port: int

    def _pg_ctl(self, *arguments: str, check: bool = True) -> None:
        command = [*AS_POSTGRES, str(PG_BIN / "pg_ctl"), "-D", str(self.folder / "data"), *arguments]
        subprocess.run(command, check=check, capture_output=True)

    def start(self) -> None:
        """Start the server and wait until it accepts connections (`-w`)."""
        options = (f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c full_page_writes=off")  # fmt: skip
        self._pg_ctl("-l", str(self.folder / "log"), "-w", "start", "-o", options)

    def stop(self) -> None:
        """Fast shutdown: open sessions are ended at once, as an operator's restart does."""
        self._pg_ctl("stop", "-m", "fast", "-w")

    def restart(self) -> None:
        """`pg_ctl restart -m fast`: sessions ended, the server back within a second or two."""
        self._pg_ctl("-l", str(self.folder / "log"), "-w", "restart", "-m", "fast")

    def remove(self) -> None:
        self._pg_ctl("stop", "-m", "fast", check=False)
        shutil.rmtree(self.folder, ignore_errors=True)


def start_cluster(port: int | None = None) -> Cluster:
    """A new cluster (trust authentication, no fsync: its data is thrown away) on `port`, by default
    SEZATLAS_TEST_PG_PORT or a free one."""
    port = port or (int(PG_PORT) if PG_PORT else free_port())
    folder = Path(tempfile.mkdtemp(prefix="sezatlas-pg-"))
    shutil.chown(folder, "postgres")
    subprocess.run([*AS_POSTGRES, str(PG_BIN / "initdb"), "-D", str(folder / "data"), "-U", "postgres",
                    "-A", "trust", "-E", "UTF8", "--no-locale"], check=True, capture_output=True)  # fmt: skip
    cluster = Cluster(f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres", folder, port)
    cluster.start()
    return cluster


def new_database(admin_url: str) -> str:
    """URL of a new, empty database on the server of `admin_url`."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)
