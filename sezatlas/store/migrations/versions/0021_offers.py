"""Cooperation offers between members: the offers, their ISIC codes with ancestors, and which inquiry was
about which offer (issue 19, item 5; the tables are `store/offers_tables.py`).

Revision ID: 0021
Revises: 0020
"""

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

_AT = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "offers",
        sa.Column("offer_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(16), nullable=False, index=True),
        sa.Column("isic_code", sa.String(8)),
        sa.Column("hs_code", sa.String(12)),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("volume", sa.Float),
        sa.Column("volume_unit", sa.String(32)),
        sa.Column("zone_id", sa.String(64), index=True),
        sa.Column("country_iso3", sa.String(3), index=True),
        sa.Column(
            "organisation_id",
            sa.Integer,
            sa.ForeignKey("organisations.organisation_id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("person_id", sa.Integer),
        sa.Column("valid_from", sa.Date),
        sa.Column("valid_until", sa.Date, index=True),
        sa.Column("state", sa.String(16), nullable=False, index=True),
        sa.Column("created_at", _AT, nullable=False),
        sa.Column("updated_at", _AT, nullable=False),
    )
    op.create_table(
        "offer_sectors",
        sa.Column(
            "offer_id", sa.Integer, sa.ForeignKey("offers.offer_id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("isic_code", sa.String(8), primary_key=True, index=True),
        sa.Column("is_own", sa.Boolean, nullable=False),
    )
    op.create_table(
        "offer_inquiries",
        sa.Column(
            "inquiry_id",
            sa.Integer,
            sa.ForeignKey("inquiries.inquiry_id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "offer_id",
            sa.Integer,
            sa.ForeignKey("offers.offer_id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
    )


def downgrade() -> None:
    for table in ("offer_inquiries", "offer_sectors", "offers"):
        op.drop_table(table)
