"""`/audit`: the audit trail for the secretariat — who changed what, when, from where, before and after.

The same use case as `sezatlas audit` (`accounts.audit.audit_trail`), which checks the permission: an
anonymous visitor is sent to log in, anyone without the secretariat role gets 403. Newest first, a page
of `PAGE_SIZE` rows with a link to the older ones (`?before=` the last row's id); `?entity=` and
`?actor=` keep the rows of one kind of entity or one actor (exact names). Before and after are shown as
JSON text, escaped like any other value.
"""

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from sezatlas.accounts.audit import AuditEntry, audit_trail
from sezatlas.web.deps import ActorDep, SessionDep
from sezatlas.web.pages.rendering import PageContextDep, render

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 100


def _utc(moment: datetime) -> str:
    """ISO 8601 in UTC (SQLite gives the stored UTC moment back without its zone)."""
    aware = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return aware.isoformat(timespec="seconds")


def _json(value: Mapping[str, object] | None) -> str | None:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, indent=2) if value is not None else None


def _row(entry: AuditEntry) -> dict[str, object]:
    return {"at": _utc(entry.at), "actor": entry.actor, "organisation": entry.organisation,
            "action": entry.action, "entity": entry.entity, "entity_id": entry.entity_id,
            "request_id": entry.request_id, "ip": entry.ip, "before": _json(entry.before),
            "after": _json(entry.after)}  # fmt: skip


@router.get("/audit", response_class=HTMLResponse)
def audit_page(
    request: Request,
    session: SessionDep,
    reader: PageContextDep,
    actor: ActorDep,
    entity: Annotated[str | None, Query(max_length=64)] = None,
    actor_name: Annotated[str | None, Query(alias="actor", max_length=200)] = None,
    before: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
) -> Response:
    """The newest changes first (secretariat); `?entity=`, `?actor=`, `?before=` narrow them."""
    entity, actor_name = entity or None, actor_name or None  # an empty field of the form: no filter
    entries = audit_trail(session, actor, entity=entity, actor_name=actor_name, before=before,
                          limit=PAGE_SIZE + 1)  # fmt: skip
    older = None
    if len(entries) > PAGE_SIZE:
        entries = entries[:PAGE_SIZE]
        kept = [("entity", entity), ("actor", actor_name), ("before", str(entries[-1].audit_id))]
        older = "/audit?" + urlencode([(key, value) for key, value in kept if value])
    values = {"entries": [_row(e) for e in entries], "entity": entity or "", "actor": actor_name or "",
              "is_filtered": bool(entity or actor_name or before), "older": older}  # fmt: skip
    return render(request, reader, "audit.html", values)
