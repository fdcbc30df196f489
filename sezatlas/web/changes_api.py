"""`GET /api/v1/changes?since=…`: the node's change feed, so that other nodes harvest it incrementally.

Public, like the facts it carries. The order and the guarantee that no change is skipped are those of
`federation/change_feed.py`; docs/federation.md ("Change feed") is the contract harvesters rely on.
"""

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from sezatlas.federation.change_feed import DEFAULT_LIMIT, MAX_LIMIT, BadCursorError, FeedKind, changes_since
from sezatlas.web.deps import SessionDep
from sezatlas.web.errors import ErrorOut, bad_parameter

router = APIRouter(prefix="/api/v1", tags=["federation"])


class ChangeOut(BaseModel):
    zone_id: str
    version: int = Field(description="The zone's version number after the change; 0 in the snapshot for a "
                         "zone with no recorded change yet.")  # fmt: skip
    at: datetime = Field(description="When the change was written, UTC.")
    kind: FeedKind
    record: dict[str, Any] = Field(description="The zone's whole flat standard record after the change.")


class ChangesOut(BaseModel):
    changes: list[ChangeOut]
    next: str = Field(description="Ask with `since=` this cursor for what follows (also when nothing did).")
    has_more: bool = Field(description="True: more changes wait now; false: the feed is read to its end.")


@router.get(
    "/changes",
    response_model=ChangesOut,
    responses={400: {"model": ErrorOut}},
    summary="Changes to zones since a cursor; without one, every zone first, then the changes",
)
def list_changes(
    session: SessionDep,
    since: Annotated[str | None, Query(max_length=1000, description="The `next` of an earlier page.")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> ChangesOut:
    try:
        page = changes_since(session, since, limit)
    except BadCursorError as error:
        raise bad_parameter("since", str(error)) from None
    changes = [ChangeOut(zone_id=c.zone_id, version=c.version, at=c.at, kind=c.kind, record=c.record)
               for c in page.changes]  # fmt: skip
    return ChangesOut(changes=changes, next=page.next, has_more=page.has_more)
