"""How statistics, an import and a site shortlist look in a terminal (`db stats`, `import`, `rank`).

Kept apart from the commands, as `congress/terminal.py` is, so that `cli.py` reads as what each command
does and this file as what the reader sees: one summary per table, counts that add up, the rest counted
rather than dropped ("…and 612 more"), and figures that rich never cuts (`cli_support.uncut`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from sezatlas.cli_support import figures, uncut
from sezatlas.standard.plurals import counted

if TYPE_CHECKING:
    from sezatlas.registry.coverage import CountFigure, RegimeCoverage, Surplus
    from sezatlas.registry.importer import ImportResult
    from sezatlas.registry.statistics import RegistryStats
    from sezatlas.siting.shortlist import Shortlist

console = Console()
TO_CONFIRM_SHOWN = 5  # zones whose facts to confirm are listed by name; the rest are counted
VALUE_SHOWN = 60  # characters of an old or new value in an import's field-by-field listing


def print_import_changes(result: ImportResult, *, details: bool) -> None:
    """With `details` (a dry run), each changed zone field by field, old → new, what would be cleared in
    red; always, how many facts were cleared and how many empty cells changed nothing."""
    cleared = sum(len(change.cleared) for change in result.changes)
    for change in result.changes if details else ():
        if change.action == "insert":
            console.print(
                f"  insert {change.zone_id} ({counted(len(change.fields), 'fact')})", highlight=False
            )
        elif change.action == "update":
            console.print(f"  update {change.zone_id}", highlight=False)
            for field in change.fields:
                old, new = _shown(field.old), _shown(field.new)
                if field.clears:
                    console.print(f"      [red]will clear[/] {field.column} (now {old})", highlight=False)
                else:
                    console.print(f"      {field.column}: {old} → {new}", highlight=False, soft_wrap=True)
    if cleared and not result.dry_run:
        console.print(f"[red]Cleared {counted(cleared, 'fact')}[/] (the file's empty cells, --clear-empty).")
    blank_kept = sum(len(change.blank_kept) for change in result.changes)
    if blank_kept:
        console.print(
            f"{counted(blank_kept, 'empty cell')} left the stored fact unchanged; --clear-empty clears them.",
            highlight=False,
        )


def _shown(value: object) -> str:
    text = "(empty)" if value is None else str(value)
    return escape(text if len(text) <= VALUE_SHOWN else text[: VALUE_SHOWN - 1] + "…")


def print_stats(stats: RegistryStats, *, show_history: bool = False, list_unplaced: bool = False) -> None:
    """Zones per country and type, each regime's headline figure beside the registry, the unplaced zones."""
    title = f"{counted(stats.zones, 'zone')} in {counted(len(stats.countries), 'country', 'countries')}"
    table = Table("Country", figures("Zones"), "By type", figures("No point"), title=title)
    for entry in stats.countries:
        by_type = ", ".join(f"{k} {v}" for k, v in entry.by_type.items())
        table.add_row(f"{entry.name} ({entry.iso3})", str(entry.zones), by_type, str(entry.unplaced))
    console.print(uncut(table))
    if stats.parts_counted_with_whole:
        console.print("Parts of a zone (FTZ areas, phases of a park) are counted with their whole.")
    print_coverage(stats, show_history=show_history)
    print_unplaced(stats, list_unplaced=list_unplaced)


def print_coverage(stats: RegistryStats, *, show_history: bool = False) -> None:
    """One headline figure per country and regime, the registry's count of the same, and why over 100 %."""
    columns = ("Headline figure, as of", "Source", figures("Registry"), figures("Coverage"))
    table = Table(figures("Country", justify="left"), "Regime", *columns,
                  title="Headline figures and the registry's coverage")  # fmt: skip
    for entry in stats.countries:
        for regime in entry.regimes:
            table.add_row(entry.iso3, regime.regime, *_headline_cells(regime))
            for item in regime.history if show_history else []:
                table.add_row("", "", f"  {_figure_text(item)}", _source_text(item), "", "")
    console.print(uncut(table))
    console.print(
        "Headline: the most recent count from an official source (a government or legal source); when none "
        'is official, the most recent reported count, marked "no official figure". Coverage: the '
        "registry's zones of the same regime and metric divided by the headline; over 100 % says why. "
        + ("" if show_history else "-v lists each regime's other figures."),
        highlight=False,
    )


def _headline_cells(regime: RegimeCoverage) -> tuple[str, str, str, str]:
    top = regime.headline
    if top is None:
        return ("no figure to compare with", "—", str(regime.zones_in_registry), "—")
    source = _source_text(top) + ("" if regime.has_official_figure else " (no official figure)")
    coverage = "—" if regime.coverage_pct is None else f"{regime.coverage_pct:,.1f} %"
    if regime.surplus is not None:
        coverage += "\n" + "; ".join(surplus_words(regime.surplus))
    return (_figure_text(top), source, str(regime.zones_in_registry), coverage)


def _figure_text(item: CountFigure) -> str:
    where = f" in {item.admin1}" if item.admin1 else ""
    return f"{item.value} {item.metric}{where}, {item.as_of or 'date unknown'}"


def _source_text(item: CountFigure) -> str:
    host = urlsplit((item.source_url or "").split(" | ")[0]).netloc.removeprefix("www.")
    return f"{item.source_type.value}: {host or 'no source'}"


def surplus_words(surplus: Surplus) -> list[str]:
    """Why the registry holds more than the figure, in the words the pages use too."""
    parts = [
        (surplus.established_after_count, "established after the count"),
        (surplus.not_yet_operating, "approved, not yet operating"),
        (surplus.status_unknown, "status unknown, counted as in force"),
        (surplus.unexplained, "more than the figure counts (an older or narrower figure)"),
    ]
    return [f"{n} {text}" for n, text in parts if n]


def print_unplaced(stats: RegistryStats, *, list_unplaced: bool) -> None:
    """The zones a map cannot show: counted, or listed with --unplaced."""
    if not stats.unplaced:
        console.print("Every zone has a point.")
        return
    if not list_unplaced:
        console.print(f"{counted(len(stats.unplaced), 'zone')} without a point; --unplaced lists them.")
        return
    table = Table("Zone", "Name", "Country", title=f"{counted(len(stats.unplaced), 'zone')} without a point")
    for zone in stats.unplaced:
        table.add_row(zone.zone_id, zone.name_en, zone.country_iso3)
    console.print(uncut(table))


def print_shortlist(result: Shortlist, output: Path | None) -> None:
    """The table (or why there is none), its stability in words, then what the screening left out."""
    if result.ranked:
        _print_ranked(result)
    else:
        console.print(f"No zone can be ranked for “{result.project}”.", highlight=False)
    for message in result.stability + result.notes:
        console.print(f"• {message.text}", highlight=False)
    _print_screening(result, output)


def _print_ranked(result: Shortlist) -> None:
    columns = ("name", figures("country", justify="left"), figures("score"), figures("P(first)"),
               figures("evidence"), "why")  # fmt: skip
    table = Table(
        figures("#"), figures("zone", justify="left"), *columns, title=f"Shortlist: {result.project}"
    )
    for zone in result.ranked:
        rank = f"{zone.tied_ranks[0]}–{zone.tied_ranks[1]} (tied)" if zone.tied_ranks else str(zone.rank)
        first = f"{zone.acceptability[0]:.0%}" if zone.acceptability else ""
        evidence = f"{zone.evidence.confirmed} of {zone.evidence.required}" if zone.evidence.required else ""
        why = "\n".join(zone.explanation[:2])
        table.add_row(rank, zone.zone_id, zone.name_en, zone.country_iso3, f"{zone.score:.3f}", first,
                      evidence, why)  # fmt: skip
    console.print(uncut(table))


def _print_screening(result: Shortlist, output: Path | None) -> None:
    """Counts that add up, the exclusions by rule, the first questions for operators (the rest counted)."""
    eligible, unsure, excluded = result.eligible_count, result.needs_confirmation_count, result.excluded_count
    ranked = "" if result.only_confirmed_fit else f" (ranked with their evidence: {unsure + eligible:,})"
    console.print(f"Of {counted(eligible + unsure + excluded, 'zone')}: {eligible:,} with every requirement "
                  f"confirmed, {unsure:,} with a fact to confirm{ranked}, {excluded:,} excluded.",
                  highlight=False)  # fmt: skip
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
