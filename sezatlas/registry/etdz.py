"""China's 232 national-level ETDZs: their list has its own layout and no English names.

The English name is a transliteration (pypinyin) of the distinctive part of the Chinese name plus a
translation of the standard suffix, the same method the high-tech-zone file uses; `notes` says so,
so nobody takes it for an official English name.
"""

import csv
from collections.abc import Iterator
from pathlib import Path

from pypinyin import lazy_pinyin

# Sources for the list (data/SOURCES.md): pages that give the national count the list was checked against.
ETDZ_SOURCE_URLS = (
    "https://zh.teknopedia.teknokrat.ac.id/wiki/%E7%BB%8F%E6%B5%8E%E6%8A%80%E6%9C%AF%E5%BC%80%E5%8F%91%E5%8C%BA",
    "https://www.modengshe.com/jiankangshenghuo/xinli/2yyo8n.html",
)
ETDZ_CITATION = (
    "List of national-level ETDZ names and provinces (as published by MOFCOM) embedded in a public GitHub "
    "code file without attribution; count checked against the pages cited"
)
ETDZ_LEGAL_REGIME = "National-level Economic and Technological Development Zone (State Council / MOFCOM)"

# Longest first, so that 经济技术开发区 is not read as 开发区.
_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("新兴技术开发区", "Emerging Technology Development Zone"),
    ("经济技术开发区", "Economic and Technological Development Zone"),
    ("台商投资区", "Taiwanese Investment Zone"),
    ("经济开发区", "Economic Development Zone"),
    ("产业园区", "Industrial Park"),
    ("工业园区", "Industrial Park"),
    ("开发区", "Development Zone"),
)


def _syllables(chinese: str) -> str:
    joined = "".join(lazy_pinyin(chinese)).replace("-", " ")
    return " ".join(word.capitalize() for word in joined.split())


def english_name(name_zh: str, place_key: str, place_en: str) -> str:
    """'上海金桥经济技术开发区' with place 上海/Shanghai → 'Shanghai Jinqiao Economic and …'."""
    base = name_zh.split("（", maxsplit=1)[0].strip()
    suffix_en = ""
    for suffix, translation in _SUFFIXES:
        if base.endswith(suffix):
            base, suffix_en = base[: -len(suffix)], translation
            break
    if place_key and place_en and base.startswith(place_key):
        head, rest = place_en, base[len(place_key) :]
    else:
        head, rest = "", base
    parts = [head, _syllables(rest) if rest else "", suffix_en]
    return " ".join(p for p in parts if p)


def etdz_rows(path: Path) -> Iterator[dict[str, str]]:
    """The ETDZ list mapped onto the 21-column layout of the other zone files."""
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            notes = "name_en is a pypinyin transliteration, not an official English name."
            if "（" in row["name_zh"]:
                notes += f" Full Chinese name: {row['name_zh']}."
            if row["notes"]:
                notes += " " + row["notes"]
            yield {
                "zone_id": f"CHN-ETDZ-{int(row['seq']):03d}",
                "country_iso3": "CHN",
                "name_en": english_name(row["name_zh"], row["matched_place_key"], row["geonames_place"]),
                "name_local": row["name_zh"],
                "zone_type": row["zone_type"],
                "legal_regime": ETDZ_LEGAL_REGIME,
                "admin1": row["province_en"],
                "latitude": row["latitude"],
                "longitude": row["longitude"],
                "coord_precision": row["coord_precision"],
                "geonames_place": row["geonames_place"],
                "geonames_id": row["geonames_id"],
                "year_established": row["year_established"],
                "source_urls": " | ".join([*ETDZ_SOURCE_URLS, ETDZ_CITATION]),
                "notes": notes,
            }
