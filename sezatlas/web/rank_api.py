"""`POST /api/v1/rank`: an investor's project in, a ranked, explained shortlist out.

The body is a `RankRequest` (`{"project": …, "finance": …}`, finance optional: it values incentives) or,
as before, a bare `ProjectProfile`.
"""

from typing import Annotated

from fastapi import APIRouter, Query

from sezatlas.siting.actions import rank_project
from sezatlas.siting.request import RankRequest
from sezatlas.siting.shortlist import Shortlist
from sezatlas.standard.project import ProjectProfile
from sezatlas.web.deps import SessionDep
from sezatlas.web.errors import ErrorOut

router = APIRouter(prefix="/api/v1", tags=["site selection"])


@router.post(
    "/rank", response_model=Shortlist,
    responses={422: {"model": ErrorOut, "description": "Invalid or not computable; detail names the field"}},
)  # fmt: skip
def rank(
    body: RankRequest | ProjectProfile,
    session: SessionDep,
    shortlist_size: Annotated[int, Query(ge=1, le=500)] = 20,
    samples: Annotated[int, Query(ge=0, le=20_000, description="Weight samples for acceptability")] = 5000,
) -> Shortlist:
    """Hard constraints first (excluded with reasons, or needs confirmation with questions), then the
    weighted sum or TOPSIS over the rest, with each score's decomposition and its stability. With
    `finance`, each zone's incentives are valued by the incentive engine (millions of its currency)."""
    request = body if isinstance(body, RankRequest) else RankRequest(project=body)
    return rank_project(session, request, shortlist_size=shortlist_size, samples=samples)
