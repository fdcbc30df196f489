"""RCA, proximity, density, ECI/PCI and COG agree with the Growth Lab's reference implementation.

The reference is the PyPI package `ecomplexity` 0.5.3 (MIT; a test-only dependency), whose own tests compare
it with the Stata original. Both are fed the same generated export matrices: log-normal values, a third of
the cells zero, a few dominant exporters — the shape of real trade data, with no real figures in it.
"""

import warnings

import numpy as np
import pandas as pd
import pytest
from ecomplexity import ecomplexity, proximity
from hypothesis import given, settings
from hypothesis import strategies as st

from sezatlas.chains.relatedness import Matrix, TradeMatrixError, complexity, rca

TOLERANCE = 1e-6
COLUMNS = {"time": "year", "loc": "country", "prod": "product", "val": "exports"}


def trade_matrix(seed: int, countries: int, products: int) -> Matrix:
    rng = np.random.default_rng(seed)
    exports = rng.lognormal(mean=10, sigma=2.5, size=(countries, products))
    exports[rng.random(exports.shape) < 0.35] = 0
    exports[rng.choice(countries, size=3, replace=False)] *= 40  # three dominant exporters
    assert (exports.sum(axis=0) > 0).all() and (exports.sum(axis=1) > 0).all()
    return exports


def as_long_table(exports: Matrix) -> pd.DataFrame:
    """The matrix as `ecomplexity` reads it: one row per year, country and product."""
    countries, products = exports.shape
    return pd.DataFrame(
        [(2020, f"C{c:03d}", f"P{p:03d}", exports[c, p]) for c in range(countries) for p in range(products)],
        columns=["year", "country", "product", "exports"],
    )


MATRICES = {"40 countries x 60 products": (7, 40, 60), "25 countries x 90 products": (11, 25, 90)}


@pytest.fixture(params=MATRICES.values(), ids=MATRICES.keys(), scope="module")
def generated(request: pytest.FixtureRequest) -> tuple[Matrix, pd.DataFrame, pd.DataFrame]:
    exports = trade_matrix(*request.param)
    table = as_long_table(exports)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the reference's pandas idioms warn under pandas 3
        reference = ecomplexity(table, COLUMNS, verbose=False, check_logsupermodularity=False)
        phi = proximity(table, COLUMNS)
    return exports, reference.sort_values(["country", "product"]), phi.sort_values(["product_1", "product_2"])


def test_cell_measures_match_ecomplexity(generated: tuple[Matrix, pd.DataFrame, pd.DataFrame]) -> None:
    exports, reference, _ = generated
    ours = complexity(exports)
    pairs = ((ours.rca, "rca"), (ours.m, "mcp"), (ours.density, "density"), (ours.cog, "cog"))
    for ours_values, column in pairs:
        theirs = reference[column].to_numpy().reshape(exports.shape)
        assert np.abs(ours_values - theirs).max() < TOLERANCE, column


def test_eci_and_pci_match_ecomplexity_in_sign_and_scale(
    generated: tuple[Matrix, pd.DataFrame, pd.DataFrame],
) -> None:
    exports, reference, _ = generated
    ours = complexity(exports)
    eci = reference.groupby("country")["eci"].first().to_numpy()
    pci = reference.groupby("product")["pci"].first().to_numpy()
    assert np.abs(ours.eci - eci).max() < TOLERANCE
    assert np.abs(ours.pci - pci).max() < TOLERANCE
    assert np.abs(ours.diversity - reference.groupby("country")["diversity"].first().to_numpy()).max() == 0


def test_proximity_matches_ecomplexity(generated: tuple[Matrix, pd.DataFrame, pd.DataFrame]) -> None:
    exports, _, phi = generated
    products = exports.shape[1]
    theirs = phi["proximity"].to_numpy().reshape(products, products)
    assert np.abs(complexity(exports).proximity - theirs).max() < TOLERANCE


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_a_countrys_eci_is_the_mean_pci_of_what_it_exports(seed: int) -> None:
    """The normalisation's defining property (Hausmann et al. 2014), checked without the reference."""
    ours = complexity(trade_matrix(seed, 20, 30))
    mean_pci = (ours.m @ ours.pci) / ours.m.sum(axis=1)
    assert np.allclose(ours.eci, mean_pci, atol=1e-9)
    assert ((ours.density >= -1e-12) & (ours.density <= 1 + 1e-12)).all()
    assert (ours.cog[ours.m == 1] == 0).all()


def test_a_country_that_exports_nothing_is_refused_by_row() -> None:
    exports = trade_matrix(7, 10, 12)
    exports[4] = 0
    with pytest.raises(TradeMatrixError, match="row 4: exports sum to 0"):
        rca(exports)


def test_a_negative_export_is_refused_by_cell() -> None:
    exports = trade_matrix(7, 10, 12)
    exports[2, 5] = -1.0
    with pytest.raises(TradeMatrixError, match="row 2, column 5: the export value is negative"):
        complexity(exports)
