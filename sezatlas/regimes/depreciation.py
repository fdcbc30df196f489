"""Tax depreciation of a project's assets, year by year, by asset class.

The allowance of an asset acquired in year v, in year t >= v, is basis_v x share[t − v], where `share`
is the method's schedule per unit of cost (the first allowance in the year of acquisition, as in the
Devereux–Griffith discrete convention, methodology §1.1). Unknown rules fall back to declared
assumptions that the result lists.
"""

from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

from sezatlas.regimes.rules import AssetClass, Depreciation, DepreciationMethod, DepreciationRule

FloatArray = NDArray[np.float64]

# Declared fallbacks, used only when a regime's sources give no rule (and then named in the result).
# They are the most common statutory straight-line rates in the Tax Foundation/Oxford CBT parameter file
# quoted in methodology §2.5 (buildings 5%, machinery 10%), and 20% for software.
FALLBACK_RULES: dict[AssetClass, DepreciationRule] = {
    AssetClass.BUILDINGS: DepreciationRule(method=DepreciationMethod.STRAIGHT_LINE, rate=0.05),
    AssetClass.MACHINERY: DepreciationRule(method=DepreciationMethod.STRAIGHT_LINE, rate=0.10),
    AssetClass.INTANGIBLES: DepreciationRule(method=DepreciationMethod.STRAIGHT_LINE, rate=0.20),
}


@lru_cache(maxsize=1024)
def allowance_shares(rule: DepreciationRule, years: int) -> FloatArray:
    """Allowance per unit of cost by age 0..years−1; the schedule never exceeds the cost.

    With an initial allowance `ia` the regular schedule on the remaining 1 − ia starts one year later,
    the convention of z = ia + (1 − ia)·φ/(φ + ρ) (methodology §1.1); without one it starts at age 0.
    Straight line applies `rate` to the cost, declining balance to the written-down value.
    Memoised (rules are frozen), so callers must not modify the returned array.
    """
    shares = np.zeros(years)
    if years == 0:
        return shares
    if rule.method is DepreciationMethod.EXPENSING:
        shares[0] = 1.0
        shares.setflags(write=False)
        return shares
    first = 1 if rule.initial_allowance > 0 else 0
    shares[0] = rule.initial_allowance
    cost = balance = 1.0 - rule.initial_allowance
    for age in range(first, years):
        is_straight = rule.method is DepreciationMethod.STRAIGHT_LINE
        amount = min(rule.rate * cost, balance) if is_straight else rule.rate * balance
        shares[age] += amount
        balance -= amount
    shares.setflags(write=False)
    return shares


def depreciate(additions: FloatArray, rule: DepreciationRule) -> FloatArray:
    """Allowances of every vintage, summed by year (a convolution of additions with the schedule)."""
    years = additions.shape[0]
    allowances: FloatArray = np.convolve(additions, allowance_shares(rule, years))[:years]
    return allowances


def resolve_rule(depreciation: Depreciation, asset_class: AssetClass) -> tuple[DepreciationRule, bool]:
    """The regime's rule for a class, or the declared fallback; the flag says whether it was assumed."""
    rule = depreciation.rule_for(asset_class)
    if rule is None:
        return FALLBACK_RULES[asset_class], True
    return rule, False
