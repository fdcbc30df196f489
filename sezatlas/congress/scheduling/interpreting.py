"""How two people without a common language can be interpreted: the options a meeting chooses from.

The rule is `docs/congress-scheduling.md#interpreters`: one interpreter from any pool that covers a
language of each side (direct), or, when the event allows relay, two interpreters meeting in a pivot
language p — one from a pool covering a language of one side and p, one from a pool covering p and a
language of the other side. Every solver picks one option per meeting and slot; the bound relaxes
the choice over the same list.

Only options that are not dominated are listed: a relay through a pool that could interpret the pair
directly uses that pool and one interpreter more, so it is never better than the direct option (which
is also why a relay through one pool covering all three languages never appears here, though the
validator accepts it). Pools with no interpreter in any slot are left out.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from sezatlas.congress.model import InterpreterPool, language_pair


@dataclass(frozen=True)
class InterpreterOption:
    """One way to interpret a meeting: the pool (an index into the pools given) of each leg.

    `languages` is what the meeting records: a sorted pair for a direct option, the chain
    (language of the first side, pivot, language of the second side) for a relay.
    """

    legs: tuple[int, ...]
    languages: tuple[str, ...]

    @property
    def is_relay(self) -> bool:
        return len(self.legs) > 1


def interpreter_options(
    first: Collection[str],
    second: Collection[str],
    pools: Sequence[InterpreterPool],
    allows_relay: bool,
) -> list[InterpreterOption]:
    """Every undominated option for people speaking `first` and `second`, the best-staffed first.

    Empty when the two share a language (no interpreter needed) or when nothing fits.
    """
    if set(first) & set(second):
        return []
    staffed = [k for k, pool in enumerate(pools) if sum(pool.per_slot) > 0]
    staff = [sum(pool.per_slot) for pool in pools]
    direct = [k for k in staffed if _covers_both(pools[k], first, second)]
    options = [
        InterpreterOption((k,), language_pair(*_common_pair(pools[k], first, second)))
        for k in sorted(direct, key=lambda k: (-staff[k], pools[k].name))
    ]
    if not allows_relay:
        return options
    relays: dict[frozenset[int], InterpreterOption] = {}
    others = [k for k in staffed if k not in direct]
    for k1 in others:
        for k2 in others:
            pivots = sorted(pools[k1].languages & pools[k2].languages)
            own = sorted(pools[k1].languages & set(first))
            theirs = sorted(pools[k2].languages & set(second))
            if k1 == k2 or not (pivots and own and theirs) or frozenset((k1, k2)) in relays:
                continue
            relays[frozenset((k1, k2))] = InterpreterOption((k1, k2), (own[0], pivots[0], theirs[0]))
    ranked = sorted(
        relays.values(),
        key=lambda o: (-min(staff[k] for k in o.legs), -sum(staff[k] for k in o.legs), o.languages),
    )
    return options + ranked


def _covers_both(pool: InterpreterPool, first: Collection[str], second: Collection[str]) -> bool:
    return bool(pool.languages & set(first)) and bool(pool.languages & set(second))


def _common_pair(pool: InterpreterPool, first: Collection[str], second: Collection[str]) -> tuple[str, str]:
    """The first language of each side that the pool covers (sorted, so the choice is stable)."""
    return min(pool.languages & set(first)), min(pool.languages & set(second))
