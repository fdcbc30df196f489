"""The organiser's page of an event: the dashboard of the latest schedule, the table plan, and a button
that (re)runs the scheduler.

The button queues a run (`congress.schedule_jobs.request_schedule_job`) and the answer comes at once: a
worker of the server solves for at most `SCHEDULE_TIME_LIMIT_S` seconds and publishes the new version
(`jobs/worker.py`). With JavaScript, htmx swaps in the run's panel and asks for it again every second
(its step, for how long it has run); when the run is over the panel's answer replaces the whole
dashboard with the new version's figures, or says why it failed. Without JavaScript the button returns
to the page, which shows the panel of the run and a link to look again.
The whole page, like running the scheduler and seeing its runs, is the event's organiser's (or the
secretariat's): its requests and unmet requests say who asked whom and who declined. It reads its data
through `congress.schedule_publishing.organiser_overview`, which refuses anyone else: an anonymous visitor
is sent to `/login` and back, anyone else gets a 403 page.
"""

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from sezatlas.accounts.roles import Actor
from sezatlas.congress.schedule_jobs import request_schedule_job, schedule_job
from sezatlas.jobs.model import Job, JobState
from sezatlas.web.deps import ActorDep, ContextDep, SessionDep
from sezatlas.web.i18n import format_number, translations
from sezatlas.web.job_workers import wake_job_workers
from sezatlas.web.pages.organiser_view import (
    SCHEDULE_TIME_LIMIT_S,
    job_view,
    latest_job_view,
    organiser_view,
)
from sezatlas.web.pages.rendering import PageContext, PageContextDep, is_htmx, render

router = APIRouter(include_in_schema=False)
ORGANISER = "/congress/{event_id}/organiser"
JOB_ID = Annotated[int | None, Query(ge=1, le=2**31 - 1)]


@router.get(ORGANISER, response_class=HTMLResponse)
def organiser_page(
    event_id: str,
    request: Request,
    session: SessionDep,
    reader: PageContextDep,
    actor: ActorDep,
    slot: Annotated[int | None, Query(ge=0, le=10_000)] = None,
) -> Response:
    """The dashboard; `?slot=N` picks the slot of the table plan (htmx asks for the plan alone)."""
    context = organiser_view(session, actor, event_id, slot, reader)
    if is_htmx(request) and request.headers.get("hx-target") == "table-plan":
        response = render(request, reader, "_congress_table_plan.html", {**context, "is_fragment": True})
        response.headers["HX-Push-Url"] = f"/congress/{event_id}/organiser?slot={context['plan']['slot']}"
        return response
    job = latest_job_view(session, actor, event_id, reader)
    return render(request, reader, "congress_organiser.html", {**context, "message": None, "job": job})


@router.post(ORGANISER + "/schedule", response_class=HTMLResponse)
def run_scheduler(
    event_id: str,
    request: Request,
    session: SessionDep,
    reader: PageContextDep,
    actor: ActorDep,
    context: ContextDep,
) -> Response:
    """Queue a scheduler run that publishes the event's next version (organiser); answers at once."""
    queued = request_schedule_job(session, actor, event_id, time_limit=SCHEDULE_TIME_LIMIT_S,
                                  started_from="organiser page", context=context)  # fmt: skip
    if queued.is_new:
        wake_job_workers(request)
    if not is_htmx(request):
        return RedirectResponse(f"/congress/{event_id}/organiser", status_code=303)
    panel = job_view(queued.job, reader, is_new=queued.is_new)
    return render(request, reader, "_congress_job.html", {"job": panel})


@router.get(ORGANISER + "/schedule-job", response_class=HTMLResponse)
def scheduler_run(
    event_id: str,
    request: Request,
    session: SessionDep,
    reader: PageContextDep,
    actor: ActorDep,
    job: JOB_ID = None,
) -> Response:
    """The panel of a run (the latest, or `?job=N`) while it is queued or running; once it has ended, the
    dashboard with the new version (htmx swaps it for the whole dashboard) or the panel saying why not."""
    found = schedule_job(session, actor, event_id, job)
    if not is_htmx(request):
        return RedirectResponse(f"/congress/{event_id}/organiser", status_code=303)
    if found is None or found.state is not JobState.DONE:
        panel = job_view(found, reader) if found is not None else None
        return render(request, reader, "_congress_job.html", {"job": panel})
    response = render(
        request, reader, "_congress_dashboard.html", _published(session, actor, event_id, found, reader)
    )
    response.headers["HX-Retarget"] = "#organiser-dashboard"
    response.headers["HX-Reswap"] = "outerHTML"
    return response


def _published(
    session: Session, actor: Actor, event_id: str, job: Job, reader: PageContext
) -> dict[str, object]:
    """The dashboard after a run, headed by what it published."""
    result = job.result or {}
    meetings = int(str(result.get("meetings", 0)))
    text = translations(reader.lang).ngettext(
        "Version %(version)s published: %(meetings)s meeting, found in %(seconds)s s.",
        "Version %(version)s published: %(meetings)s meetings, found in %(seconds)s s.",
        meetings,
    ) % {"version": result.get("version"), "meetings": meetings,
         "seconds": format_number(float(str(result.get("seconds", 0))), reader.lang, 1)}  # fmt: skip
    return {
        **organiser_view(session, actor, event_id, None, reader),
        "message": {"text": text, "is_error": False},
        "job": None,
    }
