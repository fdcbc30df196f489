"""Re-importing the participants file keeps the availability the organiser edited while re-scheduling.

The file usually still says what people registered with; a cancellation or a late arrival recorded by
`reschedule` is newer, so a re-import keeps it and names whose it kept, until `--replace-edits`."""

from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy import Engine
from typer.testing import CliRunner

from sezatlas.accounts.roles import Actor
from sezatlas.cli import app
from sezatlas.congress.event_import import import_congress
from sezatlas.congress.schedule_publishing import publish_schedule, reschedule
from sezatlas.congress.storage.events import get_participant, set_available_slots
from sezatlas.store.congress_tables import CongressParticipantRow
from sezatlas.store.database import make_engine, session_factory, transaction
from tests.web.browser.congress_example import EVENT_ID, EXAMPLES, import_example

EVENT, PARTICIPANTS, REQUESTS = (
    EXAMPLES / name for name in ("event.toml", "participants.csv", "requests.csv")
)
ORGANISER = Actor.command_line()


def availability(engine: Engine, participant_id: str) -> frozenset[int]:
    with transaction(engine) as session:
        return get_participant(session, EVENT_ID, participant_id).available_slots


def edited_at(engine: Engine, participant_id: str) -> object:
    with transaction(engine) as session:
        row = session.get(CongressParticipantRow, (EVENT_ID, participant_id))
        assert row is not None
        return row.availability_edited_at


def with_slots(tmp_path: Path, participant_id: str, slots: str) -> Path:
    """A copy of the example participants file in which one participant's `available_slots` is `slots`."""
    with PARTICIPANTS.open(encoding="utf-8", newline="") as original:
        rows = list(csv.DictReader(original))
    for row in rows:
        if row["participant_id"] == participant_id:
            row["available_slots"] = slots
    copy = tmp_path / "participants.csv"
    with copy.open("w", encoding="utf-8", newline="") as changed:
        writer = csv.DictWriter(changed, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return copy


def test_a_reimport_keeps_a_cancellation_and_a_late_arrival_and_names_them(empty_engine: Engine) -> None:
    import_example(empty_engine)
    with session_factory(empty_engine)() as session:
        publish_schedule(session, ORGANISER, EVENT_ID, time_limit=5, method="greedy")
        reschedule(session, ORGANISER, EVENT_ID, cancelled=["P03"], late={"P07": 5}, time_limit=5)
    assert availability(empty_engine, "P03") == frozenset()
    assert availability(empty_engine, "P07") == {5, 6, 7}

    again = import_congress(empty_engine, EVENT, PARTICIPANTS, REQUESTS)

    assert again.participants.kept_edits == ("P03", "P07")
    assert availability(empty_engine, "P03") == frozenset()
    assert availability(empty_engine, "P07") == {5, 6, 7}
    assert availability(empty_engine, "P01") == set(range(8))


def test_replace_edits_takes_the_files_availability_and_forgets_the_edit(
    empty_engine: Engine, tmp_path: Path
) -> None:
    import_example(empty_engine)
    with transaction(empty_engine) as session:
        set_available_slots(session, EVENT_ID, "P01", [6, 7])
    assert edited_at(empty_engine, "P01") is not None

    replaced = import_congress(empty_engine, EVENT, PARTICIPANTS, replace_edits=True)

    assert replaced.participants.kept_edits == () and replaced.participants.updated == 1
    assert availability(empty_engine, "P01") == set(range(8)) and edited_at(empty_engine, "P01") is None
    later = import_congress(empty_engine, EVENT, with_slots(tmp_path, "P01", "0-3"))
    assert later.participants.kept_edits == () and availability(empty_engine, "P01") == {0, 1, 2, 3}


def test_a_participant_never_edited_takes_the_files_changes(empty_engine: Engine, tmp_path: Path) -> None:
    import_example(empty_engine)
    with transaction(empty_engine) as session:
        set_available_slots(session, EVENT_ID, "P03", [])

    result = import_congress(empty_engine, EVENT, with_slots(tmp_path, "P02", "4-7"))

    assert availability(empty_engine, "P02") == {4, 5, 6, 7}
    assert result.participants.kept_edits == ("P03",) and result.participants.updated == 1
    assert availability(empty_engine, "P03") == frozenset()


def test_the_import_command_says_whose_edits_it_kept_until_replace_edits(tmp_path: Path) -> None:
    runner = CliRunner()
    database = ["--database-url", f"sqlite:///{tmp_path / 'congress.sqlite3'}"]
    files = ["congress", "import", str(EVENT), str(PARTICIPANTS)]
    assert runner.invoke(app, [*files, *database]).exit_code == 0
    engine = make_engine(database[1])
    with transaction(engine) as session:  # as `congress reschedule --cancel P03 --late P07:5` records them
        set_available_slots(session, EVENT_ID, "P03", [])
        set_available_slots(session, EVENT_ID, "P07", [5, 6, 7])
    engine.dispose()

    kept = runner.invoke(app, [*files, *database], env={"COLUMNS": "200"})
    assert kept.exit_code == 0, kept.output
    assert (
        "Kept the availability the organiser edited for 2 participants (P03, P07); "
        "--replace-edits takes the file's." in kept.output
    )
    replaced = runner.invoke(app, [*files, "--replace-edits", *database], env={"COLUMNS": "200"})
    assert replaced.exit_code == 0, replaced.output
    assert "participants 0 new, 2 updated, 10 unchanged." in replaced.output
    assert "Kept the availability" not in replaced.output
