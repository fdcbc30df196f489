"""Migration 0008 on a database with people in it: everyone the secretariat created can still log in."""

from datetime import UTC, datetime

from alembic import command
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from sezatlas.accounts.actions import log_in
from sezatlas.accounts.secrets import hash_password
from sezatlas.store.database import alembic_config, upgrade

CREATED = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


def test_people_created_before_sign_up_existed_count_as_verified_and_log_in(blank_engine: Engine) -> None:
    command.upgrade(alembic_config(blank_engine), "0007")
    with blank_engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO people (email, name, password_hash, is_active, failed_logins, created_at) "
                "VALUES ('desk@example.org', 'Desk', :hash, :active, 0, :created)"
            ),
            {"hash": hash_password("long enough secret"), "active": True, "created": CREATED},
        )
        connection.execute(text("INSERT INTO grants (person_id, role, scope) VALUES (1, 'secretariat', '')"))
    upgrade(blank_engine)
    with blank_engine.connect() as connection:
        verified = connection.execute(text("SELECT email_verified_at FROM people")).scalar_one()
        jobs = connection.execute(text("SELECT count(*) FROM jobs")).scalar_one()
    assert verified is not None and str(verified).startswith("2026-11-20")
    assert jobs == 0
    with Session(blank_engine) as session:
        token, actor = log_in(session, "desk@example.org", "long enough secret")
    assert token and actor.name == "Desk"
    assert actor.grants, "the person's roles were lost by the upgrade"
