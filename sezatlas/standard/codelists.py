"""Nomenclatures the standard refers to: ISIC Rev.4 activities, HS 2022 products, ISO 3166 countries.

They are read once from the bundled data (see `sezatlas/data/SOURCES.md`) and cached: they are
reference tables, identical for every request.
"""

import csv
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import NamedTuple

import pycountry

from sezatlas.standard.membership import BricsRelation, countries_with

# Members only; partners and invited countries are in the same data file (`membership.py`).
BRICS_MEMBERS: tuple[str, ...] = countries_with(BricsRelation.MEMBER)


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


def isic_codes_under(asked: str) -> list[str]:
    """The codes a search for `asked` (a code, or the start of codes such as '2') finds exactly: the code
    itself and everything below it. A section's letter starts no other code, so 'C' is C alone here; its
    divisions are found through `zone_isic`, which holds every tagged code's ancestors."""
    return [code for code in isic_codes() if code.startswith(asked)]


def isic_broader_codes(asked: str) -> list[str]:
    """The codes that contain `asked` (or some code it starts) without lying under it: a zone tagged with
    nothing more precise than one of them may host the asked activity, and may not ("manufacturing", C,
    for batteries, 2720). Search calls such a zone a *possible* match; '2' gives C, '0' gives A and B."""
    under = isic_codes_under(asked)
    broader = {ancestor for code in under for ancestor in isic_ancestors(code)} - set(under)
    return sorted(broader)


def declared_broader_codes(declared: list[str], asked: list[str]) -> list[str]:
    """The codes a zone declared that contain an asked code without lying under it, most specific first:
    why the zone is only a *possible* match (it declared C, "manufacturing"; batteries, 2720, were asked)."""
    broader = {code for wanted in asked for code in isic_broader_codes(wanted)}
    return sorted((code for code in declared if code in broader), key=lambda code: -len(code))


class TitleSource(StrEnum):
    """Where an ISIC title shown in a language comes from: the page marks every fallback."""

    OWN = "own"  # the code's own title in that language
    PARENT = "parent"  # the nearest broader code's title in that language (the code has none of its own)
    ENGLISH = "english"  # nothing on the code's path in that language: the UN English title


class IsicTitle(NamedTuple):
    title: str
    how: TitleSource
    code: str  # the code whose title this is: the asked one, or the broader one it fell back to


ISIC_TITLE_LANGUAGES = ("ru", "zh", "ar", "pt")  # columns `title_<lang>`; English is the structure's own


@cache
def _isic_titles() -> dict[str, dict[str, str]]:
    """Language → code → title, from national classifications linked one-to-one to ISIC Rev.4 (see the
    section on `isic_rev4_titles_multilingual.csv` in `sezatlas/data/SOURCES.md`); an empty cell is absent.

    A code without a title of its own takes the title of its only child where ISIC gives both the same
    English title (group 272 and class 2720 are both "Manufacture of batteries and accumulators"): the same
    activity. Chinese sections and divisions that still have none take SEZ Atlas's translation of the UN
    English title (`isic_rev4_titles_zh_sezatlas.csv`, see SOURCES.md)."""
    titles: dict[str, dict[str, str]] = {language: {} for language in ISIC_TITLE_LANGUAGES}
    with data_path("codes", "isic_rev4_titles_multilingual.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            for language in ISIC_TITLE_LANGUAGES:
                if row[f"title_{language}"]:
                    titles[language][row["code"]] = row[f"title_{language}"]
    for language in ISIC_TITLE_LANGUAGES:
        _add_titles_of_only_children(titles[language])
    with data_path("codes", "isic_rev4_titles_zh_sezatlas.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            titles["zh"].setdefault(row["code"], row["title_zh"])
    return titles


def _add_titles_of_only_children(own: dict[str, str]) -> None:
    """Give a code without a title its only child's, when both have the same English title (from the
    classes up, so a chain of single children 12 → 120 → 1200 is filled in one pass)."""
    table = isic_codes()
    children: dict[str, list[str]] = {}
    for entry in table.values():
        if entry.parent is not None:
            children.setdefault(entry.parent, []).append(entry.code)
    for level in ("group", "division", "section"):
        for entry in (e for e in table.values() if e.level == level and e.code not in own):
            only = children.get(entry.code, [])
            if len(only) == 1 and only[0] in own and table[only[0]].description == entry.description:
                own[entry.code] = own[only[0]]


def isic_title(code: str, language: str) -> IsicTitle:
    """The title of an ISIC code in a UI language (en, ru, zh, ar, pt), or the nearest broader code's title
    in that language, or the English one, saying which (see `_isic_titles` for where each comes from).
    Raises KeyError for a code that is not ISIC Rev.4."""
    english = isic_codes()[code].description
    own = _isic_titles().get(language)
    if own is None:  # English, or a language without titles
        return IsicTitle(english, TitleSource.OWN if language == "en" else TitleSource.ENGLISH, code)
    for depth, ancestor in enumerate(isic_ancestors(code)):
        if ancestor in own:
            return IsicTitle(own[ancestor], TitleSource.PARENT if depth else TitleSource.OWN, ancestor)
    return IsicTitle(english, TitleSource.ENGLISH, code)


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
