"""A shortlist as the rank page shows it: decomposition bars, acceptability chart data, questions, exclusions.

The bars are inline SVG rectangles (widths as attributes: the CSP allows no inline styles), and every
number they draw is also written out as text next to them, for screen readers and printouts.
"""

from dataclasses import dataclass
from typing import Any

from sezatlas.siting.columns import ZoneColumns
from sezatlas.siting.shortlist import RankedZone, Shortlist
from sezatlas.web.i18n import country_name
from sezatlas.web.pages.labels import N_
from sezatlas.web.pages.rendering import PageContext

MAX_COMPARED = 5  # the compare page takes 2–5 zones
MAX_QUESTIONS_SHOWN = 50  # the rest are in the XLSX download

CRITERION_TITLES: dict[str, str] = {
    "sector_fit": N_("Sector fit"),
    "land_headroom": N_("Free land"),
    "power_headroom": N_("Free power"),
    "seaport_distance": N_("Distance to seaport"),
    "airport_distance": N_("Distance to airport"),
    "incentives": N_("Incentives (NPV)"),
    "data_freshness": N_("Age of the data"),
    "data_confidence": N_("Confidence in the data"),
}
# Okabe–Ito, in the order of the criteria: distinguishable with the common colour-vision deficiencies.
CRITERION_COLOURS: dict[str, str] = dict(zip(CRITERION_TITLES, (
    "#0072B2", "#E69F00", "#009E73", "#56B4E9", "#CC79A7", "#D55E00", "#999999", "#F0E442",
), strict=True))  # fmt: skip
RULE_TITLES: dict[str, str] = {
    "country excluded": N_("Country excluded"),
    "zone type not accepted": N_("Zone type not accepted"),
    "zone closed or inactive": N_("Zone closed or inactive"),
    "not enough land": N_("Not enough free land"),
    "not enough power": N_("Not enough free power"),
    "not enough gas": N_("Not enough gas"),
    "not enough water": N_("Not enough water"),
    "no rail siding": N_("No rail siding"),
    "too far from a seaport": N_("Too far from a seaport"),
    "too far from a airport": N_("Too far from an airport"),
}
RANK_COLOURS = ("#0072B2", "#56B4E9", "#BBD7EE")


@dataclass(frozen=True, slots=True)
class Segment:
    """One criterion's part of a zone's bar: x and width in % of the bar's track."""

    criterion: str
    title: str
    colour: str
    value: float
    x: float
    width: float


def _segments(zone: RankedZone, criteria: list[str], track: float, reader: PageContext) -> list[Segment]:
    """Positive contributions stacked left to right; negative ones (TOPSIS) are listed in text only."""
    segments, x = [], 0.0
    for name in criteria:
        value = zone.contributions.get(name, 0.0)
        width = max(value, 0.0) / track * 100
        segments.append(Segment(name, reader.gettext(CRITERION_TITLES[name]), CRITERION_COLOURS[name],
                                value, round(x, 3), round(width, 3)))  # fmt: skip
        x += width
    return segments


def _row(zone: RankedZone, criteria: list[str], track: float, reader: PageContext) -> dict[str, Any]:
    shares = [*zone.acceptability, 0.0, 0.0, 0.0][:3]
    return {
        "zone": zone,
        "country": country_name(zone.country_iso3, reader.lang),
        "segments": _segments(zone, criteria, track, reader),
        "acceptability_pct": [round(share * 100, 1) for share in shares],
        "unknown": [reader.gettext(CRITERION_TITLES.get(name, name)) for name in zone.unknown],
        "to_confirm": [reader.gettext(CRITERION_TITLES.get(name, name)) for name in zone.to_confirm],
    }


def acceptability_chart(shortlist: Shortlist, reader: PageContext) -> dict[str, Any]:
    """Stacked bars per zone: P(first), P(second), P(third) in %, for charts.js."""
    _ = reader.gettext
    names = [_("1st"), _("2nd"), _("3rd")]
    zones = shortlist.ranked[:10]
    return {
        "categories": [zone.name_en for zone in zones],
        "axis_title": _("% of plausible weightings"),
        "series": [
            {"name": names[k], "colour": RANK_COLOURS[k],
             "data": [round([*zone.acceptability, 0.0, 0.0, 0.0][k] * 100, 1) for zone in zones]}
            for k in range(3)
        ],
    }  # fmt: skip


def _questions(shortlist: Shortlist, columns: ZoneColumns) -> list[dict[str, Any]]:
    names = dict(zip(columns.zone_id, columns.name_en, strict=True))
    return [
        {"zone_id": s.zone_id, "name": names.get(s.zone_id, s.zone_id), "questions": s.to_confirm}
        for s in shortlist.needs_confirmation[:MAX_QUESTIONS_SHOWN]
    ]


def compare_url(shortlist: Shortlist) -> str | None:
    """The comparison of the best 2–5 zones, or None when fewer than two were ranked."""
    ids = [zone.zone_id for zone in shortlist.ranked[:MAX_COMPARED]]
    return "/compare?zones=" + ",".join(ids) if len(ids) >= 2 else None


def shortlist_view(shortlist: Shortlist, columns: ZoneColumns, reader: PageContext) -> dict[str, Any]:
    """Everything the results part of the page (and its PDF) shows."""
    _ = reader.gettext
    criteria = [name for name in shortlist.criteria_used if name in CRITERION_TITLES]
    track = max([1.0, *(zone.score for zone in shortlist.ranked)])
    return {
        "shortlist": shortlist,
        "criteria": [
            {"name": n, "title": _(CRITERION_TITLES[n]), "colour": CRITERION_COLOURS[n]} for n in criteria
        ],
        "rows": [_row(zone, criteria, track, reader) for zone in shortlist.ranked],
        "chart": acceptability_chart(shortlist, reader),
        "questions": _questions(shortlist, columns),
        "exclusions": [
            {"title": _(RULE_TITLES[rule]) if rule in RULE_TITLES else rule, "count": count}
            for rule, count in shortlist.exclusions_by_rule.items()
        ],
        "compare_url": compare_url(shortlist),
    }
