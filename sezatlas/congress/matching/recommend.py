"""Who should meet whom at the Congress: a ranked, explained list of partners for every participant.

The score of a pair is reciprocal: A's interest in B and B's interest in A (`affinity.py` gives the
formula of each) are fused by their harmonic mean, as RECON does (Pizzato et al., RecSys 2010; research
§3.1), so a pair ranks high only when both sides gain. "Everyone wants the big investor" then does not
fill every list with the same investor: the investor's interest in most of them is low.

Recommendations fill in preferences people have not expressed; they never replace a participant's own
must / want / no: a blocked pair, oneself and one's own organisation
are never recommended.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from sezatlas.congress.matching.affinity import Affinity, FloatArray, IntArray
from sezatlas.congress.matching.profiles import build_profiles, zone_specialisations
from sezatlas.congress.matching.reasons import Explainer, Reason
from sezatlas.congress.matching.strength import Summary, summarise
from sezatlas.congress.model import Participant
from sezatlas.standard.codelists import fold_text

__all__ = ["Recommendation", "recommend"]

_CELLS_PER_BLOCK = 1_500_000  # rows × participants scored at once: ~12 MB per float array
_DECIMALS = 12  # scores equal to 12 decimals are ties
_MIX = np.uint64(0x9E3779B97F4A7C15)  # spreads the xor of two id hashes over all 64 bits (Fibonacci hashing)


@dataclass(frozen=True)
class Recommendation:
    """One partner to meet: the reciprocal score in 0..1, both directed interests, the score in words
    (`summary`: strong, good or weak, and why in a phrase), and the reasons."""

    participant_id: str
    score: float
    interest_to_you: float
    interest_to_them: float
    reasons: tuple[Reason, ...]
    summary: Summary


def recommend(
    participants: Sequence[Participant],
    *,
    for_id: str | None = None,
    top_k: int = 20,
    zones: Mapping[str, Sequence[str]] | None = None,
) -> dict[str, list[Recommendation]]:
    """The `top_k` best partners of every participant (or only of `for_id`), best first.

    `zones` maps registry zone ids to their ISIC specialisations ("2930" or "ISIC:2930"); with it, an
    operator counts as offering sites in its zones' sectors and as seeking residents in them.
    The result is the same for the same participants in any order. Equal scores are ordered by a hash
    of the pair, not by id, so that among equally good partners the same few are not shown to everyone.
    """
    ordered = sorted(participants, key=lambda p: p.participant_id)
    ids = [p.participant_id for p in ordered]
    if len(set(ids)) != len(ids):
        raise ValueError("participant ids must be unique")
    if for_id is not None and for_id not in ids:
        raise ValueError(f"unknown participant {for_id!r}")
    affinity = Affinity.build(build_profiles(ordered, zone_specialisations(zones)))
    rows = np.array([ids.index(for_id)] if for_id is not None else range(len(ids)), dtype=np.int64)
    lists = _Lister(affinity, ordered, top_k)
    block = max(1, _CELLS_PER_BLOCK // max(1, len(ids)))
    result: dict[str, list[Recommendation]] = {}
    for start in range(0, len(rows), block):
        result.update(lists.for_rows(rows[start : start + block]))
    return result


class _Lister:
    """Scores a block of participants against everyone and turns each row into its ranked list."""

    def __init__(self, affinity: Affinity, ordered: Sequence[Participant], top_k: int) -> None:
        self.affinity, self.top_k = affinity, top_k
        self.ids = [p.participant_id for p in ordered]
        self.excluded = _Exclusions(ordered)
        self.explainer = Explainer(affinity)
        self.tie_keys = _id_hashes(self.ids)

    def for_rows(self, rows: IntArray) -> dict[str, list[Recommendation]]:
        interest = self.affinity.interest(rows)
        you, them = interest.directed()
        score = _harmonic_mean(you, them)
        self.excluded.apply(rows, score)
        result = {}
        for r, a in enumerate(rows.tolist()):
            result[self.ids[a]] = [
                self._recommendation(a, b, (float(score[r, b]), float(you[r, b]), float(them[r, b])),
                                     interest.at(r, b))
                for b in _top(score[r], self.top_k, self.tie_keys ^ self.tie_keys[a])
            ]  # fmt: skip
        return result

    def _recommendation(
        self, a: int, b: int, values: tuple[float, float, float], parts: Mapping[str, float]
    ) -> Recommendation:
        """b for a: the score and both interests (rounded to 6 decimals), in words, and the reasons."""
        score, to_you, to_them = (round(value, 6) for value in values)
        return Recommendation(
            participant_id=self.ids[b],
            score=score,
            interest_to_you=to_you,
            interest_to_them=to_them,
            reasons=self.explainer.explain(a, b, parts),
            summary=summarise(score, to_you, to_them, parts),
        )


def _id_hashes(ids: Sequence[str]) -> npt.NDArray[np.uint64]:
    """A fixed 64-bit hash of each id (not Python's `hash`, which changes from run to run)."""
    digests = [int.from_bytes(hashlib.blake2b(i.encode(), digest_size=8).digest(), "little") for i in ids]
    return np.array(digests, dtype=np.uint64)


def _harmonic_mean(a: FloatArray, b: FloatArray) -> FloatArray:
    total = a + b
    return np.divide(2 * a * b, total, out=np.zeros_like(total), where=total > 0)


def _top(scores: FloatArray, k: int, tie_keys: npt.NDArray[np.uint64]) -> list[int]:
    """Indices of the k highest finite scores, best first; equal scores in `tie_keys` order."""
    eligible = np.flatnonzero(np.isfinite(scores))
    if k <= 0 or eligible.size == 0:
        return []
    rounded = np.round(scores[eligible], _DECIMALS)
    if eligible.size > k:
        cut = np.partition(rounded, eligible.size - k)[eligible.size - k]
        keep = rounded >= cut
        eligible, rounded = eligible[keep], rounded[keep]
    order = np.lexsort((tie_keys[eligible] * _MIX, -rounded))
    return [int(i) for i in eligible[order][:k]]


class _Exclusions:
    """Pairs never recommended: oneself, a block by either side, the same organisation."""

    def __init__(self, ordered: Sequence[Participant]) -> None:
        index = {p.participant_id: i for i, p in enumerate(ordered)}
        self.blocked: dict[int, set[int]] = {i: set() for i in range(len(ordered))}
        for i, p in enumerate(ordered):
            for other in p.blocked:
                if other in index:
                    self.blocked[i].add(index[other])
                    self.blocked[index[other]].add(i)
        # An unnamed organisation is nobody's colleague: each blank name gets a number of its own.
        names = [fold_text(p.organisation) or f"\0{i}" for i, p in enumerate(ordered)]
        numbers = {name: n for n, name in enumerate(sorted(set(names)))}
        self.organisation: IntArray = np.array([numbers[name] for name in names], dtype=np.int64)

    def apply(self, rows: IntArray, score: FloatArray) -> None:
        score[self.organisation[rows][:, None] == self.organisation[None, :]] = -np.inf
        score[np.arange(len(rows)), rows] = -np.inf
        for r, a in enumerate(rows.tolist()):
            for b in self.blocked[a]:
                score[r, b] = -np.inf
