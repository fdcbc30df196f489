"""The public response dashboard's figures for a zone, a country or an organisation, from clock readings.

Only counts and day figures leave here — never which inquiry, what it said or who sent it (issue 17).

* received: inquiries sent to the group;
* answered: those with a first answer;
* settled: those whose within-target question is decided (answered, or past the target unanswered);
  the share within target is over the settled ones, so a fresh inquiry still inside its target, or one
  withdrawn inside it, neither helps nor hurts a zone;
* median and 90th percentile of the days to the first answer, over the answered ones, pauses excluded
  (`clock.py`), by linear interpolation between order statistics: Hyndman & Fan (1996), "Sample
  quantiles in statistical packages", The American Statistician 50(4), definition 7 — the default of
  R, NumPy and PostgreSQL's `percentile_cont`, so anyone can recompute the figures from a download.
"""

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta

from sezatlas.inquiries.clock import Reading


def percentile(ordered: Sequence[float], q: float) -> float | None:
    """The `q` quantile (0 ≤ q ≤ 1) of values sorted ascending; None for no values."""
    if not 0 <= q <= 1:
        raise ValueError(f"a quantile is between 0 and 1, not {q}")
    if not ordered:
        return None
    position = (len(ordered) - 1) * q
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def quantile_from(values: dict[int, float], size: int, q: float) -> float | None:
    """`percentile` of `size` sorted values of which only some are known, by their 0-based rank: those
    around rank (size − 1)·q are enough (the dashboard picks them in SQL)."""
    if size == 0:
        return None
    position = (size - 1) * q
    low = (size - 1) * round(q * 10) // 10  # ⌊position⌋ in integers, as the SQL computes it (q in tenths)
    high = min(low + 1, size - 1)
    return values[low] + (values[high] - values[low]) * (position - low)


# How the published figures are computed, in words, for whoever reads them (the API and `sezatlas inquiries
# dashboard --format json` carry it beside the figures).
METHOD = (
    "Days are calendar days, in fractions, from the inquiry being sent to the zone's first answer; the "
    "time the zone waits for the investor's clarification is excluded (the clock rule: "
    "sezatlas/inquiries/clock.py). received: inquiries sent to the group; answered: those with a first "
    "answer; settled: answered, or past the target without an answer; share_within_target: answered within "
    "the target over settled, so an inquiry still inside its target counts neither way. median_days and "
    "p90_days are over the answered inquiries, by linear interpolation between order statistics (Hyndman & "
    "Fan 1996, definition 7, as R, NumPy and PostgreSQL's percentile_cont). Only these aggregates are "
    "published: never an inquiry's content nor who sent it."
)


@dataclass(frozen=True, slots=True)
class ResponseStats:
    received: int
    answered: int
    settled: int
    within_target: int
    median_days: float | None
    p90_days: float | None

    @property
    def share_within_target(self) -> float | None:
        return self.within_target / self.settled if self.settled else None


def summarise(readings: Iterable[tuple[Reading, timedelta]]) -> ResponseStats:
    """The figures of one group, from each inquiry's clock and its target."""
    received = settled = within = 0
    days: list[float] = []
    for reading, target in readings:
        received += 1
        verdict = reading.within(target)
        if verdict is not None:
            settled += 1
            within += verdict
        if reading.is_answered:
            days.append(reading.days)
    days.sort()
    return ResponseStats(received, len(days), settled, within, percentile(days, 0.5), percentile(days, 0.9))
