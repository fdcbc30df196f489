"""Which use case runs each kind of job: the worker's table, kept apart from the kinds so that a domain
can queue its jobs (`kinds.py`, `queue.py`) without importing the worker that runs them."""

from sezatlas.congress.schedule_jobs import run_schedule_job
from sezatlas.jobs.kinds import CONGRESS_SCHEDULE
from sezatlas.jobs.worker import Runner

RUNNERS: dict[str, Runner] = {CONGRESS_SCHEDULE.name: run_schedule_job}
