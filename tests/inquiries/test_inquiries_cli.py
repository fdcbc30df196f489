"""Inquiries from the command line, as the secretariat runs them on the server: the public dashboard as a
table or JSON, targets, and the escalation cron job (the CLI acts as the secretariat)."""

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sezatlas.accounts.actions import create_person
from sezatlas.accounts.roles import Actor, Grant, Role
from sezatlas.cli import app
from sezatlas.inquiries.clock import Step
from sezatlas.inquiries.sending import send_inquiry
from sezatlas.inquiries.steps import take_step
from sezatlas.registry.importer import import_file
from sezatlas.store.database import make_engine, session_factory, upgrade
from tests.accounts.mailbox import catching_mail
from tests.inquiries.test_inquiries import MESSAGE, PROJECT

runner = CliRunner()
WIDE = {"COLUMNS": "200"}
NOW = datetime.now(UTC)


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    """Two Russian zones; an inquiry to both sent ten days ago, RUS-001 answered after two and a half days;
    a secretariat account with a verified address (for the escalation letter)."""
    url = f"sqlite:///{tmp_path / 'inquiries.sqlite3'}"
    engine = make_engine(url)
    upgrade(engine)
    path = tmp_path / "zones.csv"
    path.write_text("zone_id,country_iso3,name_en,zone_type,source_urls,as_of\n"
                    "RUS-001,RUS,Alabuga SEZ,sez,https://alabuga.ru/en/,2026-11\n"
                    "RUS-002,RUS,Titanium Valley SEZ,sez,https://titanium-valley.com/,2026-11\n",
                    encoding="utf-8")  # fmt: skip
    import_file(engine, path)
    with session_factory(engine)() as session:
        secretariat = Actor.command_line()
        grants = (Grant(Role.INVESTOR),)
        investor = create_person(
            session, secretariat, "investor@example.org", "Ivan", "a pass phrase", grants
        )
        create_person(session, secretariat, "secretariat@example.org", "Sofia", "a pass phrase",
                      (Grant(Role.SECRETARIAT),))  # fmt: skip
        sender = Actor(person_id=investor.person_id, name="Ivan", grants=frozenset(grants))
        first, _ = send_inquiry(session, sender, ["RUS-001", "RUS-002"], PROJECT, MESSAGE,
                                now=NOW - timedelta(days=10))  # fmt: skip
        take_step(session, secretariat, first, Step.ANSWER, text="Yes.", now=NOW - timedelta(days=7.5))
    engine.dispose()
    return url


def run(database_url: str, *words: str) -> str:
    result = runner.invoke(app, ["inquiries", *words, "--database-url", database_url], env=WIDE)
    assert result.exit_code == 0, result.output
    return result.output


def test_the_dashboard_prints_aggregates_as_a_table_or_as_json(database_url: str) -> None:
    table = run(database_url, "dashboard")
    assert "Response times: 2 zones" in table
    assert "RUS-001" in table and "2.5" in table and "100%" in table and "Ivan" not in table
    one = json.loads(run(database_url, "dashboard", "--by", "country", "--format", "json"))
    assert one["by"] == "country" and "clock.py" in one["method"]
    [russia] = one["groups"]
    assert {key: russia[key] for key in ("group", "received", "answered", "settled", "within_target")} == {
        "group": "RUS", "received": 2, "answered": 1, "settled": 2, "within_target": 1
    }  # fmt: skip
    assert russia["share_within_target"] == 0.5 and russia["median_days"] == pytest.approx(2.5)
    assert MESSAGE not in json.dumps(one)
    only = json.loads(run(database_url, "dashboard", "--only", "rus-002", "--format", "json"))
    assert [group["group"] for group in only["groups"]] == ["RUS-002"]
    assert "No inquiries received by CHN yet." in run(
        database_url, "dashboard", "--by", "country", "--only", "chn"
    )
    assert "No inquiries received yet." in run(database_url, "dashboard", "--by", "organisation")


def test_bad_options_are_usage_errors_and_a_refused_target_a_failure(database_url: str) -> None:
    def invoke(*words: str) -> tuple[int, str]:
        result = runner.invoke(app, ["inquiries", *words, "--database-url", database_url], env=WIDE)
        return result.exit_code, result.output

    assert invoke("dashboard", "--by", "planet")[0] == 2
    assert invoke("dashboard", "--format", "xml")[0] == 2
    code, said = invoke("dashboard", "--by", "organisation", "--only", "Alabuga")
    assert code == 2 and "error: --only Alabuga: with --by organisation" in said
    assert invoke("target", "city", "RUS", "5")[0] == 2
    code, said = invoke("target", "country", "RUS", "400")
    assert code == 1 and said.strip() == "error: days: 0.5 to 365, not 400.0"


def test_targets_hold_for_inquiries_sent_later_and_escalation_runs_once(database_url: str) -> None:
    said = run(database_url, "target", "zone", "rus-002", "1")
    assert "Response target of zone RUS-002: 1 day to a first answer" in said
    assert "12.5 days" in run(database_url, "target", "country", "RUS", "12.5")
    with catching_mail() as mailbox:
        escalated = run(database_url, "escalate")
    # RUS-002 was sent ten days ago under the 7-day default: the new targets do not move it
    assert "Escalated 1 inquiry past the response target (RUS-002); the secretariat is told" in escalated
    [letter] = mailbox.to("secretariat@example.org")
    assert "RUS-002" in str(letter.get_body(("plain",)))
    assert "No inquiry newly past its response target." in run(database_url, "escalate")
