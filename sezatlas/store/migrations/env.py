"""Alembic environment: runs against the engine handed over by `sezatlas.store.database.upgrade`."""

from alembic import context
from sqlalchemy import Engine

import sezatlas.store.congress_tables  # noqa: F401 -- registers the Congress tables on Base
from sezatlas.store.models import Base

engine = context.config.attributes.get("engine")
if not isinstance(engine, Engine):
    raise RuntimeError("run migrations through `sezatlas db upgrade`, which supplies the engine")

with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
