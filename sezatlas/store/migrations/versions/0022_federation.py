"""Federation: registered sources, their harvest runs, which source each harvested zone came from, and
the index the change feed reads zone versions by (issue 21; the tables are `store/federation_tables.py`).

Revision ID: 0022
Revises: 0021
"""

import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None

_AT = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "federation_sources",
        sa.Column("source_id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(64), nullable=False, unique=True),
        sa.Column(
            "organisation_id", sa.Integer(), sa.ForeignKey("organisations.organisation_id"), nullable=False
        ),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("location", sa.Text(), nullable=False),
        sa.Column("schedule_hours", sa.Float(), nullable=True),
        sa.Column("licence", sa.String(64), nullable=False),
        sa.Column("mapping", sa.JSON(), nullable=False),
        sa.Column("is_enabled", sa.Boolean(), nullable=False),
        sa.Column("created_at", _AT, nullable=False),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("cursor", sa.Text(), nullable=True),
        sa.Column("last_run_at", _AT, nullable=True),
    )
    op.create_table(
        "harvest_runs",
        sa.Column("run_id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "source_id",
            sa.Integer(),
            sa.ForeignKey("federation_sources.source_id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("started_at", _AT, nullable=False),
        sa.Column("duration_s", sa.Float(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("new", sa.Integer(), nullable=False),
        sa.Column("changed", sa.Integer(), nullable=False),
        sa.Column("removed", sa.Integer(), nullable=False),
        sa.Column("rejected", sa.Integer(), nullable=False),
        sa.Column("review_items", sa.Integer(), nullable=False),
        sa.Column("report", sa.JSON(), nullable=False),
    )
    op.create_index("ix_harvest_runs_source_started", "harvest_runs", ["source_id", "started_at"])
    op.create_table(
        "harvested_zones",
        sa.Column("zone_id", sa.String(64), primary_key=True),
        sa.Column(
            "source_id",
            sa.Integer(),
            sa.ForeignKey("federation_sources.source_id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("first_harvested_at", _AT, nullable=False),
        sa.Column("last_harvested_at", _AT, nullable=False),
        sa.Column("removed_at", _AT, nullable=True),
    )
    op.create_index("ix_harvested_zones_source_id", "harvested_zones", ["source_id"])
    op.create_index("ix_zone_versions_feed", "zone_versions", ["at", "zone_id", "number"])


def downgrade() -> None:
    op.drop_index("ix_zone_versions_feed", table_name="zone_versions")
    op.drop_table("harvested_zones")
    op.drop_table("harvest_runs")
    op.drop_table("federation_sources")
