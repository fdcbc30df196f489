"""The input recipe of an ISIC class or HS product, and the bridges that take BEA industries to ISIC."""

import csv

import numpy as np
import pytest

from sezatlas.chains.bridges import isic_bridge, naics_making
from sezatlas.chains.io_tables import requirements
from sezatlas.chains.recipe import PROXY_LABEL, RecipeRequestError, UnknownProductError, input_recipe
from sezatlas.congress.matching.codes import isic_equivalents
from sezatlas.standard.codelists import data_path


def _read(name: str) -> list[dict[str, str]]:
    with data_path("chains", name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_an_isic_recipe_weighs_its_bea_industries_by_output_as_documented() -> None:
    """ISIC 2720 (batteries): the NAICS codes mapped to it alone are 335911 and 335912 (326199 and 326299,
    plastics and rubber goods, list 2720 among other classes and are left out); each is the only NAICS code
    of its BEA industry, so the weights are the two industries' 2017 outputs, normalised."""
    dedicated = sorted(
        r["naics2017_code"]
        for r in _read("naics2017_isic4.csv")
        if r["isic4_code"] == "2720" and r["n_isic4_for_naics"] == "1"
    )
    assert dedicated == ["335911", "335912"] == list(naics_making("2720"))
    output = {
        r["industry_code"]: float(r["total_industry_output_usd_million"])
        for r in _read("us_bea2017_detail_industry_totals.csv")
    }
    by_hand = {code: output[code] / (output["335911"] + output["335912"]) for code in dedicated}
    recipe = input_recipe("2720", top=500)
    assert {i.bea_code: i.weight for i in recipe.made_of} == pytest.approx(by_hand, rel=1e-12)
    engine = requirements()
    direct = sum(w * engine.direct[:, engine.industry_index(code)].sum() for code, w in by_hand.items())
    assert recipe.direct_sum_per_usd == pytest.approx(direct, rel=1e-12)


def test_every_input_dollar_lands_in_an_isic_class_or_is_reported_apart() -> None:
    for by_total in (False, True):
        recipe = input_recipe("2720", total=by_total, top=500)
        measure = "total_per_usd" if by_total else "direct_per_usd"
        whole = recipe.total_sum_per_usd if by_total else recipe.direct_sum_per_usd
        spread = sum(getattr(i, measure) for i in (*recipe.inputs, *recipe.unbridged_inputs))
        assert spread == pytest.approx(whole, rel=1e-9)
        assert {"S00101", "S00202"} <= {i.code for i in recipe.unbridged_inputs}  # government utilities


def test_codes_with_no_isic_target_are_reported_not_dropped() -> None:
    bridge = isic_bridge()
    unbridged = dict(zip(bridge.industries, bridge.unbridged, strict=True))
    assert unbridged["4200ID"] == unbridged["S00101"] == 1.0  # customs duties; no six-digit NAICS code
    assert bridge.not_isic["238290"] == ("0331",)  # a concordance target that is no ISIC Rev.4 class
    assert 0 < unbridged["230301"] < 1  # building repair: 238290 is one of its NAICS codes
    assert np.allclose(bridge.shares.sum(axis=1) + bridge.unbridged, 1.0)


def test_a_class_without_a_dedicated_naics_code_is_made_of_all_its_linked_codes() -> None:
    linked = sorted({r["naics2017_code"] for r in _read("naics2017_isic4.csv") if r["isic4_code"] == "1392"})
    assert list(naics_making("1392")) == linked
    assert input_recipe("1392").made_of


def test_an_hs_product_reaches_its_isic_classes_through_the_bundled_concordance() -> None:
    recipe = input_recipe("HS:8507.60", total=True)  # lithium-ion accumulators
    assert recipe.code == "HS:850760"
    shares = {c.isic_class: c.share for c in recipe.stands_for}
    assert shares == {key.partition(":")[2]: share for key, share in isic_equivalents("HS:850760")}
    assert "2720" in shares
    assert {"335911", "335912"} <= {i.bea_code for i in recipe.made_of}
    assert recipe.weighting.startswith("An HS code: its ISIC classes by the WITS")
    assert input_recipe("850760").code == recipe.code  # six bare digits are an HS subheading


def test_inputs_are_ranked_by_the_measure_asked_for_and_cut_at_top() -> None:
    direct = input_recipe("2910", top=5)
    total = input_recipe("2910", total=True, top=5)
    assert len(direct.inputs) == len(total.inputs) == 5
    assert [i.direct_per_usd for i in direct.inputs] == sorted(
        (i.direct_per_usd for i in direct.inputs), reverse=True
    )
    assert [i.total_per_usd for i in total.inputs] == sorted(
        (i.total_per_usd for i in total.inputs), reverse=True
    )
    assert all(i.total_per_usd >= i.direct_per_usd - 1e-12 for i in total.inputs)  # indirect inputs add up
    assert (direct.ranked_by, total.ranked_by) == ("direct", "total")


def test_every_recipe_carries_the_proxy_label_and_the_method() -> None:
    recipe = input_recipe("ISIC:1010")
    assert recipe.label == PROXY_LABEL == "US 2017 technology coefficients — a proxy, not the country's own"
    assert "Horowitz & Planting" in recipe.method and "Leontief" in recipe.method


@pytest.mark.parametrize(
    ("code", "error", "named"),
    [
        ("9999", UnknownProductError, "ISIC 9999"),
        ("ISIC:27", RecipeRequestError, "ISIC 27 is a division"),
        ("HS:999998", UnknownProductError, "HS 999998"),
        ("9810", UnknownProductError, "ISIC 9810"),  # a real class that no US industry makes
        ("batteries", RecipeRequestError, "'batteries'"),
    ],
)
def test_an_unknown_or_unreadable_code_is_refused_naming_it(
    code: str, error: type[Exception], named: str
) -> None:
    with pytest.raises(error, match=named):
        input_recipe(code)


def test_top_must_be_positive() -> None:
    with pytest.raises(RecipeRequestError, match="top must be at least 1, not 0"):
        input_recipe("2720", top=0)
