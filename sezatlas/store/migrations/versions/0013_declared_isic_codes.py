"""`zone_isic` says which codes a zone declared itself, so "possible" sector matches need no text scan.

Why: a search for batteries (2720) also offers zones declared only with a broader code (C, 27) as
possible matches. Which codes a zone declared was read with LIKE over each zone's own code list, a scan
of the wide `zones` rows of every candidate (240 ms for China + 26 + free land at 100,000 zones on
PostgreSQL). With the flag, and an index covering (zone, code, flag), the probe reads the index only.
Plain ALTER TABLE, for the reason 0010 gives.

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("zone_isic", sa.Column("declared", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.execute(
        "UPDATE zone_isic SET declared = (EXISTS (SELECT 1 FROM zones WHERE zones.zone_id = zone_isic.zone_id"
        " AND ';' || zones.isic_codes || ';' LIKE '%;' || zone_isic.isic_code || ';%'))"
    )
    op.create_index("ix_zone_isic_zone_code_declared", "zone_isic", ["zone_id", "isic_code", "declared"])


def downgrade() -> None:
    op.drop_index("ix_zone_isic_zone_code_declared", table_name="zone_isic")
    op.drop_column("zone_isic", "declared")
