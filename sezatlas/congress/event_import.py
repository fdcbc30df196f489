"""Importing a Congress event from its files: the event, its participants and their meeting requests.

Every file is read and checked before the database is touched, and all their problems are reported
together (file, row, field, reason, as the registry import does), so one round of fixes suffices.
Then the event, the participants and the requests are written in one transaction: a rejected file, a
dry run or a crash half-way leave the store as it was. Re-importing updates by id; an answer given in
the app is never reset to "pending" by an older requests file, nor availability the organiser edited while
re-scheduling by the participants file (unless `replace_edits`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from sezatlas.accounts.audit import record
from sezatlas.accounts.roles import Actor, may_organise, require
from sezatlas.congress.files.event_file import EventConfig, EventFileError, read_event_file
from sezatlas.congress.files.participants import read_participants, read_requests
from sezatlas.congress.model import MeetingRequest, Participant
from sezatlas.congress.storage.events import (
    Counts,
    ParticipantCounts,
    participant_ids,
    save_event,
    upsert_participants,
)
from sezatlas.congress.storage.requests import upsert_requests
from sezatlas.congress.storage.schedules import last_scheduled_slot
from sezatlas.standard.plurals import counted
from sezatlas.store.database import session_factory
from sezatlas.tabular.report import ImportRejected, Problem


class CongressImportRejected(Exception):  # noqa: N818 -- named like the registry's ImportRejected
    """At least one file has a bad value; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(f"{counted(len(problems), 'problem')}, nothing was written\n{self.format()}")

    def format(self) -> str:
        return "\n".join(problem.format() for problem in self.problems)


@dataclass(frozen=True)
class CongressImportResult:
    event_id: str
    is_new_event: bool
    slot_count: int
    participants: ParticipantCounts
    requests: Counts | None
    dry_run: bool


@dataclass
class _Read:
    config: EventConfig | None = None
    participants: list[Participant] | None = None
    requests: list[MeetingRequest] | None = None


def import_congress(
    engine: Engine,
    event_path: Path,
    participants_path: Path,
    requests_path: Path | None = None,
    *,
    dry_run: bool = False,
    replace_edits: bool = False,
    actor: Actor | None = None,
) -> CongressImportResult:
    """Validate the files and write them; raises `CongressImportRejected` (nothing written) on any problem.

    Availability the organiser edited while re-scheduling is kept against the file's unless
    `replace_edits` (`result.participants.kept_edits` names whose was kept).
    Only the secretariat or the event's organiser imports (the command line acts as the secretariat)."""
    actor = actor or Actor.command_line()
    problems: list[Problem] = []
    read = _Read()
    try:
        read.config = read_event_file(event_path)
    except EventFileError as error:
        problems += [Problem(error.file, None, p.key, None, p.reason) for p in error.problems]
    slot_count = read.config.event.slot_count if read.config else None
    try:
        read.participants = read_participants(participants_path, slot_count)
    except ImportRejected as rejected:
        problems += rejected.report.problems
    with session_factory(engine)() as session:
        if requests_path is not None and read.participants is not None:
            known = {p.participant_id for p in read.participants}
            if read.config is not None:
                known |= participant_ids(session, read.config.event_id)
            try:
                read.requests = read_requests(requests_path, known)
            except ImportRejected as rejected:
                problems += rejected.report.problems
        if read.config is not None:
            problems += _slots_kept(session, read.config, event_path.name)
        if problems or read.config is None or read.participants is None:
            raise CongressImportRejected(problems)
        require(actor, may_organise(actor, read.config.event_id), f"import event {read.config.event_id}")
        result = _write(
            session, read.config, read.participants, read.requests, event_path.name, dry_run, replace_edits
        )
        counts = {"participants": asdict(result.participants), "is_new_event": result.is_new_event}
        record(session, actor, "import", "congress_event", result.event_id, after=counts)
        if dry_run:
            session.rollback()
        else:
            session.commit()
    return result


def _slots_kept(session: Session, config: EventConfig, file: str) -> list[Problem]:
    """Published agendas refer to slots by number, so an updated event must keep every slot they use."""
    last = last_scheduled_slot(session, config.event_id)
    if last is None or last < config.event.slot_count:
        return []
    reason = (
        f"{config.event.slot_count} slots, but a published schedule of {config.event_id} has meetings "
        f"in slot {last}; keep at least {last + 1} slots"
    )
    return [Problem(file, None, "sessions", None, reason)]


def _write(
    session: Session,
    config: EventConfig,
    participants: list[Participant],
    requests: list[MeetingRequest] | None,
    source: str,
    dry_run: bool,
    replace_edits: bool,
) -> CongressImportResult:
    is_new = save_event(session, config, source=source)
    people = upsert_participants(session, config.event_id, participants, replace_edits=replace_edits)
    asked = upsert_requests(session, config.event_id, requests) if requests is not None else None
    return CongressImportResult(config.event_id, is_new, config.event.slot_count, people, asked, dry_run)
