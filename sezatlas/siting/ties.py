"""Order and ties: zones whose scores are equal as shown (three decimals) are tied, and said to be.

Within a tie the order is not a judgement of merit: zones whose data confirm more of the project's
requirements come first, then the unrounded score, then registry order (so results are repeatable).
"""

import numpy as np
from numpy.typing import NDArray

from sezatlas.siting.mcda import FloatArray

SCORE_DECIMALS = 3  # the precision scores are shown with; equal to it is a tie


def shown(scores: FloatArray) -> FloatArray:
    """Scores as a reader sees them."""
    return np.round(scores, SCORE_DECIMALS)


def ordered(scores: FloatArray, confirmed: NDArray[np.int64], top: int) -> NDArray[np.int64]:
    """Candidate indices, best first, the `top` best only (see the module docstring for ties)."""
    index = np.arange(scores.shape[0])
    order = np.lexsort((index, -scores, -confirmed, -shown(scores)))  # the last key sorts first
    return order[: max(top, 0)].astype(np.int64)


def tied_ranks(scores: FloatArray, i: int) -> list[int]:
    """[first, last] rank that candidate i shares with the zones of its shown score; [] when alone."""
    rounded = shown(scores)
    first = int(np.count_nonzero(rounded > rounded[i])) + 1
    last = int(np.count_nonzero(rounded >= rounded[i]))
    return [first, last] if last > first else []


def tied_for_first(scores: FloatArray) -> int:
    """How many candidates share the best shown score (1 when first place is clear)."""
    rounded = shown(scores)
    return int(np.count_nonzero(rounded == rounded.max())) if scores.size else 0
