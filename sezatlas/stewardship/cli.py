"""`sezatlas review …`, `sezatlas zones history|revert|confirmations` and `sezatlas reminders send`: zone
stewardship from the server's command line (issue 16).

As `sezatlas users`, these act as the secretariat (`Actor.command_line()`), are audited under that name,
and call the same use cases as the API and the pages. Letters (the proposer's decision, reminders) go out
when a mail server is configured (`SEZATLAS_SMTP_HOST`…), in English.
"""

from collections.abc import Iterable
from datetime import datetime
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from sezatlas.accounts.mail import MailSettings
from sezatlas.accounts.roles import Actor
from sezatlas.cli_support import (
    USAGE,
    CommandError,
    CommandGroup,
    DatabaseOption,
    figures,
    open_engine_migrating,
    uncut,
)
from sezatlas.standard.plurals import counted
from sezatlas.stewardship.changes import ChangeState
from sezatlas.stewardship.review import FactChange, ZoneChange
from sezatlas.stewardship.versions import FactDiff
from sezatlas.store.database import session_factory

review_app = typer.Typer(
    cls=CommandGroup,
    help="The review queue of zone changes: list, show, approve, reject.",
    no_args_is_help=True,
)
reminders_app = typer.Typer(
    cls=CommandGroup, help="Remind operators to confirm their zones' facts.", no_args_is_help=True
)
console = Console()
MonthsOption = Annotated[
    int, typer.Option("--months", min=1, max=120, help="Zones not confirmed for this many months.")
]
UNKNOWN = "—"


def _value(value: Any) -> str:
    return UNKNOWN if value is None or value == "" else str(value)


def _moment(moment: datetime | None) -> str:
    return f"{moment:%Y-%m-%d %H:%M} UTC" if moment is not None else UNKNOWN


def _facts(changes: Iterable[FactDiff | FactChange]) -> Text:
    """One line per fact: `column: old → new` (the values as text, never read as rich markup)."""
    lines = [f"{c.column}: {_value(c.old)} → {_value(c.new)}" for c in changes]
    return Text("\n".join(lines) or UNKNOWN)


def _source(change: ZoneChange) -> str:
    if change.document is not None:
        return f"document {change.document.file_name} (sha256 {change.document.sha256[:12]}…)"
    return change.source_url or UNKNOWN


@review_app.command("list")
def review_list(
    state: Annotated[
        str, typer.Option(help="pending, approved, rejected or all.", case_sensitive=False)
    ] = "pending",
    zone: Annotated[str | None, typer.Option(help="Only this zone's changes, e.g. RUS-001.")] = None,
    database_url: DatabaseOption = None,
) -> None:
    """The changes waiting for review (or decided ones), each with its facts old → new."""
    from sezatlas.stewardship.review import review_queue

    wanted = _state(state)
    with session_factory(open_engine_migrating(database_url))() as session:
        changes = review_queue(
            session, Actor.command_line(), state=wanted, zone_id=zone.upper() if zone else None
        )
    if not changes:
        console.print(f"No {'' if wanted is None else wanted.value + ' '}changes.")
        return
    table = Table(figures("id"), "zone", "facts (old → new)", "source, as of", "proposed by", "state",
                  title=counted(len(changes), "change"))  # fmt: skip
    for change in changes:
        state_text = change.state.value + (" (stale: facts changed since)" if change.is_stale else "")
        table.add_row(str(change.change_id), change.zone_id, _facts(change.facts),
                      Text(f"{_source(change)}, {change.as_of or UNKNOWN}"),
                      Text(f"{change.proposed_by}, {_moment(change.proposed_at)}"), state_text)  # fmt: skip
    console.print(uncut(table))


def _state(value: str) -> ChangeState | None:
    if value.lower() == "all":
        return None
    try:
        return ChangeState(value.lower())
    except ValueError:
        raise CommandError(f"--state {value}: pending, approved, rejected or all", code=USAGE) from None


@review_app.command("show")
def review_show(
    change_id: Annotated[int, typer.Argument(help="The change's id, as `review list` shows it.")],
    database_url: DatabaseOption = None,
) -> None:
    """One change: its facts (as proposed, and as the registry holds them now), source, who and when."""
    from sezatlas.stewardship.review import zone_change

    with session_factory(open_engine_migrating(database_url))() as session:
        change = zone_change(session, Actor.command_line(), change_id)
    lines = [
        f"Change {change.change_id} to {change.zone_id} ({change.zone_name or 'no longer in the registry'}): "
        f"{change.state.value}{' — stale: a fact it changes was changed since' if change.is_stale else ''}",
        f"  kind: {change.kind.value}",
        f"  source: {_source(change)}, as of {change.as_of or UNKNOWN}",
        f"  proposed by {change.proposed_by}, {_moment(change.proposed_at)}",
    ]
    if change.comment:
        lines.append(f"  comment: {change.comment}")
    if change.decided_by:
        lines.append(f"  {change.state.value} by {change.decided_by}, {_moment(change.decided_at)}")
    if change.reason:
        lines.append(f"  reason: {change.reason}")
    if change.version is not None:
        lines.append(f"  wrote version {change.version} of {change.zone_id}")
    for line in lines:
        typer.echo(line)
    table = Table("fact", "when proposed", "proposed", "now")
    for fact in change.facts:
        new = "clears" if fact.clears else _value(fact.new)
        table.add_row(fact.column, Text(_value(fact.old)), Text(new), Text(_value(fact.current)))
    console.print(uncut(table))


@review_app.command("approve")
def review_approve(
    change_ids: Annotated[list[int], typer.Argument(help="One or more change ids: approved all or none.")],
    database_url: DatabaseOption = None,
) -> None:
    """Approve changes: each becomes its zone's facts (a new version, operator-confirmed); the proposers
    are told by letter."""
    from sezatlas.stewardship.review import approve_changes, zone_change

    actor = Actor.command_line()
    with session_factory(open_engine_migrating(database_url))() as session:
        letters = approve_changes(session, actor, change_ids, mail=MailSettings.configured())
        written = [zone_change(session, actor, change_id) for change_id in sorted(set(change_ids))]
    versions = ", ".join(f"{c.zone_id} version {c.version}" for c in written)
    said = f"Approved {counted(len(written), 'change')} ({versions}); {counted(letters, 'letter')} sent."
    console.print(said, highlight=False, soft_wrap=True)


@review_app.command("reject")
def review_reject(
    change_id: Annotated[int, typer.Argument(help="The change's id.")],
    reason: Annotated[str, typer.Option("--reason", help="Why; the proposer is told it.")],
    database_url: DatabaseOption = None,
) -> None:
    """Reject a change, saying why; the proposer is told by letter."""
    from sezatlas.stewardship.review import reject_change

    with session_factory(open_engine_migrating(database_url))() as session:
        letters = reject_change(
            session, Actor.command_line(), change_id, reason, mail=MailSettings.configured()
        )
    console.print(f"Rejected change {change_id}; {counted(letters, 'letter')} sent.", highlight=False)


def zones_history(
    zone_id: Annotated[str, typer.Argument(help="The zone, e.g. RUS-001.")],
    diff: Annotated[
        tuple[int, int] | None,
        typer.Option("--diff", metavar="A B", help="Only the facts that differ between versions A and B."),
    ] = None,
    database_url: DatabaseOption = None,
) -> None:
    """A zone's versions, newest first: which facts each changed, from which layer, who, when, the source."""
    from sezatlas.stewardship.history import compare_versions, zone_history

    wanted = zone_id.upper()
    with session_factory(open_engine_migrating(database_url))() as session:
        changes = compare_versions(session, wanted, *diff) if diff is not None else []
        entries = zone_history(session, wanted) if diff is None else []
    if diff is not None:
        older, newer = diff
        table = Table(
            "fact", f"version {older}", f"version {newer}", title=f"{wanted}: version {older} → {newer}"
        )
        for change in changes:
            table.add_row(change.column, Text(_value(change.old)), Text(_value(change.new)))
        console.print(
            uncut(table) if changes else f"Versions {older} and {newer} of {wanted} hold the same facts."
        )
        return
    if not entries:
        console.print(f"{wanted} has no recorded versions: it has not changed since history was kept.")
        return
    table = Table(figures("version"), "when", "layer", "who", "source", "facts (old → new)",
                  title=f"{wanted}: {counted(len(entries), 'version')}")  # fmt: skip
    for entry in entries:
        v = entry.version
        table.add_row(str(v.number), _moment(v.at), v.layer.value, Text(v.actor), Text(v.source or UNKNOWN),
                      _facts(entry.changes))  # fmt: skip
    console.print(uncut(table))


def zones_revert(
    zone_id: Annotated[str, typer.Argument(help="The zone, e.g. RUS-001.")],
    version: Annotated[int, typer.Argument(min=1, help="The version whose facts the zone gets back.")],
    database_url: DatabaseOption = None,
) -> None:
    """Give a zone back the facts of an earlier version, written as a new version (audited)."""
    from sezatlas.stewardship.history import revert_zone

    wanted = zone_id.upper()
    with session_factory(open_engine_migrating(database_url))() as session:
        number = revert_zone(session, Actor.command_line(), wanted, version)
    if number == 0:
        console.print(f"{wanted} holds the facts of version {version} already: nothing written.")
        return
    console.print(f"{wanted} has the facts of version {version} again, as version {number}.")


def zones_confirmations(months: MonthsOption = 12, database_url: DatabaseOption = None) -> None:
    """Per country, the share of zones their operator confirmed in the last months (freshness)."""
    from sezatlas.stewardship.freshness import confirmation_shares

    with session_factory(open_engine_migrating(database_url))() as session:
        shares = confirmation_shares(session, months=months)
    table = Table("country", figures("zones"), figures(f"confirmed in {months} months"), figures("share"))
    for row in shares:
        table.add_row(row.country_iso3, f"{row.zones:,}", f"{row.confirmed:,}", f"{row.share:.0%}")
    console.print(uncut(table))


@reminders_app.command("send")
def reminders_send(months: MonthsOption = 12, database_url: DatabaseOption = None) -> None:
    """Write to the operators of zones not confirmed for --months (each zone at most once in 30 days)."""
    from sezatlas.stewardship.freshness import send_reminders

    mail = MailSettings.configured()
    with session_factory(open_engine_migrating(database_url))() as session:
        sent = send_reminders(session, Actor.command_line(), months=months, mail=mail)
    note = "" if mail.is_configured else " (no mail server is configured: SEZATLAS_SMTP_HOST)"
    console.print(f"Reminded the operators of {counted(sent.zones, 'zone')}: "
                  f"{counted(sent.letters, 'letter')} sent{note}.", highlight=False)  # fmt: skip
