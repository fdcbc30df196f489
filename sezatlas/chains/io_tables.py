"""The US BEA 2017 detail input-output tables and the requirements computed from them.

The files are BEA's 2017 benchmark Use table (producers' prices, before redefinitions) and Make table at
the detail level, 402 commodities × 402 industries, bundled in `sezatlas/data/chains/` (provenance in
`sezatlas/data/SOURCES.md`). They are read once and every matrix is computed once, at the first call
(`requirements()` is cached): a recipe is then a matrix-vector product.

The algebra is BEA's own, as set out in "Concepts and Methods of the U.S. Input-Output Accounts"
(Horowitz & Planting, BEA 2006, updated 2009), chapter 12, "Derivation of the requirements tables":

- commodity-by-industry direct requirements B = U ĝ⁻¹ (each Use cell over its industry's total output);
- market shares D = V q̂⁻¹ (each Make cell over its commodity's total output), adjusted for scrap:
  W = (I − p̂)⁻¹ D, where p is the share of each industry's output that is scrap (S00401), because BEA
  treats scrap as a by-product no industry is asked to make;
- industry-by-industry direct requirements A = W B, and the industry-by-industry total requirements
  (the Leontief inverse) L = (I − A)⁻¹.

Special codes are kept as published, on purpose, so the tables still add up to BEA's own totals:
- the negative Use cells (sales of used goods S00402 by a few industries, and the federal nondefense
  government S00600 column) stay negative in B;
- noncomparable imports (S00300) and used and secondhand goods (S00402) have no domestic output (their
  commodity total is 0), so they have no market share: they appear in B but no US industry supplies them,
  and they leave the industry-by-industry tables A and L, as in BEA's published total requirements;
- government industries (S00101 … S00600, GSLGE/GSLGH/GSLGO) are industries like any other here; whether
  they reach an ISIC class is `bridges.py`'s business.
"""

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

from sezatlas.standard.codelists import data_path

Matrix = npt.NDArray[np.float64]
SCRAP = "S00401"  # BEA's commodity code for scrap
FOLDER = "chains"
USE_FILE = "us_bea2017_detail_use.csv"
MAKE_FILE = "us_bea2017_detail_make.csv"
INDUSTRY_TOTALS_FILE = "us_bea2017_detail_industry_totals.csv"
COMMODITY_TOTALS_FILE = "us_bea2017_detail_commodity_totals.csv"


class IoTableError(ValueError):
    """A bundled input-output file that fails its own checks: the installation is broken, not the input."""


@dataclass(frozen=True)
class IoTables:
    """The published tables as matrices, in millions of 2017 US dollars; rows and columns in file order."""

    industries: tuple[str, ...]
    commodities: tuple[str, ...]
    industry_titles: dict[str, str]
    commodity_titles: dict[str, str]
    use: Matrix  # commodity × industry, intermediate block of the Use table
    make: Matrix  # industry × commodity
    industry_output: Matrix  # g, total industry output (Use row T008)
    commodity_output: Matrix  # q, total commodity output (Make row T007)


@dataclass(frozen=True)
class Requirements:
    """BEA's requirements tables (ch. 12 of Horowitz & Planting), per dollar of output."""

    tables: IoTables
    commodity_by_industry: Matrix  # B = U ĝ⁻¹
    market_shares: Matrix  # W = (I − p̂)⁻¹ V q̂⁻¹, industry × commodity, scrap column zero
    direct: Matrix  # A = W B, industry × industry
    total: Matrix  # L = (I − A)⁻¹, industry × industry

    def industry_index(self, code: str) -> int:
        return self.tables.industries.index(code)


def _rows(name: str) -> Iterator[tuple[int, dict[str, str]]]:
    """The rows of a bundled file with their line numbers (the header is line 1)."""
    path: Path = data_path(FOLDER, name)
    with path.open(encoding="utf-8", newline="") as f:
        yield from enumerate(csv.DictReader(f), start=2)


def _number(name: str, line: int, row: dict[str, str], field: str) -> float:
    try:
        return float(row[field])
    except (KeyError, ValueError):
        raise IoTableError(
            f"{name}, line {line}, field {field}: {row.get(field)!r} is not a number"
        ) from None


def _totals(name: str, code_field: str, title_field: str, value_field: str) -> tuple[dict[str, str], Matrix]:
    titles: dict[str, str] = {}
    values: list[float] = []
    for line, row in _rows(name):
        titles[row[code_field]] = row[title_field]
        values.append(_number(name, line, row, value_field))
    return titles, np.array(values)


def _cells(
    name: str, row_field: str, column_field: str, rows: tuple[str, ...], columns: tuple[str, ...]
) -> Matrix:
    """A long file of non-zero cells as a dense matrix; a code outside the totals files is refused."""
    row_at = {code: i for i, code in enumerate(rows)}
    column_at = {code: j for j, code in enumerate(columns)}
    matrix = np.zeros((len(rows), len(columns)))
    for line, row in _rows(name):
        for field, index in ((row_field, row_at), (column_field, column_at)):
            if row[field] not in index:
                raise IoTableError(
                    f"{name}, line {line}, field {field}: {row[field]!r} is not a BEA detail code"
                )
        matrix[row_at[row[row_field]], column_at[row[column_field]]] = _number(
            name, line, row, "value_usd_million"
        )
    return matrix


@cache
def io_tables() -> IoTables:
    """The bundled Use and Make tables and their totals, read once."""
    industry_titles, industry_output = _totals(
        INDUSTRY_TOTALS_FILE, "industry_code", "industry_title", "total_industry_output_usd_million"
    )
    commodity_titles, commodity_output = _totals(
        COMMODITY_TOTALS_FILE, "commodity_code", "commodity_title", "total_commodity_output_usd_million"
    )
    industries, commodities = tuple(industry_titles), tuple(commodity_titles)
    if (industry_output <= 0).any():
        raise IoTableError(
            f"{INDUSTRY_TOTALS_FILE}: an industry has no output; its coefficients are undefined"
        )
    return IoTables(
        industries=industries,
        commodities=commodities,
        industry_titles=industry_titles,
        commodity_titles=commodity_titles,
        use=_cells(USE_FILE, "commodity_code", "industry_code", commodities, industries),
        make=_cells(MAKE_FILE, "industry_code", "commodity_code", industries, commodities),
        industry_output=industry_output,
        commodity_output=commodity_output,
    )


def market_shares(tables: IoTables) -> Matrix:
    """W: each industry's share of each commodity's output, scrap-adjusted (Horowitz & Planting, ch. 12).

    A commodity with no domestic output (noncomparable imports, used goods) has no shares: its column is 0.
    """
    scrap = tables.commodities.index(SCRAP)
    produced = tables.commodity_output > 0
    shares = np.zeros_like(tables.make)
    shares[:, produced] = tables.make[:, produced] / tables.commodity_output[produced]
    shares[:, scrap] = 0.0
    scrap_ratio = tables.make[:, scrap] / tables.industry_output
    return shares / (1.0 - scrap_ratio)[:, np.newaxis]


@cache
def requirements() -> Requirements:
    """B, W, A and the Leontief inverse L of the bundled tables, computed once."""
    tables = io_tables()
    by_industry = tables.use / tables.industry_output[np.newaxis, :]
    shares = market_shares(tables)
    direct = shares @ by_industry
    identity = np.eye(len(tables.industries))
    total = np.linalg.solve(identity - direct, identity).astype(np.float64)
    return Requirements(tables, by_industry, shares, direct, total)
