"""Fault drill of `sezatlas congress schedule`: a `kill -9` while the solver works publishes nothing (no
new version, no meeting rows) on both back-ends, and the next run publishes the next version.

The solver runs outside any transaction and the result is written in one, so this holds by design; the
drill checks the design against a real process dying, SQLite's journal recovery included.
"""

from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from sezatlas.store.congress_tables import CongressMeetingRow, CongressScheduleRow
from sezatlas.store.database import transaction
from tests.process_faults import (
    RunningCommand,
    assert_database_intact,
    run_sezatlas,
    wait_for_no_other_session,
)

EXAMPLE = Path(__file__).parents[2] / "docs" / "examples" / "congress"
SOLVING = "greedy: best value"  # the progress line while the solver improves its first schedule


def published(engine: Engine) -> tuple[list[int], int, int]:
    """The versions published, the meetings stored, and how many of those belong to no version."""
    with transaction(engine) as session:
        versions = list(session.scalars(select(CongressScheduleRow.version).order_by("version")))
        meetings = session.scalar(select(func.count()).select_from(CongressMeetingRow)) or 0
        orphans = session.scalar(
            select(func.count())
            .select_from(CongressMeetingRow)
            .where(CongressMeetingRow.schedule_id.not_in(select(CongressScheduleRow.schedule_id)))
        )
    return versions, int(meetings), int(orphans or 0)


@pytest.mark.slow
def test_kill_9_while_scheduling_publishes_nothing_and_the_next_run_is_the_next_version(
    empty_engine: Engine, tmp_path: Path
) -> None:
    url = empty_engine.url.render_as_string(hide_password=False)
    files = [str(EXAMPLE / "event.toml"), str(EXAMPLE / "participants.csv")]
    run_sezatlas(
        ["congress", "import", *files, "--requests", str(EXAMPLE / "requests.csv")], url, tmp_path / "a"
    )
    run_sezatlas(["congress", "schedule", "--time-limit", "1"], url, tmp_path / "first")
    before = published(empty_engine)
    assert before[0] == [1] and before[1] > 0

    command = RunningCommand(["congress", "schedule", "--time-limit", "30"], url, tmp_path / "killed")
    command.wait_until(lambda: SOLVING in command.stderr(), "the solver working")
    command.kill()

    assert_database_intact(empty_engine)
    wait_for_no_other_session(empty_engine)
    assert published(empty_engine) == before
    run_sezatlas(["congress", "schedule", "--time-limit", "1"], url, tmp_path / "again")
    versions, meetings, orphans = published(empty_engine)
    assert (versions, orphans) == ([1, 2], 0) and meetings > before[1]
