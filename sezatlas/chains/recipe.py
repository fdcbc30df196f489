"""The input recipe of a product or activity: what a dollar of its output needs, by ISIC class.

`input_recipe("2720", total=True, top=15)` answers for an ISIC Rev.4 class, or for an HS 2022 product
through the bundled HS → ISIC concordance (`sezatlas.congress.matching.codes.isic_equivalents`, the same
bridge the congress matching uses). The coefficients are the US's: BEA's 2017 industry-by-industry direct
and total requirements (`io_tables.py`), taken to ISIC classes by `bridges.py`. No multi-country table is
bundled, so every answer carries `PROXY_LABEL`; CLI, API and pages show it with every figure.
"""

from dataclasses import dataclass

import numpy as np

from sezatlas.chains.bridges import WEIGHTING, isic_bridge, target_weights
from sezatlas.chains.io_tables import Matrix, requirements
from sezatlas.congress.matching.codes import isic_equivalents
from sezatlas.standard.codelists import hs_codes, isic_codes

PROXY_LABEL = "US 2017 technology coefficients — a proxy, not the country's own"
METHOD = (
    "US BEA 2017 detail Use and Make tables (before redefinitions, producers' prices), industry by "
    "industry: direct requirements A = W·B (B: each Use cell over its industry's output; W: scrap-adjusted "
    "market shares from the Make table); total requirements: the Leontief inverse (I − A)⁻¹ less the dollar "
    "delivered to final demand itself. Horowitz & Planting, Concepts and Methods of the U.S. Input-Output "
    "Accounts (BEA, 2009), ch. 12."
)
HS_BRIDGE = (
    "An HS code: its ISIC classes by the WITS HS 2022 → ISIC Rev.4 concordance (sezatlas/data/codes), "
    "each six-digit line split equally among its classes, the classes' recipes averaged by those shares."
)
ISIC, HS = "ISIC", "HS"
HS_LENGTHS = (2, 4, 6)


class RecipeRequestError(ValueError):
    """A code that cannot be read as an ISIC class or an HS product, or a bad option. `parameter` names the
    part of the request at fault, so that the API's 400 lists it (`web/errors.api_error_of`)."""

    def __init__(self, message: str, parameter: str) -> None:
        super().__init__(message)
        self.parameter = parameter


class UnknownProductError(LookupError):
    """A code missing from ISIC Rev.4 or HS 2022, or one no US industry reaches."""


@dataclass(frozen=True)
class ClassShare:
    """An ISIC class the asked code stands for, with its share (1.0 for an ISIC class asked directly)."""

    isic_class: str
    title: str
    share: float


@dataclass(frozen=True)
class SourceIndustry:
    """A BEA industry the asked code is made of, with its weight (the weights sum to 1)."""

    bea_code: str
    title: str
    weight: float


@dataclass(frozen=True)
class RecipeInput:
    """One input: US dollars of it per US dollar of the product's output."""

    code: str  # an ISIC class, or a BEA code for an input that reaches no ISIC class
    title: str
    direct_per_usd: float
    total_per_usd: float


@dataclass(frozen=True)
class Recipe:
    """What a dollar of the product needs, by ISIC class, under the US 2017 proxy."""

    code: str  # "ISIC:2720", "HS:850760"
    title: str
    ranked_by: str  # "direct" or "total"
    stands_for: tuple[ClassShare, ...]
    classes_without_us_industry: tuple[str, ...]  # ISIC classes of an HS code that no BEA industry reaches
    made_of: tuple[SourceIndustry, ...]
    inputs: tuple[RecipeInput, ...]  # ISIC classes, the `top` ones by `ranked_by`
    unbridged_inputs: tuple[RecipeInput, ...]  # BEA industries (or their parts) with no ISIC class
    direct_sum_per_usd: float  # all direct inputs, bridged or not
    total_sum_per_usd: float
    label: str = PROXY_LABEL
    method: str = METHOD
    weighting: str = WEIGHTING


def _isic_title(isic_class: str) -> str:
    return isic_codes()[isic_class].description


def parse_product(text: str) -> tuple[str, str]:
    """(system, code) of "2720", "ISIC:2720", "850760", "HS:8507.60": four bare digits are an ISIC class,
    six an HS subheading; an HS chapter or heading needs its "HS:" prefix."""
    system, colon, rest = text.strip().upper().rpartition(":") if ":" in text else ("", "", text.strip())
    code = rest.strip().replace(".", "").replace(" ", "")
    if not colon:
        system = {4: ISIC, 6: HS}.get(len(code), "")
    if system not in (ISIC, HS) or not code.isdigit():
        raise RecipeRequestError(
            f"{text!r} is neither an ISIC Rev.4 class (e.g. 2720 or ISIC:2720) nor an HS 2022 code "
            "(e.g. 850760 or HS:8507)",
            "code",
        )
    if system == ISIC:
        entry = isic_codes().get(code)
        if entry is None:
            raise UnknownProductError(f"ISIC {code} is not an ISIC Rev.4 code")
        if entry.level != "class":
            raise RecipeRequestError(
                f"ISIC {code} is a {entry.level}; ask for one of its classes (4 digits)", "code"
            )
    elif len(code) not in HS_LENGTHS or code not in hs_codes():
        raise UnknownProductError(f"HS {code} is not an HS 2022 chapter, heading or subheading")
    return system, code


def _stands_for(system: str, code: str) -> tuple[ClassShare, ...]:
    if system == ISIC:
        return (ClassShare(code, _isic_title(code), 1.0),)
    equivalents = isic_equivalents(f"{HS}:{code}")
    if not equivalents:
        raise UnknownProductError(f"HS {code}: the HS → ISIC concordance links it to no ISIC class")
    return tuple(
        ClassShare(key.partition(":")[2], _isic_title(key.partition(":")[2]), s) for key, s in equivalents
    )


def _target(asked: str, classes: tuple[ClassShare, ...]) -> tuple[Matrix, tuple[str, ...]]:
    """The asked code as weights over BEA industries, and its classes that no BEA industry reaches."""
    reached = {c.isic_class: target_weights(c.isic_class) for c in classes}
    missing = tuple(c for c, weights in reached.items() if not weights.any())
    shares = {c.isic_class: c.share for c in classes if c.isic_class not in missing}
    if not shares:
        names = ", ".join(missing)
        raise UnknownProductError(
            f"{asked}: no US BEA industry reaches ISIC {names} through the NAICS concordance"
        )
    weights = sum(reached[c] * share for c, share in shares.items()) / sum(shares.values())
    return np.asarray(weights, dtype=np.float64), missing


def _ranked(inputs: list[RecipeInput], by_total: bool, top: int | None) -> tuple[RecipeInput, ...]:
    def value(item: RecipeInput) -> float:
        return item.total_per_usd if by_total else item.direct_per_usd

    kept = sorted((i for i in inputs if value(i) != 0.0), key=lambda i: (-value(i), i.code))
    return tuple(kept[:top])


def _inputs(direct: Matrix, total: Matrix) -> tuple[list[RecipeInput], list[RecipeInput]]:
    """Industry inputs taken to ISIC classes by the equal split; what no class receives, per BEA code."""
    bridge, tables = isic_bridge(), requirements().tables
    by_class = zip(bridge.isic_classes, direct @ bridge.shares, total @ bridge.shares, strict=True)
    bridged = [RecipeInput(c, _isic_title(c), float(d), float(t)) for c, d, t in by_class]
    rest = zip(tables.industries, direct * bridge.unbridged, total * bridge.unbridged, strict=True)
    unbridged = [RecipeInput(j, tables.industry_titles[j], float(d), float(t)) for j, d, t in rest if d or t]
    return bridged, unbridged


def _recipe(system: str, code: str, by_total: bool, top: int) -> Recipe:
    stands_for = _stands_for(system, code)
    weights, missing = _target(f"{system} {code}", stands_for)
    tables = requirements()
    direct = tables.direct @ weights
    total = tables.total @ weights - weights  # L − I: the dollar delivered to final demand is not an input
    bridged, unbridged = _inputs(direct, total)
    title = _isic_title(code) if system == ISIC else hs_codes()[code].description
    made_of = tuple(
        SourceIndustry(j, tables.tables.industry_titles[j], float(w))
        for w, j in sorted(
            zip(weights, tables.tables.industries, strict=True), key=lambda wj: (-wj[0], wj[1])
        )
        if w > 0
    )
    return Recipe(
        code=f"{system}:{code}",
        title=title,
        ranked_by="total" if by_total else "direct",
        stands_for=stands_for,
        classes_without_us_industry=missing,
        made_of=made_of,
        inputs=_ranked(bridged, by_total, top),
        unbridged_inputs=_ranked(unbridged, by_total, None),
        direct_sum_per_usd=float(direct.sum()),
        total_sum_per_usd=float(total.sum()),
        weighting=WEIGHTING if system == ISIC else f"{HS_BRIDGE} {WEIGHTING}",
    )


def input_recipe(code: str, *, total: bool = False, top: int = 15) -> Recipe:
    """The `top` inputs of an ISIC class or HS product per dollar of its output, ranked by direct or
    (with `total`) total requirements; both figures are given for each input."""
    if top < 1:
        raise RecipeRequestError(f"top must be at least 1, not {top}", "top")
    system, parsed = parse_product(code)
    return _recipe(system, parsed, total, top)


def precompute_recipes() -> None:
    """Read the tables, compute the Leontief inverse and the bridges, load the HS → ISIC concordance
    now (≈0.3 s), not at the first recipe: the web app calls it at start-up."""
    requirements()
    isic_bridge()
    isic_equivalents(f"{HS}:850760")
