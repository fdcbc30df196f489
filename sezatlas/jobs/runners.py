"""Which use case runs each kind of job: the worker's table, kept apart from the kinds so that a domain
can queue its jobs (`kinds.py`, `queue.py`) without importing the worker that runs them."""

from sezatlas.congress.schedule_jobs import run_schedule_job
from sezatlas.federation.harvest_jobs import queue_due_harvests, run_harvest_job
from sezatlas.jobs.kinds import CONGRESS_SCHEDULE, FEDERATION_HARVEST
from sezatlas.jobs.worker import Periodic, Runner

RUNNERS: dict[str, Runner] = {
    CONGRESS_SCHEDULE.name: run_schedule_job,
    FEDERATION_HARVEST.name: run_harvest_job,
}
PERIODIC: tuple[Periodic, ...] = (queue_due_harvests,)  # queue scheduled work: harvests when due
