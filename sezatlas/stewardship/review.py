"""The secretariat's review queue: each proposed change shown as a diff, approved or rejected.

An approval writes the change as the zone's facts (`zone_writes.write_facts`: a new version, the facts
marked operator-confirmed) with the source the operator gave and a confidence from the rule below; a
rejection needs a reason, which the operator is told. A change whose facts were changed by someone
else since it was proposed is stale: it is not applied over the newer facts, but shown as such, to be
rejected or proposed again. Items a bundled release raised (`raise_bundled_contradictions`) sit in the
same queue: approving one lets the bundled value win, rejecting it keeps the user's.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sezatlas.accounts.audit import RequestContext, record
from sezatlas.accounts.letters import Translate, untranslated
from sezatlas.accounts.mail import Letter, MailSettings
from sezatlas.accounts.roles import Actor, may_administer, may_keep_zone, require
from sezatlas.registry.confidence import is_official
from sezatlas.standard.codes import Confidence
from sezatlas.standard.flat import zone_to_flat
from sezatlas.standard.provenance import Provenance
from sezatlas.stewardship.changes import ChangeKind, ChangeState, ZoneNotFoundError
from sezatlas.stewardship.documents import StoredDocument, document_by_id
from sezatlas.stewardship.freshness import mark_confirmed
from sezatlas.stewardship.letters import decision_letter, notify, person_address
from sezatlas.stewardship.versions import Layer, aware
from sezatlas.stewardship.zone_writes import write_facts
from sezatlas.store.stewardship_tables import ZoneChangeRow
from sezatlas.store.zones import get_zone, lock_zones_for_writing

REASON_LENGTH = 2000
BUNDLED_PROPOSER = "bundled data release"


class ChangeNotFoundError(LookupError):
    """No change of that id."""


class ChangeNotPendingError(ValueError):
    """The change was decided already, or the facts it changes were changed since (HTTP 409)."""


class ReasonRequiredError(ValueError):
    """A rejection without a reason: the operator is told it, so it cannot be empty (HTTP 422)."""


@dataclass(frozen=True, slots=True)
class FactChange:
    column: str
    old: Any  # when proposed
    new: Any
    current: Any  # as stored now

    @property
    def clears(self) -> bool:
        return self.new is None and self.old is not None

    @property
    def is_stale(self) -> bool:
        return bool(self.current != self.old)


@dataclass(frozen=True, slots=True)
class ZoneChange:
    change_id: int
    zone_id: str
    zone_name: str | None
    kind: ChangeKind
    state: ChangeState
    facts: tuple[FactChange, ...]
    source_url: str | None
    document: StoredDocument | None
    as_of: str | None
    comment: str | None
    proposed_by: str
    proposed_at: datetime
    decided_by: str | None
    decided_at: datetime | None
    reason: str | None
    version: int | None

    @property
    def is_stale(self) -> bool:
        return self.state is ChangeState.PENDING and any(fact.is_stale for fact in self.facts)


def operator_confidence(source_url: str | None, has_document: bool) -> Confidence:
    """The confidence of a fact an operator stated and the secretariat approved (docs/registry.md,
    "Confidence"): two independent confirmations — the zone's own administration and a document or an
    official page it cites — are high; the operator's word with an ordinary web page is medium."""
    if has_document or (source_url is not None and is_official(source_url)):
        return Confidence.HIGH
    return Confidence.MEDIUM


def _view(
    session: Session, row: ZoneChangeRow, current: Mapping[str, Any] | None, name: str | None
) -> ZoneChange:
    facts = tuple(
        FactChange(column, change.get("old"), change.get("new"), (current or {}).get(column))
        for column, change in row.facts.items()
    )
    document = document_by_id(session, row.document_id) if row.document_id is not None else None
    decided = aware(row.decided_at) if row.decided_at is not None else None
    return ZoneChange(row.change_id, row.zone_id, name, ChangeKind(row.kind), ChangeState(row.state), facts,
                      row.source_url, document, row.as_of, row.comment, row.proposed_by,
                      aware(row.proposed_at), row.decided_by, decided, row.reason, row.version)  # fmt: skip


def _views(session: Session, rows: Sequence[ZoneChangeRow]) -> list[ZoneChange]:
    zones = {row.zone_id for row in rows}
    stored = {zone_id: get_zone(session, zone_id) for zone_id in zones}
    flat = {zone_id: zone_to_flat(zone) for zone_id, zone in stored.items() if zone is not None}
    names = {zone_id: zone.name_en for zone_id, zone in stored.items() if zone is not None}
    return [_view(session, row, flat.get(row.zone_id), names.get(row.zone_id)) for row in rows]


def review_queue(
    session: Session,
    actor: Actor,
    *,
    state: ChangeState | None = ChangeState.PENDING,
    zone_id: str | None = None,
    limit: int = 200,
) -> list[ZoneChange]:
    """The secretariat: every change (oldest pending first); a zone's operator: the changes of its zone."""
    if zone_id is None:
        require(actor, may_administer(actor), "read the review queue")
    else:
        require(actor, may_keep_zone(actor, zone_id), f"read the changes of zone {zone_id}")
    query = select(ZoneChangeRow).order_by(ZoneChangeRow.change_id).limit(limit)
    if state is not None:
        query = query.where(ZoneChangeRow.state == state.value)
    if zone_id is not None:
        query = query.where(ZoneChangeRow.zone_id == zone_id)
    if state is not ChangeState.PENDING:
        query = query.order_by(None).order_by(ZoneChangeRow.change_id.desc())
    return _views(session, list(session.scalars(query)))


def zone_change(session: Session, actor: Actor, change_id: int) -> ZoneChange:
    row = session.get(ZoneChangeRow, change_id)
    if row is None:
        raise ChangeNotFoundError(f"no change {change_id}")
    require(actor, may_keep_zone(actor, row.zone_id), f"read change {change_id}")
    return _views(session, [row])[0]


def _pending(session: Session, change_id: int) -> ZoneChangeRow:
    row = session.get(ZoneChangeRow, change_id)
    if row is None:
        raise ChangeNotFoundError(f"no change {change_id}")
    if row.state != ChangeState.PENDING.value:
        raise ChangeNotPendingError(f"change {change_id} was {row.state} already")
    return row


def _apply(session: Session, actor: Actor, row: ZoneChangeRow) -> int:
    stored = get_zone(session, row.zone_id)
    if stored is None:
        raise ZoneNotFoundError(f"zone {row.zone_id} is no longer in the registry")
    current = zone_to_flat(stored)
    stale = [column for column, change in row.facts.items() if current.get(column) != change.get("old")]
    if stale:
        raise ChangeNotPendingError(
            f"change {row.change_id}: {', '.join(stale)} of {row.zone_id} changed since it was proposed; "
            "reject it, or ask for it to be proposed again"
        )
    values = {column: change.get("new") for column, change in row.facts.items()}
    has_document = row.document_id is not None
    citation = None
    if has_document:
        document = document_by_id(session, row.document_id or 0)
        citation = f"document {document.file_name}, sha256 {document.sha256}" if document else None
    bundled = row.kind == ChangeKind.BUNDLED_RELEASE.value
    harvested = row.kind == ChangeKind.HARVESTED_SOURCE.value
    provenance = Provenance(
        source_urls=[row.source_url] if row.source_url else [],
        source_citation=citation,
        as_of=row.as_of,
        confidence=None if bundled or harvested else operator_confidence(row.source_url, has_document),
    )
    source = row.source_url or citation or (BUNDLED_PROPOSER if bundled else None)
    layer = Layer.BUNDLED if bundled else Layer.HARVEST if harvested else Layer.OPERATOR
    # The version is the proposer's, vouched for by the reviewer: both are named in the history.
    vouched = f"{row.proposed_by}, approved by {actor.name}"[:200]
    author = actor if bundled or harvested else Actor(person_id=row.proposed_by_person_id, name=vouched)
    return write_facts(session, author, stored, values, provenance, layer=layer, source=source,
                       change_id=row.change_id)  # fmt: skip


def _decide(row: ZoneChangeRow, actor: Actor, state: ChangeState, reason: str | None) -> None:
    row.state = state.value
    row.decided_by = actor.name
    row.decided_at = datetime.now(UTC)
    row.reason = reason


def approve_changes(
    session: Session,
    actor: Actor,
    change_ids: Iterable[int],
    *,
    mail: MailSettings | None = None,
    translate: Translate = untranslated,
    context: RequestContext | None = None,
) -> int:
    """The secretariat: publish these pending changes, all or none; each proposer is told by letter.
    Returns how many letters went."""
    require(actor, may_administer(actor), "approve zone changes")
    ids = sorted(set(change_ids))
    lock_zones_for_writing(session)
    letters: list[Letter] = []
    for change_id in ids:
        row = _pending(session, change_id)
        row.version = _apply(session, actor, row)
        _decide(row, actor, ChangeState.APPROVED, None)
        if row.kind == ChangeKind.OPERATOR_EDIT.value:
            mark_confirmed(session, row.zone_id, row.proposed_by, aware(row.proposed_at))
        after = {"state": row.state, "version": row.version, "facts": row.facts}
        record(
            session, actor, "approve zone change", "zone_change", str(change_id), after=after, context=context
        )
        letters += _letter(session, row, translate, mail)
    session.commit()
    return notify(mail, letters)


def reject_change(
    session: Session,
    actor: Actor,
    change_id: int,
    reason: str,
    *,
    mail: MailSettings | None = None,
    translate: Translate = untranslated,
    context: RequestContext | None = None,
) -> int:
    """The secretariat: refuse a pending change, saying why; the proposer is told by letter."""
    require(actor, may_administer(actor), "reject zone changes")
    reason = " ".join(reason.split())[:REASON_LENGTH]
    if not reason:
        raise ReasonRequiredError("a rejection needs a reason: the operator is told it")
    row = _pending(session, change_id)
    _decide(row, actor, ChangeState.REJECTED, reason)
    record(session, actor, "reject zone change", "zone_change", str(change_id),
           after={"state": row.state, "reason": reason}, context=context)  # fmt: skip
    letters = _letter(session, row, translate, mail)
    session.commit()
    return notify(mail, letters)


def _letter(
    session: Session, row: ZoneChangeRow, translate: Translate, mail: MailSettings | None
) -> list[Letter]:
    to = person_address(session, row.proposed_by_person_id)
    if to is None or mail is None:
        return []
    link = f"{mail.site_url}/zones/{row.zone_id}"
    return [
        decision_letter(translate, to, row.zone_id, row.state == ChangeState.APPROVED.value, row.reason, link)
    ]


@dataclass(frozen=True, slots=True)
class Contradiction:
    """A fact a user set that a newer bundled release states otherwise."""

    zone_id: str
    column: str
    kept: Any
    bundled: Any
    source_url: str | None
    as_of: str | None


def raise_bundled_contradictions(
    session: Session,
    found: Sequence[Contradiction],
    *,
    kind: ChangeKind = ChangeKind.BUNDLED_RELEASE,
    proposed_by: str = BUNDLED_PROPOSER,
) -> int:
    """One review item per zone for what the bundled release (or a harvested source: `kind`) says
    otherwise, unless the same item is pending or was rejected already (a re-run of `db init` or of a
    harvest raises nothing twice). Returns how many."""
    by_zone: dict[str, list[Contradiction]] = {}
    for item in found:
        by_zone.setdefault(item.zone_id, []).append(item)
    if not by_zone:
        return 0
    seen = session.scalars(
        select(ZoneChangeRow).where(
            ZoneChangeRow.kind == kind.value,
            ZoneChangeRow.state != ChangeState.APPROVED.value,
            ZoneChangeRow.zone_id.in_(list(by_zone)),
        )
    )
    known = {
        (row.zone_id, column, repr(change.get("new"))) for row in seen for column, change in row.facts.items()
    }
    raised = 0
    for zone_id, items in by_zone.items():
        new = [item for item in items if (zone_id, item.column, repr(item.bundled)) not in known]
        if not new:
            continue
        session.add(
            ZoneChangeRow(
                zone_id=zone_id,
                kind=kind.value,
                state=ChangeState.PENDING.value,
                facts={item.column: {"old": item.kept, "new": item.bundled} for item in new},
                source_url=new[0].source_url,
                as_of=new[0].as_of,
                proposed_by=proposed_by,
            )
        )
        raised += 1
    session.flush()
    return raised


def pending_count(session: Session) -> int:
    """How many changes wait for review (for the secretariat's navigation)."""
    query = select(func.count()).where(ZoneChangeRow.state == ChangeState.PENDING.value)
    return int(session.scalar(query) or 0)
