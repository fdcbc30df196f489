"""Nomenclatures the standard refers to: ISIC Rev.4 activities, HS 2022 products, ISO 3166 countries.

They are read once from the bundled data (see `sezatlas/data/SOURCES.md`) and cached: they are
reference tables, identical for every request.
"""

import csv
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

import pycountry

BRICS_MEMBERS: tuple[str, ...] = (
    "BRA", "RUS", "IND", "CHN", "ZAF", "EGY", "ETH", "IRN", "ARE", "IDN", "SAU",
)  # fmt: skip


def data_path(*parts: str) -> Path:
    """Path of a file bundled in `sezatlas/data`."""
    return Path(str(files("sezatlas").joinpath("data", *parts)))


@dataclass(frozen=True, slots=True)
class Code:
    """One entry of a hierarchical nomenclature."""

    code: str
    level: str
    parent: str | None
    description: str


@cache
def isic_codes() -> dict[str, Code]:
    """ISIC Rev.4: sections (A–U), divisions (2 digits), groups (3), classes (4)."""
    with data_path("codes", "isic_rev4_structure.csv").open(encoding="utf-8") as f:
        return {
            r["code"]: Code(r["code"], r["level"], r["parent"] or None, r["description"])
            for r in csv.DictReader(f)
        }


@cache
def hs_codes() -> dict[str, Code]:
    """HS 2022: chapters (2 digits), headings (4), subheadings (6)."""
    levels = {"2": "chapter", "4": "heading", "6": "subheading"}
    with data_path("codes", "hs2022_nomenclature.csv").open(encoding="utf-8") as f:
        return {
            r["hscode"]: Code(
                r["hscode"],
                levels[r["level"]],
                None if r["parent"] == "TOTAL" else r["parent"],
                r["description"],
            )
            for r in csv.DictReader(f)
        }


def isic_ancestors(code: str) -> list[str]:
    """The code and its parents up to the section, most specific first."""
    table = isic_codes()
    chain: list[str] = []
    current: str | None = code
    while current is not None and current in table:
        chain.append(current)
        current = table[current].parent
    return chain


@dataclass(frozen=True, slots=True)
class CountryName:
    iso3: str
    iso2: str
    numeric: str
    name: str
    official_name: str | None


@cache
def country(iso3: str) -> CountryName | None:
    """ISO 3166-1 entry for an alpha-3 code, or None when the code is not assigned."""
    found = pycountry.countries.get(alpha_3=iso3.upper())
    if found is None:
        return None
    return CountryName(
        iso3=found.alpha_3,
        iso2=found.alpha_2,
        numeric=found.numeric,
        name=found.name,
        official_name=getattr(found, "official_name", None),
    )


def fold_text(text: str) -> str:
    """Lower-case, accent-free, single-spaced text, so that 'Côte d’Ivoire' meets 'cote divoire'.

    CJK, Cyrillic and Arabic letters pass through unchanged (only combining marks are dropped).
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    cleaned = "".join(ch if ch.isalnum() else " " for ch in kept)
    return " ".join(cleaned.split())
