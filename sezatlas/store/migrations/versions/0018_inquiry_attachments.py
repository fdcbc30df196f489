"""Inquiry attachments (the files an investor sends with an inquiry, private to the two sides) and the
investor's choice whether zones see who they are (issue 17; `store/inquiries_tables.py`).

Revision ID: 0018
Revises: 0017
"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("inquiries") as table:
        table.add_column(sa.Column("shows_identity", sa.Boolean, nullable=False, server_default=sa.true()))
    op.create_table(
        "inquiry_attachments",
        sa.Column("attachment_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "inquiry_id",
            sa.Integer,
            sa.ForeignKey("inquiries.inquiry_id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("file_name", sa.String(200), nullable=False),
        sa.Column("media_type", sa.String(100), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("content", sa.LargeBinary, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("inquiry_attachments")
    with op.batch_alter_table("inquiries") as table:
        table.drop_column("shows_identity")
