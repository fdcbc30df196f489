"""`/zones/{id}/history`: a zone's versions, newest first (who, when, what kind of write, from which
source, and the facts each changed), a comparison of any two (`?a=2&b=5`), and for the secretariat a
button per older version that restores it as a new version (`POST …/history/revert`, audited).
"""

from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from sezatlas.accounts.roles import may_administer
from sezatlas.stewardship.history import compare_versions, revert_zone, zone_history
from sezatlas.store.zones import get_zone
from sezatlas.web.deps import ActorDep, ContextDep, SessionDep
from sezatlas.web.errors import not_found
from sezatlas.web.pages.facts import Reader
from sezatlas.web.pages.labels import N_
from sezatlas.web.pages.rendering import PageContextDep, render
from sezatlas.web.pages.stewardship_words import LAYER_TITLES, diff_rows, moment_text

router = APIRouter(include_in_schema=False)
Number = Annotated[int | None, Query(ge=1, le=2**31 - 1)]
REVERTED = N_("Reverted: the facts of version %(old)s are now version %(new)s.")


@router.get("/zones/{zone_id}/history", response_class=HTMLResponse)
def history_page(zone_id: str, request: Request, session: SessionDep, reader: PageContextDep,
                 actor: ActorDep, a: Number = None, b: Number = None,
                 reverted: Number = None, to: Number = None) -> Response:  # fmt: skip
    """Anyone: the versions and, with `?a=&b=`, the facts that differ between two of them."""
    zone = get_zone(session, zone_id.upper())
    if zone is None:
        raise not_found(f"zone {zone_id}")
    words = Reader(reader.gettext, reader.lang)
    entries = zone_history(session, zone.zone_id)
    versions = [{
        "number": entry.version.number,
        "at": moment_text(entry.version.at, reader.lang),
        "layer": reader.gettext(LAYER_TITLES[entry.version.layer]),
        "actor": entry.version.actor,
        "source": entry.version.source,
        "source_is_link": (entry.version.source or "").startswith(("http://", "https://")),
        "rows": diff_rows(entry.changes, words) if index + 1 < len(entries) else [],
        "is_latest": index == 0,
    } for index, entry in enumerate(entries)]  # fmt: skip
    comparison: dict[str, Any] | None = None
    if a is not None and b is not None:
        older, newer = sorted((a, b))
        differing = compare_versions(session, zone.zone_id, older, newer)
        comparison = {"a": older, "b": newer, "rows": diff_rows(differing, words)}
    notice = None
    if reverted is not None and to is not None:
        notice = reader.gettext(REVERTED) % {"old": to, "new": reverted}
    values = {"zone": zone, "versions": versions, "comparison": comparison, "notice": notice,
              "may_revert": may_administer(actor)}  # fmt: skip
    return render(request, reader, "zone_history.html", values)


@router.post("/zones/{zone_id}/history/revert")
def revert(zone_id: str, session: SessionDep, actor: ActorDep, context: ContextDep,
           version: Annotated[int, Form(ge=1, le=2**31 - 1)]) -> Response:  # fmt: skip
    """The secretariat: version `version`'s facts, written as a new version; back to the history."""
    number = revert_zone(session, actor, zone_id.upper(), version, context=context)
    return RedirectResponse(f"/zones/{zone_id.upper()}/history?reverted={number}&to={version}",
                            status_code=303)  # fmt: skip
