"""`POST /api/v1/rank`: an investor's project in, a ranked, explained shortlist out."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from sezatlas.siting.registry_columns import REGISTRY_COLUMNS
from sezatlas.siting.shortlist import Shortlist, rank_zones
from sezatlas.standard.project import ProjectProfile
from sezatlas.web.app import SessionDep

router = APIRouter(prefix="/api/v1", tags=["site selection"])


@router.post("/rank", response_model=Shortlist)
def rank(
    project: ProjectProfile,
    session: SessionDep,
    shortlist_size: Annotated[int, Query(ge=1, le=500)] = 20,
    samples: Annotated[int, Query(ge=0, le=20_000, description="Weight samples for acceptability")] = 5000,
) -> Shortlist:
    """Hard constraints first (excluded with reasons, or needs confirmation with questions), then the
    weighted sum or TOPSIS over the rest, with each score's decomposition and its stability."""
    columns = REGISTRY_COLUMNS.get(session)
    return rank_zones(columns, project, today=date.today(), shortlist_size=shortlist_size, samples=samples)
