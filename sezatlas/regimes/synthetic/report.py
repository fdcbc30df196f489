"""Synthetic rates of several regimes as JSON-ready rows (the CLI and the API print or return them)."""

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sezatlas.regimes.rules import Regime
from sezatlas.regimes.synthetic.regime_rates import (
    ILLUSTRATIVE_ASSETS,
    RegimeSyntheticRates,
    SyntheticSetting,
    regime_synthetic_rates,
)
from sezatlas.regimes.synthetic.schedule import SyntheticRates


def assumptions_note(setting: SyntheticSetting) -> str:
    """What every rate of a table assumes, the asset mix included (and whether it is the illustrative one)."""
    mix = ", ".join(
        f"{a.asset_class.value} delta={a.economic_depreciation:g} weight={a.weight:g}" for a in setting.assets
    )
    whose = (
        "illustrative (OECD CTS annex values pending)"
        if setting.assets == ILLUSTRATIVE_ASSETS
        else "as given for this table"
    )
    return (
        "Equity-financed permanent investment, no personal taxes, the preferential schedule starting in the "
        f"investment year; asset depreciation rates and weights are {whose}: {mix}"
    )


def _rates(rates: SyntheticRates) -> dict[str, float | None]:
    return {"cost_of_capital": rates.cost_of_capital, "emtr": rates.emtr, "eatr": rates.eatr}


@dataclass(frozen=True, slots=True)
class SyntheticRow:
    """One regime of a synthetic table: the regime (its confidence is shown), its rates, whether custom."""

    regime: Regime
    rates: RegimeSyntheticRates
    is_custom: bool = False


def synthetic_as_dict(row: SyntheticRow) -> dict[str, Any]:
    """Per asset class and composite cost of capital, EMTR and EATR of one regime, with its notes."""
    result = row.rates
    return {
        "regime_id": result.regime_id,
        "is_custom": row.is_custom,
        "by_asset": {asset.value: _rates(rates) for asset, rates in result.by_asset.items()},
        "composite": {
            "cost_of_capital": result.composite_cost_of_capital,
            "emtr": result.composite_emtr,
            "eatr": result.composite_eatr,
        },
        "notes": list(result.notes),
    }


def synthetic_for(
    regimes: Mapping[str, Regime],
    ids: Iterable[str],
    setting: SyntheticSetting,
    custom_ids: Collection[str] = (),
) -> list[SyntheticRow]:
    """The synthetic rates of each requested regime, in the order asked."""
    return [
        SyntheticRow(regimes[i], regime_synthetic_rates(regimes[i], setting), i in custom_ids) for i in ids
    ]
