"""Fault drills' tools: run `sezatlas` as a separate process, wait until it is mid-work, `kill -9` it,
and check what it left behind in the database.

A drill kills a real process (SIGKILL: no `finally`, no rollback by Python), so what stays consistent
is what the database guarantees: one transaction per unit of work, rolled back by SQLite's journal or
by PostgreSQL when the client's connection drops.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, text

WAIT_S = 120.0


class RunningCommand:
    """`sezatlas ARGUMENTS` in a process of its own, its output in files (a pipe nobody reads would block
    it). The progress display is forced on (`TTY_INTERACTIVE`), so a drill can read how far it got."""

    def __init__(self, arguments: list[str], database_url: str, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.stdout_path, self.stderr_path = folder / "stdout.txt", folder / "stderr.txt"
        env = {**os.environ, "SEZATLAS_DATABASE_URL": database_url, "TTY_COMPATIBLE": "1",
               "TTY_INTERACTIVE": "1", "COLUMNS": "200"}  # fmt: skip
        with self.stdout_path.open("wb") as out, self.stderr_path.open("wb") as err:
            self.process = subprocess.Popen([sys.executable, "-m", "sezatlas", *arguments], stdout=out,
                                            stderr=err, env=env)  # fmt: skip

    def stderr(self) -> str:
        return self.stderr_path.read_text(encoding="utf-8", errors="replace")

    def output(self) -> str:
        return self.stdout_path.read_text(encoding="utf-8", errors="replace") + self.stderr()

    def wait_until(self, condition: Callable[[], bool], what: str, timeout_s: float = WAIT_S) -> None:
        """Poll `condition` while the command runs; fails if it ended or timed out first."""
        deadline = time.monotonic() + timeout_s
        while not condition():
            if self.process.poll() is not None:
                raise AssertionError(f"the command ended before {what}:\n{self.output()}")
            if time.monotonic() > deadline:
                self.kill()
                raise AssertionError(f"no sign of {what} within {timeout_s:.0f} s:\n{self.output()}")
            time.sleep(0.05)

    def kill(self) -> None:
        """`kill -9`, and reap the process."""
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def finish(self, timeout_s: float = WAIT_S) -> int:
        """Wait for the command to end; its exit code."""
        try:
            return self.process.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            self.kill()
            raise


def run_sezatlas(arguments: list[str], database_url: str, folder: Path) -> str:
    """Run a command to its end; its output, after checking it succeeded."""
    command = RunningCommand(arguments, database_url, folder)
    code = command.finish()
    assert code == 0, command.output()
    return command.output()


def is_writing(engine: Engine) -> bool:
    """Whether another connection holds an open write transaction on the database of `engine`.

    SQLite: a `BEGIN IMMEDIATE` without waiting is refused while another writer holds the lock.
    PostgreSQL: a session with a transaction id has written in its open transaction.
    """
    if engine.dialect.name == "sqlite":
        probe = sqlite3.connect(str(engine.url.database), timeout=0, isolation_level=None)
        try:
            probe.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            return "locked" in str(error)
        else:
            probe.execute("ROLLBACK")
            return False
        finally:
            probe.close()
    with engine.connect() as connection:
        writers = connection.scalar(text(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()"
        ))  # fmt: skip
    return bool(writers)


def wait_for_no_other_session(engine: Engine, timeout_s: float = 30) -> None:
    """PostgreSQL: until the server has noticed that the killed client is gone (and rolled its open
    transaction back); SQLite has no server, nothing to wait for."""
    if engine.dialect.name != "postgresql":
        return
    query = text("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                 "AND pid <> pg_backend_pid()")  # fmt: skip
    deadline = time.monotonic() + timeout_s
    while True:
        with engine.connect() as connection:
            if connection.scalar(query) == 0:
                return
        assert time.monotonic() < deadline, "the killed client's session is still open on the server"
        time.sleep(0.1)


def assert_database_intact(engine: Engine) -> None:
    """SQLite after a kill: the next connection recovers from the write-ahead log and the file is sound."""
    engine.dispose()  # connections opened before the kill must not hide the recovery
    if engine.dialect.name != "sqlite":
        return
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA integrity_check").scalars().all() == ["ok"]
        assert connection.exec_driver_sql("PRAGMA foreign_key_check").all() == []
