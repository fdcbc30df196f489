"""Zone relations (a part's parent zone, zones possibly the same) and each country's relation to BRICS.

Countries already stored get their relation from the table below, frozen as it stood when this migration
was written (the bundled data file `sezatlas/data/registry/brics_membership.csv` is the source; a
migration must not read files that change later). `is_brics_member` stays true for members only, so Saudi
Arabia, invited but not confirmed, is no longer counted as one.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# ISO3 → (relation, since, source URL), as in brics_membership.csv of December 2026.
_BUSINESS_STANDARD = (
    "https://www.business-standard.com/amp/world-news/"
    "brazil-admits-indonesia-as-new-member-of-brics-bloc-of-developing-nations-125010700094_1.html"
)
_ALARABY = "https://english.alaraby.co.uk/news/uae-egypt-ethiopia-iran-set-join-brics"
_PARTNERS_2025 = "https://www.independent.co.ug/uganda-8-other-countries-to-become-brics-partners-from-today/"
MEMBERSHIP: dict[str, tuple[str, str, str]] = {
    "BRA": ("member", "2006", _BUSINESS_STANDARD),
    "RUS": ("member", "2006", _BUSINESS_STANDARD),
    "IND": ("member", "2006", _BUSINESS_STANDARD),
    "CHN": ("member", "2006", _BUSINESS_STANDARD),
    "ZAF": ("member", "2010", _BUSINESS_STANDARD),
    "EGY": ("member", "2024-01-01", _ALARABY),
    "ETH": ("member", "2024-01-01", _ALARABY),
    "IRN": ("member", "2024-01-01", _ALARABY),
    "ARE": ("member", "2024-01-01", _ALARABY),
    "IDN": ("member", "2025-01-06",
            "https://sputnikglobe.com/20250106/brazil-announces-indonesia-joined-brics-as-full-member-1121370949.html"),
    "SAU": ("invited", "2023-08-24",
            "https://www.siasat.com/saudi-arabia-uae-among-six-nations-to-receive-brics-invite-2676009/"),
    **dict.fromkeys(("BLR", "BOL", "KAZ", "CUB", "MYS", "THA", "UGA", "UZB"),
                    ("partner", "2025-01-01", _PARTNERS_2025)),
    "NGA": ("partner", "2025-01-17",
            "https://www.ilna.ir/Section-world-8/1585009-nigeria-becomes-brics-partner-country"),
    "VNM": ("partner", "2025-06-13", "https://www.mediaselangor.com/en/2025/06/269836"),
}  # fmt: skip


def upgrade() -> None:
    op.add_column("zones", sa.Column("parent_zone_id", sa.String(length=64), nullable=True))
    op.add_column("zones", sa.Column("possibly_same_as", sa.Text(), nullable=True))
    op.create_index("ix_zones_parent_zone_id", "zones", ["parent_zone_id"])
    op.add_column("countries", sa.Column("brics_relation", sa.String(length=16), nullable=True))
    op.add_column("countries", sa.Column("brics_since", sa.String(length=10), nullable=True))
    op.add_column("countries", sa.Column("brics_source_url", sa.Text(), nullable=True))
    countries = sa.table(
        "countries",
        sa.column("iso3", sa.String),
        sa.column("is_brics_member", sa.Boolean),
        sa.column("brics_relation", sa.String),
        sa.column("brics_since", sa.String),
        sa.column("brics_source_url", sa.Text),
    )
    op.execute(countries.update().values(is_brics_member=False))
    for iso3, (relation, since, url) in MEMBERSHIP.items():
        op.execute(
            countries.update()
            .where(countries.c.iso3 == iso3)
            .values(
                is_brics_member=relation == "member",
                brics_relation=relation,
                brics_since=since,
                brics_source_url=url,
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("countries") as batch_op:
        batch_op.drop_column("brics_source_url")
        batch_op.drop_column("brics_since")
        batch_op.drop_column("brics_relation")
    op.drop_index("ix_zones_parent_zone_id", table_name="zones")
    with op.batch_alter_table("zones") as batch_op:
        batch_op.drop_column("possibly_same_as")
        batch_op.drop_column("parent_zone_id")
