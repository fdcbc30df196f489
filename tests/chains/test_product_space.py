"""What is near a product, and a country's Growth Lab figures, read from the bundled product space."""

import pytest

from sezatlas.chains.growth_lab import ATTRIBUTION, space_links, space_products
from sezatlas.chains.product_space import (
    CountryNotCoveredError,
    HsVersions,
    NotInProductSpaceError,
    ProductCodeError,
    country_outlook,
    near_products,
)


def test_batteries_are_nearest_to_capacitors_by_published_proximity() -> None:
    answer = near_products("8507", top=3)
    assert answer.product.title_hs92.startswith("Electric storage batteries")
    assert answer.product.pci == pytest.approx(0.9472777)  # umap_ps.csv of atlas-common-data 1.1.1
    first = answer.near[0]
    assert (first.product.hs92_code, first.proximity) == ("8532", pytest.approx(0.473684))
    assert len(answer.near) == 3 and answer.links_in_space == 6
    assert answer.attribution == ATTRIBUTION


def test_links_without_a_published_weight_come_after_the_weighted_ones_nearest_in_the_layout_first() -> None:
    near = near_products("8507", top=10).near
    unweighted = [item for item in near if item.proximity is None]
    assert near[-len(unweighted) :] == tuple(unweighted)
    distances = [item.layout_distance for item in unweighted]
    assert distances == sorted(distances)


def test_a_link_reads_the_same_from_both_ends() -> None:
    back = {item.product.hs92_code: item.proximity for item in near_products("8532", top=100).near}
    assert back["8507"] == pytest.approx(0.473684)


def test_a_subheading_is_read_as_its_heading_and_says_so() -> None:
    answer = near_products("8507.60")
    assert answer.product.hs92_code == "8507"
    assert answer.read_as_note is not None
    assert answer.read_as_note.endswith("4-digit headings: 850760 was read as its heading 8507")


def test_the_answer_says_when_hs92_and_hs2022_split_a_heading_differently() -> None:
    batteries = near_products("8507").product
    assert batteries.hs_versions is HsVersions.SPLIT_DIFFERENTLY
    assert batteries.hs_versions_note == (
        "HS92 and HS 2022 split heading 8507 differently: 6 and 7 subheadings, 5 codes in common"
    )
    assert batteries.title_hs2022 is not None and batteries.title_hs2022.startswith("Electric accumulators")
    capacitors = near_products("8532").product
    assert (capacitors.hs_versions, capacitors.hs_versions_note) == (HsVersions.SAME, None)


def test_a_heading_deleted_from_hs2022_has_no_hs2022_title() -> None:
    product = near_products("8803").product
    assert product.hs_versions is HsVersions.NOT_IN_HS2022 and product.title_hs2022 is None


@pytest.mark.parametrize("code", ["85", "85076", "battery", "8507600", "٨٥٠٧"])
def test_a_code_that_is_not_4_or_6_digits_is_refused(code: str) -> None:
    with pytest.raises(ProductCodeError, match="give a 4-digit heading or a 6-digit subheading"):
        near_products(code)


def test_a_heading_outside_the_product_space_is_named() -> None:
    with pytest.raises(NotInProductSpaceError, match="HS92 heading 9999 is not among the 865 products"):
        near_products("9999")


def test_the_bundled_space_has_865_products_and_every_link_joins_two_of_them() -> None:
    products = space_products()
    assert len(products) == 865
    for code, links in space_links().items():
        assert code in products
        for link in links:
            assert link.hs92_code in products and link.hs92_code != code
            assert link.proximity is None or 0 < link.proximity <= 1


def test_a_countrys_outlook_has_eci_and_projections_2012_to_2024_and_its_strategic_approach() -> None:
    russia = country_outlook("rus")
    assert (russia.iso3, russia.brics_relation, russia.strategic_approach) == ("RUS", "member", "light touch")
    assert [year.year for year in russia.years] == list(range(2012, 2025))
    assert russia.years[-1].eci == pytest.approx(0.24730694)  # 2024_growth_projections.csv
    assert russia.attribution == ATTRIBUTION
    assert country_outlook("VNM").brics_relation == "partner"


def test_a_country_outside_the_bundled_figures_is_refused_with_the_list() -> None:
    with pytest.raises(CountryNotCoveredError, match=r"cover the BRICS members.*BRA, CHN"):
        country_outlook("FRA")
