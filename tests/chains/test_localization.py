"""The localization share: where a product's inputs are present, and what an added industry changes.

A small registry by hand: a battery plant in Russia (RUS-001), a Russian zone that declared only
"manufacturing" (RUS-002), a Chinese chemicals zone (CHN-001). Batteries need batteries (2720), basic
chemicals (2011) and steel (2410) in made-up amounts.
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sezatlas.chains.localization import (
    Addition,
    LocalizationRequestError,
    Where,
    class_need,
    localization_scenario,
    parse_addition,
    zone_sector_index,
)
from sezatlas.standard.codelists import isic_ancestors

ZONES = [("RUS-001", "RUS"), ("RUS-002", "RUS"), ("CHN-001", "CHN")]
TAGS = {"RUS-001": ["2720"], "RUS-002": ["C"], "CHN-001": ["2011"]}  # what each zone declared
NEEDS = [
    class_need("2720", "Batteries", 0.2),
    class_need("2011", "Basic chemicals", 0.3),
    class_need("2410", "Basic iron and steel", 0.5),
]


def _rows(tags: dict[str, list[str]]) -> list[tuple[str, str, bool]]:
    """`zone_isic` as the store holds it: each declared code and its ancestors."""
    rows = {}
    for zone_id, codes in tags.items():
        for code in codes:
            for ancestor in isic_ancestors(code):
                rows[(zone_id, ancestor)] = rows.get((zone_id, ancestor), False) or ancestor == code
    return [(zone_id, code, declared) for (zone_id, code), declared in rows.items()]


INDEX = zone_sector_index(ZONES, _rows(TAGS))


def test_each_input_counts_at_the_nearest_place_it_is_present() -> None:
    answer = localization_scenario(NEEDS, "RUS-001", INDEX)
    where = {item.code: item.where for item in answer.before}
    assert where == {"2720": Where.COUNTRY, "2011": Where.PARTNERS, "2410": Where.NOWHERE}
    shares = answer.shares_before
    assert (shares.in_country, shares.in_partners, shares.nowhere) == pytest.approx((0.2, 0.3, 0.5))
    chemicals = answer.before[1]
    assert (chemicals.zones_in_country, chemicals.zones_in_partners, chemicals.top_zones) == (
        0,
        1,
        ("CHN-001",),
    )


def test_a_zone_declaring_only_manufacturing_is_possible_and_kept_apart() -> None:
    answer = localization_scenario(NEEDS, "RUS-001", INDEX)
    steel = answer.before[2]
    assert steel.where is Where.NOWHERE and steel.possible_zones_in_country == 1
    assert answer.shares_before.possibly_in_country == pytest.approx(0.8)  # chemicals and steel, via RUS-002
    assert answer.shares_before.possibly_in_partners == 0.0  # CHN-001 declared a class, not C
    assert answer.shares_before.nowhere == pytest.approx(0.5)  # "possible" never moves an input


def test_adding_steel_to_a_russian_zone_moves_its_share_into_the_country() -> None:
    answer = localization_scenario(NEEDS, "RUS-001", INDEX, [Addition("2410", "RUS-002")])
    assert answer.after[2].where is Where.COUNTRY and answer.after[2].is_added
    assert answer.after[2].possible_zones_in_country == 0  # RUS-002 now hosts it exactly
    assert answer.shares_after.in_country == pytest.approx(0.7)
    assert (answer.change.in_country, answer.change.nowhere) == pytest.approx((0.5, -0.5))
    assert answer.before[2].where is Where.NOWHERE  # the registry itself is unchanged


def test_an_addition_abroad_moves_an_input_to_partners_only() -> None:
    answer = localization_scenario(NEEDS, "RUS-001", INDEX, [parse_addition("2410@CHN-001")])
    assert answer.after[2].where is Where.PARTNERS and answer.change.in_partners == pytest.approx(0.5)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2410", "write an addition as ISIC@ZONE"),
        ("24@RUS-002", "24 is not an ISIC Rev.4 class"),
        ("9999@RUS-002", "9999 is not an ISIC Rev.4 class"),
    ],
)
def test_an_addition_that_cannot_be_read_is_refused(text: str, message: str) -> None:
    with pytest.raises(LocalizationRequestError, match=message):
        parse_addition(text)


def test_an_addition_to_an_unknown_zone_is_refused() -> None:
    with pytest.raises(LocalizationRequestError, match="zone 'BRA-404' is not in the registry"):
        localization_scenario(NEEDS, "RUS-001", INDEX, [Addition("2410", "BRA-404")])


@settings(max_examples=60, deadline=None)
@given(
    amounts=st.lists(st.floats(0.001, 5.0), min_size=3, max_size=3),
    tagged=st.lists(st.sampled_from(["2720", "2011", "2410", "C", "24"]), max_size=3),
    added=st.sampled_from(["2720", "2011", "2410"]),
)
def test_the_three_parts_always_add_up_to_one_and_an_addition_never_lowers_the_country(
    amounts: list[float], tagged: list[str], added: str
) -> None:
    needs = [class_need(n.code, n.title, a) for n, a in zip(NEEDS, amounts, strict=True)]
    index = zone_sector_index(ZONES, _rows({**TAGS, "RUS-002": tagged}))
    answer = localization_scenario(needs, "RUS-001", index, [Addition(added, "RUS-002")])
    for shares in (answer.shares_before, answer.shares_after):
        assert shares.in_country + shares.in_partners + shares.nowhere == pytest.approx(1.0)
    assert answer.change.in_country >= -1e-12 and answer.change.nowhere <= 1e-12
