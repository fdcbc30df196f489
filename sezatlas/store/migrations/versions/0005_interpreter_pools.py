"""Congress interpreter pools and relay: events get their named pools and whether relay is allowed,
meetings the pool of each interpreter leg.

Old rows stay readable without a data change: an event with null `interpreter_pools` has only its
language-pair interpreters (each a pool of two languages), and a meeting with null `interpreter_pools`
used the pool of its `interpreter` language pair, the only kind there was before.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("congress_events", sa.Column("interpreter_pools", sa.JSON(), nullable=True))
    op.add_column(
        "congress_events",
        sa.Column("allows_relay", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.add_column("congress_meetings", sa.Column("interpreter_pools", sa.JSON(), nullable=True))


def downgrade() -> None:
    # Plain ALTER TABLE … DROP COLUMN (SQLite ≥ 3.35): a batch copy would drop and re-create
    # congress_events, and dropping it cascades to every participant and schedule of the event.
    op.drop_column("congress_meetings", "interpreter_pools")
    op.drop_column("congress_events", "allows_relay")
    op.drop_column("congress_events", "interpreter_pools")
