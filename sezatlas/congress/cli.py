"""`sezatlas congress`: import an event, recommend, collect requests, schedule, and print agendas.

A thin adapter: every command that changes something calls one use case of the Congress
(`event_import.py`, `meeting_requests.py`, `schedule_publishing.py`), which commits its own unit of
work, so an interrupted command changes nothing (a schedule is solved outside any transaction and saved
as a new version afterwards); the reading commands call `storage/published.py`. Commands act on the most
recently imported event unless `--event` names another.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from sezatlas.accounts.roles import Actor
from sezatlas.cli_support import (
    USAGE,
    CommandError,
    CommandGroup,
    DatabaseOption,
    checked_output,
    make_folder_for,
    open_engine_migrating,
    output_option,
)
from sezatlas.congress.terminal import (
    console,
    print_agenda,
    print_kept_edits,
    print_recommendations,
    print_report,
    print_table_plan,
)
from sezatlas.standard.plurals import counted
from sezatlas.store.database import session_factory, transaction

if TYPE_CHECKING:  # the solvers (numpy, OR-Tools, HiGHS) load only when a command runs
    from sqlalchemy.orm import Session


congress_app = typer.Typer(
    cls=CommandGroup,
    help="The Congress B2B: participants, recommendations, requests, schedules.",
    no_args_is_help=True,
)
err = Console(stderr=True)
OPERATOR = Actor.command_line()  # the server's operator holds the database anyway: acts as the secretariat
AGENDA_FILES = (".ics", ".pdf")

EventOption = Annotated[
    str | None, typer.Option("--event", "-e", help="Event id; default: the most recently imported event.")
]


class ScheduleMethod(StrEnum):
    AUTO = "auto"
    EXACT = "exact"
    LNS = "lns"
    GREEDY = "greedy"
    FCFS = "fcfs"


def _event_id(session: Session, event: str | None) -> str:
    from sezatlas.congress.events import event_or_latest

    return event_or_latest(session, event)


@congress_app.command("import")
def import_command(
    event_file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="Event TOML.")],
    participants_file: Annotated[
        Path, typer.Argument(exists=True, dir_okay=False, help="Participants CSV or XLSX.")
    ],
    requests: Annotated[
        Path | None, typer.Option("--requests", exists=True, dir_okay=False, help="Requests CSV or XLSX.")
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Validate and count; write nothing.")] = False,
    replace_edits: Annotated[
        bool,
        typer.Option(
            "--replace-edits",
            help="Take availability from the file even where the organiser edited it while re-scheduling",
        ),
    ] = False,
    database_url: DatabaseOption = None,
) -> None:
    """Import an event with its participants (and requests). One bad value rejects all; nothing is written."""
    from sezatlas.congress.event_import import import_congress

    engine = open_engine_migrating(database_url)
    result = import_congress(
        engine, event_file, participants_file, requests, dry_run=dry_run, replace_edits=replace_edits
    )
    verb = "Would import" if dry_run else "Imported"
    p = result.participants
    console.print(
        f"{verb} event {result.event_id} ({'new' if result.is_new_event else 'updated'}), "
        f"{result.slot_count} slots: participants {p.inserted} new, {p.updated} updated, "
        f"{p.unchanged} unchanged.",
        highlight=False,
    )
    if result.requests is not None:
        r = result.requests
        console.print(f"  requests {r.inserted} new, {r.updated} updated, {r.unchanged} unchanged.")
    print_kept_edits(p.kept_edits, dry_run=dry_run)


@congress_app.command()
def recommend(
    participant: Annotated[str | None, typer.Option("--participant", help="One participant's list.")] = None,
    top: Annotated[int, typer.Option(min=1, max=200, help="Partners per participant.")] = 10,
    event: EventOption = None,
    database_url: DatabaseOption = None,
) -> None:
    """Whom each participant should meet, best first, with the reasons."""
    from sezatlas.congress.storage.events import list_participants
    from sezatlas.congress.storage.published import recommendations_for

    with transaction(open_engine_migrating(database_url)) as session:
        event_id = _event_id(session, event)
        found = recommendations_for(session, event_id, participant, top)
        names = {p.participant_id: p.organisation for p in list_participants(session, event_id)}
    print_recommendations(found, names)


@congress_app.command()
def request(
    requester: Annotated[str, typer.Argument(help="Who asks.")],
    target: Annotated[str, typer.Argument(help="Whom they ask.")],
    event: EventOption = None,
    database_url: DatabaseOption = None,
) -> None:
    """Record that REQUESTER asks TARGET for a meeting (pending until TARGET answers)."""
    from sezatlas.congress.meeting_requests import request_meeting

    with session_factory(open_engine_migrating(database_url))() as session:
        stored = request_meeting(session, OPERATOR, _event_id(session, event), requester, target)
    console.print(f"Request {stored.request_id}: {requester} → {target}, pending.")


@congress_app.command()
def answer(
    requester: Annotated[str, typer.Argument(help="Who asked.")],
    target: Annotated[str, typer.Argument(help="Who answers.")],
    accept: Annotated[bool | None, typer.Option("--accept/--decline", help="The answer.")] = None,
    event: EventOption = None,
    database_url: DatabaseOption = None,
) -> None:
    """TARGET answers REQUESTER's request; only a pending request can be answered."""
    from sezatlas.congress.meeting_requests import answer_meeting_between

    if accept is None:
        raise CommandError("say --accept or --decline", code=USAGE)
    with session_factory(open_engine_migrating(database_url))() as session:
        stored = answer_meeting_between(
            session, OPERATOR, _event_id(session, event), requester, target, accept=accept
        )
    console.print(f"Request {stored.request_id}: {requester} → {target}, {stored.request.status.value}.")


@congress_app.command("must-meet")
def must_meet(
    first: Annotated[str, typer.Argument(help="A participant.")],
    second: Annotated[str, typer.Argument(help="The participant they must meet.")],
    priority: Annotated[
        float | None, typer.Option(min=0, max=100, help="Extra value over other meetings.")
    ] = None,
    event: EventOption = None,
    database_url: DatabaseOption = None,
) -> None:
    """Make FIRST and SECOND an organiser's priority meeting (consent collected by the organiser)."""
    from sezatlas.congress.meeting_requests import make_must_meet

    with session_factory(open_engine_migrating(database_url))() as session:
        stored = make_must_meet(session, OPERATOR, _event_id(session, event), first, second, priority)
    console.print(f"Must-meet: {first} ↔ {second} (request {stored.request_id}).")


@congress_app.command()
def schedule(
    time_limit: Annotated[float, typer.Option("--time-limit", min=1, max=3600, help="Seconds.")] = 60,
    method: Annotated[
        ScheduleMethod, typer.Option(help="auto picks exact or lns by size.")
    ] = ScheduleMethod.AUTO,
    seed: Annotated[int, typer.Option(min=0, help="Random seed of the search.")] = 1,
    event: EventOption = None,
    database_url: DatabaseOption = None,
) -> None:
    """Schedule the accepted meetings and publish the result as a new version, with its report."""
    from sezatlas.congress.schedule_publishing import publish_schedule

    with session_factory(open_engine_migrating(database_url))() as session, _solving(time_limit) as progress:
        event_id = _event_id(session, event)
        published = publish_schedule(
            session,
            OPERATOR,
            event_id,
            time_limit=time_limit,
            method=method.value,
            seed=seed,
            progress=progress,
        )
    print_report(published)


@contextmanager
def _solving(time_limit: float) -> Iterator[Callable[[str, float], None]]:
    """A live line with the stage, the best value so far and the time used, while the solver works."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True, disable=not err.is_terminal) as progress:
        limit = f"at most {time_limit:g} s"
        task = progress.add_task(f"Scheduling ({limit})…", total=None)

        def show(stage: str, value: float) -> None:
            progress.update(task, description=f"Scheduling ({limit}), {stage}: best value {value:,.1f}")

        yield show


@congress_app.command()
def reschedule(
    cancel: Annotated[
        list[str] | None, typer.Option("--cancel", help="Participant id who cancelled; repeatable.")
    ] = None,
    late: Annotated[
        list[str] | None, typer.Option("--late", help="ID:SLOT, arriving at SLOT; repeatable.")
    ] = None,
    from_slot: Annotated[int, typer.Option("--from-slot", min=0, help="First slot that may change.")] = 0,
    time_limit: Annotated[float, typer.Option("--time-limit", min=1, max=3600, help="Seconds.")] = 30,
    seed: Annotated[int, typer.Option(min=0)] = 1,
    event: EventOption = None,
    database_url: DatabaseOption = None,
) -> None:
    """Repair the latest schedule after cancellations or late arrivals, moving as few meetings as possible."""
    from sezatlas.congress.schedule_publishing import reschedule as repair

    arrivals = _parse_late(late or [])
    with session_factory(open_engine_migrating(database_url))() as session, _solving(time_limit):
        done = repair(
            session,
            OPERATOR,
            _event_id(session, event),
            cancelled=cancel or [],
            late=arrivals,
            from_slot=from_slot,
            time_limit=time_limit,
            seed=seed,
        )
    console.print(f"{counted(done.moved, 'meeting')} of version {done.based_on} moved or dropped.")
    print_report(done.published)


def _parse_late(values: list[str]) -> dict[str, int]:
    arrivals = {}
    for value in values:
        pid, colon, slot = value.rpartition(":")
        if not colon or not pid or not slot.isdigit():
            raise CommandError(f"--late {value}: write ID:SLOT, e.g. P017:4", code=USAGE)
        arrivals[pid] = int(slot)
    return arrivals


@congress_app.command()
def agenda(
    participant: Annotated[str, typer.Argument(help="Participant id.")],
    fmt: Annotated[
        str | None, typer.Option("--format", "-f", help="text, ics or pdf; default: the --output extension.")
    ] = None,
    output: Annotated[Path | None, output_option(*AGENDA_FILES)] = None,
    lang: Annotated[
        str | None,
        typer.Option(help="Language of the file: en, ru, zh, pt, ar; default: the participant's, else en."),
    ] = None,
    event: EventOption = None,
    database_url: DatabaseOption = None,
) -> None:
    """One participant's meetings: on screen, as a calendar file, or as a printable PDF."""
    from sezatlas.congress.files.agenda_files import agenda_ics, agenda_pdf
    from sezatlas.congress.storage.published import agenda_for
    from sezatlas.web.i18n import LANGUAGES
    from sezatlas.web.pages.agenda_language import agenda_language, agenda_words

    if lang is not None and lang not in LANGUAGES:
        raise CommandError(f"--lang {lang}: one of {', '.join(LANGUAGES)}", code=USAGE)
    chosen = _agenda_format(fmt, output)
    with transaction(open_engine_migrating(database_url)) as session:
        found = agenda_for(session, _event_id(session, event), participant)
    if chosen == "text":
        print_agenda(found)
        return
    target = output or Path(f"{found.event_id}-{participant}.{chosen}")
    make_folder_for(target)
    words = agenda_words(agenda_language(found.participant, lang), found.timezone)
    target.write_bytes(agenda_ics(found, words) if chosen == "ics" else agenda_pdf(found, words))
    meetings = counted(len(found.items), "meeting")
    console.print(f"Wrote {meetings} of {participant} to {target}", highlight=False)


def _agenda_format(fmt: str | None, output: Path | None) -> str:
    """`--format`, else the `--output` extension, else text; a mismatching extension is refused."""
    checked_output(output, *AGENDA_FILES)
    chosen = fmt or (output.suffix.lower().lstrip(".") if output else "text")
    if chosen not in ("text", "ics", "pdf"):
        raise CommandError(f"--format {chosen}: use text, ics or pdf", code=USAGE)
    if output is not None and output.suffix.lower() != f".{chosen}":
        raise CommandError(
            f"--output {output}: the {chosen} format is written to a .{chosen} file", code=USAGE
        )
    return chosen


@congress_app.command()
def tables(
    slot: Annotated[int | None, typer.Option("--slot", min=0, help="One slot only.")] = None,
    event: EventOption = None,
    database_url: DatabaseOption = None,
) -> None:
    """The table plan: who sits where, slot by slot."""
    from sezatlas.congress.storage.published import table_plan_for

    with transaction(open_engine_migrating(database_url)) as session:
        plan = table_plan_for(session, _event_id(session, event), slot)
    print_table_plan(plan, slot)
