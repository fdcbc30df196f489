"""Events carry their own meeting values (per kind of request) and fairness bonus.

Null means the defaults every event had before (`sezatlas.congress.model.MeetingValues`), so an
upgraded database schedules its events exactly as before. Plain ALTER TABLE for the reason given in
0010 (a SQLite batch would cascade-delete the event's participants).

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("congress_events", sa.Column("meeting_values", sa.JSON(), nullable=True))


def downgrade() -> None:
    op.drop_column("congress_events", "meeting_values")
