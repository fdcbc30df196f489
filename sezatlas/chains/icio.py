"""OECD Inter-Country Input-Output (ICIO) tables: read the published CSV, and the value-added algebra.

Accepted layout (OECD ICIO, 2023 release, one CSV per year, e.g. `2020.csv`; values in million USD):

- line 1: `V1` (or an empty cell), then one column per country × industry, `CCC_IND` (`CHN_C26`), then the
  final-demand columns `CCC_HFCE`, `CCC_NPISH`, `CCC_GGFC`, `CCC_GFCF`, `CCC_INVNT`, `CCC_DPABR`, and
  optionally a last `OUT` column;
- one line per country × industry, labelled like the columns and in the same order, then the lines `TLS`
  (taxes less subsidies on intermediate products), `VA` (value added) and `OUT` (output).

Releases that split China and Mexico (`CN1`/`CN2`, `MX1`/`MX2`: processing-trade and other producers, in
the 2021 and 2022 releases and the 2023 "extended" tables) are accepted: the two parts are summed into
`CHN` and `MEX`, rows and columns, as the OECD's own aggregated tables do. The industry list is the 2023
release's 45 industries (ISIC Rev.4 based), `INDUSTRY_DIVISIONS` below; any other label is refused.

Foreign value added (vertical specialisation, Hummels, Ishii & Yi 2001, "The nature and growth of vertical
specialization in world trade", J. Int. Econ. 54; in the inter-country form of Koopman, Wang & Wei 2014,
"Tracing value-added and double counting in gross exports", AER 104(2)): with A = Z x̂⁻¹ and L = (I − A)⁻¹,
the value added of country s embodied in a dollar of industry j's output is Σ_{i∈s} v_i L_ij, v = VA / x.
Domestic + foreign value added + the taxes-less-subsidies content (t = TLS / x) add up to 1 per column.
"""

from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from sezatlas.chains.trade_files import ProblemList, Progress, csv_rows, number

Matrix = NDArray[np.float64]
Vector = NDArray[np.float64]
FINAL_DEMAND = ("HFCE", "NPISH", "GGFC", "GFCF", "INVNT", "DPABR")
BOTTOM_ROWS = ("TLS", "VA", "OUT")
SPLIT_COUNTRIES = {"CN1": "CHN", "CN2": "CHN", "MX1": "MEX", "MX2": "MEX"}
# ICIO 2023 industry → ISIC Rev.4 divisions (a bare section letter: every division of the section), from
# the OECD's "ICIO 2023: industry list" (ReadMe sheet of the release), which defines each industry by ISIC
# Rev.4 divisions.
INDUSTRY_DIVISIONS: dict[str, tuple[str, ...]] = {
    "A01_02": ("01", "02"), "A03": ("03",), "B05_06": ("05", "06"), "B07_08": ("07", "08"),
    "B09": ("09",), "C10T12": ("10", "11", "12"), "C13T15": ("13", "14", "15"), "C16": ("16",),
    "C17_18": ("17", "18"), "C19": ("19",), "C20": ("20",), "C21": ("21",), "C22": ("22",), "C23": ("23",),
    "C24": ("24",), "C25": ("25",), "C26": ("26",), "C27": ("27",), "C28": ("28",), "C29": ("29",),
    "C30": ("30",), "C31T33": ("31", "32", "33"), "D": ("35",), "E": ("36", "37", "38", "39"),
    "F": ("41", "42", "43"), "G": ("45", "46", "47"), "H49": ("49",), "H50": ("50",), "H51": ("51",),
    "H52": ("52",), "H53": ("53",), "I": ("55", "56"), "J58T60": ("58", "59", "60"), "J61": ("61",),
    "J62_63": ("62", "63"), "K": ("64", "65", "66"), "L": ("68",),
    "M": ("69", "70", "71", "72", "73", "74", "75"), "N": ("77", "78", "79", "80", "81", "82"),
    "O": ("84",), "P": ("85",), "Q": ("86", "87", "88"),
    "R": ("90", "91", "92", "93"), "S": ("94", "95", "96"), "T": ("97", "98"),
}  # fmt: skip


@dataclass(frozen=True)
class IcioTable:
    """One year of the ICIO: intermediate flows Z (rows: supplying country × industry; columns: using
    country × industry, both in `labels` order), and per column the TLS, VA and OUT lines."""

    countries: tuple[str, ...]
    industries: tuple[str, ...]
    flows: Matrix  # Z, million USD
    taxes: Vector  # TLS
    value_added: Vector  # VA
    output: Vector  # OUT

    def at(self, country: str, industry: str) -> int:
        return self.countries.index(country) * len(self.industries) + self.industries.index(industry)


def industry_of_division(division: str) -> str | None:
    """The ICIO industry an ISIC division belongs to (None for 99, extraterritorial organisations)."""
    return next((code for code, divisions in INDUSTRY_DIVISIONS.items() if division in divisions), None)


@dataclass
class _Header:
    countries: list[str]
    industries: list[str]
    targets: list[int]  # per intermediate column: index of its merged column
    width: int  # fields a line must have


def _split(label: str) -> tuple[str, str]:
    country, _, rest = label.partition("_")
    return SPLIT_COUNTRIES.get(country, country), rest


def _header(fields: list[str], problems: ProblemList) -> _Header | None:
    if fields[:1] not in (["V1"], [""]):
        problems.add(1, "column 1", f"expected 'V1' (the OECD ICIO layout), found {fields[:1]!r}")
    countries: list[str] = []
    merged: dict[tuple[str, str], list[int]] = {}
    for position, label in enumerate(fields[1:], start=2):
        country, rest = _split(label)
        if label == "OUT" or (rest in FINAL_DEMAND and len(country) == 3):
            continue
        if rest not in INDUSTRY_DIVISIONS or len(country) != 3 or not country.isalpha():
            problems.add(1, f"column {position} ({label})", "unknown country or industry label")
            continue
        if country not in countries:
            countries.append(country)
        merged.setdefault((country, rest), []).append(position - 1)
    industries = [code for code in INDUSTRY_DIVISIONS if any(k[1] == code for k in merged)]
    missing = [f"{c}_{i}" for c in countries for i in industries if (c, i) not in merged]
    if missing:
        problems.add(1, "", f"shape mismatch: no column for {', '.join(missing[:10])}")
    if problems or not countries:
        if not countries:
            problems.add(1, "", "no country × industry column")
        return None
    width = sum(len(ps) for ps in merged.values())
    if max(p for ps in merged.values() for p in ps) != width:
        problems.add(1, "", "shape mismatch: a final-demand column comes before an industry column")
        return None
    targets = [0] * width
    for (country, industry), positions in merged.items():
        for p in positions:
            targets[p - 1] = countries.index(country) * len(industries) + industries.index(industry)
    return _Header(countries, industries, targets, len(fields))


class _Rows:
    """Accumulates Z and the bottom lines while the file streams by."""

    def __init__(self, header: _Header, problems: ProblemList, column_labels: list[str]) -> None:
        size = len(header.countries) * len(header.industries)
        self.header, self.problems, self.labels = header, problems, column_labels
        self.flows = np.zeros((size, size))
        self.bottom: dict[str, Vector] = {}
        self.seen = np.zeros(size, dtype=np.int64)  # lines seen per merged row
        self.targets = np.asarray(header.targets, dtype=np.int64)
        self.size = size

    def _values(self, line: int, fields: list[str]) -> Vector | None:
        cells = fields[1 : 1 + len(self.targets)]
        with suppress(ValueError):  # the fast path; a line with a bad cell is read cell by cell to name it
            parsed = np.asarray(cells, dtype=np.float64)
            if np.isfinite(parsed).all():
                return parsed
        values = [number(cell) for cell in cells]
        bad = [i for i, value in enumerate(values) if value is None]
        for i in bad:
            self.problems.add(line, self.labels[i + 1], f"{cells[i]!r} is not a number")
        return None if bad else np.asarray(values, dtype=np.float64)

    def add(self, line: int, fields: list[str]) -> None:
        label = fields[0] if fields else ""
        if len(fields) != self.header.width:
            self.problems.add(line, label or "row", f"shape mismatch: {len(fields)} fields, the header has "
                              f"{self.header.width}")  # fmt: skip
            return
        country, industry = _split(label)
        is_bottom = label in BOTTOM_ROWS
        if not is_bottom and (country not in self.header.countries or industry not in self.header.industries):
            self.problems.add(line, "V1", f"unknown country or industry label {label!r}")
            return
        values = self._values(line, fields)
        if values is None:
            return
        summed = np.bincount(self.targets, weights=values, minlength=self.size).astype(np.float64)
        if is_bottom:
            self.bottom[label] = summed
            if label == "OUT":
                for i in np.flatnonzero(summed < 0):
                    self.problems.add(line, self.labels[int(np.argmax(self.targets == i)) + 1],
                                      f"negative output {summed[i]:g}")  # fmt: skip
            return
        row = self.header.countries.index(country) * len(self.header.industries)
        row += self.header.industries.index(industry)
        self.flows[row] += summed
        self.seen[row] += 1


def read_icio(path: Path, on_progress: Progress | None = None) -> IcioTable:
    """The table in the file, or `TradeFileRejectedError` listing every problem found."""
    problems = ProblemList(path.name)
    rows: _Rows | None = None
    for line, fields in csv_rows(path, on_progress):
        if line == 1:
            header = _header(fields, problems)
            if header is None:
                problems.reject()
            rows = _Rows(header, problems, fields)
        elif rows is not None:
            rows.add(line, fields)
    if rows is None:
        problems.add(0, "", "the file is empty")
        problems.reject()
    _check_complete(rows, problems)
    problems.raise_if_any()
    return IcioTable(
        countries=tuple(rows.header.countries),
        industries=tuple(rows.header.industries),
        flows=rows.flows,
        taxes=rows.bottom["TLS"],
        value_added=rows.bottom["VA"],
        output=rows.bottom["OUT"],
    )


def _check_complete(rows: _Rows, problems: ProblemList) -> None:
    for name in BOTTOM_ROWS:
        if name not in rows.bottom:
            problems.add(0, name, f"missing {name} row")
    labels = [f"{c}_{i}" for c in rows.header.countries for i in rows.header.industries]
    absent = [labels[i] for i in np.flatnonzero(rows.seen == 0)]
    if absent:
        problems.add(0, "V1", f"shape mismatch: no row for {', '.join(absent[:10])}")


def technical_coefficients(table: IcioTable) -> Matrix:
    """A = Z x̂⁻¹; an industry with no output has a column of zeros."""
    with np.errstate(divide="ignore", invalid="ignore"):
        coefficients = np.where(table.output > 0, table.flows / table.output, 0.0)
    return np.asarray(coefficients, dtype=np.float64)


@dataclass(frozen=True)
class ValueAddedContent:
    """Per column (country × industry): domestic and foreign value added and the TLS content of a dollar
    of output; NaN where the industry has no output."""

    domestic: Vector
    foreign: Vector
    taxes: Vector


def value_added_content(table: IcioTable) -> ValueAddedContent:
    """Solve (I − A)ᵀ Y = V once, V holding each country's value-added coefficients in its own column (and
    the TLS coefficients in a last one): Y[j, s] = Σ_{i∈s} v_i L_ij without forming L."""
    size, per_country = len(table.output), len(table.industries)
    with np.errstate(divide="ignore", invalid="ignore"):
        va = np.where(table.output > 0, table.value_added / table.output, 0.0)
        tls = np.where(table.output > 0, table.taxes / table.output, 0.0)
    country_of = np.arange(size) // per_country
    sources = np.zeros((size, len(table.countries) + 1))
    sources[np.arange(size), country_of] = va
    sources[:, -1] = tls
    content = np.linalg.solve((np.eye(size) - technical_coefficients(table)).T, sources)
    domestic = content[np.arange(size), country_of]
    foreign = content[:, :-1].sum(axis=1) - domestic
    no_output = table.output <= 0
    return ValueAddedContent(
        domestic=np.where(no_output, np.nan, domestic),
        foreign=np.where(no_output, np.nan, foreign),
        taxes=np.where(no_output, np.nan, content[:, -1]),
    )
