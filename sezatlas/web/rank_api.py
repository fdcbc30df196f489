"""`POST /api/v1/rank`: an investor's project in, a ranked, explained shortlist out.

The body is a `RankRequest` (`{"project": …, "finance": …}`, finance optional: it values incentives) or,
as before, a bare `ProjectProfile`.
"""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from sezatlas.regimes.errors import IncentiveInputError
from sezatlas.siting.registry_columns import REGISTRY_COLUMNS
from sezatlas.siting.request import RankRequest, rank_request
from sezatlas.siting.shortlist import Shortlist
from sezatlas.standard.project import ProjectProfile
from sezatlas.web.deps import SessionDep
from sezatlas.web.errors import ApiError, ErrorOut

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
    columns = REGISTRY_COLUMNS.get(session)
    try:
        return rank_request(columns, request, today=date.today(), shortlist_size=shortlist_size,
                            samples=samples)  # fmt: skip
    except IncentiveInputError as error:
        raise ApiError(422, f"finance: {error}") from error
    except (OverflowError, FloatingPointError, ZeroDivisionError) as error:
        raise ApiError(422, f"finance: amounts too large or degenerate to compute ({error})") from error
