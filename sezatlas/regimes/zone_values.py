"""The NPV of incentives of each candidate zone for one project, for site selection.

Many zones share a regime (19 Russian industrial SEZs, 25 KEKs), so the engine runs once per distinct
regime and once per standard regime, on the hot path (PV of taxes only: no METR, no decomposition).
A zone whose regime the project does not qualify for is worth 0: the project would be taxed under the
standard regime there. A zone whose value cannot be computed (the regime is not in force on the start
date, or a threshold needs an exchange rate the project lacks) is left out, so the ranking treats it
as unknown rather than as zero.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sezatlas.regimes.comparison import UnknownRegimeError
from sezatlas.regimes.contract import ProjectInput
from sezatlas.regimes.eligibility import check_in_force, ineligibility_reasons
from sezatlas.regimes.errors import IncentiveInputError
from sezatlas.regimes.evaluate import pv_taxes
from sezatlas.regimes.loader import load_regimes
from sezatlas.regimes.project import Project
from sezatlas.regimes.rules import Regime


@dataclass(frozen=True, slots=True)
class RegimeValue:
    """A regime's NPV of incentives for the project, or None and the engine's reason it cannot be computed."""

    npv: float | None
    reason: str | None = None


def _regime_value(
    project: Project, regime: Regime, standard_pv: dict[str, float], regimes: Mapping[str, Regime]
) -> RegimeValue:
    """PV(taxes, standard) − PV(taxes, zone regime); 0 when not eligible; None and why when not computable."""
    standard_id = regime.counterfactual_id or regime.regime_id
    try:
        check_in_force(project, regime)
        if ineligibility_reasons(project, regime):
            return RegimeValue(0.0)
        if standard_id not in standard_pv:
            standard_pv[standard_id] = pv_taxes(project, regimes[standard_id])
        return RegimeValue(standard_pv[standard_id] - pv_taxes(project, regime))
    except IncentiveInputError as error:
        return RegimeValue(None, str(error))


def regime_values(
    project: Project, regime_ids: Iterable[str], regimes: Mapping[str, Regime]
) -> dict[str, RegimeValue]:
    """regime_id → its value for the project; each standard regime's present value is computed once."""
    standard_pv: dict[str, float] = {}
    return {r: _regime_value(project, regimes[r], standard_pv, regimes) for r in set(regime_ids)}


def incentive_npv_by_zone(
    project: ProjectInput | Project, zone_regimes: dict[str, str], regimes: Mapping[str, Regime] | None = None
) -> dict[str, float]:
    """zone_id → NPV of incentives in the project currency, for zones whose value is computable.

    `zone_regimes` maps zone_id → regime_id (the registry's `regime.regime_id`); zones without a
    regime should simply not be in it. An unknown regime_id is an error, not a silent zero. The
    project may be the JSON model or the engine's dataclass; its own problems raise IncentiveInputError.
    """
    engine_project = project.to_project() if isinstance(project, ProjectInput) else project
    rules = regimes if regimes is not None else load_regimes()
    unknown = sorted({r for r in zone_regimes.values() if r not in rules})
    if unknown:
        raise UnknownRegimeError(f"zone_regimes: no rules file for regime_id {', '.join(unknown)}")
    by_regime = regime_values(engine_project, zone_regimes.values(), rules)
    return {zone: value for zone, r in zone_regimes.items() if (value := by_regime[r].npv) is not None}
