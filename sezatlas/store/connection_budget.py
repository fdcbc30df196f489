"""How many database connections each server process may hold, so that all processes fit in PostgreSQL.

PostgreSQL refuses a connection past `max_connections` less `superuser_reserved_connections`. The
production profile runs N server processes, each with a pool of `SEZATLAS_CONNECTIONS` (as many request
threads, see `web/app.py`), so N × connections must stay under that limit, with a few left for
migrations, `psql` and monitoring (`SPARE_CONNECTIONS`). `plan_connections` gives each process its share
(never more than configured); SQLite has no server and no such limit.
"""

from dataclasses import dataclass

from sqlalchemy import Engine, text

SPARE_CONNECTIONS = 5  # left free for `sezatlas db upgrade`, an operator's psql, monitoring


class ConnectionBudgetError(ValueError):
    """More server processes than the database server has connections for."""


@dataclass(frozen=True, slots=True)
class ServerLimit:
    """What a PostgreSQL server says about its connections (`SHOW max_connections` and the reserve)."""

    max_connections: int
    superuser_reserved: int

    @property
    def usable(self) -> int:
        """Connections left for the server processes after the superusers' reserve and our spare ones."""
        return self.max_connections - self.superuser_reserved - SPARE_CONNECTIONS


@dataclass(frozen=True, slots=True)
class ConnectionPlan:
    workers: int
    wanted: int  # per process, as configured (SEZATLAS_CONNECTIONS)
    per_worker: int  # what each process gets
    limit: ServerLimit | None  # None: no server limit (SQLite)

    @property
    def is_reduced(self) -> bool:
        return self.per_worker < self.wanted

    def explanation(self) -> str:
        """One line for the operator: the product and the limit it stays under."""
        used = f"{self.workers} workers × {self.per_worker} connections = {self.workers * self.per_worker}"
        if self.limit is None:
            return f"{used} (SQLite: no server connection limit)"
        reduced = f", reduced from the configured {self.wanted}" if self.is_reduced else ""
        return (f"{used}{reduced}; PostgreSQL accepts {self.limit.usable} for them (max_connections "
                f"{self.limit.max_connections} − {self.limit.superuser_reserved} reserved for superusers − "
                f"{SPARE_CONNECTIONS} kept spare)")  # fmt: skip


def plan_connections(workers: int, wanted: int, limit: ServerLimit | None) -> ConnectionPlan:
    """Each of `workers` processes gets `wanted` connections, or its equal share of what the server has."""
    if workers < 1 or wanted < 1:
        raise ConnectionBudgetError(f"workers ({workers}) and connections ({wanted}) must be at least 1")
    if limit is None:
        return ConnectionPlan(workers, wanted, wanted, None)
    share = limit.usable // workers
    if share < 1:
        raise ConnectionBudgetError(
            f"{workers} workers need at least {workers} connections, but PostgreSQL accepts only "
            f"{max(0, limit.usable)} (max_connections {limit.max_connections} − "
            f"{limit.superuser_reserved} reserved − {SPARE_CONNECTIONS} spare): run fewer workers or "
            "raise max_connections"
        )
    return ConnectionPlan(workers, wanted, min(wanted, share), limit)


def server_limit(engine: Engine) -> ServerLimit | None:
    """The connection limit of the PostgreSQL server behind `engine`; None for SQLite."""
    if engine.dialect.name != "postgresql":
        return None
    with engine.connect() as connection:
        maximum = connection.execute(text("SELECT current_setting('max_connections')::int")).scalar_one()
        reserved = connection.execute(
            text("SELECT current_setting('superuser_reserved_connections')::int")
        ).scalar_one()
    return ServerLimit(int(maximum), int(reserved))
