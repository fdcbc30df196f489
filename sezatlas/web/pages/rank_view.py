"""A shortlist as the rank page shows it: decomposition bars, acceptability chart data, questions, exclusions.

The bars are inline SVG rectangles (widths as attributes: the CSP allows no inline styles), and every
number they draw is also written out as text next to them, for screen readers and printouts.
"""

from dataclasses import dataclass
from typing import Any

from sezatlas.siting.columns import ZoneColumns
from sezatlas.siting.shortlist import RankedZone, Shortlist
from sezatlas.web.i18n import country_name, format_number
from sezatlas.web.pages.rank_words import (
    CRITERION_TITLES,
    RULE_TITLES,
    evidence_text,
    message_html,
    requirement_titles,
    tie_text,
)
from sezatlas.web.pages.rendering import PageContext

MAX_COMPARED = 5  # the compare page takes 2–5 zones
MAX_QUESTIONS_SHOWN = 50  # the rest are in the XLSX download

# Okabe–Ito, in the order of the criteria: distinguishable with the common colour-vision deficiencies.
CRITERION_COLOURS: dict[str, str] = dict(zip(CRITERION_TITLES, (
    "#0072B2", "#E69F00", "#009E73", "#56B4E9", "#CC79A7", "#D55E00", "#999999", "#F0E442",
), strict=True))  # fmt: skip
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


def money_text(amount_m: float, currency: str, reader: PageContext) -> str:
    """ "BRL 12.3 million", in the reader's order and numbers."""
    return reader.gettext("%(currency)s %(amount)s million") % {
        "currency": currency, "amount": format_number(amount_m, reader.lang, 1)
    }  # fmt: skip


def incentives_view(zone: RankedZone, currency: str | None, query: str | None, reader: PageContext
                    ) -> dict[str, Any] | None:  # fmt: skip
    """The zone's NPV of incentives as money, or why it is unknown, with the engine's assumptions a link away
    (the incentives page, this project and the zone's regime filled in). None when no finances were given."""
    if currency is None:
        return None
    _ = reader.gettext
    if zone.incentives_m is not None:
        text = _("NPV of incentives: %(amount)s") % {
            "amount": money_text(zone.incentives_m, currency, reader)
        }
    elif zone.regime_id is None:
        text = _(
            "NPV of incentives unknown: the registry links no tax regime to this zone (scored as the median)."
        )
    else:
        text = _(
            "NPV of incentives unknown: the incentive engine cannot value this zone's regime for the "
            "project (not in force in the start year, or a threshold in a currency without an exchange "
            "rate). Scored as the median."
        )
    link = None
    if zone.regime_id is not None and query is not None:
        link = f"/incentives?{query}&regime={zone.regime_id}&schedule={zone.regime_id}"
    return {"text": text, "link": link, "is_known": zone.incentives_m is not None}


def _row(zone: RankedZone, criteria: list[str], track: float, reader: PageContext, shortlist: Shortlist,
         incentives_query: str | None) -> dict[str, Any]:  # fmt: skip
    shares = [*zone.acceptability, 0.0, 0.0, 0.0][:3]
    return {
        "zone": zone,
        "evidence": evidence_text(zone.evidence, reader),
        "is_confirmed": zone.evidence.confirmed == zone.evidence.required,
        "unconfirmed": requirement_titles(zone.evidence.unconfirmed, reader),
        "tie": tie_text(zone, reader),
        "rank_label": "–".join(map(str, zone.tied_ranks)) if zone.tied_ranks else str(zone.rank),
        "incentives": incentives_view(zone, shortlist.incentives_currency, incentives_query, reader),
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


def _questions(shortlist: Shortlist, columns: ZoneColumns, reader: PageContext) -> list[dict[str, Any]]:
    """The zones left out for an unknown fact (when only confirmed zones are ranked), with what to ask."""
    if not shortlist.only_confirmed_fit:
        return []  # they are ranked, each with its evidence
    names = dict(zip(columns.zone_id, columns.name_en, strict=True))
    return [
        {
            "zone_id": s.zone_id,
            "name": names.get(s.zone_id, s.zone_id),
            "questions": requirement_titles(s.unconfirmed, reader),
        }
        for s in shortlist.needs_confirmation[:MAX_QUESTIONS_SHOWN]
    ]


def compare_url(shortlist: Shortlist) -> str | None:
    """The comparison of the best 2–5 zones, or None when fewer than two were ranked."""
    ids = [zone.zone_id for zone in shortlist.ranked[:MAX_COMPARED]]
    return "/compare?zones=" + ",".join(ids) if len(ids) >= 2 else None


def shortlist_view(shortlist: Shortlist, columns: ZoneColumns, reader: PageContext,
                   incentives_query: str | None = None,
                   inquiry_fields: list[tuple[str, str]] | None = None) -> dict[str, Any]:  # fmt: skip
    """Everything the results part of the page (and its PDF) shows; `incentives_query` is the project as the
    incentives page's query (without the regime), for the links to the engine's assumptions, and
    `inquiry_fields` as the inquiry form's, for sending one to the zones the reader ticks."""
    _ = reader.gettext
    criteria = [name for name in shortlist.criteria_used if name in CRITERION_TITLES]
    track = max([1.0, *(zone.score for zone in shortlist.ranked)])
    return {
        "shortlist": shortlist,
        "criteria": [
            {"name": n, "title": _(CRITERION_TITLES[n]), "colour": CRITERION_COLOURS[n]} for n in criteria
        ],
        "rows": [
            _row(zone, criteria, track, reader, shortlist, incentives_query) for zone in shortlist.ranked
        ],
        "stability": [message_html(message, reader) for message in shortlist.stability],
        "notes": [message_html(message, reader) for message in shortlist.notes],
        "chart": acceptability_chart(shortlist, reader),
        "questions": _questions(shortlist, columns, reader),
        "exclusions": [
            {"title": _(RULE_TITLES[rule]) if rule in RULE_TITLES else rule, "count": count}
            for rule, count in shortlist.exclusions_by_rule.items()
        ],
        "compare_url": compare_url(shortlist),
        "inquiry_fields": inquiry_fields or [],
    }
