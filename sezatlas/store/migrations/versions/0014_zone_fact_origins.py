"""`zone_fact_origins`: the facts users' imports set, which `db init` must never overwrite.

Why: `db init` re-applied the bundled data to every zone, so a free-land figure a member had imported
went back to the bundled null on the next start-up (issue 16). The fields earlier imports changed
are read back from their audit records (`import_runs.report`), so they are protected from now on too.

Revision ID: 0014
Revises: 0013
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "zone_fact_origins",
        sa.Column("zone_id", sa.String(64), primary_key=True),
        sa.Column("column", sa.String(64), primary_key=True),
        sa.Column("layer", sa.String(16), nullable=False),
        sa.Column("since", sa.DateTime(timezone=True), nullable=False),
    )
    bind = op.get_bind()
    runs = sa.table("import_runs", sa.column("source", sa.Text), sa.column("report", sa.JSON))
    origins = sa.table(
        "zone_fact_origins",
        sa.column("zone_id", sa.String),
        sa.column("column", sa.String),
        sa.column("layer", sa.String),
        sa.column("since", sa.DateTime(timezone=True)),
    )
    seen: set[tuple[str, str]] = set()
    now = datetime.now(UTC)
    for source, report in bind.execute(sa.select(runs.c.source, runs.c.report)):
        if source.startswith("bundled data"):
            continue
        for change in (report or {}).get("changes", []):
            for name in change.get("changed_fields", []):
                seen.add((change["zone_id"], name))
    if seen:
        rows = [{"zone_id": zone, "column": name, "layer": "import", "since": now} for zone, name in seen]
        op.bulk_insert(origins, rows)


def downgrade() -> None:
    op.drop_table("zone_fact_origins")
