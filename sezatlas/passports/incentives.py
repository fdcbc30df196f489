"""The incentives that apply to a passport: the incentive engine run on its reference case in its zone's
regime, against the country's standard regime — the very computation `sezatlas incentives compare` and
`POST /api/v1/incentives/project` make for the same figures (docs/incentives.md).

The reference case becomes the engine's project as the site-selection form's figures do
(`siting/simple_finance.py`: capex in year 0, then flat yearly figures), with the passport's expected
jobs as the headcount and its first ISIC code as the activity. Without a reference case, or in a zone
whose regime is not encoded, nothing is computed and the reason says so: no figure is guessed.
"""

from dataclasses import dataclass

from sqlalchemy.orm import Session

from sezatlas.regimes.actions import compare_incentives
from sezatlas.regimes.errors import IncentiveInputError
from sezatlas.regimes.project import Project
from sezatlas.siting.simple_finance import SimpleFinance
from sezatlas.standard.passport import Passport
from sezatlas.store.models import ZoneRow

METHOD = (
    "The incentive engine of SEZ Atlas on the passport's reference case (capex in year 0, then flat yearly "
    "figures), in the zone's regime against the country's standard regime: NPV of incentives = PV of "
    "taxes under the standard regime − PV under the zone's (docs/incentives.md)."
)


@dataclass(frozen=True, slots=True)
class PassportIncentives:
    regime_id: str | None
    currency: str
    npv_of_incentives: float | None  # in units of `currency`, not millions
    by_instrument: dict[str, float]
    zone_aetr: float | None
    standard_aetr: float | None
    zone_metr: float | None
    reasons: tuple[str, ...]  # why nothing (or zero) was computed: not eligible, no regime, no figures
    method: str = METHOD


def reference_project(passport: Passport) -> Project | None:
    """The engine's project for the passport's reference case, or None without one."""
    case = passport.reference_case
    if case is None or case.capex_m <= 0:
        return None
    finance = SimpleFinance(currency=passport.currency, headcount=passport.jobs_expected or 0,
                            **case.model_dump())  # fmt: skip
    return finance.to_project_input(passport.title, passport.isic_codes[0]).to_project()


def passport_incentives(session: Session, passport: Passport) -> PassportIncentives:
    """Anyone: what the engine computes for the passport (see the module docstring)."""
    zone = session.get(ZoneRow, passport.zone_id)
    regime_id = zone.regime_id if zone is not None else None
    nothing = PassportIncentives(regime_id, passport.currency, None, {}, None, None, None, ())
    project = reference_project(passport)
    if project is None:
        return _with(nothing, "the passport has no reference case with capex to compute incentives for")
    if regime_id is None:
        return _with(nothing, f"the regime of zone {passport.zone_id} is not encoded in SEZ Atlas")
    try:
        [outcome] = compare_incentives(project, [regime_id], with_metr=True)
    except IncentiveInputError as error:
        return _with(nothing, str(error))
    comparison = outcome.comparison
    if comparison is None:
        return _with(nothing, outcome.error or "not computable for these figures")
    return PassportIncentives(
        regime_id, passport.currency, comparison.npv_of_incentives, dict(comparison.by_instrument),
        comparison.zone.aetr, comparison.standard.aetr, comparison.zone.metr, comparison.zone.reasons,
    )  # fmt: skip


def _with(nothing: PassportIncentives, reason: str) -> PassportIncentives:
    return PassportIncentives(nothing.regime_id, nothing.currency, None, {}, None, None, None, (reason,))
