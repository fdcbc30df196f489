"""`sezatlas inquiries dashboard|escalate|target|purge`: investor inquiries from the server's command line
(issue 17).

As `sezatlas review`, these act as the secretariat (`Actor.command_line()`), are audited under that name,
and call the same use cases as the API. `escalate` is meant for cron: it escalates the threads past their
response target once each and tells the secretariat by letter when a mail server is configured. The
dashboard prints the same aggregates as `GET /api/v1/responses` — never an inquiry's content or sender.
`purge` clears the content of inquiries settled longer ago than the retention period (docs/privacy.md);
it is meant for cron too, with `--yes`.
"""

import json
from dataclasses import asdict
from datetime import timedelta
from enum import StrEnum
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

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
from sezatlas.inquiries.dashboard import GroupBy
from sezatlas.inquiries.response_stats import METHOD, ResponseStats
from sezatlas.inquiries.retention import RETENTION
from sezatlas.standard.plurals import counted
from sezatlas.store.database import session_factory

inquiries_app = typer.Typer(
    cls=CommandGroup,
    help="Investor inquiries: the public response dashboard, escalation of overdue ones, response targets, "
    "purging old contents.",
    no_args_is_help=True,
)
console = Console()
UNKNOWN = "—"
CAPTION = (
    "Days: calendar days to the first answer, clarification pauses excluded. Share: answered within target, "
    "of those answered or past their target unanswered."
)


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


class TargetKind(StrEnum):
    ZONE = "zone"
    COUNTRY = "country"


def _group(by: GroupBy, only: str | None) -> str | None:
    """`--only` as the dashboard keys it: zone ids and ISO3 codes in capitals, an organisation by its id."""
    if only is None or not only.strip():
        return None
    wanted = only.strip().upper()
    if by is GroupBy.ORGANISATION and not (wanted.isascii() and wanted.isdigit() and int(wanted) < 2**31):
        raise CommandError(
            f"--only {only}: with --by organisation, an organisation's id (a number)", code=USAGE
        )
    return wanted


def _days(value: float | None) -> str:
    return UNKNOWN if value is None else f"{value:.1f}"


def _share(stats: ResponseStats) -> str:
    share = stats.share_within_target
    return UNKNOWN if share is None else f"{share:.0%}"


@inquiries_app.command("dashboard")
def dashboard(
    by: Annotated[GroupBy, typer.Option("--by", case_sensitive=False, help="Group by.")] = GroupBy.ZONE,
    only: Annotated[
        str | None, typer.Option("--only", help="One group: a zone id, an ISO3 code or an organisation id.")
    ] = None,
    output_format: Annotated[
        OutputFormat,
        typer.Option("--format", case_sensitive=False, help="A table, or JSON as the API gives."),
    ] = OutputFormat.TABLE,
    database_url: DatabaseOption = None,
) -> None:
    """How fast zones answer inquiries: received, answered, share within target, median and 90th-percentile
    days to the first answer (calendar days, clarification pauses excluded). Aggregates only."""
    from sezatlas.inquiries.dashboard import response_dashboard

    wanted = _group(by, only)
    with session_factory(open_engine_migrating(database_url))() as session:
        found = response_dashboard(session, by, only=wanted)
    if output_format is OutputFormat.JSON:
        groups = [{"group": group, **asdict(stats), "share_within_target": stats.share_within_target}
                  for group, stats in found.items()]  # fmt: skip
        typer.echo(json.dumps({"by": by.value, "only": wanted, "method": METHOD, "groups": groups}, indent=2))
        return
    name = by.value
    if not found:
        console.print(f"No inquiries received{f' by {wanted}' if wanted else ''} yet.", highlight=False)
        return
    # Seven columns, headers on two lines: a row fits an 80-column terminal whole (`settled` is in --format
    # json; the caption says what the share is of).
    table = Table(figures(name, justify="left"), figures("received"), figures("answered"),
                  figures("within\ntarget"), figures("share"), figures("median\ndays"), figures("p90\ndays"),
                  title=f"Response times: {counted(len(found), name)}", caption=CAPTION)  # fmt: skip
    for group, stats in found.items():
        table.add_row(group, f"{stats.received:,}", f"{stats.answered:,}", f"{stats.within_target:,}",
                      _share(stats), _days(stats.median_days), _days(stats.p90_days))  # fmt: skip
    console.print(uncut(table))


@inquiries_app.command("escalate")
def escalate(database_url: DatabaseOption = None) -> None:
    """Escalate the inquiries past their response target without an answer (each once); the secretariat is
    told by letter when a mail server is configured. Run it from cron, e.g. hourly."""
    from sezatlas.inquiries.steps import escalate_overdue

    mail = MailSettings.configured()
    with session_factory(open_engine_migrating(database_url))() as session:
        found = escalate_overdue(session, Actor.command_line(), mail=mail)
    if not found:
        console.print("No inquiry newly past its response target.", highlight=False)
        return
    told = "the secretariat is told by letter" if mail.is_configured else (
        "no mail server is configured (SEZATLAS_SMTP_HOST): the secretariat's inbox lists them"
    )  # fmt: skip
    zones = ", ".join(sorted({item.zone_id for item in found}))
    console.print(f"Escalated {counted(len(found), 'inquiry', 'inquiries')} past the response target "
                  f"({zones}); {told}.", highlight=False, soft_wrap=True)  # fmt: skip


@inquiries_app.command("target")
def target(
    kind: Annotated[TargetKind, typer.Argument(case_sensitive=False, help="zone or country.")],
    value: Annotated[str, typer.Argument(help="A zone id (RUS-001) or an ISO3 code (RUS).")],
    days: Annotated[float, typer.Argument(help="Days to a first answer, 0.5 to 365.")],
    database_url: DatabaseOption = None,
) -> None:
    """Set the days to a first answer expected of a zone, or of a country's zones without their own target.
    Inquiries already sent keep the target they were sent with."""
    from sezatlas.inquiries.sending import set_response_target

    with session_factory(open_engine_migrating(database_url))() as session:
        set_response_target(session, Actor.command_line(), kind.value, value, days)
    shown = f"{days:g} day" + ("" if days == 1 else "s")
    console.print(f"Response target of {kind.value} {value.strip().upper()}: {shown} to a first answer, for "
                  "inquiries sent from now on.", highlight=False, soft_wrap=True)  # fmt: skip


@inquiries_app.command("purge")
def purge(
    older_than_days: Annotated[
        int, typer.Option("--older-than-days", min=1, help="Settled more than this many days ago.")
    ] = RETENTION.days,
    yes: Annotated[bool, typer.Option("--yes", help="Purge without asking (it cannot be undone).")] = False,
    database_url: DatabaseOption = None,
) -> None:
    """Clear the message, project, files and step texts of the inquiries settled (every zone they went to
    answered or closed them) more than --older-than-days ago: 730 by default, the retention period of
    docs/privacy.md. Their clocks stay, so the response dashboard does not change. Run it from cron."""
    from sezatlas.inquiries.retention import purge_settled_inquiries

    since, older_than = counted(older_than_days, "day"), timedelta(days=older_than_days)
    if not yes:
        typer.confirm(f"Clear the content of inquiries settled more than {since} ago, for good?", abort=True)
    with session_factory(open_engine_migrating(database_url))() as session:
        cleared = purge_settled_inquiries(session, Actor.command_line(), older_than=older_than)
    inquiries = counted(cleared, "inquiry", "inquiries")
    console.print(f"Cleared the content of {inquiries} settled more than {since} ago; their response clocks "
                  "stay.", highlight=False, soft_wrap=True)  # fmt: skip
