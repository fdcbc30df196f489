"""BEA detail industries ↔ NAICS 2017 (6 digits) ↔ ISIC Rev.4 classes, with explicit weights.

Both links are many-to-many and neither source gives weights: BEA's crosswalk (`MasterCrosswalk2017`,
bundled as `us_bea2017_naics_crosswalk.csv`) lists the NAICS codes each BEA industry covers, and the US
Census concordance (`naics2017_isic4.csv`) the ISIC classes each NAICS code covers. The weighting rule:

- **inputs, equal split**: a BEA industry's output is shared equally among its six-digit NAICS codes, and
  a NAICS code's share equally among its ISIC classes. That gives s[j, c], the share of BEA industry j's
  output that belongs to ISIC class c (`IsicBridge.shares`), which sums to at most 1 over c, so an input
  coefficient is divided among ISIC classes without being created or lost;
- **the asked class, dedicated links first, output-weighted**: an ISIC class is made of the NAICS codes
  that map to it alone, when it has any; only a class without such a code is made of every NAICS code
  linked to it. Without this rule "batteries" (ISIC 2720) would be two-thirds plastics and rubber goods,
  because NAICS 326199 and 326299 ("all other" plastics and rubber products) also list 2720 among their
  classes. Each BEA industry then weighs its equal-split share of those codes × its 2017 total output
  g[j] (`target_weights`), so a big industry counts for more than a small one.

What reaches no ISIC class is kept as the industry's `unbridged` share and reported, never dropped: BEA
codes with no six-digit NAICS code (customs duties 4200ID and three government enterprises), NAICS codes
the concordance does not link, and the concordance's few targets that are not ISIC Rev.4 classes
(0120, 0140, 0331; see `sezatlas/data/SOURCES.md`).
"""

import csv
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

import numpy as np

from sezatlas.chains.io_tables import FOLDER, Matrix, io_tables
from sezatlas.standard.codelists import data_path, isic_codes

CROSSWALK_FILE = "us_bea2017_naics_crosswalk.csv"
CONCORDANCE_FILE = "naics2017_isic4.csv"
WEIGHTING = (
    "Inputs: a BEA industry's output is split equally among its 6-digit NAICS 2017 codes and each NAICS "
    "code's equally among its ISIC Rev.4 classes. The asked ISIC class: the NAICS codes mapped to it alone "
    "(or, if it has none, all codes mapped to it), each BEA industry weighted by its equal-split share of "
    "them times its 2017 output."
)


@dataclass(frozen=True)
class IsicBridge:
    """The links, and s[j, c] per BEA industry j (rows as in `io_tables().industries`) and ISIC class c."""

    industries: tuple[str, ...]
    isic_classes: tuple[str, ...]
    shares: Matrix  # industry × ISIC class, the equal split
    unbridged: Matrix  # per industry: 1 − Σ_c s[j, c], the share that reaches no ISIC class
    naics_of: dict[str, tuple[str, ...]]  # BEA industry → its 6-digit NAICS codes
    classes_of: dict[str, tuple[str, ...]]  # NAICS code → its ISIC Rev.4 classes
    not_isic: dict[str, tuple[str, ...]]  # NAICS code → its concordance targets that are no ISIC class


def _csv(name: str) -> list[dict[str, str]]:
    with data_path(FOLDER, name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@cache
def naics_of_industries() -> dict[str, tuple[str, ...]]:
    """BEA detail code → its six-digit NAICS 2017 codes (the crosswalk also lists 2- to 5-digit levels)."""
    found: dict[str, set[str]] = defaultdict(set)
    for row in _csv(CROSSWALK_FILE):
        naics = row["naics_2017_code"]
        if len(naics) == 6 and naics.isdigit():
            found[row["bea_detail_code"]].add(naics)
    return {code: tuple(sorted(naics)) for code, naics in found.items()}


@cache
def isic_of_naics() -> dict[str, tuple[str, ...]]:
    """NAICS 2017 code → every ISIC code the Census concordance gives it, valid class or not."""
    found: dict[str, set[str]] = defaultdict(set)
    for row in _csv(CONCORDANCE_FILE):
        found[row["naics2017_code"]].add(row["isic4_code"])
    return {naics: tuple(sorted(isic)) for naics, isic in found.items()}


def _share_of(naics: str, naics_of_industry: tuple[str, ...], targets: dict[str, tuple[str, ...]]) -> float:
    """The equal-split share of a BEA industry's output that one of its NAICS codes gives each ISIC target."""
    return 1.0 / len(naics_of_industry) / len(targets[naics])


def _unbridged(shares: Matrix) -> Matrix:
    """1 − Σ_c s[j, c], with the rounding left by summing fractions such as 1/3 + 1/3 + 1/3 set to 0."""
    rest: Matrix = 1.0 - shares.sum(axis=1)
    rest[np.abs(rest) < 1e-12] = 0.0
    return rest


@cache
def isic_bridge() -> IsicBridge:
    """The BEA → ISIC share matrix, built once from the two bundled link tables."""
    industries = io_tables().industries
    naics_of = {code: naics_of_industries().get(code, ()) for code in industries}
    targets = isic_of_naics()
    classes = {code for code, entry in isic_codes().items() if entry.level == "class"}
    classes_of = {naics: tuple(c for c in isic if c in classes) for naics, isic in targets.items()}
    reached = {c for naics in naics_of.values() for n in naics for c in classes_of.get(n, ())}
    isic_classes = tuple(sorted(reached))
    at = {c: k for k, c in enumerate(isic_classes)}
    shares = np.zeros((len(industries), len(isic_classes)))
    for j, code in enumerate(industries):
        for naics in naics_of[code]:
            for isic in classes_of.get(naics, ()):
                shares[j, at[isic]] += _share_of(naics, naics_of[code], targets)
    return IsicBridge(
        industries=industries,
        isic_classes=isic_classes,
        shares=shares,
        unbridged=_unbridged(shares),
        naics_of=naics_of,
        classes_of=classes_of,
        not_isic={
            n: tuple(c for c in isic if c not in classes)
            for n, isic in targets.items()
            if set(isic) - classes
        },
    )


@cache
def naics_making(isic_class: str) -> tuple[str, ...]:
    """The NAICS codes that make up an ISIC class when it is asked for: dedicated links first."""
    linked = [naics for naics, classes in isic_bridge().classes_of.items() if isic_class in classes]
    dedicated = [naics for naics in linked if isic_of_naics()[naics] == (isic_class,)]
    return tuple(sorted(dedicated or linked))


def target_weights(isic_class: str) -> Matrix:
    """Per BEA industry, its weight in the asked ISIC class (summing to 1; all zero if none reaches it)."""
    bridge = isic_bridge()
    making = set(naics_making(isic_class))
    targets = isic_of_naics()
    weights = np.zeros(len(bridge.industries))
    for j, code in enumerate(bridge.industries):
        naics = bridge.naics_of[code]
        weights[j] = sum(_share_of(n, naics, targets) for n in naics if n in making)
    weights *= io_tables().industry_output
    total = weights.sum()
    return weights / total if total > 0 else weights
