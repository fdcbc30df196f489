"""Congress B2B: events, participants, meeting requests, published schedules and their meetings.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

PARTICIPANT_KEY = ["congress_participants.event_id", "congress_participants.participant_id"]


def upgrade() -> None:
    op.create_table(
        "congress_events",
        sa.Column("event_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("slot_minutes", sa.Integer(), nullable=False),
        sa.Column("tables_per_slot", sa.Integer(), nullable=False),
        sa.Column("slot_starts", sa.JSON(), nullable=False),
        sa.Column("interpreters", sa.JSON(), nullable=False),
        sa.Column("table_halls", sa.JSON(), nullable=False),
        sa.Column("travel_buffers", sa.JSON(), nullable=False),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("event_id"),
    )
    op.create_table(
        "congress_participants",
        sa.Column("event_id", sa.String(length=64), nullable=False),
        sa.Column("participant_id", sa.String(length=64), nullable=False),
        sa.Column("organisation", sa.Text(), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("country", sa.String(length=3), nullable=False),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("offer_codes", sa.JSON(), nullable=False),
        sa.Column("need_codes", sa.JSON(), nullable=False),
        sa.Column("offer_text", sa.Text(), nullable=False),
        sa.Column("need_text", sa.Text(), nullable=False),
        sa.Column("zones_of_interest", sa.JSON(), nullable=False),
        sa.Column("operated_zones", sa.JSON(), nullable=False),
        sa.Column("available_slots", sa.JSON(), nullable=False),
        sa.Column("max_meetings", sa.Integer(), nullable=False),
        sa.Column("blocked", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["congress_events.event_id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("event_id", "participant_id"),
    )
    op.create_table(
        "congress_schedules",
        sa.Column("schedule_id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("event_id", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("parameters", sa.JSON(), nullable=False),
        sa.Column("report", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["congress_events.event_id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("schedule_id"),
        sa.UniqueConstraint("event_id", "version", name="uq_congress_schedules_version"),
    )
    op.create_table(
        "congress_meetings",
        sa.Column("schedule_id", sa.Integer(), nullable=False),
        sa.Column("first", sa.String(length=64), nullable=False),
        sa.Column("second", sa.String(length=64), nullable=False),
        sa.Column("slot", sa.Integer(), nullable=False),
        sa.Column("table_index", sa.Integer(), nullable=False),
        sa.Column("interpreter", sa.String(length=16), nullable=True),
        sa.ForeignKeyConstraint(["schedule_id"], ["congress_schedules.schedule_id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("schedule_id", "first", "second"),
    )
    op.create_index(
        "ix_congress_meetings_second", "congress_meetings", ["schedule_id", "second"], unique=False
    )
    op.create_table(
        "congress_requests",
        sa.Column("request_id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("event_id", sa.String(length=64), nullable=False),
        sa.Column("requester", sa.String(length=64), nullable=False),
        sa.Column("target", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("is_must_meet", sa.Boolean(), nullable=False),
        sa.Column("organiser_priority", sa.Float(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["event_id", "requester"],
            PARTICIPANT_KEY,
            name="fk_congress_requests_requester",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["event_id", "target"], PARTICIPANT_KEY, name="fk_congress_requests_target", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("request_id"),
        sa.UniqueConstraint("event_id", "requester", "target", name="uq_congress_requests_pair"),
    )
    op.create_index(
        "ix_congress_requests_event_target", "congress_requests", ["event_id", "target"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_congress_requests_event_target", table_name="congress_requests")
    op.drop_table("congress_requests")
    op.drop_index("ix_congress_meetings_second", table_name="congress_meetings")
    op.drop_table("congress_meetings")
    op.drop_table("congress_schedules")
    op.drop_table("congress_participants")
    op.drop_table("congress_events")
