"""Where the inputs are made (`chains.suppliers`): the ranking rule on small registries written by hand.

Batteries (ISIC 2720) need non-ferrous metals (2420) first. The zones below are placed around Alabuga
(55.76 N, 52.04 E) so that each test can read which zone should come first, and why.
"""

import math
from collections.abc import Mapping

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sezatlas.chains.input_values import RegimeValue
from sezatlas.chains.recipe import PROXY_LABEL, input_recipe
from sezatlas.chains.suppliers import (
    NO_REGIME,
    RANKING_RULE,
    InputSuppliers,
    Match,
    Scope,
    SuppliersAnswer,
    SupplierZone,
    ZoneIndex,
    distances_km,
    find_suppliers,
)

TARGET = SupplierZone("RUS-001", "Alabuga SEZ", "RUS", 55.76, 52.04, ("20", "29"), "RUS-low")
VALUES = {"RUS-low": 1.0e6, "RUS-high": 9.0e6, "CHN-a": 5.0e6}


def zone(zone_id: str, lat: float | None, lon: float | None, codes: tuple[str, ...] = ("2420",),
         regime: str | None = "RUS-low", country: str | None = None) -> SupplierZone:  # fmt: skip
    return SupplierZone(zone_id, f"Zone {zone_id}", country or zone_id[:3], lat, lon, codes, regime)


def value_of(isic_class: str, regimes: set[str]) -> Mapping[str, RegimeValue]:
    """Known values for three regimes; any other cannot be valued, with a reason."""
    return {r: RegimeValue(VALUES[r]) if r in VALUES else RegimeValue(None, f"{r}: no rate") for r in regimes}


def ask(
    zones: list[SupplierZone], target: SupplierZone | None = TARGET, country: str = "RUS"
) -> SuppliersAnswer:
    recipe = input_recipe("2720", top=1)  # the first input: 2420, non-ferrous metals
    index = ZoneIndex([*zones, TARGET])
    return find_suppliers(recipe, index, target, country, value_of, lambda code: f"project for {code}", 5)


def scope_ids(answer: SuppliersAnswer, scope: Scope) -> list[str]:
    first: InputSuppliers = answer.inputs[0]
    return [s.zone_id for group in first.scopes if group.scope is scope for s in group.suppliers]


def test_exact_matches_come_before_nearer_possible_ones() -> None:
    answer = ask([zone("RUS-far", 43.0, 132.0), zone("RUS-near", 55.8, 52.1, codes=("C",))])
    assert scope_ids(answer, Scope.SAME_COUNTRY) == ["RUS-far", "RUS-near"]
    near = answer.inputs[0].scopes[0].suppliers[1]
    assert near.match is Match.POSSIBLE and near.broader_codes_declared == ("C",)
    assert answer.inputs[0].scopes[0].exact_zones == 1 and answer.inputs[0].scopes[0].possible_zones == 1


def test_nearest_first_and_a_zone_without_coordinates_last_with_no_distance() -> None:
    answer = ask([zone("RUS-x", None, None), zone("RUS-far", 59.9, 30.3), zone("RUS-near", 55.8, 49.1)])
    suppliers = answer.inputs[0].scopes[0].suppliers
    assert [s.zone_id for s in suppliers] == ["RUS-near", "RUS-far", "RUS-x"]
    assert suppliers[-1].distance_km is None
    assert suppliers[0].distance_km is not None and 150 < suppliers[0].distance_km < 250


def test_the_target_zone_is_not_its_own_supplier_and_other_countries_are_apart() -> None:
    target_tagged = SupplierZone("RUS-001", "Alabuga SEZ", "RUS", 55.76, 52.04, ("2420",), "RUS-low")
    index = ZoneIndex([target_tagged, zone("CHN-1", 43.8, 87.6, regime="CHN-a"), zone("RUS-2", 56.0, 53.0)])
    answer = find_suppliers(input_recipe("2720", top=1), index, target_tagged, "RUS", value_of, str, 5)
    assert scope_ids(answer, Scope.SAME_COUNTRY) == ["RUS-2"]
    assert scope_ids(answer, Scope.OTHER_COUNTRIES) == ["CHN-1"]


def test_an_unknown_regime_value_is_null_with_the_reason_and_no_regime_says_so() -> None:
    answer = ask([zone("RUS-a", 56.0, 52.0, regime="RUS-odd"), zone("RUS-b", 57.0, 52.0, regime=None)])
    first, second = answer.inputs[0].scopes[0].suppliers
    assert first.incentive_npv_usd is None and first.incentive_note == "RUS-odd: no rate"
    assert second.incentive_npv_usd is None and second.incentive_note == NO_REGIME


def test_at_equal_distance_the_richer_regime_comes_first() -> None:
    answer = ask([zone("RUS-a", 56.0, 52.0, regime="RUS-low"), zone("RUS-b", 56.0, 52.0, regime="RUS-high")])
    assert scope_ids(answer, Scope.SAME_COUNTRY) == ["RUS-b", "RUS-a"]


def test_a_country_asked_ranks_by_incentives_without_distances() -> None:
    zones = [zone("RUS-a", 56.0, 52.0, regime=None), zone("RUS-b", 60.0, 30.0, regime="RUS-high"),
             zone("RUS-c", 55.0, 37.0, regime="RUS-low")]  # fmt: skip
    answer = ask(zones, target=None)
    assert scope_ids(answer, Scope.SAME_COUNTRY) == ["RUS-001", "RUS-b", "RUS-c", "RUS-a"][1:]
    assert all(s.distance_km is None for g in answer.inputs[0].scopes for s in g.suppliers)


def test_every_input_keeps_the_proxy_label_and_the_answer_states_its_rule() -> None:
    answer = ask([zone("RUS-a", 56.0, 52.0)])
    assert answer.ranked_by == RANKING_RULE and "exact matches" in answer.ranked_by
    assert {item.label for item in answer.inputs} == {PROXY_LABEL}
    assert answer.inputs[0].valued_with == "project for 2420"


def test_a_cut_keeps_the_first_zones_by_the_rule() -> None:
    zones = [zone(f"RUS-{i:03d}", 56.0 + i / 10, 52.0) for i in range(40)]
    answer = ask(zones)
    assert scope_ids(answer, Scope.SAME_COUNTRY) == [f"RUS-{i:03d}" for i in range(5)]
    assert answer.inputs[0].scopes[0].exact_zones == 40


def test_distances_are_great_circle_arcs() -> None:
    """One degree along a meridian is R·π/180 (111.195 km); a quarter of the equator is R·π/2 (the index
    holds its zones in id order: RUS-e, then RUS-n)."""
    index = ZoneIndex([zone("RUS-n", 56.0, 52.0), zone("RUS-e", 0.0, 90.0)])
    origin = zone("RUS-o", 55.0, 52.0)
    _, meridian = distances_km(index, origin, index.tagged["2420"])
    assert meridian == pytest.approx(6371.0088 * math.pi / 180, rel=1e-9)
    equator, _ = distances_km(index, zone("RUS-0", 0.0, 0.0), index.tagged["2420"])
    assert equator == pytest.approx(6371.0088 * math.pi / 2, rel=1e-9)


coordinate = st.tuples(st.floats(-90, 90), st.floats(-180, 180))


@given(st.lists(st.one_of(st.none(), coordinate), min_size=1, max_size=30))
def test_suppliers_come_nearest_first_with_unknown_distances_last(
    points: list[tuple[float, float] | None],
) -> None:
    zones = [zone(f"RUS-{i:03d}", *(p if p else (None, None))) for i, p in enumerate(points)]
    index = ZoneIndex([*zones, TARGET])
    recipe = input_recipe("2720", top=1)
    answer = find_suppliers(recipe, index, TARGET, "RUS", value_of, str, per_input=len(points))
    distances = [s.distance_km for s in answer.inputs[0].scopes[0].suppliers]
    known = [d for d in distances if d is not None]
    assert len(distances) == len(points)
    assert known == sorted(known) and distances[len(known) :] == [None] * (len(distances) - len(known))
    assert all(0 <= d <= math.pi * 6371.01 + 1 for d in known)
