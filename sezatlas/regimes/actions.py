"""What a user can do with the regimes: compare incentives for a project, and compute synthetic rates.

One function per use case; `sezatlas incentives …`, `/api/v1/incentives/…` and the `/incentives` page call
these and only parse and render. An input the engine cannot use raises `IncentiveInputError` (an
unknown regime id: `UnknownRegimeError`), including amounts so large or degenerate that the arithmetic
itself fails, which is the project's fault, not the server's.
"""

from collections.abc import Iterable, Mapping

from sezatlas.regimes.comparison import RegimeOutcome, compare_regimes, resolve_regime_ids
from sezatlas.regimes.errors import IncentiveInputError
from sezatlas.regimes.loader import load_regimes
from sezatlas.regimes.project import Project
from sezatlas.regimes.rules import Regime
from sezatlas.regimes.synthetic.regime_rates import RegimeSyntheticRates, SyntheticSetting
from sezatlas.regimes.synthetic.report import synthetic_for


def compare_incentives(
    project: Project,
    regime_ids: Iterable[str],
    *,
    with_metr: bool = True,
    regimes: Mapping[str, Regime] | None = None,
) -> list[RegimeOutcome]:
    """Each regime against its country's standard regime for this project (docs/incentives.md)."""
    known = regimes if regimes is not None else load_regimes()
    ids = resolve_regime_ids(known, regime_ids)
    try:
        return compare_regimes(project, known, ids, with_metr=with_metr)
    except (OverflowError, FloatingPointError, ZeroDivisionError) as error:
        raise IncentiveInputError(f"project: amounts too large or degenerate to compute ({error})") from error


def synthetic_rates(
    regime_ids: Iterable[str], setting: SyntheticSetting, *, regimes: Mapping[str, Regime] | None = None
) -> list[RegimeSyntheticRates]:
    """Devereux–Griffith/Klemm cost of capital, EMTR and EATR of each regime (every regime if none named)."""
    known = regimes if regimes is not None else load_regimes()
    wanted = list(regime_ids)
    ids = resolve_regime_ids(known, wanted) if wanted else list(known)
    try:
        return synthetic_for(known, ids, setting)
    except (ValueError, OverflowError, ZeroDivisionError) as error:
        message = f"synthetic rates not computable for these parameters: {error}"
        raise IncentiveInputError(message) from error
