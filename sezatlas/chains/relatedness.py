"""Relatedness and economic complexity of a country × product export matrix, in numpy.

Every function takes plain arrays (rows: countries, columns: products) and returns arrays; nothing is read
or written. The formulas are the published ones, with the conventions of the Growth Lab's reference
implementation (the `ecomplexity` package, which reproduces their Stata original) so that the figures can
be compared with theirs; `tests/chains/test_relatedness.py` holds them to 1e-6 on generated matrices.

- RCA (Balassa 1965, "Trade liberalisation and revealed comparative advantage", The Manchester School 33):
  RCA_cp = (X_cp / Σ_p X_cp) / (Σ_c X_cp / Σ_cp X_cp).
- M_cp = 1 when RCA_cp ≥ 1 (the threshold is a parameter), else 0; diversity k_c = Σ_p M_cp, ubiquity
  k_p = Σ_c M_cp.
- Proximity (Hidalgo, Klinger, Barabási & Hausmann 2007, "The Product Space Conditions the Development of
  Nations", Science 317): φ_pp' = Σ_c M_cp M_cp' / max(k_p, k_p'), the smaller of the two conditional
  probabilities of exporting one product given the other; the diagonal is 1.
- Density (same paper): ω_cp = Σ_p' M_cp' φ_pp' / Σ_p' φ_pp', the share of product p's proximity that
  country c already covers.
- ECI and PCI (Hidalgo & Hausmann 2009, "The building blocks of economic complexity", PNAS 106; Hausmann
  et al. 2014, The Atlas of Economic Complexity, MIT Press, the eigenvector formulation): the eigenvector
  of the second largest eigenvalue of M̃_pp' = Σ_c M_cp M_cp' / (k_c k_p), carried to countries by
  kc = (1/k_c) Σ_p M_cp kp.
  Sign: ECI correlates positively with diversity. Normalisation (the reference's): ECI = (kc − mean kc) /
  sd kc and PCI = (kp − mean kc) / sd kc — PCI on the ECI's scale, so that a country's ECI is the mean PCI
  of the products it exports with M = 1; sd is the population standard deviation.
- Complexity outlook gain (Hausmann et al. 2014): COG_cp = (1 − M_cp) Σ_p'
  φ_pp' / (Σ_p'' φ_p''p') (1 − M_cp') PCI_p'. The reference evaluates it with kp / sd kc in place of PCI
  (the eigenvector before the shift by mean kc); we follow it, so COG differs from the formula fed with the
  normalised PCI by a constant times the proximity-weighted share of products not yet exported.
"""

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

Matrix = NDArray[np.float64]
Vector = NDArray[np.float64]


class TradeMatrixError(ValueError):
    """An export matrix the measures are not defined for (negative, not finite, a row or column of zeros)."""


@dataclass(frozen=True, slots=True)
class Complexity:
    """Every measure of one export matrix, rows and columns in the matrix's order."""

    rca: Matrix
    m: Matrix  # 0/1
    diversity: Vector  # per country
    ubiquity: Vector  # per product
    proximity: Matrix  # product × product
    density: Matrix  # country × product
    eci: Vector
    pci: Vector
    cog: Matrix  # country × product; 0 where M = 1


def checked_exports(exports: Matrix) -> Matrix:
    """The matrix as float64 when every measure is defined for it; refused otherwise, naming the place."""
    values = np.asarray(exports, dtype=np.float64)
    if values.ndim != 2 or min(values.shape) < 2:
        raise TradeMatrixError(
            f"an export matrix needs 2+ countries and 2+ products, not shape {values.shape}"
        )
    problems = (
        (~np.isfinite(values), "is not a finite number"),
        (values < 0, "is negative"),
    )
    for mask, what in problems:
        if mask.any():
            row, column = np.argwhere(mask)[0]
            raise TradeMatrixError(f"row {row}, column {column}: the export value {what}")
    for axis, name in ((1, "row"), (0, "column")):
        empty = np.flatnonzero(values.sum(axis=axis) == 0)
        if empty.size:
            raise TradeMatrixError(f"{name} {empty[0]}: exports sum to 0 (drop it: RCA divides by it)")
    return values


def rca(exports: Matrix) -> Matrix:
    """Balassa's revealed comparative advantage of each country in each product."""
    values = checked_exports(exports)
    country_share = values / values.sum(axis=1, keepdims=True)
    world_share = values.sum(axis=0, keepdims=True) / values.sum()
    ratio: Matrix = country_share / world_share
    return ratio


def presence(rca_values: Matrix, threshold: float = 1.0) -> Matrix:
    """M: 1 where the country exports the product with RCA ≥ threshold, else 0."""
    return (np.nan_to_num(rca_values) >= threshold).astype(np.float64)


def proximity(m: Matrix) -> Matrix:
    """φ: the minimum of the two conditional probabilities of co-export (Hidalgo et al. 2007)."""
    ubiquity = m.sum(axis=0)
    co_exports = m.T @ m
    with np.errstate(divide="ignore", invalid="ignore"):
        phi = co_exports / np.maximum(ubiquity[:, None], ubiquity[None, :])
    near: Matrix = np.nan_to_num(phi)  # a product no country exports with M = 1 is near nothing
    return near


def density(m: Matrix, phi: Matrix) -> Matrix:
    """ω: the share of each product's proximity that the country's present products cover."""
    covered: Matrix = m @ (phi.T / phi.sum(axis=1)[None, :])
    return covered


def complexity_eigenvectors(m: Matrix) -> tuple[Vector, Vector]:
    """(kc, kp): the second eigenvector of M̃ for products, carried to countries, signed like diversity.

    M̃ = D_p⁻¹ Mᵀ D_c⁻¹ M is similar to the symmetric S = D_p^−½ Mᵀ D_c⁻¹ M D_p^−½, so the eigenvector is
    taken from S with `eigh` (real, sorted) and mapped back, kp = D_p^−½ v; its scale does not matter,
    the normalisation removes it.
    """
    diversity, ubiquity = m.sum(axis=1), m.sum(axis=0)
    if (diversity == 0).any() or (ubiquity == 0).any():
        raise TradeMatrixError("ECI needs every country and product to have M = 1 somewhere")
    root = 1 / np.sqrt(ubiquity)
    symmetric = (m * root[None, :]).T @ (m * root[None, :] / diversity[:, None])
    _, vectors = np.linalg.eigh(symmetric)
    kp = root * vectors[:, -2]
    kc = (m @ kp) / diversity
    sign = np.sign(np.corrcoef(diversity, kc)[0, 1])
    return sign * kc, sign * kp


def opportunity_gain(m: Matrix, phi: Matrix, pci_values: Vector) -> Matrix:
    """COG: what a country gains in nearby complexity by adding each product it does not export yet."""
    absent = 1 - m
    weighted = phi * (pci_values / phi.sum(axis=1))[:, None]
    gain: Matrix = absent * (absent @ weighted)
    return gain


def complexity(exports: Matrix, threshold: float = 1.0) -> Complexity:
    """Every measure at once, with the reference's normalisation of ECI, PCI and COG (module docstring)."""
    rca_values = rca(exports)
    m = presence(rca_values, threshold)
    phi = proximity(m)
    kc, kp = complexity_eigenvectors(m)
    spread = kc.std()
    return Complexity(
        rca=rca_values,
        m=m,
        diversity=m.sum(axis=1),
        ubiquity=m.sum(axis=0),
        proximity=phi,
        density=density(m, phi),
        eci=(kc - kc.mean()) / spread,
        pci=(kp - kc.mean()) / spread,
        cog=opportunity_gain(m, phi, kp / spread),
    )
