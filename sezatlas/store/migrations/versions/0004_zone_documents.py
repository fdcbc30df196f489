"""Zone documents (each zone as the API serialises it); an index on (country, free land, zone_id);
haversine_km on PostgreSQL no longer raises "underflow" for differences below 1e-100 degrees.

The documents are filled by `sezatlas.store.database.upgrade` right after the migrations run, from
the zone code of the running version (a migration frozen in time should not import it).

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

from sezatlas.store.sql_functions import HAVERSINE_PG

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(HAVERSINE_PG)
    op.create_table(
        "zone_documents",
        sa.Column("zone_id", sa.String(length=64), nullable=False),
        sa.Column("standard", sa.String(length=16), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["zone_id"], ["zones.zone_id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("zone_id"),
    )
    op.create_index("ix_zones_country_free_area", "zones", ["country_iso3", "free_area_ha", "zone_id"])


def downgrade() -> None:
    op.drop_index("ix_zones_country_free_area", table_name="zones")
    op.drop_table("zone_documents")
