"""Participants remember when the organiser edited their availability, so a re-import does not undo it.

Plain ALTER TABLE, not `batch_alter_table`: on SQLite a batch copies the table, drops the old one and
renames the copy, and dropping `congress_participants` cascades to every request and meeting naming its
participants. SQLite adds and (since 3.35) drops a column without a constraint in place.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "congress_participants",
        sa.Column("availability_edited_at", sa.DateTime(timezone=True), nullable=True),
    )


def downgrade() -> None:
    op.drop_column("congress_participants", "availability_edited_at")
