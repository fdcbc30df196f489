"""The synthetic layer's asset mix is a parameter (SyntheticSetting.assets): checked by field, defaults kept
for the classes not named, and a weight of 0 leaves a class out of the composite."""

import pytest
from regime_examples import standard_regime

from sezatlas.regimes.errors import FieldInputError
from sezatlas.regimes.rules import AssetClass
from sezatlas.regimes.synthetic.devereux_griffith import Economy
from sezatlas.regimes.synthetic.regime_rates import (
    ILLUSTRATIVE_ASSETS,
    AssetAssumption,
    SyntheticSetting,
    asset_mix,
    regime_synthetic_rates,
)
from sezatlas.regimes.synthetic.report import assumptions_note

ECON = Economy(0.05, 0.02, 0.20)


def test_the_default_mix_is_the_illustrative_one_and_says_so() -> None:
    setting = SyntheticSetting()
    assert setting.assets == ILLUSTRATIVE_ASSETS == asset_mix({})
    assert "illustrative" in assumptions_note(setting) and "machinery delta=0.15" in assumptions_note(setting)


def test_a_class_not_named_keeps_its_default() -> None:
    mix = asset_mix({AssetClass.MACHINERY: (0.10, 2.0)})
    by_class = {asset.asset_class: asset for asset in mix}
    assert by_class[AssetClass.MACHINERY] == AssetAssumption(AssetClass.MACHINERY, 0.10, 2.0)
    assert by_class[AssetClass.BUILDINGS] == ILLUSTRATIVE_ASSETS[0]
    assert "as given for this table" in assumptions_note(SyntheticSetting(assets=mix))


def test_economic_depreciation_changes_the_rates_and_a_zero_weight_drops_a_class() -> None:
    regime = standard_regime()
    slow = regime_synthetic_rates(
        regime, SyntheticSetting(ECON, assets=asset_mix({AssetClass.MACHINERY: (0.05, 1)}))
    )
    fast = regime_synthetic_rates(
        regime, SyntheticSetting(ECON, assets=asset_mix({AssetClass.MACHINERY: (0.30, 1)}))
    )
    assert slow.by_asset[AssetClass.MACHINERY].eatr != fast.by_asset[AssetClass.MACHINERY].eatr
    only_machinery = asset_mix({AssetClass.BUILDINGS: (0.03, 0), AssetClass.INTANGIBLES: (0.2, 0)})
    result = regime_synthetic_rates(regime, SyntheticSetting(ECON, assets=only_machinery))
    assert result.composite_eatr == pytest.approx(result.by_asset[AssetClass.MACHINERY].eatr, abs=1e-15)
    assert set(result.by_asset) == set(AssetClass)  # a class left out of the composite is still reported


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({AssetClass.MACHINERY: (0.0, 1.0)}, "assets.machinery.economic_depreciation"),
        ({AssetClass.BUILDINGS: (1.5, 1.0)}, "assets.buildings.economic_depreciation"),
        ({AssetClass.BUILDINGS: (float("nan"), 1.0)}, "assets.buildings.economic_depreciation"),
        ({AssetClass.INTANGIBLES: (0.2, -1.0)}, "assets.intangibles.weight"),
        (dict.fromkeys(AssetClass, (0.1, 0.0)), "assets"),
    ],
)
def test_an_impossible_mix_is_refused_naming_the_field(
    changes: dict[AssetClass, tuple[float, float]], field: str
) -> None:
    with pytest.raises(FieldInputError) as caught:
        SyntheticSetting(assets=asset_mix(changes))
    assert caught.value.field == field


def test_a_class_named_twice_is_refused() -> None:
    twice = (*ILLUSTRATIVE_ASSETS, AssetAssumption(AssetClass.MACHINERY, 0.1, 1.0))
    with pytest.raises(FieldInputError, match=r"assets\.machinery: named twice"):
        SyntheticSetting(assets=twice)
