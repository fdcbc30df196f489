"""Zone stewardship: proposed changes and their review, zone versions, source documents, operators'
confirmations and visitors' error reports (issue 16; the tables are `store/stewardship_tables.py`).

Revision ID: 0015
Revises: 0014
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

_AT = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "source_documents",
        sa.Column("document_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("file_name", sa.String(200), nullable=False),
        sa.Column("media_type", sa.String(100), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("content", sa.LargeBinary, nullable=False),
        sa.Column("uploaded_by", sa.String(200), nullable=False),
        sa.Column("uploaded_at", _AT, nullable=False),
    )
    op.create_table(
        "zone_changes",
        sa.Column("change_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("zone_id", sa.String(64), nullable=False, index=True),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("facts", sa.JSON, nullable=False),
        sa.Column("source_url", sa.Text),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("source_documents.document_id")),
        sa.Column("as_of", sa.String(10)),
        sa.Column("comment", sa.Text),
        sa.Column("proposed_by", sa.String(200), nullable=False),
        sa.Column("proposed_by_person_id", sa.Integer),
        sa.Column("proposed_at", _AT, nullable=False),
        sa.Column("decided_by", sa.String(200)),
        sa.Column("decided_at", _AT),
        sa.Column("reason", sa.Text),
        sa.Column("version", sa.Integer),
    )
    op.create_index("ix_zone_changes_state_zone", "zone_changes", ["state", "zone_id"])
    op.create_table(
        "zone_versions",
        sa.Column("zone_id", sa.String(64), primary_key=True),
        sa.Column("number", sa.Integer, primary_key=True),
        sa.Column("at", _AT, nullable=False),
        sa.Column("layer", sa.String(16), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("person_id", sa.Integer),
        sa.Column("source", sa.Text),
        sa.Column("change_id", sa.Integer),
        sa.Column("changed", sa.JSON, nullable=False),
        sa.Column("record", sa.JSON, nullable=False),
    )
    op.create_index("ix_zone_versions_at", "zone_versions", ["zone_id", "at"])
    op.create_table(
        "zone_confirmations",
        sa.Column("zone_id", sa.String(64), primary_key=True),
        sa.Column("confirmed_at", _AT, index=True),
        sa.Column("confirmed_by", sa.String(200)),
        sa.Column("reminded_at", _AT),
    )
    op.create_table(
        "zone_error_reports",
        sa.Column("report_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("zone_id", sa.String(64), nullable=False, index=True),
        sa.Column("at", _AT, nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("reporter_email", sa.String(320)),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("closed_by", sa.String(200)),
    )


def downgrade() -> None:
    for table in (
        "zone_error_reports",
        "zone_confirmations",
        "zone_versions",
        "zone_changes",
        "source_documents",
    ):
        op.drop_table(table)
