"""Multi-criteria scoring of candidate zones: weighted sum and TOPSIS, with per-criterion contributions.

Pure numpy over a decision matrix (candidates × criteria), so the same core ranks 5 or 100,000 zones and
is tested against a peer library. Every criterion is first oriented so that larger is better.
"""

from dataclasses import dataclass
from enum import StrEnum

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]


class Method(StrEnum):
    WEIGHTED_SUM = "weighted_sum"
    TOPSIS = "topsis"


class InvalidDecisionMatrixError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class DecisionMatrix:
    """Raw criterion values of each candidate, whether larger is better, and the user's weights."""

    values: FloatArray  # shape (candidates, criteria)
    is_benefit: NDArray[np.bool_]  # shape (criteria,)
    weights: FloatArray  # shape (criteria,), normalised to sum 1 by `decision_matrix`


def decision_matrix(values: object, is_benefit: object, weights: object) -> DecisionMatrix:
    """Check shapes and values, and normalise the weights to sum to 1."""
    matrix = np.asarray(values, dtype=np.float64)
    benefit = np.asarray(is_benefit, dtype=np.bool_)
    raw = np.asarray(weights, dtype=np.float64)
    if matrix.ndim != 2 or matrix.shape[1] != benefit.shape[0] or raw.shape != benefit.shape:
        raise InvalidDecisionMatrixError(
            f"values {matrix.shape}, is_benefit {benefit.shape} and weights {raw.shape} do not agree"
        )
    if not np.all(np.isfinite(matrix)):
        raise InvalidDecisionMatrixError("values must be finite: impute unknown facts before scoring")
    if np.any(raw < 0) or not np.isfinite(raw).all() or raw.sum() <= 0:
        raise InvalidDecisionMatrixError(
            f"weights must be non-negative with a positive sum, got {raw.tolist()}"
        )
    return DecisionMatrix(matrix, benefit, raw / raw.sum())


def minmax_normalized(matrix: DecisionMatrix) -> FloatArray:
    """Each criterion rescaled to 0 (worst candidate) … 1 (best); a criterion equal for all gives 1."""
    low, high = matrix.values.min(axis=0), matrix.values.max(axis=0)
    span = high - low
    safe_span = np.where(span > 0, span, 1.0)
    up = (matrix.values - low) / safe_span
    oriented = np.where(matrix.is_benefit, up, 1.0 - up)
    return np.where(span > 0, oriented, 1.0)


def vector_normalized(matrix: DecisionMatrix) -> FloatArray:
    """Hwang & Yoon (1981) vector normalisation x_ij / ||x_j||, the classical TOPSIS choice.

    Cost criteria are turned into benefits afterwards as 1 − r_ij, which keeps the distances of TOPSIS
    unchanged (a reflection) and lets one ideal point be the column maximum.
    """
    norms = np.sqrt((matrix.values**2).sum(axis=0))
    r = matrix.values / np.where(norms > 0, norms, 1.0)
    return np.where(matrix.is_benefit, r, 1.0 - r)


@dataclass(frozen=True, slots=True)
class Scores:
    """Scores (larger is better) and what each criterion contributed to each score."""

    method: Method
    scores: FloatArray  # (candidates,)
    contributions: FloatArray  # (candidates, criteria); rows sum to the score for the weighted sum


def weighted_sum(matrix: DecisionMatrix) -> Scores:
    """Σ_j w_j · r_ij with min–max normalisation: each contribution is a share of the score."""
    contributions = minmax_normalized(matrix) * matrix.weights
    return Scores(Method.WEIGHTED_SUM, contributions.sum(axis=1), contributions)


def topsis(matrix: DecisionMatrix) -> Scores:
    """TOPSIS closeness C_i = d⁻ / (d⁺ + d⁻) (Hwang & Yoon 1981) on vector-normalised, weighted values.

    Contributions are each criterion's share of the squared distance to the anti-ideal minus its share of
    the squared distance to the ideal, scaled to the score: positive where the zone is nearer the best.
    """
    weighted = vector_normalized(matrix) * matrix.weights
    best, worst = weighted.max(axis=0), weighted.min(axis=0)
    to_best, to_worst = (weighted - best) ** 2, (weighted - worst) ** 2
    d_plus, d_minus = np.sqrt(to_best.sum(axis=1)), np.sqrt(to_worst.sum(axis=1))
    total = d_plus + d_minus
    closeness = np.where(total > 0, d_minus / np.where(total > 0, total, 1.0), 1.0)
    pull = to_worst - to_best
    scale = np.abs(pull).sum(axis=1, keepdims=True)
    contributions = closeness[:, None] * np.where(scale > 0, pull / np.where(scale > 0, scale, 1.0), 0.0)
    return Scores(Method.TOPSIS, closeness, contributions)


def score(matrix: DecisionMatrix, method: Method) -> Scores:
    return weighted_sum(matrix) if method == Method.WEIGHTED_SUM else topsis(matrix)


def ranking(scores: FloatArray, top: int | None = None) -> NDArray[np.int64]:
    """Candidate indices, best first (the `top` best only, if given).

    Equal scores keep the input (registry) order, also at the cut of `top`, so results are repeatable.
    """
    if top is None or top >= scores.shape[0]:
        return np.argsort(-scores, kind="stable").astype(np.int64)
    if top <= 0:
        return np.array([], dtype=np.int64)
    cut = np.partition(-scores, top - 1)[top - 1]
    above, at_cut = np.flatnonzero(-scores < cut), np.flatnonzero(-scores == cut)
    best = np.sort(np.concatenate([above, at_cut[: top - above.shape[0]]]))
    return best[np.argsort(-scores[best], kind="stable")].astype(np.int64)
