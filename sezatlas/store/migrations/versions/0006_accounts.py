"""Accounts: organisations, people, grants, API tokens, login sessions and the audit trail.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "organisations",
        sa.Column("organisation_id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(length=200), nullable=False, unique=True),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("country_iso3", sa.String(length=3), nullable=True),
        sa.Column("website", sa.Text(), nullable=True),
        sa.Column("is_member", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("member_since", sa.String(length=10), nullable=True),
        sa.Column("created_at", WHEN, nullable=False),
    )
    op.create_table(
        "people",
        sa.Column("person_id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("email", sa.String(length=320), nullable=False, unique=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "organisation_id", sa.Integer(), sa.ForeignKey("organisations.organisation_id"), nullable=True
        ),
        sa.Column("password_hash", sa.Text(), nullable=True),
        sa.Column("is_active", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("last_login_at", WHEN, nullable=True),
    )
    op.create_table(
        "grants",
        sa.Column(
            "person_id", sa.Integer(), sa.ForeignKey("people.person_id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("role", sa.String(length=32), primary_key=True),
        sa.Column("scope", sa.String(length=200), primary_key=True),
    )
    for table in ("api_tokens", "login_sessions"):
        key = "token_id" if table == "api_tokens" else "session_id"
        named = [
            sa.Column("name", sa.String(length=200), nullable=False),
            sa.Column("prefix", sa.String(16), nullable=False),
        ]
        extra = (
            [*named, sa.Column("last_used_at", WHEN, nullable=True)]
            if table == "api_tokens"
            else [sa.Column("expires_at", WHEN, nullable=False)]
        )
        op.create_table(
            table,
            sa.Column(key, sa.Integer(), primary_key=True, autoincrement=True),
            sa.Column(
                "person_id",
                sa.Integer(),
                sa.ForeignKey("people.person_id", ondelete="CASCADE"),
                nullable=False,
            ),
            sa.Column("token_hash", sa.String(length=64), nullable=False, unique=True),
            sa.Column("created_at", WHEN, nullable=False),
            sa.Column("revoked_at", WHEN, nullable=True),
            *extra,
        )
    op.create_table(
        "audit_log",
        sa.Column("audit_id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("at", WHEN, nullable=False),
        sa.Column("actor_person_id", sa.Integer(), nullable=True),
        sa.Column("actor_name", sa.String(length=200), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("entity", sa.String(length=64), nullable=False),
        sa.Column("entity_id", sa.String(length=200), nullable=False),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.Column("request_id", sa.String(length=64), nullable=True),
        sa.Column("ip", sa.String(length=64), nullable=True),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])


def downgrade() -> None:
    for table in ("audit_log", "login_sessions", "api_tokens", "grants", "people", "organisations"):
        op.drop_table(table)
