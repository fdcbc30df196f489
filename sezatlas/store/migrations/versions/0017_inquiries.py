"""Inquiries: an investor's inquiry, one thread per zone with its response clock, the steps, and the
response targets the secretariat sets (issue 17; the tables are `store/inquiries_tables.py`).

Revision ID: 0017
Revises: 0016
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

_AT = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "inquiries",
        sa.Column("inquiry_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("investor_person_id", sa.Integer, index=True),
        sa.Column("sent_at", _AT, nullable=False),
        sa.Column("project", sa.JSON, nullable=False),
        sa.Column("message", sa.Text, nullable=False),
    )
    op.create_table(
        "inquiry_threads",
        sa.Column("thread_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "inquiry_id",
            sa.Integer,
            sa.ForeignKey("inquiries.inquiry_id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("zone_id", sa.String(64), nullable=False),
        sa.Column("country_iso3", sa.String(3), nullable=False),
        sa.Column("organisation_id", sa.Integer),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("outcome", sa.String(24)),
        sa.Column("target_s", sa.Float, nullable=False),
        sa.Column("sent_at", _AT, nullable=False),
        sa.Column("mark_at", _AT, nullable=False),
        sa.Column("running_s", sa.Float, nullable=False),
        sa.Column("paused_s", sa.Float, nullable=False),
        sa.Column("first_answer_at", _AT),
        sa.Column("is_stopped", sa.Boolean, nullable=False),
        sa.Column("due_at", _AT),
        sa.Column("escalated_at", _AT),
    )
    for key in ("zone_id", "country_iso3", "organisation_id"):
        op.create_index(f"ix_inquiry_threads_{key}_clock", "inquiry_threads",
                        [key, "running_s", "first_answer_at", "target_s", "due_at"])  # fmt: skip
    op.create_table(
        "inquiry_events",
        sa.Column("event_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "thread_id",
            sa.Integer,
            sa.ForeignKey("inquiry_threads.thread_id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("step", sa.String(32), nullable=False),
        sa.Column("at", _AT, nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("person_id", sa.Integer),
        sa.Column("text", sa.Text),
    )
    op.create_table(
        "response_targets",
        sa.Column("scope", sa.String(80), primary_key=True),
        sa.Column("days", sa.Float, nullable=False),
        sa.Column("set_by", sa.String(200), nullable=False),
        sa.Column("set_at", _AT, nullable=False),
    )


def downgrade() -> None:
    for table in ("response_targets", "inquiry_events", "inquiry_threads", "inquiries"):
        op.drop_table(table)
