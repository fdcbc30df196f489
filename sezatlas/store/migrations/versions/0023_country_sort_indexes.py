"""Indexes for a country's zones in the list's other orders: by name, and by area and by free land, largest
first with the unknown last, the ORDER BY of `store/zone_search.py` expression for expression. Without
them every page of a country's list sorted all its zones again (`store/models.ZoneRow`).

Revision ID: 0023
Revises: 0022
"""

import sqlalchemy as sa
from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_zones_country_name", "zones", ["country_iso3", "name_en", "zone_id"])
    op.create_index("ix_zones_country_area_desc", "zones",
                    ["country_iso3", sa.text("(area_ha IS NULL)"), sa.text("area_ha DESC"),
                     "zone_id"])  # fmt: skip
    op.create_index("ix_zones_country_free_area_desc", "zones",
                    ["country_iso3", sa.text("(free_area_ha IS NULL)"), sa.text("free_area_ha DESC"),
                     "zone_id"])  # fmt: skip


def downgrade() -> None:
    for name in ("ix_zones_country_free_area_desc", "ix_zones_country_area_desc", "ix_zones_country_name"):
        op.drop_index(name, table_name="zones")
