"""Stability of the first place: the smallest decisive weight change, and rank acceptability."""

import numpy as np
import pytest

from sezatlas.siting.mcda import Method, decision_matrix, score
from sezatlas.siting.stability import rank_acceptability, reweighted, smallest_first_place_change

# Three zones: A is best on land, B on incentives, C is middling on both.
VALUES = [[100.0, 1.0], [10.0, 10.0], [60.0, 5.0]]


@pytest.mark.parametrize("method", list(Method))
def test_the_smallest_change_really_changes_first_place(method: Method) -> None:
    matrix = decision_matrix(VALUES, [True, True], [0.7, 0.3])
    leader = int(np.argmax(score(matrix, method).scores))
    change = smallest_first_place_change(matrix, method)
    assert leader == 0 and change is not None and change.rival != leader
    nudged = reweighted(matrix.weights.copy(), change.criterion, change.new_weight)
    beyond = change.new_weight + np.sign(change.new_weight - change.old_weight) * 1e-6
    tilted = reweighted(matrix.weights.copy(), change.criterion, float(np.clip(beyond, 0, 1)))
    tied = score(decision_matrix(VALUES, [True, True], nudged), method).scores
    assert tied[change.rival] == pytest.approx(tied[leader], abs=1e-6)
    assert int(np.argmax(score(decision_matrix(VALUES, [True, True], tilted), method).scores)) != leader


def test_a_zone_best_on_every_criterion_cannot_be_dethroned() -> None:
    matrix = decision_matrix([[10.0, 10.0], [5.0, 1.0], [1.0, 5.0]], [True, True], [0.5, 0.5])
    assert smallest_first_place_change(matrix, Method.WEIGHTED_SUM) is None


@pytest.mark.parametrize("method", list(Method))
def test_acceptability_of_each_rank_sums_to_one(method: Method) -> None:
    values = np.random.default_rng(3).uniform(0, 100, size=(30, 5))
    matrix = decision_matrix(values, [True, False, True, True, False], [0.3, 0.2, 0.2, 0.2, 0.1])
    acceptability = rank_acceptability(matrix, method, samples=2000, seed=1)
    assert acceptability.shape == (30, 3)
    np.testing.assert_allclose(acceptability.sum(axis=0), 1.0)


def test_the_dominant_zone_is_first_in_every_weighting() -> None:
    matrix = decision_matrix([[10.0, 10.0], [5.0, 1.0], [1.0, 5.0]], [True, True], [0.5, 0.5])
    acceptability = rank_acceptability(matrix, Method.TOPSIS, samples=500)
    assert acceptability[0, 0] == 1.0


def test_sampling_is_centred_on_the_users_weights_and_repeatable() -> None:
    matrix = decision_matrix(VALUES, [True, True], [0.7, 0.3])
    first = rank_acceptability(matrix, Method.WEIGHTED_SUM, samples=3000, seed=5)
    again = rank_acceptability(matrix, Method.WEIGHTED_SUM, samples=3000, seed=5)
    np.testing.assert_array_equal(first, again)
    assert first[0, 0] > 0.5  # the user's own weighting puts zone 0 first


def test_zones_with_identical_facts_share_first_place_equally() -> None:
    twins = decision_matrix([[5.0, 5.0], [5.0, 5.0], [1.0, 1.0]], [True, True], [0.5, 0.5])
    acceptability = rank_acceptability(twins, Method.WEIGHTED_SUM, samples=4000, seed=2)
    assert acceptability[0, 0] == pytest.approx(0.5, abs=0.05)
    assert acceptability[1, 0] == pytest.approx(0.5, abs=0.05)
    assert smallest_first_place_change(twins, Method.WEIGHTED_SUM) is None
