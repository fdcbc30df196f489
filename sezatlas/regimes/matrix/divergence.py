"""How far the regimes shown agree in one dimension: the written rule of the matrix's summary row.

`summarize` is a pure function of the cells' codes and of the rule data the dimension declares
(`Dimension.families`, `Dimension.conflicts` in dimensions.py). Unknown cells are left out and counted.
Over the distinct known codes, in this order:

1. none known: no verdict ("not known");
2. one code: **aligned**;
3. two codes the dimension declares mutually exclusive are both present: **in conflict** (e.g. one
   regime's relief is export-contingent and another's is declared not to be: ASCM Art. 3.1(a));
4. every code in one family the dimension declares: **compatible** (e.g. a holiday and a permanent
   exemption);
5. otherwise: **divergent**.

The same words and rule are in docs/incentives.md ("Harmonization matrix"), and the page shows them.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from sezatlas.regimes.matrix.dimensions import N_, UNKNOWN, Dimension


class Verdict(StrEnum):
    ALIGNED = "aligned"
    COMPATIBLE = "compatible"
    DIVERGENT = "divergent"
    IN_CONFLICT = "in_conflict"


VERDICT_TITLES: dict[Verdict | None, str] = {
    Verdict.ALIGNED: N_("Aligned"),
    Verdict.COMPATIBLE: N_("Compatible"),
    Verdict.DIVERGENT: N_("Divergent"),
    Verdict.IN_CONFLICT: N_("In conflict"),
    None: N_("Not known"),
}
RULE_SENTENCES: tuple[tuple[Verdict | None, str], ...] = (
    (Verdict.ALIGNED, N_("every regime with a known cell has the same code.")),
    (Verdict.IN_CONFLICT, N_("two codes the dimension declares mutually exclusive are both present.")),
    (Verdict.COMPATIBLE, N_("the codes differ but all belong to one family the dimension declares.")),
    (Verdict.DIVERGENT, N_("any other mix of codes.")),
    (None, N_("no regime shown has a known cell. Unknown cells are left out of every verdict and counted.")),
)


@dataclass(frozen=True, slots=True)
class DimensionSummary:
    """The verdict of one dimension, with how many regimes have each code and how many are unknown."""

    dimension: Dimension
    verdict: Verdict | None
    counts: dict[str, int]
    unknown: int

    @property
    def known(self) -> int:
        return sum(self.counts.values())


def verdict_of(dimension: Dimension, codes: frozenset[str]) -> Verdict | None:
    """The rule above, over the distinct known codes."""
    if not codes:
        return None
    if len(codes) == 1:
        return Verdict.ALIGNED
    if any(pair <= codes for pair in dimension.conflicts):
        return Verdict.IN_CONFLICT
    if any(codes <= family for family in dimension.families):
        return Verdict.COMPATIBLE
    return Verdict.DIVERGENT


def summarize(dimension: Dimension, codes: Iterable[str]) -> DimensionSummary:
    """The summary of one dimension over the cells' codes (one per regime shown)."""
    counted = Counter(codes)
    unknown = counted.pop(UNKNOWN, 0)
    ordered = {code.key: counted[code.key] for code in dimension.codes if counted[code.key]}
    if set(counted) - set(ordered):
        raise ValueError(f"{dimension.key}: codes {sorted(set(counted) - set(ordered))} are not declared")
    return DimensionSummary(dimension, verdict_of(dimension, frozenset(ordered)), ordered, unknown)
