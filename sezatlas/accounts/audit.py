"""The audit trail: every change, with who made it and what it was before and after.

`record` adds the row to the session that makes the change, so the change and its audit row are
committed together or not at all. Nothing in the application updates or deletes an audit row.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from sezatlas.accounts.roles import Actor
from sezatlas.store.accounts_tables import AuditRow


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


def read_trail(session: Session, *, entity: str | None = None, limit: int = 100) -> list[AuditEntry]:
    """The newest changes first, optionally of one kind of entity."""
    query = select(AuditRow).order_by(AuditRow.audit_id.desc()).limit(limit)
    if entity is not None:
        query = query.where(AuditRow.entity == entity)
    return [
        AuditEntry(
            row.at, row.actor_name, row.action, row.entity, row.entity_id, row.before, row.after, row.ip
        )
        for row in session.scalars(query)
    ]
