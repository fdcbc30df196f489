"""Alembic environment: runs against the engine handed over by `sezatlas.store.database.upgrade`."""

from alembic import context
from sqlalchemy import Engine

import sezatlas.store.accounts_tables
import sezatlas.store.congress_tables
import sezatlas.store.federation_tables
import sezatlas.store.inquiries_tables
import sezatlas.store.jobs_tables
import sezatlas.store.offers_tables
import sezatlas.store.passport_tables
import sezatlas.store.stewardship_tables  # noqa: F401 -- registers these tables on Base
from sezatlas.store.models import Base

engine = context.config.attributes.get("engine")
if not isinstance(engine, Engine):
    raise RuntimeError("run migrations through `sezatlas db upgrade`, which supplies the engine")

with engine.connect() as connection:
    if connection.dialect.name == "sqlite":
        # pysqlite commits each DDL statement on its own: an upgrade killed half-way left some tables
        # made and no version stamped, and every later upgrade failed on "table … already exists".
        # SQLite's DDL is transactional, so one BEGIN makes the whole upgrade all or nothing (alembic
        # then runs inside this transaction; PostgreSQL's alembic transaction already is one).
        connection.exec_driver_sql("BEGIN")
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
