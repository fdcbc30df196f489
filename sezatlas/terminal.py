"""How the registry's statistics and a site shortlist look in a terminal (`db stats`, `rank`).

Kept apart from the commands, as `congress/terminal.py` is, so that `cli.py` reads as what each command
does and this file as what the reader sees: one summary per table, counts that add up, the rest counted
rather than dropped ("…and 612 more"), and figures that rich never cuts (`cli_support.uncut`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table

from sezatlas.cli_support import figures, uncut
from sezatlas.standard.plurals import counted

if TYPE_CHECKING:
    from sezatlas.registry.statistics import CountryStats
    from sezatlas.siting.shortlist import Shortlist

console = Console()
TO_CONFIRM_SHOWN = 5  # zones whose facts to confirm are listed by name; the rest are counted
NOT_COMPARED = {  # the rule is `registry.statistics.coverage_note`; these are its words in the terminal
    "one_region": "one region",
    "not_a_number": "no single number",
    "several_types": "several zone types",
}


def print_stats(stats: list[CountryStats]) -> None:
    """Zones per country and type, then each official figure beside the registry's count."""
    total = sum(entry.zones for entry in stats)
    title = f"{counted(total, 'zone')} in {counted(len(stats), 'country', 'countries')}"
    table = Table("Country", figures("Zones"), "By type", title=title)
    for entry in stats:
        by_type = ", ".join(f"{k} {v}" for k, v in entry.by_type.items())
        table.add_row(f"{entry.name} ({entry.iso3})", str(entry.zones), by_type)
    console.print(uncut(table))
    print_coverage(stats)


def print_coverage(stats: list[CountryStats]) -> None:
    """Each official figure beside the registry's count, and what the coverage means (as the page says)."""
    from sezatlas.registry.statistics import CoverageNote, coverage_note

    columns = ("What the source counts, as of", figures("Figure"), figures("Registry"), figures("Coverage"))
    table = Table(
        figures("Country", justify="left"), *columns, title="Official counts and the registry's coverage"
    )
    for entry in stats:
        for item in entry.official:
            note = coverage_note(item)
            what = f"{item.metric}, {item.as_of or 'date unknown'}"
            if note is not None and note is not CoverageNote.MORE_THAN_COUNTED:
                what += f" (not compared: {NOT_COMPARED[note]})"
            coverage = "—" if item.coverage_pct is None else f"{item.coverage_pct:,.1f} %"
            coverage += " *" if note is CoverageNote.MORE_THAN_COUNTED else ""
            in_registry = "—" if item.zones_in_registry is None else str(item.zones_in_registry)
            table.add_row(entry.iso3, what, item.value, in_registry, coverage)
    console.print(uncut(table))
    console.print(
        "Coverage: the registry's count of the same zone type divided by the official figure; left out (—) "
        "when the figure is not one number for one zone type in the whole country. * Over 100 %: the "
        "registry holds more than the source counted (a newer list, or parts counted apart).",
        highlight=False,
    )


def print_shortlist(result: Shortlist, output: Path | None) -> None:
    """The table (or why there is none), its stability in words, then what the screening left out."""
    if result.ranked:
        _print_ranked(result)
    else:
        console.print(f"No zone meets every requirement of “{result.project}”.", highlight=False)
    for line in result.stability + result.notes:
        console.print(f"• {line}", highlight=False)
    _print_screening(result, output)


def _print_ranked(result: Shortlist) -> None:
    columns = ("name", figures("country", justify="left"), figures("score"), figures("P(first)"), "why")
    table = Table(
        figures("#"), figures("zone", justify="left"), *columns, title=f"Shortlist: {result.project}"
    )
    for zone in result.ranked:
        is_tied = result.tied_for_first > 1 and zone.rank <= result.tied_for_first
        first = f"{zone.acceptability[0]:.0%}" if zone.acceptability else ""
        why = "\n".join(zone.explanation[:2])
        table.add_row("=1" if is_tied else str(zone.rank), zone.zone_id, zone.name_en,
                      zone.country_iso3, f"{zone.score:.3f}", first, why)  # fmt: skip
    console.print(uncut(table))


def _print_screening(result: Shortlist, output: Path | None) -> None:
    """Counts that add up, the exclusions by rule, the first questions for operators (the rest counted)."""
    eligible, unsure, excluded = result.eligible_count, result.needs_confirmation_count, result.excluded_count
    console.print(f"Of {counted(eligible + unsure + excluded, 'zone')}: {eligible:,} eligible, "
                  f"{unsure:,} need confirmation, {excluded:,} excluded.", highlight=False)  # fmt: skip
    by_rule = result.exclusions_by_rule
    if by_rule:
        overlap = " (a zone can fail several rules)" if sum(by_rule.values()) > result.excluded_count else ""
        rules = "; ".join(f"{rule}: {count:,}" for rule, count in by_rule.items())
        console.print(f"  excluded{overlap}: {rules}", highlight=False)
    shown = result.needs_confirmation[:TO_CONFIRM_SHOWN]
    for screening in shown:
        console.print(
            f"  to confirm with {screening.zone_id}: {'; '.join(screening.to_confirm)}", highlight=False
        )
    more = result.needs_confirmation_count - len(shown)
    if more > 0:
        listed = len(result.needs_confirmation)
        where = f"in {output}" if output is not None else "see --output"
        if listed < result.needs_confirmation_count:
            where += f", which lists the first {listed:,}"
        console.print(f"  …and {more:,} more ({where})", highlight=False)
