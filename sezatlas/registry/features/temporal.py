"""The `datetime` parameter (OGC API – Features Part 1, /req/core/fc-time-definition) against as-of dates.

A feature's time is the record's as-of date (`as_of`: YYYY, YYYY-MM or YYYY-MM-DD, the date its source
speaks of), read as the whole period it names: "2024-05" is 1–31 May 2024. A feature is selected when
that period meets the asked instant or interval; a feature without an as-of date never is. Times of day
are dropped: no source dates a zone to the hour.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date

from sezatlas.registry.features.filters import FilterError

PARAMETER = "datetime"
OPEN = ("", "..")
_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})([Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})?)?$")


@dataclass(frozen=True, slots=True)
class DateRange:
    """Days from `start` to `end`, both included; None is open on that side."""

    start: date | None
    end: date | None

    def meets(self, other: "DateRange") -> bool:
        starts_in_time = self.end is None or other.start is None or other.start <= self.end
        ends_in_time = self.start is None or other.end is None or other.end >= self.start
        return starts_in_time and ends_in_time


def parse_datetime(value: str) -> DateRange:
    """`2024-05-01`, `2024-05-01T00:00:00Z`, `2020-01-01/2024-12-31`, `../2024-12-31`, `2020-01-01/..`."""
    if "/" not in value:
        day = _day(value)
        return DateRange(day, day)
    first, _, last = value.partition("/")
    if first in OPEN and last in OPEN:
        raise FilterError(PARAMETER, "an interval needs at least one end (`../..` is every time)")
    start = None if first in OPEN else _day(first)
    end = None if last in OPEN else _day(last)
    if start is not None and end is not None and start > end:
        raise FilterError(PARAMETER, f"{value!r} ends before it starts")
    return DateRange(start, end)


def _day(text: str) -> date:
    match = _DAY.match(text.strip())
    if match is None:
        raise FilterError(
            PARAMETER,
            f"{text!r} is not an RFC 3339 date or date-time (e.g. 2024-05-01T00:00:00Z), "
            "nor an interval of two of them (start/end, `..` for open)",
        )
    try:
        return date.fromisoformat(match.group(1))
    except ValueError:
        raise FilterError(PARAMETER, f"{text!r} is not a calendar date") from None


def as_of_range(as_of: str) -> DateRange:
    """The days an as-of value names: a year, a month or a day."""
    parts = [int(part) for part in as_of.split("-")]
    year = parts[0]
    if len(parts) == 1:
        return DateRange(date(year, 1, 1), date(year, 12, 31))
    month = parts[1]
    if len(parts) == 2:
        return DateRange(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]))
    day = date(year, month, parts[2])
    return DateRange(day, day)


def as_of_bounds(asked: DateRange) -> tuple[dict[int, str], dict[int, str]]:
    """For each length of an as-of text (4, 7, 10), the text its start must not pass (≤) and the text its
    end must reach (≥): as-of texts of one length sort like their dates, so SQL can compare them as text,
    per length, whatever the database's collation."""
    latest = {} if asked.end is None else {n: asked.end.isoformat()[:n] for n in (4, 7, 10)}
    earliest = {} if asked.start is None else {n: asked.start.isoformat()[:n] for n in (4, 7, 10)}
    return latest, earliest
