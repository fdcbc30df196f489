"""CEPII BACI bilateral trade: read a year's CSV and its country list into an exporter × HS6 matrix.

Accepted layout (BACI releases V202301 onwards, e.g. `BACI_HS22_Y2022_V202401.csv`): the header
`t,i,j,k,v,q` — year, exporter and importer (BACI's numeric country codes), HS six-digit product, value in
thousand current USD, quantity in metric tons (may be empty or `NA`) — and the release's
`country_codes_V2024xx.csv` with the header `country_code,country_name,country_iso2,country_iso3`.
One file is one year; a product code that lost its leading zero (`10121`) is read as `010121`.

Only exports matter here (RCA is about what a country sells the world): the importer is checked against
the country list and summed over. The HS edition (HS92 … HS22) is read from the file name when it follows
CEPII's pattern, and stated in the answer, since the bundled concordance is HS 2022.
"""

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from sezatlas.chains.trade_files import ProblemList, Progress, csv_rows, number

BACI_HEADER = ["t", "i", "j", "k", "v", "q"]
COUNTRY_HEADER = ["country_code", "country_name", "country_iso2", "country_iso3"]
FILE_NAME = re.compile(r"BACI_(HS\d\d)_Y(\d{4})_V(\d{6})", re.IGNORECASE)


@dataclass(frozen=True)
class BaciExports:
    """What each country exported of each HS6 product in one year, thousand USD."""

    year: int
    hs_edition: str | None  # "HS22", from the file name
    release: str | None  # "V202401"
    countries: tuple[str, ...]  # ISO alpha-3, rows
    products: tuple[str, ...]  # HS6, columns
    exports: NDArray[np.float64]


def read_country_codes(path: Path) -> dict[int, str]:
    """BACI numeric code → ISO alpha-3, or `TradeFileRejectedError` naming each bad line."""
    problems, codes = ProblemList(path.name), dict[int, str]()
    for line, fields in csv_rows(path):
        if line == 1:
            if [f.strip() for f in fields[:4]] != COUNTRY_HEADER:
                problems.add(1, "header", f"expected {','.join(COUNTRY_HEADER)}, found {','.join(fields)}")
                break
            continue
        if len(fields) < 4:
            problems.add(line, "row", f"{len(fields)} fields, expected 4")
            continue
        code, iso3 = fields[0].strip(), fields[3].strip().upper()
        if not code.isdigit():
            problems.add(line, "country_code", f"{code!r} is not a number")
        elif len(iso3) != 3 or not iso3.isalpha():
            problems.add(line, "country_iso3", f"{iso3!r} is not an ISO alpha-3 code")
        else:
            codes[int(code)] = iso3
    problems.raise_if_any()
    return codes


class _Flows:
    """Sums exports per (exporter, product) while the file streams by; the memory is the matrix."""

    def __init__(self, countries: dict[int, str], problems: ProblemList) -> None:
        self.countries, self.problems = countries, problems
        self.totals: dict[tuple[str, str], float] = {}
        self.year: int | None = None

    def _known(self, line: int, field: str, text: str) -> str | None:
        code = int(text) if text.strip().isdigit() else None
        if code is None or code not in self.countries:
            self.problems.add(line, field, f"unknown country code {text!r}")
            return None
        return self.countries[code]

    def _year(self, line: int, text: str) -> bool:
        if not text.isdigit():
            self.problems.add(line, "t", f"{text!r} is not a year")
            return False
        year = int(text)
        if self.year is None:
            self.year = year
        if year != self.year:
            self.problems.add(line, "t", f"year {year} differs from the file's first year {self.year}")
            return False
        return True

    def add(self, line: int, fields: list[str]) -> None:
        if len(fields) != len(BACI_HEADER):
            self.problems.add(line, "row", f"{len(fields)} fields, expected {len(BACI_HEADER)}")
            return
        t, i, j, k, v, q = (field.strip() for field in fields)
        is_year = self._year(line, t)
        exporter, importer = self._known(line, "i", i), self._known(line, "j", j)
        product = k.zfill(6) if k.isdigit() and len(k) in (5, 6) else None
        if product is None:
            self.problems.add(line, "k", f"{k!r} is not an HS six-digit code")
        value = number(v)
        if value is None or value < 0:
            self.problems.add(line, "v", f"{v!r} is not a trade value (thousand USD, 0 or more)")
        if q not in ("", "NA") and ((amount := number(q)) is None or amount < 0):
            self.problems.add(line, "q", f"{q!r} is not a quantity (tons, 0 or more)")
        if is_year and exporter and importer and product and value is not None and value >= 0:
            key = (exporter, product)
            self.totals[key] = self.totals.get(key, 0.0) + value


def read_baci(path: Path, countries: dict[int, str], on_progress: Progress | None = None) -> BaciExports:
    """The year's exports by country and product, or `TradeFileRejectedError` listing every problem."""
    problems = ProblemList(path.name)
    flows = _Flows(countries, problems)
    for line, fields in csv_rows(path, on_progress):
        if line == 1:
            if [f.strip() for f in fields] != BACI_HEADER:
                problems.add(1, "header", f"expected {','.join(BACI_HEADER)}, found {','.join(fields)}")
                break
            continue
        flows.add(line, fields)
    if flows.year is None and not problems:
        problems.add(0, "", "no trade flow in the file")
    problems.raise_if_any()
    exporters = sorted({c for c, _ in flows.totals})
    products = sorted({p for _, p in flows.totals})
    row = {c: n for n, c in enumerate(exporters)}
    column = {p: n for n, p in enumerate(products)}
    exports = np.zeros((len(exporters), len(products)))
    for (country, product), value in flows.totals.items():
        exports[row[country], column[product]] = value
    named = FILE_NAME.search(path.name)
    return BaciExports(
        year=flows.year or 0,
        hs_edition=named.group(1).upper() if named else None,
        release=f"V{named.group(3)}" if named else None,
        countries=tuple(exporters),
        products=tuple(products),
        exports=exports,
    )
