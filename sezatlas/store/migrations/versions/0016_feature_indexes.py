"""Indexes for the OGC API's items with CQL2 filters at 100,000 zones (issue 20).

Why: an items page counts its matches (`numberMatched`) among the zones with a point, and that count read
each candidate's wide row for its latitude and longitude: China's 48,000 zones for `country_iso3 = 'CHN'
AND isic_codes = 'C'` or an area range, 120–190 ms on SQLite. With the point in the index, the count and the
page's ids come from the index alone:
- (country, zone_id, status, latitude, longitude): a country's features in zone_id order (so the `zone_isic`
  probe of each walks that index in order too, 100 → 40 ms), or by status (also inside an OR, which a
  partial index cannot serve);
- (country, area_ha, zone_id) of the zones with a point (partial): a country's features by area, in area
  order for `sortby=-area_ha`.
On `zone_isic`, (isic_code, zone_id) replaces (isic_code): a code's zones in zone_id order from the index
alone, which PostgreSQL joins with a country's features without visiting the table.
A name substring (`name_en LIKE '%word%'`) seeks no B-tree: PostgreSQL gets a pg_trgm trigram index (skipped,
the filter still correct and only slower, where the extension cannot be created), SQLite a plain index on
the names, which the filter reads instead of every row.

Revision ID: 0016
Revises: 0015
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_zones_country_zone_point", "zones",
                    ["country_iso3", "zone_id", "status", "latitude", "longitude"])  # fmt: skip
    has_point = sa.text("latitude IS NOT NULL AND longitude IS NOT NULL")
    op.create_index("ix_zones_country_area_point", "zones", ["country_iso3", "area_ha", "zone_id"],
                    sqlite_where=has_point, postgresql_where=has_point)  # fmt: skip
    op.create_index("ix_zone_isic_code_zone", "zone_isic", ["isic_code", "zone_id"])
    op.drop_index("ix_zone_isic_isic_code", table_name="zone_isic")
    if op.get_bind().dialect.name != "postgresql":
        op.create_index("ix_zones_name_en", "zones", ["name_en"])
    elif _has_trigrams():
        op.create_index("ix_zones_name_en", "zones", ["name_en"], postgresql_using="gin",
                        postgresql_ops={"name_en": "gin_trgm_ops"})  # fmt: skip


def _has_trigrams() -> bool:
    """pg_trgm is there or could be created: False when the server lacks it or the role may not create it
    (a trusted extension from PostgreSQL 13: a database owner may)."""
    bind = op.get_bind()
    available = bind.execute(sa.text("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")).first()
    if available is None:
        return False
    try:
        with bind.begin_nested():
            bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    except sa.exc.DBAPIError:
        return False
    return True


def downgrade() -> None:
    """pg_trgm stays: something else may use it by now."""
    op.execute("DROP INDEX IF EXISTS ix_zones_name_en")
    op.create_index("ix_zone_isic_isic_code", "zone_isic", ["isic_code"])
    op.drop_index("ix_zone_isic_code_zone", table_name="zone_isic")
    op.drop_index("ix_zones_country_area_point", table_name="zones")
    op.drop_index("ix_zones_country_zone_point", table_name="zones")
