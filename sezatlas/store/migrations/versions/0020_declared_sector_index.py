"""An index of the ISIC codes zones declared themselves, for "possible" sector matches (a zone declared only
"manufacturing" found by a search for batteries): the broad code is an ancestor row of most zones but
declared by few (`store/models.ZoneIsicRow`, `store/zone_sectors.py`).

Revision ID: 0020
Revises: 0019
"""

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_zone_isic_declared_code_zone", "zone_isic", ["isic_code", "zone_id"],
                    sqlite_where=sa.text("declared"), postgresql_where=sa.text("declared"))  # fmt: skip


def downgrade() -> None:
    op.drop_index("ix_zone_isic_declared_code_zone", table_name="zone_isic")
