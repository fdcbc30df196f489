"""The Growth Lab's product space and country figures, as bundled in `sezatlas/data/product_space/`.

Read-only copies of files of the PyPI package `atlas-common-data` 1.1.1 (Harvard Growth Lab, Apache-2.0),
extracted by `scripts/extract_product_space.py`; what each column means and what was transformed is in
`sezatlas/data/SOURCES.md` ("Product space"). Every answer built from them carries `ATTRIBUTION`.
"""

import csv
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from sezatlas.standard.codelists import data_path

ATTRIBUTION = (
    "Product space, PCI, ECI, growth projections and strategic approaches: Harvard Growth Lab, "
    "atlas-common-data 1.1.1 (Apache-2.0), https://github.com/cid-harvard/atlas-common-data"
)


@dataclass(frozen=True, slots=True)
class SpaceProduct:
    """One of the 865 HS92 headings (4 digits) of the product space."""

    hs92_code: str
    title_en: str  # the Growth Lab's HS92 title
    short_title_en: str  # and its short form ("Capacitors")
    cluster_en: str
    pci: float
    x: float  # position in the Growth Lab's product-space layout (UMAP of the proximity matrix)
    y: float
    hs92_subheadings: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Link:
    """A link of the product space; proximity only where the Growth Lab's weighted file publishes it."""

    hs92_code: str
    proximity: float | None


@dataclass(frozen=True, slots=True)
class CountryYear:
    year: int
    eci: float | None
    growth_projection: float | None


@dataclass(frozen=True, slots=True)
class CountryFigures:
    iso3: str
    strategic_approach: str | None
    is_in_rankings: bool | None
    years: tuple[CountryYear, ...]


def _rows(name: str) -> list[dict[str, str]]:
    with data_path("product_space", name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _number(text: str) -> float | None:
    return float(text) if text else None


@cache
def space_products() -> dict[str, SpaceProduct]:
    """HS92 heading → product, for the 865 products of the product space."""
    return {
        row["hs92_code"]: SpaceProduct(
            hs92_code=row["hs92_code"],
            title_en=row["title_en"],
            short_title_en=row["short_title_en"],
            cluster_en=row["cluster_en"],
            pci=float(row["pci"]),
            x=float(row["product_space_x"]),
            y=float(row["product_space_y"]),
            hs92_subheadings=tuple(row["hs92_subheadings"].split()),
        )
        for row in _rows("hs92_products.csv")
    }


@cache
def space_links() -> dict[str, tuple[Link, ...]]:
    """HS92 heading → the products it is linked to (both directions of each published link)."""
    links: dict[str, list[Link]] = defaultdict(list)
    for row in _rows("hs92_links.csv"):
        proximity = _number(row["proximity"])
        links[row["hs92_code_a"]].append(Link(row["hs92_code_b"], proximity))
        links[row["hs92_code_b"]].append(Link(row["hs92_code_a"], proximity))
    return {code: tuple(found) for code, found in links.items()}


@cache
def country_figures() -> dict[str, CountryFigures]:
    """ISO3 → the Growth Lab's figures, for the BRICS members, partners and invited countries."""
    years: dict[str, list[CountryYear]] = defaultdict(list)
    for row in _rows("country_eci_projections.csv"):
        years[row["iso3"]].append(
            CountryYear(int(row["year"]), _number(row["eci"]), _number(row["growth_projection"]))
        )
    return {
        row["iso3"]: CountryFigures(
            iso3=row["iso3"],
            strategic_approach=row["strategic_approach"] or None,
            is_in_rankings={"True": True, "False": False}.get(row["in_rankings"]),
            years=tuple(sorted(years[row["iso3"]], key=lambda year: year.year)),
        )
        for row in _rows("country_strategic_approach.csv")
    }
