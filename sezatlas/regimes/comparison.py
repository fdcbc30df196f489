"""A comparison request: which regimes, each against its country's standard regime, as one result.

The CLI and the API share this adapter around `evaluate.compare`. A problem with the project itself
(a negative capex, a share above 1) is an error for the whole request; a problem of one regime with this
project (not in force on the start date, a threshold in a currency without an exchange rate) is that
regime's `error`, shown in its row, so one closed regime does not hide the other answers.
"""

import math
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sezatlas.regimes.confidence import DOUBTFUL, doubtful_facts
from sezatlas.regimes.contract import comparison_as_dict
from sezatlas.regimes.errors import IncentiveInputError
from sezatlas.regimes.evaluate import IncentiveComparison, compare
from sezatlas.regimes.project import Project
from sezatlas.regimes.rules import Regime


class UnknownRegimeError(IncentiveInputError):
    """A requested regime_id has no rules file."""


@dataclass(frozen=True, slots=True)
class RegimeOutcome:
    """One requested regime: its comparison, or the reason it could not be computed for this project."""

    regime: Regime
    comparison: IncentiveComparison | None = None
    error: str | None = None
    doubtful: tuple[str, ...] = field(default_factory=tuple)
    is_custom: bool = False  # written by the user (designer.py), not one of the bundled files

    @property
    def is_doubtful(self) -> bool:
        return bool(self.doubtful) or self.regime.provenance.confidence in DOUBTFUL


def resolve_regime_ids(
    regimes: Mapping[str, Regime],
    ids: Iterable[str] = (),
    country: str | None = None,
    everything: bool = False,
) -> list[str]:
    """The regime ids asked for, in order: listed ids, then a country's regimes, or all of them."""
    wanted = [i.strip() for i in ids if i.strip()]
    unknown = [i for i in wanted if i not in regimes]
    if unknown:
        raise UnknownRegimeError(
            f"regimes: unknown regime_id {', '.join(unknown)}; see `sezatlas incentives list` "
            "or GET /api/v1/regimes for the ids"
        )
    if everything:
        wanted += list(regimes)
    elif country:
        matched = [i for i, r in regimes.items() if r.country_iso3 == country.upper()]
        if not matched:
            raise UnknownRegimeError(f"country: no regime is encoded for {country!r} (use an ISO3 code)")
        wanted += matched
    if not wanted:
        raise UnknownRegimeError("regimes: name at least one regime_id, a country, or ask for all")
    return list(dict.fromkeys(wanted))


def counterfactual(regime: Regime, regimes: Mapping[str, Regime]) -> Regime:
    """The country's standard regime the zone is compared with (a standard regime is its own)."""
    return regime if regime.counterfactual_id is None else regimes[regime.counterfactual_id]


def compare_one(
    project: Project, regime: Regime, regimes: Mapping[str, Regime], with_metr: bool, is_custom: bool = False
) -> RegimeOutcome:
    doubtful = tuple(doubtful_facts(regime))
    try:
        result = compare(project, regime, counterfactual(regime, regimes), with_metr=with_metr)
    except IncentiveInputError as error:
        return RegimeOutcome(regime, None, str(error), doubtful, is_custom)
    return RegimeOutcome(regime, result, None, doubtful, is_custom)


def compare_regimes(
    project: Project,
    regimes: Mapping[str, Regime],
    ids: Iterable[str],
    with_metr: bool = True,
    custom_ids: Collection[str] = (),
) -> list[RegimeOutcome]:
    """Every requested regime against its standard regime, in the order asked."""
    return [compare_one(project, regimes[i], regimes, with_metr, i in custom_ids) for i in ids]


def finite_or_none(value: Any) -> Any:
    """JSON has no NaN or infinity: a non-finite number (an undefined rate) becomes null."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: finite_or_none(v) for k, v in value.items()}
    if isinstance(value, list):
        return [finite_or_none(v) for v in value]
    return value


def outcome_as_dict(outcome: RegimeOutcome) -> dict[str, Any]:
    """JSON-ready: identity, confidence, doubtful facts, and the comparison or the error."""
    regime = outcome.regime
    confidence = regime.provenance.confidence
    result: dict[str, Any] = finite_or_none(
        {
            "regime_id": regime.regime_id,
            "name": regime.name,
            "country_iso3": regime.country_iso3,
            "counterfactual_id": regime.counterfactual_id or regime.regime_id,
            "confidence": confidence.value if confidence is not None else None,
            "as_of": regime.provenance.as_of,
            "is_custom": outcome.is_custom,
            "is_doubtful": outcome.is_doubtful,
            "doubtful_facts": list(outcome.doubtful),
            "error": outcome.error,
            "comparison": None if outcome.comparison is None else comparison_as_dict(outcome.comparison),
        }
    )
    return result
