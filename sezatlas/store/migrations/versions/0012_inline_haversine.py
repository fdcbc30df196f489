"""Replace `haversine_km` on PostgreSQL with a version the planner inlines (`store/sql_functions.py`).

Same formula and guards; one expression instead of nested subqueries, so a distance filter costs a few
arithmetic operations per row instead of a function call. Nothing to do on SQLite, which registers a
Python function per connection.

Revision ID: 0012
Revises: 0011
"""

from alembic import op

from sezatlas.store.sql_functions import HAVERSINE_PG

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(HAVERSINE_PG)


def downgrade() -> None:
    """The older version computed the same values; keeping the inlinable one loses nothing."""
