"""Accounts, part 2: e-mail verification, the zones an organisation operates, and background jobs.

People created before this revision were all created by the secretariat (there was no sign-up): their
address counts as verified from the day they were created.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("people") as people:
        people.add_column(sa.Column("email_verified_at", WHEN, nullable=True))
    op.execute("UPDATE people SET email_verified_at = created_at")
    op.create_table(
        "organisation_zones",
        sa.Column(
            "organisation_id",
            sa.Integer(),
            sa.ForeignKey("organisations.organisation_id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("zone_id", sa.String(length=64), primary_key=True),
    )
    op.create_index("ix_organisation_zones_zone_id", "organisation_zones", ["zone_id"])
    op.create_table(
        "jobs",
        sa.Column("job_id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("progress", sa.Float(), nullable=False, server_default="0"),
        sa.Column("message", sa.Text(), nullable=True),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("result", sa.JSON(), nullable=True),
        sa.Column("requested_by", sa.Integer(), nullable=True),
        sa.Column("requested_by_name", sa.String(length=200), nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("started_at", WHEN, nullable=True),
        sa.Column("finished_at", WHEN, nullable=True),
        sa.Column("heartbeat_at", WHEN, nullable=True),
        sa.Column("worker", sa.String(length=64), nullable=True),
    )
    op.create_index("ix_jobs_state_created", "jobs", ["state", "created_at"])
    op.create_index("ix_jobs_kind_subject", "jobs", ["kind", "subject"])


def downgrade() -> None:
    op.drop_index("ix_jobs_kind_subject", table_name="jobs")
    op.drop_index("ix_jobs_state_created", table_name="jobs")
    op.drop_table("jobs")
    op.drop_index("ix_organisation_zones_zone_id", table_name="organisation_zones")
    op.drop_table("organisation_zones")
    with op.batch_alter_table("people") as people:
        people.drop_column("email_verified_at")
