"""Synthetic rates of several regimes as JSON-ready rows (the CLI and the API print or return them)."""

from collections.abc import Iterable, Mapping
from typing import Any

from sezatlas.regimes.rules import Regime
from sezatlas.regimes.synthetic.regime_rates import (
    ILLUSTRATIVE_ASSETS,
    RegimeSyntheticRates,
    SyntheticSetting,
    regime_synthetic_rates,
)
from sezatlas.regimes.synthetic.schedule import SyntheticRates

ASSUMPTIONS_NOTE = (
    "Equity-financed permanent investment, no personal taxes, the preferential schedule starting in the "
    "investment year; asset depreciation rates and equal weights are illustrative (OECD CTS annex values "
    "pending): "
    + ", ".join(f"{a.asset_class.value} delta={a.economic_depreciation:g}" for a in ILLUSTRATIVE_ASSETS)
)


def _rates(rates: SyntheticRates) -> dict[str, float | None]:
    return {"cost_of_capital": rates.cost_of_capital, "emtr": rates.emtr, "eatr": rates.eatr}


def synthetic_as_dict(result: RegimeSyntheticRates) -> dict[str, Any]:
    """Per asset class and composite cost of capital, EMTR and EATR of one regime, with its notes."""
    return {
        "regime_id": result.regime_id,
        "by_asset": {asset.value: _rates(rates) for asset, rates in result.by_asset.items()},
        "composite": {
            "cost_of_capital": result.composite_cost_of_capital,
            "emtr": result.composite_emtr,
            "eatr": result.composite_eatr,
        },
        "notes": list(result.notes),
    }


def synthetic_for(
    regimes: Mapping[str, Regime], ids: Iterable[str], setting: SyntheticSetting
) -> list[RegimeSyntheticRates]:
    """The synthetic rates of each requested regime, in the order asked."""
    return [regime_synthetic_rates(regimes[i], setting) for i in ids]
