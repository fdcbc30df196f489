"""How the Congress looks in a terminal: rich tables for reports, agendas, table plans, recommendations.

Kept apart from the commands so that `cli.py` reads as what each command does, and this file as what
the organiser sees; both print to the same console.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table

from sezatlas.cli_support import figures, uncut
from sezatlas.standard.plurals import counted

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sezatlas.congress.agenda import Agenda
    from sezatlas.congress.matching.recommend import Recommendation
    from sezatlas.congress.scheduling.report import ScheduleReport
    from sezatlas.congress.storage.published import TablePlan
    from sezatlas.congress.storage.schedules import PublishedSchedule

console = Console(width=160)


def print_recommendations(found: dict[str, list[Recommendation]], names: dict[str, str]) -> None:
    for pid, ranked in found.items():
        columns = (figures("partner", justify="left"), "organisation", figures("score"), "why")
        table = Table(figures("#"), *columns, title=f"{pid}: {names.get(pid, pid)}")
        for rank, item in enumerate(ranked, start=1):
            why = "\n".join([item.summary.text, *(reason.text for reason in item.reasons)])
            table.add_row(
                str(rank), item.participant_id, names.get(item.participant_id, ""), f"{item.score:.3f}", why
            )
        console.print(uncut(table))


def print_kept_edits(participant_ids: Sequence[str], *, dry_run: bool = False) -> None:
    """A re-import that left the organiser's availability edits in place says so, since the file disagreed."""
    if not participant_ids:
        return
    verb = "Would keep" if dry_run else "Kept"
    whose = f"{counted(len(participant_ids), 'participant')} ({', '.join(participant_ids)})"
    console.print(
        f"{verb} the availability the organiser edited for {whose}; --replace-edits takes the file's.",
        highlight=False,
    )


def print_report(published: PublishedSchedule) -> None:
    report: ScheduleReport = published.report
    console.print(
        f"[bold]Schedule version {published.version}[/] of {published.event_id} "
        f"({report.method}, {report.seconds:.1f} s)",
        highlight=False,
    )
    table = Table("figure", "value", show_header=False)
    table.add_row("meetings", f"{report.meetings:,} of {report.candidate_pairs:,} agreed pairs")
    table.add_row("value", f"{report.objective:,.1f}")
    table.add_row("certified upper bound", f"{report.upper_bound:,.1f}")
    table.add_row("gap (at most)", f"{report.gap:.2%}")
    table.add_row(
        "meetings per participant",
        f"mean {report.mean_meetings:.2f}, p10 {report.p10_meetings:g}, "
        f"{report.zero_meetings_eligible} of {report.eligible} eligible with none",
    )
    table.add_row("must-meets", f"{report.must_meet_scheduled} of {report.must_meet_schedulable} scheduled")
    use = report.table_use
    if use:
        table.add_row("table use", f"mean {sum(use) / len(use):.0%}, peak {max(use):.0%}")
    for pair, load in sorted(report.interpreter_load.items()):
        capacity = report.interpreter_capacity.get(pair, ())
        peak = max((u / c for u, c in zip(load, capacity, strict=False) if c), default=0.0)
        table.add_row(
            f"interpreters {pair}", f"{sum(load)} of {sum(capacity)} interpreter-slots, peak {peak:.0%}"
        )
    table.add_row("unmet requests", str(len(report.unmet)))
    if report.moved is not None:
        table.add_row("meetings moved", str(report.moved))
    console.print(uncut(table))


def print_agenda(found: Agenda) -> None:
    title = (
        f"{found.participant.organisation} ({found.participant.participant_id}), "
        f"{found.event_name}, version {found.schedule_version}, times in {found.timezone}"
    )
    table = Table("when", "partner", "organisation", "table", "interpreter", title=title)
    for item in found.items:
        when = f"{item.starts_at:%a %d %b %H:%M}–{item.ends_at:%H:%M}"
        table.add_row(
            when, item.partner_id, item.partner_organisation, item.place.label, item.interpreter or ""
        )
    console.print(uncut(table))
    for item in found.cancelled:
        console.print(
            f"  no longer scheduled: {item.partner_id} ({item.partner_organisation})", highlight=False
        )


def print_table_plan(plan: TablePlan, slot: int | None) -> None:
    if not plan.rows:
        where = f"slot {slot}" if slot is not None else "any slot"
        console.print(f"No meetings in {where} of {plan.config.event_id}, version {plan.version}.")
        return
    table = Table(
        "slot",
        "time",
        "table",
        "first",
        "second",
        "interpreter",
        title=f"Table plan of {plan.config.event_id}, version {plan.version}",
    )
    for row in plan.rows:
        table.add_row(
            str(row.slot),
            f"{row.starts_at:%a %d %b %H:%M}",
            row.place.label,
            f"{row.first_id} {row.first_organisation}",
            f"{row.second_id} {row.second_organisation}",
            row.interpreter or "",
        )
    console.print(uncut(table))
