"""What the statistics and country pages show: zone counts as chart data and as tables, and coverage.

A chart and its table are made from the same rows here, so they cannot disagree. Coverage is the rule
of `registry/coverage.py` (one headline figure per country and regime, official or marked as reported);
this module only words it, over 100 % with its reasons.
"""

import re
from dataclasses import dataclass
from typing import Any

from sezatlas.registry.count_sources import SourceType
from sezatlas.registry.coverage import CountFigure, Surplus
from sezatlas.registry.statistics import CountryStats, TypeStatusCount
from sezatlas.standard.codes import ZoneStatus, ZoneType
from sezatlas.web.i18n import country_name, format_as_of, format_number
from sezatlas.web.pages.facts import Reader
from sezatlas.web.pages.labels import N_, STATUS_TITLES, ZONE_TYPE_COLOURS, ZONE_TYPE_TITLES

UNKNOWN_STATUS = "unknown"
ISO_PARTIAL_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
# Okabe & Ito (2008), "Color Universal Design" (as labels.ZONE_TYPE_COLOURS): the statuses in order of a
# zone's life, light grey for "unknown"; tests/web/test_chart_colours.py checks they stay apart.
STATUS_COLOURS: dict[str, str] = {
    ZoneStatus.PROPOSED: "#56B4E9",  # sky blue
    ZoneStatus.APPROVED: "#0072B2",  # blue
    ZoneStatus.UNDER_DEVELOPMENT: "#E69F00",  # orange
    ZoneStatus.OPERATIONAL: "#009E73",  # bluish green
    ZoneStatus.INACTIVE: "#D55E00",  # vermillion
    ZoneStatus.CLOSED: "#000000",  # black
    UNKNOWN_STATUS: "#DDDDDD",  # light grey
}
UNKNOWN_STATUS_TITLE = N_("Status unknown")
SOURCE_TYPE_TITLES = {SourceType.OFFICIAL: N_("official"), SourceType.REPORTED: N_("reported")}
NO_OFFICIAL_FIGURE = N_("no official figure")
NO_FIGURE = N_("no figure to compare with")
SURPLUS_WORDS = (  # why over 100 %: `registry.coverage.Surplus`, one line per reason that applies
    ("established_after_count", N_("established after the count: %(n)s")),
    ("not_yet_operating", N_("approved, not yet operating: %(n)s")),
    ("status_unknown", N_("status unknown, counted as in force: %(n)s")),
    ("unexplained", N_("more than the figure counts (an older or narrower figure): %(n)s")),
)


@dataclass(frozen=True, slots=True)
class CountTable:
    """Rows × columns of zone counts, with the titles of both, ready for a table and a chart."""

    row_keys: list[str]
    row_titles: list[str]
    column_keys: list[str]
    column_titles: list[str]
    column_colours: list[str]
    counts: list[list[int]]  # counts[row][column]

    @property
    def row_totals(self) -> list[int]:
        return [sum(row) for row in self.counts]

    @property
    def column_totals(self) -> list[int]:
        return [sum(column) for column in zip(*self.counts, strict=True)] if self.counts else []

    def chart(self, axis_title: str) -> dict[str, Any]:
        """The ECharts data for a stacked bar per row (read by static/js/charts.js)."""
        columns = zip(self.column_titles, self.column_colours, strict=True)
        return {
            "categories": self.row_titles,
            "axis_title": axis_title,
            "series": [
                {"name": title, "colour": colour, "data": [row[index] for row in self.counts]}
                for index, (title, colour) in enumerate(columns)
            ],
        }


def _type_columns(used: set[str], reader: Reader) -> tuple[list[str], list[str], list[str]]:
    keys: list[str] = [str(kind.value) for kind in ZoneType if kind.value in used]
    return keys, [reader.gettext(ZONE_TYPE_TITLES[k]) for k in keys], [ZONE_TYPE_COLOURS[k] for k in keys]


def countries_by_type(stats: list[CountryStats], reader: Reader) -> CountTable:
    """Countries (most zones first) × zone types that occur anywhere in the registry."""
    keys, titles, colours = _type_columns({kind for entry in stats for kind in entry.by_type}, reader)
    return CountTable(
        row_keys=[entry.iso3 for entry in stats],
        row_titles=[country_name(entry.iso3, reader.lang) for entry in stats],
        column_keys=keys,
        column_titles=titles,
        column_colours=colours,
        counts=[[entry.by_type.get(key, 0) for key in keys] for entry in stats],
    )


def types_by_status(counts: list[TypeStatusCount], reader: Reader) -> CountTable:
    """One country's zone types (rows) × statuses (columns), "unknown" last when some status is."""
    type_keys, type_titles, _colours = _type_columns({c.zone_type for c in counts}, reader)
    present = {c.status or UNKNOWN_STATUS for c in counts}
    status_keys: list[str] = [str(s.value) for s in ZoneStatus if s.value in present]
    status_keys += [UNKNOWN_STATUS] if UNKNOWN_STATUS in present else []
    table = {(c.zone_type, c.status or UNKNOWN_STATUS): c.zones for c in counts}
    return CountTable(
        row_keys=type_keys,
        row_titles=type_titles,
        column_keys=status_keys,
        column_titles=[reader.gettext(STATUS_TITLES.get(key, UNKNOWN_STATUS_TITLE)) for key in status_keys],
        column_colours=[STATUS_COLOURS[key] for key in status_keys],
        counts=[[table.get((kind, status), 0) for status in status_keys] for kind in type_keys],
    )


def surplus_reasons(surplus: Surplus | None, reader: Reader) -> list[str]:
    """Why the registry holds more zones than the headline figure, in the reader's language."""
    if surplus is None:
        return []
    counts = surplus.model_dump()
    return [reader.gettext(words) % {"n": counts[key]} for key, words in SURPLUS_WORDS if counts[key]]


def _as_of(text: str | None, lang: str) -> str | None:
    """A count's date in the reader's form when it is a date; as the source words it otherwise."""
    if text is None:
        return None
    return format_as_of(text, lang) if ISO_PARTIAL_DATE.match(text) else text


def figure_row(item: CountFigure, reader: Reader) -> dict[str, Any]:
    """A count as the page shows it: value and metric, region, date, sources and their type."""
    return {
        "value": item.value,
        "metric": item.metric,
        "region": item.admin1,
        "as_of": _as_of(item.as_of, reader.lang),
        "source_urls": [url.strip() for url in (item.source_url or "").split(" | ") if url.strip()],
        "is_official": item.source_type is SourceType.OFFICIAL,
        "source_type": reader.gettext(SOURCE_TYPE_TITLES[item.source_type]),
        "official_because": item.official_because,
    }


def coverage_rows(entry: CountryStats, reader: Reader) -> list[dict[str, Any]]:
    """One row per regime: its headline figure, the registry's share of it and why over 100 %, history."""
    return [
        {
            "country": country_name(entry.iso3, reader.lang),
            "iso3": entry.iso3,
            "regime": regime.regime,
            "headline": figure_row(regime.headline, reader) if regime.headline else None,
            "has_official_figure": regime.has_official_figure,
            "in_registry": regime.zones_in_registry,
            "coverage": format_number(regime.coverage_pct, reader.lang, 1) + " %"
            if regime.coverage_pct is not None
            else None,
            "reasons": surplus_reasons(regime.surplus, reader),
            "history": [figure_row(item, reader) for item in regime.history],
        }
        for regime in entry.regimes
    ]
