"""An operator proposes a change to its zone's facts, with a source; the change waits for review.

Why a queue and not a direct write: the registry's facts are vouched for by the association, so the
secretariat sees every change before it is published (`review.py`). What is checked here, before
anything is stored, is everything that can be checked without a person: the proposer keeps the zone,
each value is one the standard accepts (and the zone stays valid with it), the change changes
something, and it names a source — a web page or an uploaded document — and the date it was true.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cache
from typing import Any

from pydantic import ValidationError
from sqlalchemy.orm import Session

from sezatlas.accounts.audit import RequestContext, record
from sezatlas.accounts.roles import Actor, may_keep_zone, require
from sezatlas.registry.fact_merge import user_facts
from sezatlas.registry.validation import report_validation_error
from sezatlas.standard.flat import flat_column_names, flat_to_nested, zone_to_flat
from sezatlas.standard.provenance import as_of_start, check_as_of, check_source_url
from sezatlas.standard.zone import Zone
from sezatlas.stewardship.documents import DocumentRefusedError, Upload, keep_document, media_type_of
from sezatlas.store.stewardship_tables import ZoneChangeRow
from sezatlas.store.zones import get_zone
from sezatlas.tabular.control_characters import control_character_reason, printable
from sezatlas.tabular.report import ImportRejected, ValidationReport

COMMENT_LENGTH = 2000
POINT = ("latitude", "longitude")  # one fact: a changed point changes both


class ChangeKind(StrEnum):
    OPERATOR_EDIT = "operator_edit"  # a zone operator's (or the secretariat's) edit in the form or API
    BUNDLED_RELEASE = "bundled_release"  # a newer bundled release contradicts a fact a user set
    HARVESTED_SOURCE = "harvested_source"  # a harvested source contradicts an operator's or an import's fact


class ChangeState(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class ZoneNotFoundError(LookupError):
    """No zone of that id in the registry."""


class ChangeInvalidError(ImportRejected):
    """A proposed change with a bad value, no source or nothing to change; nothing was stored."""


@dataclass(frozen=True, slots=True)
class ChangeSource:
    """Where the proposed facts are stated: a web page, an uploaded document, or both, and as of when."""

    as_of: str
    url: str | None = None
    document: Upload | None = None


@cache
def editable_columns() -> tuple[str, ...]:
    """The facts a zone's operator may change: every fact of the standard, in its order — not the zone's
    identity (id, country), the record's own sources, or the compilers' bookkeeping (dataset, notes)."""
    return tuple(user_facts(flat_column_names()))


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _candidate(
    stored: Mapping[str, Any], values: Mapping[str, Any], report: ValidationReport
) -> dict[str, Any]:
    out = dict(stored)
    allowed = set(editable_columns())
    for name, value in values.items():
        if name not in allowed:
            report.add(None, name, None, "not a fact an operator can change here")
            continue
        if isinstance(value, str):
            reason = control_character_reason(value)
            if reason is not None:
                report.add(None, name, printable(value), reason)
                continue
        out[name] = None if _blank(value) else (value.strip() if isinstance(value, str) else value)
    return out


def checked_change(
    stored: Zone, values: Mapping[str, Any], report: ValidationReport
) -> dict[str, tuple[Any, Any]]:
    """Column → (stored, new) of each fact `values` really changes, in the standard's values; problems
    (a value the standard refuses, a zone it would make invalid) go to `report`."""
    before = zone_to_flat(stored)
    candidate = _candidate(before, values, report)
    try:
        after = zone_to_flat(Zone.model_validate(flat_to_nested(candidate)))
    except ValidationError as error:
        report_validation_error(report, None, error, candidate)
        return {}
    changed = {name for name in values if name in after and after[name] != before[name]}
    if changed & set(POINT):
        changed |= set(POINT)
    return {name: (before[name], after[name]) for name in flat_column_names() if name in changed}


def _check_source(source: ChangeSource, report: ValidationReport) -> None:
    try:
        check_as_of(source.as_of.strip())
        if as_of_start(source.as_of.strip()) > date.today():
            report.add(None, "as_of", source.as_of, "is in the future: say when the facts were true")
    except ValueError as error:
        report.add(None, "as_of", source.as_of, str(error))
    if source.url:
        try:
            check_source_url(source.url)
        except ValueError as error:
            report.add(None, "source_url", source.url, str(error))
    if source.document is not None:
        try:
            media_type_of(source.document)
        except DocumentRefusedError as error:
            report.add(None, "document", source.document.file_name, str(error))
    if not source.url and source.document is None:
        report.add(
            None, "source_url", None, "every change needs a source: a web page's address or a document"
        )


def propose_change(
    session: Session,
    actor: Actor,
    zone_id: str,
    values: Mapping[str, Any],
    source: ChangeSource,
    *,
    comment: str | None = None,
    context: RequestContext | None = None,
) -> int:
    """The zone's operator (or the secretariat): a change of these facts enters the review queue.

    `values` maps flat column names to new values (text as a form sends it, or typed as JSON); an empty
    value clears the fact, which the review shows as "clears". Returns the change's id; raises
    `ChangeInvalidError` naming each bad field, with nothing stored.
    """
    require(actor, may_keep_zone(actor, zone_id), f"propose a change to zone {zone_id}")
    stored = get_zone(session, zone_id)
    if stored is None:
        raise ZoneNotFoundError(f"no zone {zone_id} in the registry")
    report = ValidationReport(f"change to {zone_id}")
    facts = checked_change(stored, values, report)
    _check_source(source, report)
    if report.is_valid and not facts:
        report.add(None, None, None, "nothing to change: every value is the one the registry holds")
    if not report.is_valid:
        raise ChangeInvalidError(report)
    document = keep_document(session, actor, source.document) if source.document is not None else None
    row = ZoneChangeRow(
        zone_id=zone_id,
        kind=ChangeKind.OPERATOR_EDIT.value,
        state=ChangeState.PENDING.value,
        facts={name: {"old": old, "new": new} for name, (old, new) in facts.items()},
        source_url=source.url.strip() if source.url else None,
        document_id=document.document_id if document is not None else None,
        as_of=source.as_of.strip(),
        comment=(comment or "").strip()[:COMMENT_LENGTH] or None,
        proposed_by=actor.name,
        proposed_by_person_id=actor.person_id,
    )
    session.add(row)
    session.flush()
    after = {"facts": row.facts, "source_url": row.source_url, "as_of": row.as_of,
             "document": document.sha256 if document is not None else None}  # fmt: skip
    record(
        session, actor, "propose zone change", "zone_change", str(row.change_id), after=after, context=context
    )
    session.commit()
    return row.change_id
