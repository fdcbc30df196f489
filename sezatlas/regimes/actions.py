"""What a user can do with the regimes: compare incentives for a project, and compute synthetic rates.

One function per use case; `sezatlas incentives …`, `/api/v1/incentives/…` and the `/incentives` page call
these and only parse and render. An input the engine cannot use raises `IncentiveInputError` (an
unknown regime id: `UnknownRegimeError`), including amounts so large or degenerate that the arithmetic
itself fails, which is the project's fault, not the server's. Both take custom regimes too (a file, a
request's `custom_regimes`, the page's designer: `designer.py`), checked as bundled files are, and list
them first; one that does not validate is a `CustomRegimeError` naming its field.
"""

from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from sqlalchemy.orm import Session

from sezatlas.regimes.comparison import RegimeOutcome, compare_regimes, resolve_regime_ids
from sezatlas.regimes.designer import RegimeDocument, custom_regimes, with_custom
from sezatlas.regimes.errors import IncentiveInputError
from sezatlas.regimes.loader import load_regimes
from sezatlas.regimes.project import Project
from sezatlas.regimes.rules import Regime
from sezatlas.regimes.scenarios import Scenario, scenario
from sezatlas.regimes.synthetic.regime_rates import SyntheticSetting
from sezatlas.regimes.synthetic.report import SyntheticRow, synthetic_for
from sezatlas.standard.membership import BricsRelation, countries_with
from sezatlas.store.zones import zones_by_regime


class _Asked(NamedTuple):
    regimes: dict[str, Regime]  # the bundled regimes and the custom ones
    ids: list[str]  # the custom ones first, then the bundled ones named
    custom_ids: frozenset[str]


def _asked(
    regime_ids: Iterable[str],
    custom: Sequence[RegimeDocument],
    regimes: Mapping[str, Regime] | None,
    every_if_none: bool,
) -> _Asked:
    """The regimes a request names. None named: the custom ones alone if there are some, else every
    regime (`every_if_none`) or the error asking for one."""
    customs = custom_regimes(custom)
    known = with_custom(regimes if regimes is not None else load_regimes(), customs)
    custom_ids = [regime.regime_id for regime in customs]
    wanted = list(regime_ids)
    if wanted or not (customs or every_if_none):
        named = resolve_regime_ids(known, wanted)
    else:
        named = [] if customs else list(known)
    return _Asked(known, list(dict.fromkeys(custom_ids + named)), frozenset(custom_ids))


def compare_incentives(
    project: Project,
    regime_ids: Iterable[str],
    *,
    custom: Sequence[RegimeDocument] = (),
    with_metr: bool = True,
    regimes: Mapping[str, Regime] | None = None,
) -> list[RegimeOutcome]:
    """Each regime against its country's standard regime for this project (docs/incentives.md), the
    custom regimes (designer.py) first."""
    asked = _asked(regime_ids, custom, regimes, every_if_none=False)
    try:
        return compare_regimes(project, asked.regimes, asked.ids, with_metr, asked.custom_ids)
    except (OverflowError, FloatingPointError, ZeroDivisionError) as error:
        raise IncentiveInputError(f"project: amounts too large or degenerate to compute ({error})") from error


def synthetic_rates(
    regime_ids: Iterable[str],
    setting: SyntheticSetting,
    *,
    custom: Sequence[RegimeDocument] = (),
    regimes: Mapping[str, Regime] | None = None,
) -> list[SyntheticRow]:
    """Devereux–Griffith/Klemm cost of capital, EMTR and EATR of each regime, the custom ones first."""
    asked = _asked(regime_ids, custom, regimes, every_if_none=True)
    try:
        return synthetic_for(asked.regimes, asked.ids, setting, asked.custom_ids)
    except (ValueError, OverflowError, ZeroDivisionError) as error:
        message = f"synthetic rates not computable for these parameters: {error}"
        raise IncentiveInputError(message) from error


def common_approach(
    session: Session,
    model: RegimeDocument,
    projects: Sequence[Project],
    *,
    countries: Sequence[str] = (),
    regimes: Mapping[str, Regime] | None = None,
) -> Scenario:
    """Anyone: the model regime applied to every member's zones (or the countries named), per country and
    reference project, against the zones' regimes today (`scenarios.py`). Reads the registry; writes
    nothing."""
    chosen = list(countries) or list(countries_with(BricsRelation.MEMBER))
    known = regimes if regimes is not None else load_regimes()
    return scenario(model, projects, zones_by_regime(session, chosen), known)
