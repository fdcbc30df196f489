"""A registered source as plain data, and the checks a source must pass before it is stored.

A source is data, not code (issue 21, item 1): the secretariat adds a national platform by naming where
it publishes, in which form, who answers for it, how often to read it and under which licence, and how
its fields map onto the standard — no deployment needed. Everything that can be checked before the first
run (a URL a reader can open, a mapping onto real columns, a schedule that parses) is checked here, so a
bad registration is refused with the field at fault instead of failing at 3 a.m. in the worker.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from sezatlas.federation.mapping import check_mapping
from sezatlas.standard.provenance import check_source_url

NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{1,63}$")
_SCHEDULE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([mhd])\s*$")
_HOURS_PER_UNIT = {"m": 1 / 60, "h": 1.0, "d": 24.0}
MIN_SCHEDULE_HOURS = 0.25  # a national platform is a public service: at most one read per 15 minutes


class SourceKind(StrEnum):
    SEZATLAS = "sezatlas"  # another SEZ Atlas node: its change feed (`node.py`)
    DATAPACKAGE = "datapackage"  # a Frictionless data package, URL of datapackage.json or a folder
    OGC = "ogc"  # an OGC API – Features collection's items
    TABULAR = "tabular"  # a CSV or XLSX file at a URL or on the server


class SourceInvalidError(ValueError):
    """A source that cannot be registered as given; `field` names the option at fault (HTTP 422, CLI 2)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


@dataclass(frozen=True, slots=True)
class Source:
    name: str
    organisation_id: int
    kind: SourceKind
    location: str  # an http(s) URL, or a path on the server for datapackage and tabular sources
    licence: str
    schedule_hours: float | None = None  # None: run by hand (`sezatlas sources run`) only
    mapping: Mapping[str, str] = field(default_factory=dict)  # empty: identity (`mapping.py`)
    is_enabled: bool = True

    @property
    def is_url(self) -> bool:
        return self.location.startswith(("http://", "https://"))

    def is_due(self, last_run_at: datetime | None, now: datetime) -> bool:
        """Whether the worker should run it now: enabled, scheduled, and never run or run long enough ago."""
        if not self.is_enabled or self.schedule_hours is None:
            return False
        return last_run_at is None or now - last_run_at >= timedelta(hours=self.schedule_hours)


def parse_schedule(text: str | None) -> float | None:
    """ "24h", "7d", "30m" → hours; "" or None → no schedule. Raises `SourceInvalidError`."""
    if text is None or not text.strip() or text.strip().lower() in ("none", "manual"):
        return None
    match = _SCHEDULE.match(text.lower())
    if match is None:
        raise SourceInvalidError("schedule", f"{text!r} is not an interval such as 30m, 24h or 7d")
    hours = float(match.group(1)) * _HOURS_PER_UNIT[match.group(2)]
    if hours < MIN_SCHEDULE_HOURS:
        raise SourceInvalidError("schedule", f"{text!r} is more often than every 15 minutes")
    return hours


def schedule_text(hours: float | None) -> str:
    """The schedule as people write it (the inverse of `parse_schedule` for what it produces)."""
    if hours is None:
        return "manual"
    if hours >= 24 and hours % 24 == 0:
        return f"{hours / 24:g}d"
    return f"{hours:g}h" if hours >= 1 else f"{hours * 60:g}m"


def checked_source(source: Source) -> Source:
    """`source` if it can be registered; raises `SourceInvalidError` naming the first field at fault."""
    if not NAME_PATTERN.match(source.name):
        raise SourceInvalidError(
            "name",
            f"{source.name!r}: use 2–64 lowercase letters, digits, '-' or '_', not starting with '-' or '_'",
        )
    location = source.location.strip()
    if not location:
        raise SourceInvalidError("location", "a URL (--url) or a path (--path) is needed")
    if source.kind in (SourceKind.SEZATLAS, SourceKind.OGC) or location.startswith(("http:", "https:")):
        try:
            check_source_url(location)
        except ValueError as error:
            raise SourceInvalidError("location", str(error)) from None
    if not source.licence.strip():
        raise SourceInvalidError("licence", "name the licence the source publishes under, e.g. CC-BY-4.0")
    if source.kind is SourceKind.SEZATLAS and source.mapping:
        raise SourceInvalidError(
            "mapping", "a SEZ Atlas node publishes standard records: it takes no mapping"
        )
    problems = check_mapping(source.mapping)
    if problems:
        raise SourceInvalidError("mapping", "; ".join(str(problem) for problem in problems))
    return source
