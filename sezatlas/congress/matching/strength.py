"""How good a recommended match is, in words: strong, good or weak, and why in one phrase.

A bare score ("match 0.05") says nothing to a participant. The bands are read off the formula of
`affinity.py` (both directions fused by their harmonic mean):

* roles alone give at most 0.05 (the floor × a role fit of 1), so a pair of nothing but roles is weak;
* **strong** (≥ 0.25): about what one exact declared need met in each direction gives with fitting
  roles (1 × (0.05 + 0.35 × 0.63) ≈ 0.27 each way), or one need met plus a shared sector or zone;
* **good** (≥ 0.10): twice the most that roles alone give; both sides have some reason to meet;
* **weak** below that; said to be one-sided when one side's interest is three times the other's.

The summary is a kind (and the score) like a reason, so the web says it in the reader's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

STRONG_SCORE = 0.25
GOOD_SCORE = 0.10
ONE_SIDED_RATIO = 3.0
CONTENT_PARTS = ("sector", "need_you", "need_them", "zone_you", "zone_them", "text_you", "text_them")


class MatchStrength(StrEnum):
    STRONG = "strong"
    GOOD = "good"
    WEAK = "weak"


class SummaryKind(StrEnum):
    STRONG = "strong"
    GOOD = "good"
    WEAK_MORE_FOR_YOU = "weak_more_for_you"
    WEAK_MORE_FOR_THEM = "weak_more_for_them"
    WEAK_ROLES_ONLY = "weak_roles_only"
    WEAK = "weak"


SUMMARY_TEMPLATES: dict[SummaryKind, str] = {
    SummaryKind.STRONG: "Strong match ({score} of 1): both of you have much to gain from meeting",
    SummaryKind.GOOD: "Good match ({score} of 1): both of you have something to gain from meeting",
    SummaryKind.WEAK_MORE_FOR_YOU: "Weak match ({score} of 1): you would gain more from it than they would",
    SummaryKind.WEAK_MORE_FOR_THEM: "Weak match ({score} of 1): they would gain more from it than you would",
    SummaryKind.WEAK_ROLES_ONLY: (
        "Weak match ({score} of 1): only your roles fit; nothing you offer or need meets theirs"
    ),
    SummaryKind.WEAK: "Weak match ({score} of 1): little of what you offer and need meets theirs",
}


@dataclass(frozen=True)
class Summary:
    """A match in words: its kind, the score as shown ("0.44"), and the English sentence."""

    kind: SummaryKind
    score: str
    text: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", SUMMARY_TEMPLATES[self.kind].format(score=self.score))

    @property
    def strength(self) -> MatchStrength:
        return MatchStrength(self.kind.value.split("_")[0])


def summarise(score: float, to_you: float, to_them: float, parts: Mapping[str, float]) -> Summary:
    """The words for a pair's score, from both directed interests and the parts of the score."""
    shown = f"{score:.2f}"
    if score >= STRONG_SCORE:
        return Summary(SummaryKind.STRONG, shown)
    if score >= GOOD_SCORE:
        return Summary(SummaryKind.GOOD, shown)
    if not any(parts[name] > 0 for name in CONTENT_PARTS):
        return Summary(SummaryKind.WEAK_ROLES_ONLY, shown)
    if to_you >= ONE_SIDED_RATIO * to_them:
        return Summary(SummaryKind.WEAK_MORE_FOR_YOU, shown)
    if to_them >= ONE_SIDED_RATIO * to_you:
        return Summary(SummaryKind.WEAK_MORE_FOR_THEM, shown)
    return Summary(SummaryKind.WEAK, shown)
