"""Extract the Growth Lab's HS92 product space and country figures from the `atlas-common-data` wheel.

Run once when the bundled copy is refreshed (see `sezatlas/data/SOURCES.md`, "Product space"):

    .venv/bin/pip download --no-deps atlas-common-data==1.1.1 -d /tmp/acd
    unzip -q /tmp/acd/atlas_common_data-1.1.1-py3-none-any.whl -d /tmp/acd/x
    .venv/bin/python scripts/extract_product_space.py /tmp/acd/x

It reads only the wheel's CSV files (no pandas: the package pins pandas < 3) and writes small CSVs into
`sezatlas/data/product_space/`: the 865 product-space products, their links, and the ECI, growth
projections and strategic approach of the BRICS members, partners and invited countries
(`sezatlas/data/registry/brics_membership.csv`). Values are copied as published; the only transformations
are joins (Growth Lab product ids → HS92 codes, country ids → ISO3) and the merge of the two edge files.
"""

import csv
import shutil
import sys
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "sezatlas" / "data" / "product_space"
MEMBERSHIP = OUT.parent / "registry" / "brics_membership.csv"


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write(name: str, header: list[str], rows: list[list[str]]) -> None:
    with (OUT / name).open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    print(f"{name}: {len(rows)} rows")


def products(data: Path) -> tuple[list[list[str]], dict[str, str]]:
    """The nodes: HS92 heading, titles, cluster, layout and PCI (from the UMAP node file)."""
    hs92 = read(data / "classification" / "product" / "hs92.csv")
    clusters = {
        r["cluster_id"]: r["name_en"]
        for r in read(data / "classification" / "product" / "hs92_ps_clusters.csv")
    }
    pci = {r["product_code"]: r["pci"] for r in read(data / "classification" / "raw" / "umap_ps.csv")}
    code_of = {r["product_id"]: r["code"] for r in hs92}
    subheadings: dict[str, list[str]] = defaultdict(list)
    for r in hs92:
        if r["product_level"] == "6":
            subheadings[r["code"][:4]].append(r["code"])
    rows = []
    for r in hs92:
        if r["product_level"] != "4" or r["code"] not in pci:
            continue
        cluster = str(int(float(r["cluster_id"])))
        rows.append(
            [
                r["code"],
                r["name_en"],
                r["name_short_en"],
                cluster,
                clusters[cluster],
                r["product_space_x"],
                r["product_space_y"],
                pci[r["code"]],
                r["natural_resource"],
                r["green_product"],
                " ".join(sorted(subheadings[r["code"]])),
            ]
        )
    return sorted(rows), code_of


def edges(data: Path, code_of: dict[str, str]) -> list[list[str]]:
    """One row per linked pair (codes in order), with the proximity where the weighted file gives one."""
    network = {
        tuple(sorted((code_of[r["source"]], code_of[r["target"]])))
        for r in read(data / "classification" / "product" / "hs92_ps_edges.csv")
    }
    weighted = {
        tuple(sorted((r["source"], r["target"]))): r["weight"]
        for r in read(data / "classification" / "raw" / "augmented_prox_nw_atlas_top_edges_backboned.csv")
    }
    return [
        [
            a,
            b,
            weighted.get((a, b), ""),
            "yes" if (a, b) in network else "no",
            "yes" if (a, b) in weighted else "no",
        ]
        for a, b in sorted(network | set(weighted))
    ]


def countries(data: Path) -> tuple[list[list[str]], list[list[str]]]:
    wanted = [r["country_iso3"] for r in read(MEMBERSHIP)]
    projections = [
        [r["iso3_code"], r["year"], r["eci"], r["growth_proj"]]
        for r in read(data / "growth_projections" / "2024_growth_projections.csv")
        if r["iso3_code"] in wanted
    ]
    iso3_of = {
        r["country_id"]: r["iso3_code"] for r in read(data / "classification" / "location" / "country.csv")
    }
    ranked = {r["iso3_code"]: r["in_rankings"] for r in read(data / "static" / "in_rankings.csv")}
    approach = {
        iso3_of[r["country_id"]]: r["group_name"]
        for r in read(data / "classification" / "location" / "group_member.csv")
        if r["group_type"] == "rock_song"
    }
    profile = [[iso3, approach.get(iso3, ""), ranked.get(iso3, "")] for iso3 in wanted]
    return sorted(projections), profile


def main(wheel: Path) -> None:
    data = wheel / "atlas_common_data" / "data"
    nodes, code_of = products(data)
    write("hs92_products.csv", ["hs92_code", "title_en", "short_title_en", "cluster_id", "cluster_en",
                                "product_space_x", "product_space_y", "pci", "is_natural_resource",
                                "is_green", "hs92_subheadings"], nodes)  # fmt: skip
    write("hs92_links.csv", ["hs92_code_a", "hs92_code_b", "proximity", "in_network", "in_backbone"],
          edges(data, code_of))  # fmt: skip
    projections, profile = countries(data)
    write("country_eci_projections.csv", ["iso3", "year", "eci", "growth_projection"], projections)
    write("country_strategic_approach.csv", ["iso3", "strategic_approach", "in_rankings"], profile)
    shutil.copyfile(wheel / "atlas_common_data-1.1.1.dist-info" / "LICENSE", OUT / "LICENSE")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
