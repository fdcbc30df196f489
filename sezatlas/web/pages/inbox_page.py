"""`/inbox`: the error reports visitors sent about a person's zones, and the button that closes one.

A zone's operator sees the reports of its zones, the secretariat every report and how many proposed
changes wait on `/review`; the use cases (`stewardship.error_reports`) decide who sees and closes what:
an anonymous visitor is sent to log in, anyone else without a zone gets 403. Open reports come first,
then the last ones dealt with. `?f=json` gives the same reports.
"""

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from sezatlas.accounts.roles import may_administer
from sezatlas.stewardship.error_reports import ErrorReport, close_error_report, error_reports
from sezatlas.stewardship.letters import INBOX_PATH, REVIEW_PATH
from sezatlas.stewardship.review import pending_count
from sezatlas.web.deps import ActorDep, ContextDep, SessionDep
from sezatlas.web.pages.rendering import PageContextDep, render

router = APIRouter(include_in_schema=False)
CLOSED_SHOWN = 50  # the most recent reports dealt with, under the open ones


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def _row(report: ErrorReport) -> dict[str, Any]:
    return {"report_id": report.report_id, "zone_id": report.zone_id, "at": report.at.isoformat(),
            "at_shown": _utc(report.at), "message": report.message, "reporter_email": report.reporter_email,
            "is_open": report.state == "open"}  # fmt: skip


@router.get(INBOX_PATH, response_class=HTMLResponse)
def inbox_page(
    request: Request,
    session: SessionDep,
    reader: PageContextDep,
    actor: ActorDep,
    f: Annotated[str | None, Query(pattern="^json$")] = None,
) -> Response:
    """Open reports first, then the last ones dealt with; for the secretariat, the changes awaiting review."""
    reports = error_reports(session, actor, state="open") + error_reports(
        session, actor, state="closed", limit=CLOSED_SHOWN
    )
    waiting = pending_count(session) if may_administer(actor) else None
    rows = [_row(report) for report in reports]
    if f == "json":
        return JSONResponse({"reports": [{k: v for k, v in row.items() if k != "at_shown"} for row in rows],
                             "changes_awaiting_review": waiting})  # fmt: skip
    open_rows = [row for row in rows if row["is_open"]]
    closed_rows = [row for row in rows if not row["is_open"]]
    values = {"open_reports": open_rows, "closed_reports": closed_rows, "waiting": waiting,
              "review_path": REVIEW_PATH}  # fmt: skip
    return render(request, reader, "inbox.html", values)


@router.post(INBOX_PATH + "/{report_id}/close")
def close_report(
    report_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
    session: SessionDep,
    actor: ActorDep,
    context: ContextDep,
) -> Response:
    """Mark a report as dealt with (its zone's operator or the secretariat; audited), back to the inbox."""
    close_error_report(session, actor, report_id, context=context)
    return RedirectResponse(INBOX_PATH, status_code=303)
