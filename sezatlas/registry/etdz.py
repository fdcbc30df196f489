"""China's 232 national-level ETDZs: their list has its own layout and no English names.

The English name is built from the zone's own Chinese name, never from the GeoNames town its point was
matched to (常熟 is Changshu even though the point is the GeoNames town "Yushan"): the name is cut into
known words (longest first) and the rest; known words take their English from the small table below
(conventional English names such as Harbin or Urumqi, words with an English name such as 湾 Bay or
化学工业 Chemical Industry, and well-known zones such as 苏州工业园区), the rest is transliterated with
pypinyin, and the standard suffix (经济技术开发区…) is translated. `name_en_method` says per row which
of the two made the name, so nobody takes a transliteration for an official English name.
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
    ("高新技术产业开发区", "High-tech Industrial Development Zone"),
    ("新兴技术开发区", "Emerging Technology Development Zone"),
    ("经济技术开发区", "Economic and Technological Development Zone"),
    ("台商投资区", "Taiwanese Investment Zone"),
    ("经济开发区", "Economic Development Zone"),
    ("产业园区", "Industrial Park"),
    ("工业园区", "Industrial Park"),
    ("高新区", "High-tech Zone"),
    ("开发区", "Development Zone"),
)

# Whole names with an established English name (the zone's own: sipac.gov.cn uses "Suzhou Industrial Park").
KNOWN_ZONE_NAMES: dict[str, str] = {"苏州工业园区": "Suzhou Industrial Park"}

# Words of zone names whose English is not their pinyin: conventional English names of places (from
# Mongolian, Uyghur, Tibetan, or an old romanisation kept in English), and common nouns.
KNOWN_WORDS: dict[str, str] = {
    "陕西": "Shaanxi",  # pinyin shanxi is 山西; Shaanxi is the official spelling that tells them apart
    "内蒙古": "Inner Mongolia",
    "哈尔滨": "Harbin",
    "呼和浩特": "Hohhot",
    "呼伦贝尔": "Hulunbuir",
    "巴彦淖尔": "Bayannur",
    "乌鲁木齐": "Urumqi",
    "库尔勒": "Korla",
    "阿拉尔": "Aral",
    "格尔木": "Golmud",
    "拉萨": "Lhasa",
    "库车": "Kuqa",
    "中国-马来西亚": "China-Malaysia",
    "广西-东盟": "Guangxi-ASEAN",
    "化学工业": "Chemical Industry",
    "石化": "Petrochemical",
    "汽车": "Automotive",
    "航空": "Aviation",
    "航天": "Aerospace",
    "金融商贸": "Finance and Trade",
    "招商局": "China Merchants",
    "沿海": "Coastal",
    "杭州湾": "Hangzhou Bay",
    "台州湾": "Taizhou Bay",
    "大亚湾": "Daya Bay",
    "长兴岛": "Changxing Island",
    "钦州港": "Qinzhou Port",
    "太仓港": "Taicang Port",
}

# Place names pypinyin reads with the wrong sound of a character that has two (漯 luò in 漯河, not tà).
_READINGS: dict[str, str] = {"漯河": "Luohe", "闵行": "Minhang", "花都": "Huadu"}

TRANSLITERATED = "name_en transliterated from name_zh with pypinyin, zone type suffix translated"
KNOWN_NAME = "name_en is the zone's known English name (table in sezatlas/registry/etdz.py)"


def _pinyin(chinese: str) -> str:
    """One word per run of characters; an apostrophe before a syllable starting with a vowel (Xi'an)."""
    if chinese in _READINGS:
        return _READINGS[chinese]
    syllables = lazy_pinyin(chinese, v_to_u=True)
    word = syllables[0] + "".join(("'" if s[0] in "aoe" else "") + s for s in syllables[1:])
    return word.capitalize()


def _words(base: str, places: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """The base name cut into words, longest known word first; returns (English words, known words used)."""
    dictionary = {**{place: "" for place in places if place}, **KNOWN_WORDS}
    by_length = sorted(dictionary, key=len, reverse=True)
    english: list[str] = []
    known: list[str] = []
    pending = ""
    i = 0
    while i < len(base):
        match = next((w for w in by_length if base.startswith(w, i)), None)
        if match is None:
            pending += base[i]
            i += 1
            continue
        english += [_pinyin(part) if part else "-" for part in pending.split("-")] if pending else []
        pending = ""
        english.append(dictionary[match] or _pinyin(match))
        known += [match] if dictionary[match] else []
        i += len(match)
    english += [_pinyin(part) if part else "-" for part in pending.split("-")] if pending else []
    return english, known


def english_name(name_zh: str, places: tuple[str, ...] = ()) -> tuple[str, str]:
    """The English name of a zone from its Chinese name, and how it was made.

    `places` are Chinese place names known to start a word in this name (the province, the place part
    the list matched), so that 杭州湾上虞 reads "Hangzhou Bay Shangyu", not "Hangzhouwanshangyu".
    """
    base = name_zh.split("（", maxsplit=1)[0].strip()
    if base in KNOWN_ZONE_NAMES:
        return KNOWN_ZONE_NAMES[base], f"{KNOWN_NAME} for {base}"
    suffix_en = ""
    for suffix, translation in _SUFFIXES:
        if base.endswith(suffix):
            base, suffix_en = base[: -len(suffix)], translation
            break
    words, known = _words(base, places)
    known_part = "known English names (table in sezatlas/registry/etdz.py) for " + ", ".join(
        f"{word} ({KNOWN_WORDS[word]})" for word in known
    )
    if len([w for w in words if w != "-"]) > len(known):  # pypinyin made at least one word
        method = f"{TRANSLITERATED}; {known_part}" if known else TRANSLITERATED
    else:
        method = f"name_en from {known_part}, zone type suffix translated"
    return " ".join([*words, suffix_en]).replace(" - ", "-").strip(), method


def etdz_rows(path: Path) -> Iterator[dict[str, str]]:
    """The ETDZ list mapped onto the 21-column layout of the other zone files."""
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            name_en, method = english_name(row["name_zh"], (row["province_zh"], row["matched_place_key"]))
            is_known_name = method.startswith(KNOWN_NAME)
            notes = method if is_known_name else f"{method}; not an official English name."
            if "（" in row["name_zh"]:
                notes += f" Full Chinese name: {row['name_zh']}."
            if row["notes"]:
                notes += " " + row["notes"]
            yield {
                "zone_id": f"CHN-ETDZ-{int(row['seq']):03d}",
                "country_iso3": "CHN",
                "name_en": name_en,
                "name_en_method": method,
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
