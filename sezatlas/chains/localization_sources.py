"""The inputs of a localization scenario, from the US proxy or an imported ICIO table, and BACI's RCA.

Three sources, one shape (`localization.InputNeed`):

- **proxy**: the US 2017 recipe (`recipe.input_recipe`), one need per ISIC class, its direct requirement;
- **ICIO**: the column of the country's own industry in an OECD ICIO table (`icio.py`), one need per ICIO
  industry, summing what the column buys from that industry in every country (domestic and imported);
  a product standing for several ISIC classes takes their industries' columns weighted by the classes'
  shares;
- **BACI** adds, per input, the country's Balassa RCA (`relatedness.rca`) in the HS6 products that the
  WITS HS → ISIC concordance links to the input's ISIC codes, summed into one product group.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

from sezatlas.chains.icio import INDUSTRY_DIVISIONS, IcioTable, industry_of_division
from sezatlas.chains.localization import InputNeed, class_need
from sezatlas.chains.recipe import ClassShare, Recipe
from sezatlas.chains.relatedness import TradeMatrixError, rca
from sezatlas.congress.matching.codes import isic_equivalents
from sezatlas.standard.codelists import isic_codes

ICIO_METHOD = (
    "OECD ICIO: the column of the country's own industry, A = Z·x̂⁻¹ (each intermediate flow over the using "
    "industry's output); an input industry's coefficient sums what the column buys from it in every country. "
    "Value added content with the Leontief inverse L = (I − A)⁻¹: country s's value added in a dollar of "
    "output is Σ_{i∈s} v_i L_ij, v = VA/x (Hummels, Ishii & Yi 2001; Koopman, Wang & Wei 2014); domestic + "
    "foreign value added + the taxes-less-subsidies content = 1."
)
RCA_METHOD = (
    "Balassa RCA (sezatlas.chains.relatedness.rca) of the country in the input's product group: the BACI "
    "year's HS6 products that the WITS HS 2022 → ISIC Rev.4 concordance links to the input's ISIC codes, "
    "exports summed over importers and over the group's products; RCA ≥ 1: the country exports the group "
    "more than the world does, relative to its exports."
)


@dataclass(frozen=True)
class IcioFigures:
    """What the ICIO column says beyond the shares; None where the industry has no output."""

    country_iso3: str
    industries: tuple[tuple[str, float], ...]  # the ICIO industries the product stands for, with weights
    domestic_input_share: float  # of the inputs' value, bought from the country's own industries
    domestic_value_added: float | None  # per dollar of output
    foreign_value_added: float | None
    taxes_content: float | None


@dataclass(frozen=True)
class InputRca:
    code: str
    rca: float | None  # None: the group has no BACI exports, or no HS6 product links to the input
    products: int  # HS6 products of the BACI year in the group


@dataclass(frozen=True)
class TradeFigures:
    label: str  # "CEPII BACI HS22 (V202401), 2022"
    country_iso3: str
    is_country_in_data: bool
    method: str = RCA_METHOD


def proxy_needs(recipe: Recipe) -> list[InputNeed]:
    """The recipe's ISIC inputs (ask it with a `top` above the number of classes to have them all)."""
    return [class_need(item.code, item.title, item.direct_per_usd) for item in recipe.inputs]


def _industry_title(industry: str) -> str:
    codes = isic_codes()
    titles = [codes[d].description for d in INDUSTRY_DIVISIONS[industry] if d in codes]
    return "; ".join(titles) if len(titles) < 3 else f"{titles[0]}; … {titles[-1]}"


def product_industries(stands_for: Sequence[ClassShare]) -> dict[str, float]:
    """ICIO industries of the product's ISIC classes, with the classes' shares."""
    weights: dict[str, float] = {}
    for item in stands_for:
        industry = industry_of_division(item.isic_class[:2])
        if industry is not None:
            weights[industry] = weights.get(industry, 0.0) + item.share
    total = sum(weights.values())
    return {industry: weight / total for industry, weight in weights.items()} if total else {}


def _column(table: IcioTable, country: str, weights: dict[str, float]) -> NDArray[np.float64] | None:
    """The product's input coefficients (rows: every country × industry), None if it has no output;
    only the product's own columns of A = Z·x̂⁻¹ are computed."""
    column = np.zeros(len(table.output))
    for industry, weight in weights.items():
        at = table.at(country, industry) if industry in table.industries else None
        if at is not None and table.output[at] > 0:
            column += table.flows[:, at] / table.output[at] * weight
    return column if column.any() else None


def _weighted(
    values: NDArray[np.float64], table: IcioTable, country: str, weights: dict[str, float]
) -> float | None:
    total = sum(values[table.at(country, i)] * w for i, w in weights.items() if i in table.industries)
    return None if np.isnan(total) else float(total)


def icio_needs(
    table: IcioTable, content: dict[str, NDArray[np.float64]], country: str, stands_for: Sequence[ClassShare]
) -> tuple[list[InputNeed], IcioFigures] | None:
    """One need per ICIO industry from the country's own column; None when the table cannot answer (the
    country is not in it, or its industries of the product have no output)."""
    weights = product_industries(stands_for)
    if country not in table.countries or not weights:
        return None
    column = _column(table, country, weights)
    if column is None:
        return None
    by_industry = column.reshape(len(table.countries), len(table.industries))
    home = table.countries.index(country)
    needs = []
    for position, industry in enumerate(table.industries):
        per_usd = float(by_industry[:, position].sum())
        divisions = INDUSTRY_DIVISIONS[industry]
        sections = tuple(sorted({isic_codes()[d].parent or "" for d in divisions} - {""}))
        if per_usd:
            needs.append(InputNeed(industry, _industry_title(industry), per_usd, divisions, sections))
    total = float(column.sum())
    figures = IcioFigures(
        country_iso3=country,
        industries=tuple(sorted(weights.items(), key=lambda iw: -iw[1])),
        domestic_input_share=float(by_industry[home].sum()) / total if total else 0.0,
        domestic_value_added=_weighted(content["domestic"], table, country, weights),
        foreign_value_added=_weighted(content["foreign"], table, country, weights),
        taxes_content=_weighted(content["taxes"], table, country, weights),
    )
    return needs, figures


@lru_cache(maxsize=4)
def _products_by_class(products: tuple[str, ...]) -> dict[str, tuple[int, ...]]:
    """ISIC class → positions of the HS6 products the bundled concordance links to it."""
    found: dict[str, list[int]] = {}
    for position, product in enumerate(products):
        for key, _share in isic_equivalents(f"HS:{product}"):
            found.setdefault(key.partition(":")[2], []).append(position)
    return {isic_class: tuple(positions) for isic_class, positions in found.items()}


def _group(by_class: dict[str, tuple[int, ...]], need: InputNeed) -> list[int]:
    matched = (p for c, ps in by_class.items() if c.startswith(need.presence_codes) for p in ps)
    return sorted(set(matched))


def _rca(kept: NDArray[np.float64], group: list[int], row: int) -> float | None:
    in_group = kept[:, group].sum(axis=1)
    try:
        return float(rca(np.column_stack([in_group, kept.sum(axis=1) - in_group]))[row, 0])
    except TradeMatrixError:  # the group, or everything else, has no exports at all
        return None


def input_rcas(
    exports: NDArray[np.float64], countries: Sequence[str], products: tuple[str, ...], country: str,
    needs: Sequence[InputNeed],
) -> tuple[InputRca, ...]:  # fmt: skip
    """Per input, the country's RCA in the input's product group; all None if the country did not trade."""
    by_class = _products_by_class(products)
    trading = exports.sum(axis=1) > 0
    rows = [c for c, keep in zip(countries, trading, strict=True) if keep]
    kept = exports[trading]
    answers = []
    for need in needs:
        group = _group(by_class, need)
        value = _rca(kept, group, rows.index(country)) if group and country in rows else None
        answers.append(InputRca(need.code, value, len(group)))
    return tuple(answers)
