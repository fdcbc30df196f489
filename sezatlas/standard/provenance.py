"""Provenance: where a fact comes from, how old it is and how far to trust it.

Every zone record carries record-level provenance, and any single fact may override it in
`Zone.field_provenance` (keyed by the flat column name, e.g. ``"area_ha"``), because national sources
often confirm the area of a zone on one page and its operator on another.
"""

import re
from datetime import date
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from sezatlas.standard.codes import Confidence

_AS_OF = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


def check_source_url(value: str) -> str:
    """Accept only absolute http(s) URLs: a source a reader can open."""
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in value.strip():
        raise ValueError(f"{value!r} is not an absolute http(s) URL")
    return value.strip()


def check_as_of(value: str) -> str:
    """ISO 8601 date at year, month or day precision: sources rarely date a fact to the day."""
    if not _AS_OF.match(value):
        raise ValueError(f"{value!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
    if len(value) == 10:
        date.fromisoformat(value)  # rejects 2025-02-30
    return value


SourceUrl = Annotated[str, AfterValidator(check_source_url)]
AsOf = Annotated[str, AfterValidator(check_as_of)]


def as_of_start(as_of: str) -> date:
    """The first day an as-of value can mean; data age is counted from there, the cautious reading."""
    parts = [int(p) for p in as_of.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


class Provenance(BaseModel):
    """The sources behind a fact or a record."""

    model_config = ConfigDict(extra="forbid")

    source_urls: list[SourceUrl] = Field(default_factory=list, description="Pages that state the fact.")
    source_citation: str | None = Field(
        default=None, description="A source that has no URL (a dataset, a code file, a printed report)."
    )
    as_of: AsOf | None = Field(
        default=None, description="When the fact was true: YYYY, YYYY-MM or YYYY-MM-DD."
    )
    confidence: Confidence | None = None
