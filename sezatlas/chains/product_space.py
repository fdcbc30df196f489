"""What is near a product, and what the Growth Lab says of a country: the two relatedness use cases.

Both read the Growth Lab's published figures (`growth_lab.py`); nothing here is recomputed, since no
country × product export matrix can be shipped (issue 19). `relatedness.py` computes the same measures
from a matrix a user brings.

The product space is HS 1992 at 4 digits; the rest of SEZ Atlas speaks HS 2022. A code is matched on its
4-digit heading in both, and each answer says when the two versions split the heading differently — their
6-digit subheadings differ (HS92 ones from the Growth Lab's classification file, HS 2022 ones from
`sezatlas/data/codes/hs2022_nomenclature.csv`) — or when the heading no longer exists in HS 2022.
"""

import math
from collections import defaultdict
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from sezatlas.chains.growth_lab import (
    ATTRIBUTION,
    CountryYear,
    SpaceProduct,
    country_figures,
    space_links,
    space_products,
)
from sezatlas.standard.codelists import hs_codes
from sezatlas.standard.membership import brics_membership


class HsVersions(StrEnum):
    """How the heading's HS92 subheadings compare with its HS 2022 ones."""

    SAME = "same subheadings"
    SPLIT_DIFFERENTLY = "split differently"
    NOT_IN_HS2022 = "not in HS 2022"


class ProductCodeError(ValueError):
    """An HS code that is not 4 or 6 digits."""


class NotInProductSpaceError(LookupError):
    """A well-formed HS heading that the product space does not hold."""


class CountryNotCoveredError(LookupError):
    """A country the bundled Growth Lab figures do not cover."""


@dataclass(frozen=True, slots=True)
class ProductInSpace:
    hs92_code: str
    title_hs92: str  # the Growth Lab's title
    short_title: str  # the Growth Lab's short title
    title_hs2022: str | None  # None: the heading does not exist in HS 2022
    hs_versions: HsVersions
    hs_versions_note: str | None  # how HS92 and HS 2022 differ for this heading; None when they agree
    cluster: str
    pci: float


@dataclass(frozen=True, slots=True)
class NearProduct:
    product: ProductInSpace
    proximity: float | None  # None: linked in the product space, but the Growth Lab publishes no weight
    layout_distance: float  # in the Growth Lab's product-space layout (a 2-D embedding; no unit)


@dataclass(frozen=True, slots=True)
class NearProducts:
    asked: str
    read_as_note: str | None  # e.g. "850760 was read as its heading 8507"
    product: ProductInSpace
    near: tuple[NearProduct, ...]
    links_in_space: int  # how many products the space links to this one (`near` may show fewer)
    attribution: str = ATTRIBUTION


@dataclass(frozen=True, slots=True)
class CountryOutlook:
    iso3: str
    brics_relation: str | None
    strategic_approach: str | None
    is_in_rankings: bool | None
    years: tuple[CountryYear, ...]
    attribution: str = ATTRIBUTION


@cache
def _hs2022_subheadings() -> dict[str, set[str]]:
    children: dict[str, set[str]] = defaultdict(set)
    for code, entry in hs_codes().items():
        if entry.level == "subheading" and entry.parent is not None:
            children[entry.parent].add(code)
    return dict(children)


def hs_versions(product: SpaceProduct) -> tuple[HsVersions, str | None]:
    """How the HS92 heading compares with the HS 2022 heading of the same code; a note when they differ."""
    heading = product.hs92_code
    if heading not in hs_codes():
        return HsVersions.NOT_IN_HS2022, f"heading {heading} does not exist in HS 2022"
    hs2022 = _hs2022_subheadings().get(heading, set())
    hs92 = set(product.hs92_subheadings)
    if hs92 == hs2022:
        return HsVersions.SAME, None
    return HsVersions.SPLIT_DIFFERENTLY, (
        f"HS92 and HS 2022 split heading {heading} differently: {len(hs92)} and {len(hs2022)} subheadings, "
        f"{len(hs92 & hs2022)} codes in common"
    )


def product_in_space(product: SpaceProduct) -> ProductInSpace:
    hs2022 = hs_codes().get(product.hs92_code)
    versions, note = hs_versions(product)
    return ProductInSpace(
        hs92_code=product.hs92_code,
        title_hs92=product.title_en,
        short_title=product.short_title_en,
        title_hs2022=hs2022.description if hs2022 is not None else None,
        hs_versions=versions,
        hs_versions_note=note,
        cluster=product.cluster_en,
        pci=product.pci,
    )


def heading_of(code: str) -> tuple[str, str | None]:
    """The 4-digit heading of a 4- or 6-digit HS code, and a note when a subheading was shortened."""
    text = code.strip().replace(".", "")
    if not (text.isascii() and text.isdigit() and len(text) in (4, 6)):
        raise ProductCodeError(f"HS code {code!r}: give a 4-digit heading or a 6-digit subheading, e.g. 8507")
    if len(text) == 6:
        return text[:4], f"the product space has 4-digit headings: {text} was read as its heading {text[:4]}"
    return text, None


def near_products(code: str, top: int = 10) -> NearProducts:
    """The products the Growth Lab's product space links to `code`, the most proximate first.

    Order: published proximity, highest first; links without a published weight after them, nearest in
    the product-space layout first.
    """
    heading, note = heading_of(code)
    products = space_products()
    if heading not in products:
        count = len(products)
        raise NotInProductSpaceError(
            f"HS92 heading {heading} is not among the {count} products of the Growth Lab product space"
        )
    here = products[heading]
    links = space_links().get(heading, ())
    near = [
        NearProduct(
            product=product_in_space(products[link.hs92_code]),
            proximity=link.proximity,
            layout_distance=math.dist(
                (here.x, here.y), (products[link.hs92_code].x, products[link.hs92_code].y)
            ),
        )
        for link in links
    ]
    near.sort(key=lambda item: (item.proximity is None, -(item.proximity or 0.0), item.layout_distance))
    return NearProducts(
        asked=code,
        read_as_note=note,
        product=product_in_space(here),
        near=tuple(near[: max(top, 0)]),
        links_in_space=len(links),
    )


def country_outlook(iso3: str) -> CountryOutlook:
    """The Growth Lab's ECI and growth projection by year and its strategic approach for one country."""
    code = iso3.strip().upper()
    figures = country_figures().get(code)
    if figures is None:
        covered = ", ".join(sorted(country_figures()))
        raise CountryNotCoveredError(
            f"country {iso3!r}: the bundled Growth Lab figures cover the BRICS members, partners and "
            f"invited countries: {covered}"
        )
    membership = brics_membership().get(code)
    return CountryOutlook(
        iso3=code,
        brics_relation=membership.relation.value if membership is not None else None,
        strategic_approach=figures.strategic_approach,
        is_in_rankings=figures.is_in_rankings,
        years=figures.years,
    )
