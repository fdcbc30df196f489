"""The organiser's page of an event: the dashboard of the latest schedule, the table plan, and a button
that (re)runs the scheduler.

The scheduler runs inside the POST, synchronously, for at most `SCHEDULE_TIME_LIMIT_S` seconds (the
page says so and shows that it is working); larger events are scheduled with `sezatlas congress
schedule`, which may take minutes. The store is read first, the read is ended before solving, and the
result is published as a new version in its own transaction, as the CLI does.
Running the scheduler needs the event's organiser (or the secretariat) logged in.
"""

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from sezatlas.congress.actions import publish_schedule
from sezatlas.web.deps import ActorDep, SessionDep
from sezatlas.web.i18n import format_number, translations
from sezatlas.web.pages.organiser_view import SCHEDULE_TIME_LIMIT_S, organiser_view
from sezatlas.web.pages.rendering import PageContextDep, is_htmx, render

router = APIRouter(include_in_schema=False)
ORGANISER = "/congress/{event_id}/organiser"


@router.get(ORGANISER, response_class=HTMLResponse)
def organiser_page(
    event_id: str,
    request: Request,
    session: SessionDep,
    reader: PageContextDep,
    slot: Annotated[int | None, Query(ge=0, le=10_000)] = None,
) -> Response:
    """The dashboard; `?slot=N` picks the slot of the table plan (htmx asks for the plan alone)."""
    context = organiser_view(session, event_id, slot, reader)
    if is_htmx(request) and request.headers.get("hx-target") == "table-plan":
        response = render(request, reader, "_congress_table_plan.html", {**context, "is_fragment": True})
        response.headers["HX-Push-Url"] = f"/congress/{event_id}/organiser?slot={context['plan']['slot']}"
        return response
    return render(request, reader, "congress_organiser.html", {**context, "message": None})


@router.post(ORGANISER + "/schedule", response_class=HTMLResponse)
def run_scheduler(
    event_id: str, request: Request, session: SessionDep, reader: PageContextDep, actor: ActorDep
) -> Response:
    """Schedule the accepted meetings now and publish the result as the event's next version (organiser)."""
    published = publish_schedule(
        session,
        actor,
        event_id,
        time_limit=SCHEDULE_TIME_LIMIT_S,
        method="auto",
        seed=1,
        started_from="organiser page",
    )
    if not is_htmx(request):
        return RedirectResponse(f"/congress/{event_id}/organiser", status_code=303)
    meetings = published.report.meetings
    text = translations(reader.lang).ngettext(
        "Version %(version)s published: %(meetings)s meeting, found in %(seconds)s s.",
        "Version %(version)s published: %(meetings)s meetings, found in %(seconds)s s.",
        meetings,
    ) % {"version": published.version, "meetings": meetings,
         "seconds": format_number(published.report.seconds, reader.lang, 1)}  # fmt: skip
    context = {
        **organiser_view(session, event_id, None, reader),
        "message": {"text": text, "is_error": False},
    }
    return render(request, reader, "_congress_dashboard.html", context)
