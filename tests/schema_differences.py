"""What the migrated schema lacks or has besides the models, as Alembic's autogenerate compares them, with
the expression indexes checked too.

SQLite cannot reflect an index over expressions (`ix_zones_country_area_desc`, migration 0023): Alembic
and SQLAlchemy warn that they skip it, and would not notice it missing. Here such indexes are looked up by
name in the database's catalog instead, and those warnings are expected rather than printed.
"""

import warnings

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Column, Connection, text

from sezatlas.store.models import Base

CATALOG = {
    "sqlite": "SELECT name FROM sqlite_master WHERE type = 'index'",
    "postgresql": "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()",
}


def expression_indexes() -> set[str]:
    """The models' indexes over anything but plain columns."""
    return {
        index.name
        for table in Base.metadata.tables.values()
        for index in table.indexes
        if index.name and any(not isinstance(part, Column) for part in index.expressions)
    }


def schema_differences(connection: Connection) -> list[object]:
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r".*expression-based index")
        found: list[object] = list(compare_metadata(MigrationContext.configure(connection), Base.metadata))
    present = set(connection.execute(text(CATALOG[connection.dialect.name])).scalars())
    return found + [("missing expression index", name) for name in sorted(expression_indexes() - present)]
