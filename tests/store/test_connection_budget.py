"""N server processes × their connections never exceed what PostgreSQL accepts."""

from pathlib import Path

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from sezatlas.cli import app
from sezatlas.store.connection_budget import (
    SPARE_CONNECTIONS,
    ConnectionBudgetError,
    ServerLimit,
    plan_connections,
    server_limit,
)
from sezatlas.store.database import make_engine

DEFAULT_SERVER = ServerLimit(max_connections=100, superuser_reserved=3)  # PostgreSQL's defaults


def test_workers_keep_the_configured_pool_when_it_fits() -> None:
    plan = plan_connections(workers=4, wanted=20, limit=DEFAULT_SERVER)
    assert plan.per_worker == 20 and not plan.is_reduced


def test_too_many_workers_share_what_the_server_accepts() -> None:
    plan = plan_connections(workers=8, wanted=20, limit=DEFAULT_SERVER)
    usable = 100 - 3 - SPARE_CONNECTIONS
    assert plan.per_worker == usable // 8 and plan.is_reduced
    assert plan.workers * plan.per_worker <= usable
    assert "reduced from the configured 20" in plan.explanation()


def test_more_workers_than_connections_is_refused() -> None:
    with pytest.raises(ConnectionBudgetError, match="run fewer workers"):
        plan_connections(workers=10, wanted=20, limit=ServerLimit(max_connections=15, superuser_reserved=3))


def test_sqlite_has_no_server_limit() -> None:
    assert server_limit(make_engine("sqlite://")) is None
    assert plan_connections(workers=3, wanted=20, limit=None).per_worker == 20


@pytest.mark.postgres
def test_the_limit_is_read_from_the_server(postgres_admin_url: str) -> None:
    engine = make_engine(postgres_admin_url)
    limit = server_limit(engine)
    engine.dispose()
    assert limit is not None and limit.max_connections >= 10 and limit.superuser_reserved >= 0


def test_db_connections_prints_the_share_and_says_why(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/budget.sqlite3"
    runner = CliRunner()
    assert runner.invoke(app, ["db", "upgrade", "--database-url", url]).exit_code == 0
    result = runner.invoke(app, ["db", "connections", "--workers", "3", "--database-url", url],
                           env={"SEZATLAS_CONNECTIONS": "7"})  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout == "7\n" and "3 workers × 7 connections = 21" in result.stderr


def test_postgresql_sessions_run_without_jit_unless_the_url_asks_for_it(postgres_admin_url: str) -> None:
    """Short web queries lose more to JIT compilation than they gain (sezatlas/store/database.py)."""
    separator = "&" if "?" in postgres_admin_url else "?"
    asking = f"{postgres_admin_url}{separator}options=-c%20jit%3Don"
    for url, expected in [(postgres_admin_url, "off"), (asking, "on")]:
        engine = make_engine(url)
        with engine.connect() as connection:
            assert connection.execute(text("SHOW jit")).scalar() == expected
        engine.dispose()
