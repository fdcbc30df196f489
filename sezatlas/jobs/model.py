"""A job as plain data: what it runs, on what, how far it got and how it ended."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class JobState(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


ACTIVE_STATES = (JobState.QUEUED, JobState.RUNNING)


@dataclass(frozen=True, slots=True)
class Job:
    job_id: int
    kind: str
    subject: str
    state: JobState
    progress: float  # 0..1: the share of the kind's stages finished (kinds.JobKind.stages), never a guess
    message: str | None
    params: Mapping[str, object]
    result: Mapping[str, object] | None
    requested_by: int | None
    requested_by_name: str
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    heartbeat_at: datetime | None
    worker: str | None
    attempts: int = 0  # times a worker claimed it; a job is given up after queue.MAX_ATTEMPTS

    @property
    def is_active(self) -> bool:
        return self.state in ACTIVE_STATES


def stage_index(progress: float, stage_count: int) -> int:
    """Which stage (0-based) a job is in, from the share of stages it finished."""
    return min(stage_count - 1, max(0, round(progress * stage_count)))
