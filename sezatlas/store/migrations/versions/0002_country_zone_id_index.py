"""Index zones by (country, zone_id), the default list order, replacing the country-only index.

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("zones") as batch_op:
        batch_op.drop_index("ix_zones_country_iso3")
        batch_op.create_index("ix_zones_country_zone_id", ["country_iso3", "zone_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("zones") as batch_op:
        batch_op.drop_index("ix_zones_country_zone_id")
        batch_op.create_index("ix_zones_country_iso3", ["country_iso3"], unique=False)
