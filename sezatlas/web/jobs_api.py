"""`/api/v1/jobs/{id}` and `POST …/congress/events/{id}/schedule-jobs`: long work queued, then watched.

A client queues a scheduler run (202 with the job; the same job again while one of the event runs) and
polls the job until its `state` is `done` (the published version in `result`) or `failed` (`message`
says why). The organiser page does the same with htmx (`pages/organiser_page.py`).
"""

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request, Response
from pydantic import BaseModel, Field

from sezatlas.congress.schedule_jobs import request_schedule_job
from sezatlas.jobs.actions import job_status
from sezatlas.jobs.kinds import KINDS
from sezatlas.jobs.model import Job, JobState, stage_index
from sezatlas.web.deps import ActorDep, ContextDep, SessionDep
from sezatlas.web.errors import ErrorOut
from sezatlas.web.job_workers import wake_job_workers
from sezatlas.web.pages.organiser_view import SCHEDULE_TIME_LIMIT_S

router = APIRouter(prefix="/api/v1", tags=["jobs"])
REFUSALS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorOut},
    403: {"model": ErrorOut},
    404: {"model": ErrorOut},
}


class JobOut(BaseModel):
    job_id: int
    kind: str = Field(description='What runs, e.g. "congress.schedule"')
    subject: str = Field(description="What it runs on, e.g. the event id")
    state: JobState
    stage: str | None = Field(description="The step a running job is in (None when queued or ended)")
    step: int | None = Field(description="1-based number of that step")
    steps: int = Field(description="How many steps this kind of job has")
    message: str | None = Field(description="The last progress line, or how the job ended")
    params: dict[str, object]
    result: dict[str, object] | None = Field(description="What a finished job produced")
    requested_by: str
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    heartbeat_at: datetime | None
    url: str


def job_out(job: Job) -> JobOut:
    stages = KINDS[job.kind].stages if job.kind in KINDS else ()
    is_running = job.state is JobState.RUNNING and stages
    index = stage_index(job.progress, len(stages)) if is_running else None
    return JobOut(
        job_id=job.job_id,
        kind=job.kind,
        subject=job.subject,
        state=job.state,
        stage=stages[index] if index is not None else None,
        step=index + 1 if index is not None else None,
        steps=len(stages),
        message=job.message,
        params=dict(job.params),
        result=dict(job.result) if job.result is not None else None,
        requested_by=job.requested_by_name,
        created_at=job.created_at,
        started_at=job.started_at,
        finished_at=job.finished_at,
        heartbeat_at=job.heartbeat_at,
        url=f"/api/v1/jobs/{job.job_id}",
    )


@router.get("/jobs/{job_id}", response_model=JobOut, responses=REFUSALS)
def get_job(job_id: Annotated[int, Path(ge=1, le=2**31 - 1)], session: SessionDep, actor: ActorDep) -> JobOut:
    """A job as it stands; for those who may ask for it (a scheduler run: the event's organiser)."""
    return job_out(job_status(session, actor, job_id))


@router.post(
    "/congress/events/{event_id}/schedule-jobs",
    response_model=JobOut,
    status_code=202,
    responses={**REFUSALS, 200: {"model": JobOut, "description": "A run of this event was already queued"}},
)
def queue_schedule_run(
    event_id: str, request: Request, response: Response, session: SessionDep, actor: ActorDep,
    context: ContextDep,
) -> JobOut:  # fmt: skip
    """Queue a scheduler run that publishes the event's next version (the organiser's); 202 with the new
    job, or 200 with the run already queued or running. Poll `url` until `state` is done or failed."""
    queued = request_schedule_job(session, actor, event_id, time_limit=SCHEDULE_TIME_LIMIT_S,
                                  started_from="API", context=context)  # fmt: skip
    if queued.is_new:
        wake_job_workers(request)
    else:
        response.status_code = 200
    response.headers["Location"] = f"/api/v1/jobs/{queued.job.job_id}"
    return job_out(queued.job)
