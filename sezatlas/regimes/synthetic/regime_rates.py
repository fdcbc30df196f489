"""Synthetic EATR/EMTR of a regime, per asset class and composite (OECD/Hanappi 2018 style).

The marginal investment is made at the start year by a firm already earning taxable profit, so the
preferential schedule's trigger is taken to fall in the investment year (declared). Composite: the
EATR is the weighted mean of the asset EATRs and the EMTR is computed from the weighted mean cost of
capital, EMTR = (p̄ − r)/p̄, with the weights declared by the caller.
Not in a capital ETR (methodology §1.7): payroll relief, VAT, duty on inputs, turnover levies, minimum
taxes, benefit caps and Pillar Two; they are listed in `not_modelled` when the regime has them.
"""

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from sezatlas.regimes.cit_rates import phase_rate, standard_rate
from sezatlas.regimes.depreciation import resolve_rule
from sezatlas.regimes.errors import FieldInputError
from sezatlas.regimes.levies import duty_rate
from sezatlas.regimes.rules import (
    AssetClass,
    DepreciationMethod,
    DepreciationRule,
    HolidayAllowanceRule,
    IncomeScope,
    Regime,
)
from sezatlas.regimes.synthetic.devereux_griffith import Economy
from sezatlas.regimes.synthetic.schedule import AllowanceSchedule, SyntheticRates, TaxPath, synthetic_rates


@dataclass(frozen=True, slots=True)
class AssetAssumption:
    """An asset class with its economic depreciation δ and composite weight."""

    asset_class: AssetClass
    economic_depreciation: float
    weight: float


# Round illustrative values, not sourced: replace with the OECD CTS annex parameters before publishing
# comparisons (methodology §5 item 7). Equal weights as in the OECD composite (from memory, §1.4).
ILLUSTRATIVE_ASSETS: tuple[AssetAssumption, ...] = (
    AssetAssumption(AssetClass.BUILDINGS, 0.03, 1.0),
    AssetAssumption(AssetClass.MACHINERY, 0.15, 1.0),
    AssetAssumption(AssetClass.INTANGIBLES, 0.20, 1.0),
)


def asset_mix(changes: Mapping[AssetClass, tuple[float, float]]) -> tuple[AssetAssumption, ...]:
    """`ILLUSTRATIVE_ASSETS` with the named classes' (δ, weight) replaced: a class not named keeps its
    default; weight 0 leaves a class out of the composite (its own rates are still reported)."""
    return tuple(
        AssetAssumption(a.asset_class, *changes[a.asset_class]) if a.asset_class in changes else a
        for a in ILLUSTRATIVE_ASSETS
    )


@dataclass(frozen=True, slots=True)
class SyntheticSetting:
    """The standard investment: economy, start year, the inputs a regime cannot know, and the asset mix
    (economic depreciation δ and composite weight of each class), checked when the setting is made."""

    economy: Economy = field(default_factory=Economy)
    start_year: int = 2026
    qualifying_share: float = 1.0
    import_share: float = 0.0
    duty_rate_capital_goods: float | None = None
    property_tax_rate: float | None = None
    assets: tuple[AssetAssumption, ...] = ILLUSTRATIVE_ASSETS

    def __post_init__(self) -> None:
        seen: set[AssetClass] = set()
        for asset in self.assets:
            where = f"assets.{asset.asset_class.value}"
            if asset.asset_class in seen:
                raise FieldInputError("named twice", field=where)
            seen.add(asset.asset_class)
            if not 0 < asset.economic_depreciation <= 1:  # also refuses NaN
                reason = f"{asset.economic_depreciation:g} is outside (0, 1] (0.15 for 15% a year)"
                raise FieldInputError(reason, field=f"{where}.economic_depreciation")
            if not asset.weight >= 0 or math.isinf(asset.weight):
                raise FieldInputError(
                    f"{asset.weight:g} is not a weight of 0 or more", field=f"{where}.weight"
                )
        if not any(asset.weight > 0 for asset in self.assets):
            raise FieldInputError("every weight is 0: give at least one asset class a weight", field="assets")


@dataclass(frozen=True, slots=True)
class RegimeSyntheticRates:
    regime_id: str
    by_asset: dict[AssetClass, SyntheticRates]
    composite_eatr: float
    composite_cost_of_capital: float
    composite_emtr: float | None
    notes: tuple[str, ...]


def allowance_schedule(rule: DepreciationRule) -> AllowanceSchedule:
    if rule.method is DepreciationMethod.EXPENSING:
        return AllowanceSchedule.expensing()
    if rule.method is DepreciationMethod.STRAIGHT_LINE:
        return AllowanceSchedule.straight_line(rule.rate, rule.initial_allowance)
    return AllowanceSchedule.declining_balance(rule.rate, rule.initial_allowance)


def _rate(regime: Regime, setting: SyntheticSetting, year: int) -> float:
    cit = regime.cit
    standard = standard_rate(cit, setting.start_year + year)
    phase = phase_rate(cit, year, setting.start_year + year)
    if phase is None:
        return standard
    share = 1.0 if cit.income_scope is IncomeScope.ALL else setting.qualifying_share
    return share * phase + (1 - share) * standard


def _explicit_years(regime: Regime, setting: SyntheticSetting) -> int:
    finite = sum(p.years or 0 for p in regime.cit.phases)
    dated = [d.from_year for d in regime.cit.standard_rates]
    dated += [p.until_year + 1 for p in regime.cit.phases if p.until_year is not None]
    changes = max(dated) - setting.start_year
    return max(finite, changes, regime.property_tax.exemption_years, 0) + 1


def tax_path(regime: Regime, setting: SyntheticSetting, asset_class: AssetClass) -> TaxPath:
    """Rates for income years k = 1..K (phase year k − 1 from the trigger), then constant."""
    years = _explicit_years(regime, setting)
    rates = tuple(_rate(regime, setting, k) for k in range(years))
    is_tangible = asset_class is not AssetClass.INTANGIBLES
    w = regime.property_tax.rate if regime.property_tax.rate is not None else setting.property_tax_rate
    w = (w or 0.0) if is_tangible else 0.0
    exempt = regime.property_tax.exemption_years
    duty = duty_rate(regime.customs.capital_goods, setting.duty_rate_capital_goods, 0.0) or 0.0
    credit = regime.investment_credit
    return TaxPath(
        rates=rates,
        rate_after=_rate(regime, setting, years),
        property_rates=tuple(0.0 if k < exempt else w for k in range(years)),
        property_rate_after=w,
        duty=setting.import_share * duty if is_tangible else 0.0,
        credit=0.0 if credit is None else credit.rate,
        credit_reduces_basis=credit is not None and credit.reduces_basis,
        defer_holiday_allowances=regime.cit.holiday_allowance_rule is HolidayAllowanceRule.DEFERRED,
    )


def asset_allowances(regime: Regime, asset_class: AssetClass, notes: list[str]) -> AllowanceSchedule:
    """Depreciation of the class plus an investment allowance spread evenly from date 0 (absorbed)."""
    rule, is_assumed = resolve_rule(regime.depreciation, asset_class)
    if is_assumed:
        notes.append(
            f"{asset_class.value}: depreciation not in the sources; assumed {rule.method.value} "
            f"at {rule.rate:g}"
        )
    base = allowance_schedule(rule)
    extra = regime.investment_allowance
    if extra is None:
        return base
    length = max(len(base.explicit), extra.years) + 1
    amounts = base.padded(length)
    amounts[: extra.years] += extra.share / extra.years
    return AllowanceSchedule(tuple(float(a) for a in amounts), base.tail_ratio)


def _not_modelled(regime: Regime) -> list[str]:
    present = {
        "turnover levy": regime.turnover_levy is not None,
        "minimum tax": regime.minimum_tax is not None,
        "benefit cap": regime.benefit_cap is not None,
        "payroll relief": regime.payroll.reduced_rate is not None,
    }
    return [f"{name}: not in a capital ETR (see the project engine)" for name, on in present.items() if on]


def regime_synthetic_rates(
    regime: Regime, setting: SyntheticSetting, assets: tuple[AssetAssumption, ...] | None = None
) -> RegimeSyntheticRates:
    """Per-asset and composite cost of capital, EMTR and EATR of a regime (module docstring), for the
    setting's asset mix or the `assets` given."""
    assets = setting.assets if assets is None else assets
    total_weight = sum(a.weight for a in assets)
    if total_weight <= 0:
        raise ValueError("asset weights must sum to a positive number")
    notes = _not_modelled(regime)
    by_asset: dict[AssetClass, SyntheticRates] = {}
    for asset in assets:
        allowances = asset_allowances(regime, asset.asset_class, notes)
        path = tax_path(regime, setting, asset.asset_class)
        by_asset[asset.asset_class] = synthetic_rates(
            setting.economy, asset.economic_depreciation, allowances, path
        )
    eatr = sum(a.weight * by_asset[a.asset_class].eatr for a in assets) / total_weight
    coc = sum(a.weight * by_asset[a.asset_class].cost_of_capital for a in assets) / total_weight
    r = setting.economy.real_rate
    emtr = None if abs(coc) < 1e-12 else (coc - r) / coc
    return RegimeSyntheticRates(regime.regime_id, by_asset, eatr, coc, emtr, tuple(notes))
