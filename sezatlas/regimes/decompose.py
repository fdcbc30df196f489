"""NPV of incentives by instrument, with an order-free rule (methodology §1.9: instruments interact).

Rule: the Shapley value. With v(S) = PV(taxes, standard) − PV(taxes, standard with the zone's
instruments S switched on), instrument k gets
    φ_k = Σ_{S ⊆ N∖{k}} |S|! (n − |S| − 1)! / n! · [v(S ∪ {k}) − v(S)],
the average of its marginal value over every order of switching on. The parts sum exactly to the
total v(N) (efficiency), an instrument that changes nothing gets 0, and a holiday that makes an
allowance worthless shares the interaction equally. It costs 2^n tax computations, n = number of
instruments that differ; above MAX_SHAPLEY_INSTRUMENTS the rule falls back to sequential switching in
the fixed order of `rules.INSTRUMENTS`, and says so in the rule string.
"""

from collections.abc import Callable
from itertools import combinations
from math import factorial

from sezatlas.regimes.rules import INSTRUMENTS, Regime

DECOMPOSITION_RULE = "shapley"
SEQUENTIAL_RULE = "sequential in the order of rules.INSTRUMENTS"
MAX_SHAPLEY_INSTRUMENTS = 10


def differing_instruments(zone: Regime, standard: Regime) -> tuple[str, ...]:
    return tuple(name for name in INSTRUMENTS if getattr(zone, name) != getattr(standard, name))


def hybrid(standard: Regime, zone: Regime, switched_on: tuple[str, ...]) -> Regime:
    """The standard regime with the zone's version of the named instruments."""
    return standard.model_copy(update={name: getattr(zone, name) for name in switched_on})


def _values(
    names: tuple[str, ...], zone: Regime, standard: Regime, pv: Callable[[Regime], float]
) -> dict[frozenset[str], float]:
    base = pv(standard)
    values: dict[frozenset[str], float] = {}
    for size in range(len(names) + 1):
        for subset in combinations(names, size):
            values[frozenset(subset)] = base - pv(hybrid(standard, zone, subset))
    return values


def shapley(names: tuple[str, ...], value: dict[frozenset[str], float]) -> dict[str, float]:
    """Shapley values of a game given by `value` over every subset of `names`."""
    n = len(names)
    parts = dict.fromkeys(names, 0.0)
    for subset, v in value.items():
        size = len(subset)
        for name in names:
            if name in subset:
                continue
            weight = factorial(size) * factorial(n - size - 1) / factorial(n)
            parts[name] += weight * (value[subset | {name}] - v)
    return parts


def sequential(
    names: tuple[str, ...], zone: Regime, standard: Regime, pv: Callable[[Regime], float]
) -> dict[str, float]:
    """Marginal value of each instrument switched on in order, after those before it."""
    parts: dict[str, float] = {}
    previous = pv(standard)
    for k, name in enumerate(names):
        current = pv(hybrid(standard, zone, names[: k + 1]))
        parts[name] = previous - current
        previous = current
    return parts


def shapley_by_instrument(
    zone: Regime, standard: Regime, pv: Callable[[Regime], float]
) -> tuple[dict[str, float], str]:
    """(NPV of incentives by instrument, the rule used); `pv` maps a regime to the PV of the taxes."""
    names = differing_instruments(zone, standard)
    if len(names) > MAX_SHAPLEY_INSTRUMENTS:
        return sequential(names, zone, standard, pv), SEQUENTIAL_RULE
    return shapley(names, _values(names, zone, standard, pv)), DECOMPOSITION_RULE
