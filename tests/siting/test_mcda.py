"""Scoring equals a peer library's, explains itself, and behaves as a user expects under weight changes."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from pymcdm import normalizations
from pymcdm.methods import TOPSIS, WSM

from sezatlas.siting.mcda import (
    InvalidDecisionMatrixError,
    Method,
    decision_matrix,
    ranking,
    topsis,
    weighted_sum,
)

rng = np.random.default_rng(7)
MATRICES = [rng.uniform(0.5, 100, size=(m, n)) for m, n in [(5, 3), (12, 6), (40, 8)]]


@pytest.mark.parametrize("values", MATRICES)
def test_topsis_equals_pymcdm(values: np.ndarray) -> None:
    is_benefit = np.arange(values.shape[1]) % 3 != 1
    weights = rng.uniform(0.1, 1, size=values.shape[1])
    ours = topsis(decision_matrix(values, is_benefit, weights)).scores
    peer = TOPSIS(normalization_function=normalizations.vector_normalization)
    theirs = peer(values, weights / weights.sum(), np.where(is_benefit, 1, -1))
    np.testing.assert_allclose(ours, theirs, atol=1e-12)


@pytest.mark.parametrize("values", MATRICES)
def test_weighted_sum_equals_pymcdm(values: np.ndarray) -> None:
    is_benefit = np.arange(values.shape[1]) % 2 == 0
    weights = rng.uniform(0.1, 1, size=values.shape[1])
    ours = weighted_sum(decision_matrix(values, is_benefit, weights)).scores
    peer = WSM(normalization_function=normalizations.minmax_normalization)
    theirs = peer(values, weights / weights.sum(), np.where(is_benefit, 1, -1))
    np.testing.assert_allclose(ours, theirs, atol=1e-12)


def test_weighted_sum_contributions_add_up_to_the_score() -> None:
    result = weighted_sum(decision_matrix(MATRICES[1], [True] * 6, [1, 2, 3, 1, 1, 1]))
    np.testing.assert_allclose(result.contributions.sum(axis=1), result.scores)


def test_a_cost_criterion_prefers_the_smaller_value() -> None:
    distance_to_port_km = [[10.0], [300.0], [50.0]]
    for method in Method:
        matrix = decision_matrix(distance_to_port_km, [False], [1.0])
        scores = weighted_sum(matrix).scores if method == Method.WEIGHTED_SUM else topsis(matrix).scores
        assert ranking(scores).tolist() == [0, 2, 1]


@pytest.mark.parametrize(
    ("values", "is_benefit", "weights", "message"),
    [
        ([[1.0, np.nan]], [True, True], [1, 1], "finite"),
        ([[1.0, 2.0]], [True, True], [1, -1], "non-negative"),
        ([[1.0, 2.0]], [True], [1], "do not agree"),
    ],
)
def test_bad_matrices_are_rejected(values: object, is_benefit: object, weights: object, message: str) -> None:
    with pytest.raises(InvalidDecisionMatrixError, match=message):
        decision_matrix(values, is_benefit, weights)


problem = st.integers(3, 12).flatmap(
    lambda m: st.integers(2, 6).flatmap(
        lambda n: st.tuples(
            arrays(np.float64, (m, n), elements=st.floats(0, 1000, allow_nan=False)),
            arrays(np.float64, (n,), elements=st.floats(0.01, 1)),
            st.integers(0, n - 1),
            st.floats(0.0, 5.0),
        )
    )
)


@settings(max_examples=200, deadline=None)
@given(problem)
def test_raising_a_weight_never_lowers_the_zone_best_on_that_criterion(case: tuple) -> None:  # type: ignore[type-arg]
    values, weights, j, extra = case
    is_benefit = np.ones(values.shape[1], dtype=bool)
    best_on_j = int(np.argmax(values[:, j]))
    before = weighted_sum(decision_matrix(values, is_benefit, weights)).scores
    raised = weights.copy()
    raised[j] += extra
    after = weighted_sum(decision_matrix(values, is_benefit, raised)).scores
    rank_before = int((before > before[best_on_j] + 1e-12).sum())
    rank_after = int((after > after[best_on_j] + 1e-12).sum())
    assert rank_after <= rank_before


def test_the_top_of_a_ranking_keeps_registry_order_among_equal_scores() -> None:
    scores = np.array([0.5, 0.9, 0.9, 0.1, 0.9, 0.9])
    assert ranking(scores, top=3).tolist() == [1, 2, 4]
    assert ranking(scores).tolist()[:4] == [1, 2, 4, 5]
