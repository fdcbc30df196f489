"""The audit trail: every change, with who made it and what it was before and after.

`record` adds the row to the session that makes the change, so the change and its audit row are
committed together or not at all. Nothing in the application updates or deletes an audit row.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from sezatlas.accounts.roles import Actor, may_administer, require
from sezatlas.store.accounts_tables import AuditRow, OrganisationRow


@dataclass(frozen=True)
class RequestContext:
    """Where a change came from, for the trail (an HTTP request's id and client address, or nothing)."""

    request_id: str | None = None
    ip: str | None = None


def record(
    session: Session,
    actor: Actor,
    action: str,
    entity: str,
    entity_id: str,
    *,
    before: Mapping[str, object] | None = None,
    after: Mapping[str, object] | None = None,
    context: RequestContext | None = None,
) -> None:
    where = context or RequestContext()
    session.add(
        AuditRow(
            actor_person_id=actor.person_id,
            actor_name=actor.name,
            organisation_id=actor.organisation_id,
            action=action,
            entity=entity,
            entity_id=entity_id,
            before=dict(before) if before is not None else None,
            after=dict(after) if after is not None else None,
            request_id=where.request_id,
            ip=where.ip,
        )
    )


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: str
    before: Mapping[str, object] | None
    after: Mapping[str, object] | None
    ip: str | None
    audit_id: int = 0
    organisation: str | None = None  # the name of the actor's organisation, when it had one
    request_id: str | None = None


def read_trail(
    session: Session,
    *,
    entity: str | None = None,
    actor_name: str | None = None,
    before: int | None = None,
    limit: int = 100,
) -> list[AuditEntry]:
    """The newest changes first, optionally of one kind of entity, by one actor (exact names), or older
    than the row `before` (an `audit_id`). Unchecked: for use cases; people read it by `audit_trail`."""
    query = (
        select(AuditRow, OrganisationRow.name)
        .outerjoin(OrganisationRow, OrganisationRow.organisation_id == AuditRow.organisation_id)
        .order_by(AuditRow.audit_id.desc())
        .limit(limit)
    )
    if entity is not None:
        query = query.where(AuditRow.entity == entity)
    if actor_name is not None:
        query = query.where(AuditRow.actor_name == actor_name)
    if before is not None:
        query = query.where(AuditRow.audit_id < before)
    return [_entry(row, organisation) for row, organisation in session.execute(query)]


def _entry(row: AuditRow, organisation: str | None) -> AuditEntry:
    return AuditEntry(row.at, row.actor_name, row.action, row.entity, row.entity_id, row.before, row.after,
                      row.ip, audit_id=row.audit_id, organisation=organisation,
                      request_id=row.request_id)  # fmt: skip


def audit_trail(
    session: Session,
    actor: Actor,
    *,
    entity: str | None = None,
    actor_name: str | None = None,
    before: int | None = None,
    limit: int = 100,
) -> list[AuditEntry]:
    """The trail as the secretariat reads it (`sezatlas audit`, the `/audit` page): see `read_trail`."""
    require(actor, may_administer(actor), "read the audit trail")
    return read_trail(session, entity=entity, actor_name=actor_name, before=before, limit=limit)
