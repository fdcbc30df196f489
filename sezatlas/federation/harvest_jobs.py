"""Scheduled harvesting through the job worker: queue each source when its schedule says it is due, and
run a queued harvest.

The worker calls `queue_due_harvests` about once a minute (`jobs/worker.py`, its periodic tasks); a
source is due when its interval has passed since its last run, good or failed (`Source.is_due`), so a
source that keeps failing is retried on its schedule, not in a loop. At most one harvest of a source is
queued or running (`queue.lock_subject`, as the Congress scheduler does). The harvest and the job's end
commit together (`JobRun.finish_in` in `harvest`'s `before_commit`), so a job requeued after its worker
died harvests once; a failed run ends its job as failed, with the run's reason as the job's message.
"""

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from sezatlas.accounts.audit import record
from sezatlas.accounts.roles import Actor
from sezatlas.federation.actions import due_sources, run_source
from sezatlas.federation.harvest import RunReport, RunStatus
from sezatlas.jobs.kinds import FEDERATION_HARVEST
from sezatlas.jobs.model import Job, JobState
from sezatlas.jobs.queue import active_job, add_job, lock_subject
from sezatlas.jobs.worker import JobRun
from sezatlas.store.database import session_factory


def harvester(name: str) -> Actor:
    """Who a scheduled run acts as: the source itself, named in the history and the audit trail."""
    return Actor(name=f"harvest: {name}")


def queue_due_harvests(engine: Engine) -> list[Job]:
    """Queue a harvest of every source that is due and not queued or running already."""
    with session_factory(engine)() as session:
        names = due_sources(session)
    queued = []
    for name in names:
        with session_factory(engine)() as session:
            lock_subject(session, FEDERATION_HARVEST.name, name)
            if active_job(session, FEDERATION_HARVEST.name, name) is not None:
                session.rollback()
                continue
            job = add_job(session, FEDERATION_HARVEST.name, name, {}, requested_by=None,
                          requested_by_name=harvester(name).name)  # fmt: skip
            record(session, harvester(name), "enqueue", "job", str(job.job_id),
                   after={"kind": job.kind, "subject": name})  # fmt: skip
            session.commit()
            queued.append(job)
    return queued


def run_harvest_job(engine: Engine, job: Job, run: JobRun) -> None:
    """What a worker does with a queued harvest: run the source, and end the job in the same commit."""
    run.enter("harvesting")

    def finish(session: Session, report: RunReport) -> None:
        message = _summary(report)
        counts = {"new": len(report.new), "changed": len(report.changed), "removed": len(report.removed),
                  "rejected": len(report.rejected)}  # fmt: skip
        state = JobState.FAILED if report.status is RunStatus.FAILED else JobState.DONE
        result = {"run_id": report.run_id, "status": report.status.value, **counts}
        run.finish_in(session, message, result, state=state)

    run_source(engine, harvester(job.subject), job.subject, before_commit=finish)


def _summary(report: RunReport) -> str:
    if report.status is RunStatus.FAILED:
        return f"failed: {report.message or f'{len(report.rejected)} records rejected'}"
    return (f"{report.status.value}: {len(report.new)} new, {len(report.changed)} changed, "
            f"{len(report.removed)} removed")  # fmt: skip
