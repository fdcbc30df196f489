"""What a user can do with site selection: rank the registry's zones for a project.

`sezatlas rank`, `POST /api/v1/rank` and the `/rank` page call `rank_project` and only parse and render.
"""

from datetime import date

from sqlalchemy.orm import Session

from sezatlas.regimes.errors import IncentiveInputError
from sezatlas.siting.registry_columns import REGISTRY_COLUMNS
from sezatlas.siting.request import RankRequest, rank_request
from sezatlas.siting.shortlist import Shortlist


def rank_project(
    session: Session,
    request: RankRequest,
    *,
    shortlist_size: int = 20,
    samples: int = 10_000,
    today: date | None = None,
) -> Shortlist:
    """Hard constraints first, then the weighted score with its stability; with finances, each zone's
    incentives valued by the incentive engine. Finances it cannot use raise `IncentiveInputError`
    whose message starts with `finance:`."""
    columns = REGISTRY_COLUMNS.get(session)
    try:
        return rank_request(columns, request, today=today or date.today(), shortlist_size=shortlist_size,
                            samples=samples)  # fmt: skip
    except IncentiveInputError as error:
        raise IncentiveInputError(f"finance: {error}") from error
    except (OverflowError, FloatingPointError, ZeroDivisionError) as error:
        raise IncentiveInputError(f"finance: amounts too large or degenerate to compute ({error})") from error
