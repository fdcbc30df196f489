"""Zone stewardship from the command line: the review queue, a zone's history, revert, freshness and
reminders, as the secretariat runs them on the server (the CLI acts as the secretariat)."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from sezatlas.accounts.actions import create_person
from sezatlas.accounts.roles import Actor, Grant, Role
from sezatlas.cli import app
from sezatlas.registry.importer import import_file
from sezatlas.stewardship.changes import ChangeSource, propose_change
from sezatlas.store.database import make_engine, session_factory, upgrade
from tests.accounts.mailbox import catching_mail

runner = CliRunner()
WIDE = {"COLUMNS": "200"}
PAGE = "https://alabuga.ru/en/"
OPERATOR = Actor(
    person_id=1, name="Alabuga operator", grants=frozenset({Grant(Role.ZONE_OPERATOR, "RUS-001")})
)


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    """RUS-001 in the registry, its operator's account (person 1), and two of its changes pending."""
    url = f"sqlite:///{tmp_path / 'stewardship.sqlite3'}"
    engine = make_engine(url)
    upgrade(engine)
    path = tmp_path / "alabuga.csv"
    path.write_text("zone_id,country_iso3,name_en,zone_type,area_ha,free_area_ha,source_urls,as_of\n"
                    f"RUS-001,RUS,Alabuga SEZ,sez,3600,100,{PAGE},2026-11\n", encoding="utf-8")  # fmt: skip
    import_file(engine, path)
    with session_factory(engine)() as session:
        create_person(session, Actor.command_line(), "operator@example.org", "Olga", "a long pass phrase",
                      (Grant(Role.ZONE_OPERATOR, "RUS-001"),))  # fmt: skip
        for hectares in (90, 80):
            propose_change(
                session, OPERATOR, "RUS-001", {"free_area_ha": hectares}, ChangeSource("2026-11", PAGE)
            )
    engine.dispose()
    return url


def run(database_url: str, *words: str) -> str:
    result = runner.invoke(app, [*words, "--database-url", database_url], env=WIDE)
    assert result.exit_code == 0, result.output
    return result.output


def test_the_queue_lists_shows_approves_and_rejects_and_tells_the_proposer(database_url: str) -> None:
    listed = run(database_url, "review", "list")
    assert "2 changes" in listed and "free_area_ha: 100.0 → 90.0" in listed and PAGE in listed
    shown = run(database_url, "review", "show", "1")
    assert "Change 1 to RUS-001 (Alabuga SEZ): pending" in shown and "proposed by Alabuga operator" in shown
    with catching_mail() as mailbox:
        approved = run(database_url, "review", "approve", "1")
    assert "Approved 1 change (RUS-001 version 2); 1 letter sent." in approved
    assert len(mailbox.to("operator@example.org")) == 1
    stale = run(database_url, "review", "list")
    assert "stale" in stale  # change 2 was proposed against 100 ha; the zone holds 90 now
    refused = runner.invoke(app, ["review", "approve", "2", "--database-url", database_url])
    assert refused.exit_code == 1 and "changed since it was proposed" in refused.output
    blank = runner.invoke(app, ["review", "reject", "2", "--reason", " ", "--database-url", database_url])
    assert blank.exit_code == 1 and "reason" in blank.output
    assert "Rejected change 2; 0 letters sent." in run(
        database_url, "review", "reject", "2", "--reason", "Stale."
    )
    assert "No pending changes." in run(database_url, "review", "list")
    decided = run(database_url, "review", "list", "--state", "all")
    assert "approved" in decided and "rejected" in decided
    bad = runner.invoke(app, ["review", "list", "--state", "done", "--database-url", database_url])
    assert bad.exit_code == 2


def test_history_diff_and_revert_of_a_zone(database_url: str) -> None:
    run(database_url, "review", "approve", "1")
    history = run(database_url, "zones", "history", "rus-001")
    assert (
        "RUS-001: 2 versions" in history and "operator" in history and "free_area_ha: 100.0 → 90.0" in history
    )
    diff = run(database_url, "zones", "history", "RUS-001", "--diff", "1", "2")
    assert "version 1 → 2" in diff and "100.0" in diff and "90.0" in diff
    assert "version 1 again, as version 3" in run(database_url, "zones", "revert", "RUS-001", "1")
    assert "nothing written" in run(database_url, "zones", "revert", "RUS-001", "1")
    missing = runner.invoke(app, ["zones", "revert", "RUS-001", "9", "--database-url", database_url])
    assert missing.exit_code == 1 and "no version 9" in missing.output


def test_confirmations_per_country_and_reminders_to_operators(database_url: str) -> None:
    assert "RUS" in run(database_url, "zones", "confirmations") and "0%" in run(
        database_url, "zones", "confirmations"
    )
    with catching_mail() as mailbox:
        reminded = run(database_url, "reminders", "send", "--months", "12")
    assert "Reminded the operators of 1 zone: 1 letter sent." in reminded
    [letter] = mailbox.to("operator@example.org")
    assert "confirm" in letter["Subject"]
    assert "of 0 zones" in run(database_url, "reminders", "send")  # once in 30 days at most
    run(database_url, "review", "approve", "1")  # an approved change of the operator's confirms the zone
    assert "100%" in run(database_url, "zones", "confirmations")


def test_the_registry_is_exported_as_of_a_date_and_a_bad_date_is_a_usage_error(
    database_url: str, tmp_path: Path
) -> None:
    out = tmp_path / "then.csv"
    then = runner.invoke(app, ["export", str(out), "--as-of", "2000-01-01", "--database-url", database_url],
                         env=WIDE)  # fmt: skip
    assert then.exit_code == 0, then.output
    assert "Exported 0 zones" in then.output and "as of 2000-01-01 23:59 UTC" in then.output
    bad = runner.invoke(app, ["export", str(out), "--as-of", "yesterday", "--database-url", database_url])
    assert bad.exit_code == 2 and "neither a date" in bad.output
