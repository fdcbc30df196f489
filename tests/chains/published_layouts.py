"""Small files in exactly the published layouts of the OECD ICIO (2023 release) and CEPII BACI CSVs.

No real table may be shipped, so the importers are tested on these: a 3-country × 4-industry ICIO year whose
rows and columns balance (output = intermediate use + final demand = intermediate inputs + TLS + VA), and a
30-row BACI year with its country list. Every figure is drawn from a seeded generator; the tests mutate the
rows to make bad files.
"""

import csv
import random
from pathlib import Path

ICIO_COUNTRIES = ("BRA", "CHN", "RUS")
ICIO_INDUSTRIES = ("A01_02", "C20", "C26", "G")
FINAL_DEMAND = ("HFCE", "NPISH", "GGFC", "GFCF", "INVNT", "DPABR")
# BACI numeric codes as CEPII lists them (ISO 3166 numeric): Brazil, China, India, Russia, South Africa.
BACI_COUNTRIES = ((76, "Brazil", "BR", "BRA"), (156, "China", "CN", "CHN"), (699, "India", "IN", "IND"),
                  (643, "Russian Federation", "RU", "RUS"), (710, "South Africa", "ZA", "ZAF"))  # fmt: skip
BACI_PRODUCTS = ("850760", "280519", "382499", "010121", "720839", "851712")


def write_rows(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    return path


def icio_matrices(seed: int = 2023) -> tuple[list[list[float]], list[float], list[float], list[float]]:
    """(Z, TLS, VA, OUT) of a balanced table: rows and columns in country × industry order."""
    rng = random.Random(seed)
    size = len(ICIO_COUNTRIES) * len(ICIO_INDUSTRIES)
    flows = [[round(rng.uniform(0, 20), 3) for _ in range(size)] for _ in range(size)]
    final = [round(rng.uniform(150, 300), 3) for _ in range(size)]  # each row's final demand, all kinds
    output = [round(sum(flows[i]) + final[i], 3) for i in range(size)]
    taxes = [round(rng.uniform(0, 5), 3) for _ in range(size)]
    value_added = [round(output[j] - sum(row[j] for row in flows) - taxes[j], 3) for j in range(size)]
    return flows, taxes, value_added, output


def icio_rows(seed: int = 2023, split_china: bool = False) -> list[list[str]]:
    """The CSV lines of the table; with `split_china`, China's rows and columns are split 60/40 into CN1
    and CN2 (the layout of the releases that separate processing trade)."""
    flows, taxes, value_added, output = icio_matrices(seed)
    labels = [f"{c}_{i}" for c in ICIO_COUNTRIES for i in ICIO_INDUSTRIES]
    demand = [f"{c}_{d}" for c in ICIO_COUNTRIES for d in FINAL_DEMAND]
    final = [output[i] - sum(flows[i]) for i in range(len(labels))]

    def demand_cells(total: float) -> list[str]:
        return [f"{total / len(demand):.6f}"] * len(demand)

    rows = [["V1", *labels, *demand, "OUT"]]
    for i, label in enumerate(labels):
        rows.append([label, *(f"{v}" for v in flows[i]), *demand_cells(final[i]), f"{output[i]}"])
    for name, values in (("TLS", taxes), ("VA", value_added), ("OUT", output)):
        rows.append([name, *(f"{v}" for v in values), *(["0"] * len(demand)), ""])
    return _split_china(rows) if split_china else rows


def _split_china(rows: list[list[str]]) -> list[list[str]]:
    """CHN_x → CN1_x (60 %) and CN2_x (40 %), in rows and in intermediate columns."""
    header = rows[0]
    china = [p for p, label in enumerate(header) if label.startswith("CHN_") and label[4:] in ICIO_INDUSTRIES]

    def widen(row: list[str], part: float | None) -> list[str]:
        out: list[str] = []
        for p, cell in enumerate(row):
            if p in china:
                if part is None:  # the header
                    out += [cell.replace("CHN", "CN1"), cell.replace("CHN", "CN2")]
                else:
                    value = float(cell) * part
                    out += [f"{value * 0.5:.6f}", f"{value * 0.5:.6f}"]
            else:
                out.append(
                    f"{float(cell) * part:.6f}" if part not in (None, 1.0) and p > 0 and cell else cell
                )
        return out

    result = [widen(header, None)]
    for row in rows[1:]:
        if row[0].startswith("CHN_"):
            for name, part in (("CN1", 0.6), ("CN2", 0.4)):
                split = widen(row, part)
                split[0] = row[0].replace("CHN", name)
                result.append(split)
        else:
            result.append(widen(row, 1.0))
    return result


def baci_rows(year: int = 2022) -> list[list[str]]:
    """30 flows (5 exporters × 6 products, each to the next country), `t,i,j,k,v,q` as CEPII writes them:
    a product code that starts with 0 loses it (10121), a missing quantity is `NA`."""
    rng = random.Random(year)
    rows = [["t", "i", "j", "k", "v", "q"]]
    codes = [c[0] for c in BACI_COUNTRIES]
    for n, exporter in enumerate(codes):
        importer = codes[(n + 1) % len(codes)]
        for product in BACI_PRODUCTS:
            value = round(rng.uniform(1, 1000), 3)
            quantity = "NA" if product == "851712" else f"{round(rng.uniform(0.1, 50), 3)}"
            rows.append([str(year), str(exporter), str(importer), str(int(product)), f"{value}", quantity])
    return rows


def country_rows() -> list[list[str]]:
    return [["country_code", "country_name", "country_iso2", "country_iso3"],
            *([str(code), name, iso2, iso3] for code, name, iso2, iso3 in BACI_COUNTRIES)]  # fmt: skip
