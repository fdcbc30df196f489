"""What a user does with the matrix: line up the regimes of some countries in some dimensions.

`harmonization_matrix` is the one use case: the `/incentives/matrix` page, `GET /api/v1/incentives/matrix`
and `sezatlas incentives matrix` parse their filters, call it, and render what it returns.
"""

from collections.abc import Iterable, Mapping

from sezatlas.regimes.comparison import UnknownRegimeError
from sezatlas.regimes.loader import load_regimes
from sezatlas.regimes.matrix.dimensions import DIMENSIONS, DIMENSIONS_BY_KEY
from sezatlas.regimes.matrix.table import HarmonizationMatrix, build_matrix
from sezatlas.regimes.rules import Regime


class UnknownMatrixFilterError(UnknownRegimeError):
    """A country with no encoded regime, or a dimension the matrix does not have (a bad value, reported as
    an unknown regime is: sezatlas/errors.py)."""


def split_values(values: Iterable[str]) -> list[str]:
    """`["RUS,IND", " CHN "]` -> `["RUS", "IND", "CHN"]`: a filter may be repeated or comma-separated."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _countries(regimes: Mapping[str, Regime], asked: Iterable[str]) -> set[str]:
    encoded = {regime.country_iso3 for regime in regimes.values()}
    wanted = {code.upper() for code in split_values(asked)}
    unknown = sorted(wanted - encoded)
    if unknown:
        raise UnknownMatrixFilterError(
            f"country: no regime is encoded for {', '.join(unknown)}; one of {', '.join(sorted(encoded))}"
        )
    return wanted or encoded


def _dimensions(asked: Iterable[str]) -> list[str]:
    wanted = list(dict.fromkeys(split_values(asked)))
    unknown = [key for key in wanted if key not in DIMENSIONS_BY_KEY]
    if unknown:
        raise UnknownMatrixFilterError(
            f"dimension: unknown {', '.join(unknown)}; one of {', '.join(d.key for d in DIMENSIONS)}"
        )
    return wanted


def harmonization_matrix(
    countries: Iterable[str] = (),
    dimensions: Iterable[str] = (),
    *,
    regimes: Mapping[str, Regime] | None = None,
) -> HarmonizationMatrix:
    """Every regime of the countries asked for (all if none), in the dimensions asked for (all if none, in
    the order of dimensions.py), each country's standard regime first, with a summary per dimension."""
    known = regimes if regimes is not None else load_regimes()
    chosen = _countries(known, countries)
    wanted = set(_dimensions(dimensions))
    shown = [d for d in DIMENSIONS if not wanted or d.key in wanted]
    ids = sorted(
        (regime.regime_id for regime in known.values() if regime.country_iso3 in chosen),
        key=lambda i: (known[i].country_iso3, not known[i].is_standard, i),
    )
    return build_matrix(known, ids, shown)
