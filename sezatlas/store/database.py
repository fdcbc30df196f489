"""Engines and sessions for SQLite (default) and PostgreSQL (production), and schema migration.

Both back-ends answer the same SQL, including `haversine_km(lat1, lon1, lat2, lon2)`: on SQLite it is
registered on each connection, on PostgreSQL a migration creates it as an immutable SQL function.
"""

import math
import select
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, Result, create_engine, event, inspect
from sqlalchemy import exc as database_errors
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

EARTH_RADIUS_KM = 6371.0088  # IUGG mean radius


def haversine_km(
    lat1: float | None, lon1: float | None, lat2: float | None, lon2: float | None
) -> float | None:
    """Great-circle distance; the same formula as the PostgreSQL function in `sql_functions`."""
    if lat1 is None or lon1 is None or lat2 is None or lon2 is None:
        return None
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


SQLITE_MMAP_BYTES = 512 * 1024 * 1024
SQLITE_CACHE_KIB = 64 * 1024
SQLITE_BUSY_TIMEOUT_S = 30.0  # a writer waits its turn behind another writer instead of failing at once
DEFAULT_CONNECTIONS = 20
POOL_TIMEOUT_S = 30.0
CONNECT_TIMEOUT_S = 5  # PostgreSQL: libpq's connect_timeout, whole seconds
# The database cannot be reached or answer now (server down or restarting, connection dropped, no pooled
# connection free within POOL_TIMEOUT_S, a PostgreSQL statement timeout, SQLite busy beyond its timeout):
# no fault of the request nor of the code; the web answers 503 with a time to retry.
DATABASE_UNAVAILABLE_ERRORS: tuple[type[Exception], ...] = (
    database_errors.OperationalError,
    database_errors.InterfaceError,
    database_errors.DisconnectionError,
    database_errors.TimeoutError,  # the pool's
    psycopg.OperationalError,
)


def _register_sqlite_functions(dbapi_connection: Any, _record: Any) -> None:
    if isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.create_function("haversine_km", 4, haversine_km, deterministic=True)
        dbapi_connection.execute("PRAGMA foreign_keys=ON")
        # Write-ahead log: readers see the last committed state while an import writes, instead of
        # answering "database is locked"; writers queue on the busy timeout (set in `make_engine`).
        dbapi_connection.execute("PRAGMA journal_mode=WAL")
        dbapi_connection.execute("PRAGMA synchronous=NORMAL")
        # SQLite's default page cache is 2 MB: at 100,000 zones (~160 MB) every filtered query re-read
        # its pages from the OS. Mapping the file and a 64 MB cache keep the hot pages in the process.
        dbapi_connection.execute(f"PRAGMA mmap_size={SQLITE_MMAP_BYTES}")
        dbapi_connection.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")


def make_engine(
    url: str, *, connections: int = DEFAULT_CONNECTIONS, statement_timeout_s: float | None = None
) -> Engine:
    """An engine for `url` holding at most `connections` connections; a SQLite file's folder is created
    on first use. `statement_timeout_s` bounds each PostgreSQL statement (the web app sets it, so a stuck
    query cannot pin a request thread forever; imports and schedules from the CLI run unbounded)."""
    parsed = make_url(url)
    pool: dict[str, Any] = {"pool_size": connections, "max_overflow": 0, "pool_timeout": POOL_TIMEOUT_S}
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        else:
            pool = {}  # an in-memory database lives in one connection (SQLAlchemy's SingletonThreadPool)
        arguments = {"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_S}
        engine = create_engine(url, connect_args=arguments, **pool)
        event.listen(engine, "connect", _register_sqlite_functions)
        return engine
    arguments = _postgres_connect_args(parsed, statement_timeout_s)
    engine = create_engine(url, connect_args=arguments, **pool)
    event.listen(engine, "checkout", _replace_if_hung_up)
    return engine


def _replace_if_hung_up(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
    """A pooled PostgreSQL connection the server has hung up on (a restart, a failover, an idle timeout) is
    replaced at checkout, before a request uses it: SQLAlchemy reconnects the record when a checkout
    listener raises `DisconnectionError`.

    Why not `pool_pre_ping`: it asks `SELECT 1` at every checkout, a round trip that cost a cached zone list
    as much as the query checking the cache (py-spy on a production worker under wrk, 64 connections).
    A server that hangs up sends its reason and closes the socket, so a cut connection has something to
    read while it lies idle in the pool, and a live one has nothing (it sent no query): one `poll` with no
    wait tells them apart. A path that died without a word is seen by neither: the ping waited on it as
    the query does."""
    try:
        hung_up = dbapi_connection.closed or _has_input(dbapi_connection.fileno())
    except psycopg.OperationalError:  # libpq has already lost the socket
        hung_up = True
    if hung_up:
        raise database_errors.DisconnectionError("the database server closed the connection")


def _has_input(descriptor: int) -> bool:
    """Whether an idle socket has anything to read, or has failed (hung up, error), without waiting."""
    poller = select.poll()
    poller.register(descriptor, select.POLLIN | select.POLLPRI | select.POLLERR | select.POLLHUP)
    return bool(poller.poll(0))


def _postgres_connect_args(parsed: URL, statement_timeout_s: float | None) -> dict[str, Any]:
    """libpq parameters: the statement timeout, and a connect timeout so that a server which accepts the
    connection but never answers (stopped, overloaded, a half-open network path) costs a request 5 s and
    an error, not a thread pinned forever. The URL's own `options` and `connect_timeout` are kept (its
    query would otherwise be overridden by these arguments).

    JIT compilation is off unless the URL's options turn it on: the registry's queries cost enough in the
    planner's units to trigger it (a country + ISIC + free land page at 100,000 zones: ~100,000) yet run in
    tens of milliseconds, and compiling took 20 ms of a 100 ms query (`benchmarks/registry.py`)."""
    timeout_ms = round(statement_timeout_s * 1000) if statement_timeout_s else 0  # 0: no limit
    given = parsed.query.get("options", ())
    options = [given] if isinstance(given, str) else list(given)  # a repeated parameter is a tuple
    return {
        # the URL's options come after the default, so that `-c jit=on` in them wins
        "options": " ".join(["-c jit=off", *options, f"-c statement_timeout={timeout_ms}"]),
        "connect_timeout": parsed.query.get("connect_timeout", CONNECT_TIMEOUT_S),
    }


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def row_dicts(result: Result[Any]) -> list[dict[str, Any]]:
    """Every row of `result` as a dict by column name.

    Why not `row._asdict()`: it builds a mapping view of each row before copying it. Naming the columns
    once and fetching the rows together took the rows' conversion from 11 % to 6 % of an uncached zone
    list's CPU (py-spy on zone lists served in process from PostgreSQL, `benchmarks/load.py`'s "other
    pages" requests)."""
    names = tuple(result.keys())
    return [dict(zip(names, row, strict=True)) for row in result.all()]


def statement_by_statement(session: Session) -> None:
    """Have a fresh session that only reads run each statement on its own (autocommit), not in a
    transaction. Call it before the session's first query.

    Why: on PostgreSQL, psycopg opens a transaction with a `BEGIN` of its own and the session ends it with
    a `ROLLBACK`: two round trips of the three a zone list answered from the cache made, each a wait for a
    busy server (py-spy on a production worker under wrk). Under READ COMMITTED, PostgreSQL's default, each
    statement of a transaction already sees the data committed when it starts, as it does alone; on
    SQLite a read sees the last commit at each statement instead of at the first. A reader that needs one
    snapshot of several reads must not call this, nor a session that writes.
    """
    session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})


def close_session(session: Session) -> None:
    """Close `session`, even when the database dropped its connection after the last query (a restart
    between a request's read and its end): closing rolls back, which then fails, and a request already
    answered must not turn into a broken connection. The dead connection is discarded, not pooled; its
    transaction ended with it on the server."""
    try:
        session.close()
    except DATABASE_UNAVAILABLE_ERRORS:
        session.invalidate()


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """A session whose work is committed as one unit, or not at all."""
    with session_factory(engine).begin() as session:
        yield session


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest migration and stored zone documents to this standard (idempotent)."""
    command.upgrade(alembic_config(engine), "head")
    from sezatlas.store.zones import refresh_documents  # zones.py reads the tables this just made

    with transaction(engine) as session:
        refresh_documents(session)


def refresh_statistics(engine: Engine) -> None:
    """Let the query planner see the new data after a bulk write.

    Without statistics SQLite walks a whole country's rows before the selective ISIC list; ANALYZE at
    100,000 zones takes a fraction of a second and turns such filters from ~60 ms into ~10 ms.
    """
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.exec_driver_sql("ANALYZE zones, zone_isic")
        else:
            connection.exec_driver_sql("ANALYZE")


def has_schema(engine: Engine) -> bool:
    return inspect(engine).has_table("zones")
