"""Investment project passports: the published document and the owner's working copy, the catalogue's
filter columns, each passport's ISIC codes with their ancestors, and investors' saved project profiles
(issue 17; `store/passport_tables.py`).

Revision ID: 0019
Revises: 0018
"""

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

_AT = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "passports",
        sa.Column("passport_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("zone_id", sa.String(64), nullable=False, index=True),
        sa.Column("country_iso3", sa.String(3), nullable=False, index=True),
        sa.Column("owner_person_id", sa.Integer),
        sa.Column("owner_organisation_id", sa.Integer, index=True),
        sa.Column("draft", sa.JSON),
        sa.Column("draft_state", sa.String(16)),
        sa.Column("rejection_reason", sa.Text),
        sa.Column("published", sa.JSON),
        sa.Column("published_version", sa.String(16)),
        sa.Column("published_at", _AT, index=True),
        sa.Column("created_at", _AT, nullable=False),
        sa.Column("updated_at", _AT, nullable=False),
        sa.Column("title", sa.String(200)),
        sa.Column("stage", sa.String(24), index=True),
        sa.Column("currency", sa.String(3)),
        sa.Column("capex_min_m", sa.Float),
        sa.Column("capex_max_m", sa.Float),
        sa.Column("jobs_expected", sa.Integer),
    )
    op.create_table(
        "passport_sectors",
        sa.Column(
            "passport_id",
            sa.Integer,
            sa.ForeignKey("passports.passport_id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("isic_code", sa.String(8), primary_key=True, index=True),
    )
    op.create_table(
        "investor_profiles",
        sa.Column("person_id", sa.Integer, primary_key=True),
        sa.Column("profile", sa.JSON, nullable=False),
        sa.Column("shown_to_passport_owners", sa.Boolean, nullable=False, index=True),
        sa.Column("updated_at", _AT, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("investor_profiles")
    op.drop_table("passport_sectors")
    op.drop_table("passports")
