"""The kinds of job, each with its stages and the rule of who may ask for it and see it.

A kind's stages are the steps its runner reports (`JobRun.enter`), so the progress a page shows is
"step 2 of 3: solving", a fact, not a percentage made up for a bar. The rule is one of the permission
rules of `accounts/roles.py`, applied to the job's subject.
"""

from collections.abc import Callable
from dataclasses import dataclass

from sezatlas.accounts.roles import Actor, may_administer, may_organise


@dataclass(frozen=True, slots=True)
class JobKind:
    name: str
    stages: tuple[str, ...]
    may_request: Callable[[Actor, str], bool]  # (who, subject): may ask for it, and see it


CONGRESS_SCHEDULE = JobKind(
    "congress.schedule",
    stages=("reading", "solving", "publishing"),
    may_request=may_organise,  # the subject is the event id
)
FEDERATION_HARVEST = JobKind(
    "federation.harvest",
    stages=("harvesting",),
    may_request=lambda actor, _source: may_administer(actor),  # the subject is the source's name
)
KINDS = {kind.name: kind for kind in (CONGRESS_SCHEDULE, FEDERATION_HARVEST)}
