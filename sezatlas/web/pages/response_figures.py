"""The public response figures as pages show them: a zone's, a country's, or one row per group of the
dashboard, with unknown figures as "—" (issue 17).

Only `response_stats.ResponseStats` comes in — counts and days — so nothing here can show an inquiry's
content or its sender.
"""

from dataclasses import dataclass
from typing import Any

from babel.numbers import format_percent

from sezatlas.inquiries.response_stats import ResponseStats
from sezatlas.web.i18n import LANGUAGES, format_number
from sezatlas.web.pages.inquiry_view import days_text

UNKNOWN = "—"


@dataclass(frozen=True, slots=True)
class Figures:
    """One group's figures, formatted for the reader (`UNKNOWN` where there is nothing to count yet)."""

    received: str
    answered: str
    within_target: str  # a share, as the reader's locale writes one (83 %, 83%)
    median_days: str
    p90_days: str


def figures(stats: ResponseStats, lang: str) -> Figures:
    share = stats.share_within_target
    return Figures(
        received=format_number(stats.received, lang, 0),
        answered=format_number(stats.answered, lang, 0),
        within_target=format_percent(share, locale=LANGUAGES[lang].locale) if share is not None else UNKNOWN,
        median_days=days_text(stats.median_days, lang) if stats.median_days is not None else UNKNOWN,
        p90_days=days_text(stats.p90_days, lang) if stats.p90_days is not None else UNKNOWN,
    )


def group_figures(found: dict[str, ResponseStats], key: str, lang: str) -> Figures | None:
    """The figures of the one group a zone or country page asked for; None when it has had no inquiry."""
    stats = found.get(key)
    return figures(stats, lang) if stats is not None and stats.received else None


def stats_json(stats: ResponseStats) -> dict[str, Any]:
    """The figures as data (the dashboard's JSON twin): counts, the share as a fraction, days unrounded."""
    return {
        "received": stats.received,
        "answered": stats.answered,
        "settled": stats.settled,
        "within_target": stats.within_target,
        "share_within_target": stats.share_within_target,
        "median_days": stats.median_days,
        "p90_days": stats.p90_days,
    }
