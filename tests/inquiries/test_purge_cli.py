"""`sezatlas inquiries purge`: the retention period from the command line (docs/privacy.md). It asks first,
clears only what was settled longer ago than the period, and leaves the clocks the dashboard counts."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sezatlas.accounts.actions import create_person
from sezatlas.accounts.roles import Actor, Grant, Role
from sezatlas.cli import app
from sezatlas.inquiries.clock import Step
from sezatlas.inquiries.dashboard import GroupBy, response_dashboard
from sezatlas.inquiries.reading import read_thread
from sezatlas.inquiries.sending import send_inquiry
from sezatlas.inquiries.steps import take_step
from sezatlas.registry.importer import import_file
from sezatlas.store.database import make_engine, session_factory, upgrade
from tests.inquiries.test_inquiries import MESSAGE, PROJECT

runner = CliRunner()
NOW = datetime.now(UTC)


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    """RUS-001; an inquiry to it answered 800 days ago (settled), and one sent 800 days ago still open."""
    url = f"sqlite:///{tmp_path / 'purge.sqlite3'}"
    engine = make_engine(url)
    upgrade(engine)
    path = tmp_path / "zones.csv"
    header = "zone_id,country_iso3,name_en,zone_type,source_urls,as_of"
    path.write_text(
        f"{header}\nRUS-001,RUS,Alabuga SEZ,sez,https://alabuga.ru/en/,2026-11\n", encoding="utf-8"
    )
    import_file(engine, path)
    with session_factory(engine)() as session:
        secretariat, grants = Actor.command_line(), (Grant(Role.INVESTOR),)
        investor = create_person(
            session, secretariat, "investor@example.org", "Ivan", "a pass phrase", grants
        )
        sender = Actor(person_id=investor.person_id, name="Ivan", grants=frozenset(grants))
        long_ago = NOW - timedelta(days=801)
        [settled] = send_inquiry(session, sender, ["RUS-001"], PROJECT, MESSAGE, now=long_ago)
        take_step(session, secretariat, settled, Step.ANSWER, text="Yes.", now=NOW - timedelta(days=800))
        send_inquiry(session, sender, ["RUS-001"], PROJECT, MESSAGE, now=long_ago)  # never answered
    engine.dispose()
    return url


def _messages(url: str) -> list[str]:
    engine = make_engine(url)
    with session_factory(engine)() as session:
        found = [read_thread(session, Actor.command_line(), thread).message for thread in (1, 2)]
    engine.dispose()
    return found


def _dashboard(url: str) -> object:
    engine = make_engine(url)
    with session_factory(engine)() as session:
        figures = response_dashboard(session, GroupBy.ZONE, now=NOW)
    engine.dispose()
    return figures


def test_purge_asks_first_then_clears_only_what_was_settled_before_the_period(database_url: str) -> None:
    before = _dashboard(database_url)
    declined = runner.invoke(app, ["inquiries", "purge", "--database-url", database_url], input="n\n")
    assert declined.exit_code == 1 and "730 days" in declined.output
    assert _messages(database_url) == [MESSAGE, MESSAGE]
    later = ["inquiries", "purge", "--older-than-days", "900", "--yes", "--database-url", database_url]
    assert "Cleared the content of 0 inquiries" in runner.invoke(app, later).output
    done = runner.invoke(app, ["inquiries", "purge", "--yes", "--database-url", database_url])
    assert done.exit_code == 0, done.output
    assert "Cleared the content of 1 inquiry settled more than 730 days ago" in done.output
    assert _messages(database_url) == ["", MESSAGE]  # the open one keeps its content
    assert _dashboard(database_url) == before
    refused = runner.invoke(
        app, ["inquiries", "purge", "--older-than-days", "0", "--database-url", database_url]
    )
    assert refused.exit_code == 2
