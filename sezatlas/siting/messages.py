"""What site selection says about a ranking, as a kind and its parameters, with the English sentence.

The core does not know the reader's language: the web layer translates each message by its `kind`
from the parameters (`web/pages/rank_words.py`), and the CLI and the workbook print `text`. Parameters
are plain data: zone names as the registry records them, criterion names (`sector_fit`), shares as
fractions (0.87), counts as integers.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from sezatlas.standard.plurals import counted

ParamValue = str | int | float | list[str] | None
TIED_NAMED = 3  # zones named in the sentence about a tie for first place; the others counted


@dataclass(frozen=True, slots=True)
class Message:
    kind: str
    text: str  # in English, for the CLI, the workbook and readers of the JSON
    params: dict[str, ParamValue] = field(default_factory=dict)


def first_share(zone: str, share: float) -> Message:
    return Message("first_share", f"{zone} is first in {share:.0%} of plausible weightings.",
                   {"zone": zone, "share": share})  # fmt: skip


def no_single_change(zone: str) -> Message:
    return Message("no_single_change", f"No change of a single weight would take first place from {zone}.",
                   {"zone": zone})  # fmt: skip


def weight_change(rival: str, criterion: str, title: str, old: float, new: float) -> Message:
    """`rival` would tie for first if the weight of `criterion` (whose English title is `title`) moved."""
    text = (f"{rival} would tie for first if the weight of “{title}” went from {old:.0%} to {new:.0%} "
            "of the total.")  # fmt: skip
    return Message("weight_change", text, {"rival": rival, "criterion": criterion, "old": old, "new": new})


def tie_for_first(count: int, names: Sequence[str], shares: Sequence[float]) -> Message:
    """A tie said as a tie (not "X is first in 14 %"): who shares first place, and how often each is first.

    `names` are the tied zones on the shortlist (the first `TIED_NAMED` are named, the others counted).
    """
    named = ", ".join(names[:TIED_NAMED]) + (
        f" and {count - TIED_NAMED:,} more" if count > TIED_NAMED else ""
    )
    low, high = (min(shares), max(shares)) if shares else (None, None)
    share = ""
    if low is not None and high is not None:
        spread = f"{low:.0%}" if f"{low:.0%}" == f"{high:.0%}" else f"{low:.0%}–{high:.0%}"
        share = f"; each is first in {spread} of plausible weightings"
    text = (
        f"{count} zones tie for first place under these weights ({named}): their scores are equal to "
        f"three decimals{share}. Ask their operators for the missing facts."
    )
    more = max(count - TIED_NAMED, 0)
    params: dict[str, ParamValue] = {
        "count": count,
        "names": list(names[:TIED_NAMED]),
        "more": more,
        "low": low,
        "high": high,
    }
    return Message("tie_for_first", text, params)


def criterion_left_out(criterion: str, title: str, is_stated: bool) -> Message:
    """A weighted criterion that cannot separate the zones: no candidate states it, or all state the same."""
    if is_stated:
        text = f"Every candidate zone has the same “{title}”: that criterion is left out of the score."
        return Message("criterion_alike", text, {"criterion": criterion})
    text = f"No candidate zone states “{title}”: that criterion is left out of the score."
    return Message("criterion_left_out", text, {"criterion": criterion})


def registry_order() -> Message:
    return Message(
        "registry_order", "No weighted criterion separates the zones: they are listed in registry order."
    )


def unconfirmed_ranked(count: int, required: int) -> Message:
    """Some ranked zones stand on unknown facts: their place is less certain, and the evidence says how."""
    requirements = counted(required, "requirement")
    text = (
        f"{count:,} ranked zones lack data on at least one of the project's {requirements}: "
        "they are ranked with what is known, and each shows how many requirements its data confirm."
    )
    return Message("unconfirmed_ranked", text, {"count": count, "required": required})


def incentives_valued(valued: int, currency: str, unlinked: int, total: int) -> Message:
    text = (
        f"Incentives valued by the incentive engine for {valued} ranked zones ({currency} m); zones "
        f"without a linked regime ({unlinked} of {total} in the registry) or without a computable "
        "value are scored as the median."
    )
    params: dict[str, ParamValue] = {
        "valued": valued,
        "currency": currency,
        "unlinked": unlinked,
        "total": total,
    }
    return Message("incentives_valued", text, params)
