"""What people do with jobs directly: look one up. Queuing a job is the use case of its domain (the
Congress queues its scheduler runs, `congress/schedule_jobs.request_schedule_job`), where the rule about
the subject lives; who may see a job is its kind's rule (`kinds.py`)."""

from sqlalchemy.orm import Session

from sezatlas.accounts.roles import Actor, require
from sezatlas.jobs.kinds import KINDS
from sezatlas.jobs.model import Job
from sezatlas.jobs.queue import get_job


def job_status(session: Session, actor: Actor, job_id: int) -> Job:
    """The job as it stands (state, stage, message, result), for those who may ask for its kind of job."""
    job = get_job(session, job_id)
    kind = KINDS.get(job.kind)
    allowed = kind is not None and kind.may_request(actor, job.subject)
    require(actor, allowed, f"see job {job_id}")
    return job
