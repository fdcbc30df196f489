"""How much the user's weights can move before the ranking changes.

Two views, both for a non-specialist:
- the smallest change of a single weight that would hand first place to another zone (exact for the
  weighted sum, by bisection for TOPSIS);
- stochastic multicriteria acceptability (SMAA-2, Lahdelma & Salminen 2001): sample plausible weights
  around the user's and count how often each zone ranks first, second, third.
"""

from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

from sezatlas.siting.mcda import (
    DecisionMatrix,
    FloatArray,
    Method,
    minmax_normalized,
    score,
    vector_normalized,
)

# Dirichlet concentration: weights sampled with mean = the user's weights; larger is tighter. With 40, a
# weight of 0.25 varies with a standard deviation of about 0.07 (a "give or take a third" reading).
DEFAULT_CONCENTRATION = 40.0


@dataclass(frozen=True, slots=True)
class WeightChange:
    """Set `criterion`'s weight to `new_weight` (others rescaled to keep the sum 1) and `rival` ties first."""

    criterion: int
    old_weight: float
    new_weight: float
    rival: int


def reweighted(weights: FloatArray, criterion: int, new_weight: float) -> FloatArray:
    """Give one criterion `new_weight` and rescale the others proportionally so all still sum to 1."""
    others = 1.0 - weights[criterion]
    result = weights * ((1.0 - new_weight) / others) if others > 0 else np.zeros_like(weights)
    result[criterion] = new_weight
    return result


def _weighted_sum_thresholds(normalized: FloatArray, weights: FloatArray, j: int, leader: int) -> FloatArray:
    """For every rival: the new weight of criterion j at which its weighted sum equals the leader's.

    With w' = reweighted(w, j, t) the score gap is linear in t, gap(t) = base + t·slope; solve gap = 0.
    NaN where no t in [0, 1] ties (and for the leader itself).
    """
    diff = normalized[leader] - normalized  # (rivals, criteria)
    others = 1.0 - weights[j]
    rest = diff @ weights - weights[j] * diff[:, j]
    base = rest / others if others > 0 else np.zeros(diff.shape[0])
    slope = diff[:, j] - base
    with np.errstate(divide="ignore", invalid="ignore"):
        t = -base / slope + 0.0  # + 0.0 turns -0.0 into 0.0
    t[leader] = np.nan
    return np.where((slope != 0) & (t >= 0) & (t <= 1), t, np.nan)


def _topsis_first_change(matrix: DecisionMatrix, j: int, leader: int) -> WeightChange | None:
    """Nearest weight of criterion j, either side of the user's, at which TOPSIS puts another zone first.

    TOPSIS scores are not linear in the weights, so this scans 40 steps towards 0 and towards 1 and
    refines the first step that changes the leader by bisection (precision 1e-9).
    """

    def first_at(t: float) -> int:
        weights = reweighted(matrix.weights.copy(), j, t)
        return int(np.argmax(score(replace(matrix, weights=weights), Method.TOPSIS).scores))

    w0 = float(matrix.weights[j])
    found: list[WeightChange] = []
    for end in (0.0, 1.0):
        previous = w0
        for t in np.linspace(w0, end, 41)[1:]:
            if first_at(float(t)) != leader:
                low, high = previous, float(t)
                while abs(high - low) > 1e-9:
                    mid = (low + high) / 2
                    low, high = (mid, high) if first_at(mid) == leader else (low, mid)
                found.append(WeightChange(j, w0, high, first_at(high)))
                break
            previous = float(t)
    return min(found, key=lambda change: abs(change.new_weight - w0), default=None)


def smallest_first_place_change(
    matrix: DecisionMatrix, method: Method, scores: FloatArray | None = None
) -> WeightChange | None:
    """The single-weight change closest to the user's weights that lets another zone tie for first.

    None when no change of one weight can dethrone the leader (a robust first place).
    """
    scores = score(matrix, method).scores if scores is None else scores
    leader = int(np.argmax(scores))
    if np.count_nonzero(scores == scores[leader]) > 1:
        return None  # first place is already shared: see `ties.tied_for_first`
    normalized = minmax_normalized(matrix) if method == Method.WEIGHTED_SUM else matrix.values
    candidates: list[WeightChange] = []
    for j in range(matrix.weights.shape[0]):
        if method == Method.TOPSIS:
            change = _topsis_first_change(matrix, j, leader)
            candidates.extend([change] if change else [])
            continue
        thresholds = _weighted_sum_thresholds(normalized, matrix.weights, j, leader)
        if np.isnan(thresholds).all():
            continue
        rival = int(np.nanargmin(np.abs(thresholds - matrix.weights[j])))
        candidates.append(WeightChange(j, float(matrix.weights[j]), float(thresholds[rival]), rival))
    return min(candidates, key=lambda change: abs(change.new_weight - change.old_weight), default=None)


def sample_weights(weights: FloatArray, samples: int, concentration: float, seed: int) -> FloatArray:
    """Dirichlet samples with mean = the user's weights; a zero weight stays zero (criterion not used)."""
    rng = np.random.default_rng(seed)
    active = weights > 0
    drawn = np.zeros((samples, weights.shape[0]))
    drawn[:, active] = rng.dirichlet(weights[active] * concentration, size=samples)
    return drawn


def _sample_scores(matrix: DecisionMatrix, method: Method, sampled: FloatArray) -> FloatArray:
    """Scores of every candidate under every sampled weight vector: (candidates, samples).

    Both methods reduce to matrix products, because the weights enter linearly (weighted sum) or as
    squared factors of per-criterion squared distances (TOPSIS).
    """
    if method == Method.WEIGHTED_SUM:
        return minmax_normalized(matrix) @ sampled.T
    r = vector_normalized(matrix)
    best, worst = r.max(axis=0), r.min(axis=0)
    d_plus = np.sqrt(((r - best) ** 2) @ (sampled**2).T)
    d_minus = np.sqrt(((r - worst) ** 2) @ (sampled**2).T)
    total = d_plus + d_minus
    return np.where(total > 0, d_minus / np.where(total > 0, total, 1.0), 1.0)


def rank_acceptability(
    matrix: DecisionMatrix,
    method: Method,
    *,
    top: int = 3,
    samples: int = 10_000,
    concentration: float = DEFAULT_CONCENTRATION,
    seed: int = 0,
    batch: int = 1000,
) -> NDArray[np.float64]:
    """b[i, r]: share of sampled weightings in which candidate i holds rank r+1 (r < top).

    Each column sums to 1 (every sample has exactly one zone at each rank). Zones that no weighting can
    separate (identical facts) share their ranks equally: each sample breaks such ties at random.
    """
    candidates = matrix.values.shape[0]
    top = min(top, candidates)
    counts = np.zeros((candidates, top))
    weights = sample_weights(matrix.weights, samples, concentration, seed)
    rng = np.random.default_rng(seed + 1)
    for start in range(0, samples, batch):
        block = _sample_scores(matrix, method, weights[start : start + batch])
        block = block + rng.uniform(0, 1e-12, size=block.shape)  # random order among exact ties
        if candidates > top:
            best = np.argpartition(-block, top - 1, axis=0)[:top]
            order = np.take_along_axis(
                best, np.argsort(-np.take_along_axis(block, best, axis=0), axis=0, kind="stable"), axis=0
            )
        else:
            order = np.argsort(-block, axis=0, kind="stable")
        for rank in range(top):
            counts[:, rank] += np.bincount(order[rank], minlength=candidates)
    return counts / samples
