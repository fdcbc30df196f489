"""The dictionaries a search is read with: country names, place names and sector words, in five languages.

Built once per process from data, never from the zones:
- **countries**: every ISO 3166 country by its pycountry names (and their translations in pycountry's own
  catalogs, as the pages name countries), its CLDR names from Babel in en, ru, zh (simplified and
  traditional), pt and ar, and the everyday aliases of `data/codes/search_terms.toml` ("UAE", "ЮАР");
- **places**: Natural Earth's populated places (`data/geo/ne_10m_populated_places_brics.geojson`), whose
  names are given in the five languages, each standing for its English name, the way the registry writes
  places (`Шанхай` stands for "shanghai");
- **sectors** and **connecting words**: `data/codes/search_terms.toml` (how it was compiled is said at its
  top).

Every key is folded like the zones' names (`fold_text`). A single word is also filed under its other
forms (`word_forms`), so `батареи` meets `батарея` and `والصلب` meets `الصلب`.
"""

import gettext
import json
import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

import pycountry
from babel import Locale

from sezatlas.standard.codelists import data_path, fold_text

CLDR_LOCALES = ("en", "ru", "zh_Hans", "zh_Hant", "pt", "ar")
PYCOUNTRY_CATALOGS = ("ru", "zh_CN", "pt_BR", "ar")
PLACE_NAME_FIELDS = ("name", "name_en", "name_ru", "name_zh", "name_pt", "name_ar")
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
CYRILLIC = re.compile(r"^[\u0400-\u04ff]+$")
ARABIC = re.compile(r"^[\u0600-\u06ff]+$")
# Case endings of Russian nouns and adjectives, folded (й is и once folded), longest first.
RUSSIAN_ENDINGS = ("иями", "ями", "ами", "иях", "иям", "ией", "ах", "ях", "ов", "ев", "еи", "ои", "ии",
                   "ыи", "ия", "ие", "ию", "ая", "ое", "ые", "ых", "ым", "ом", "ем", "ам", "ям", "а",
                   "я", "ы", "и", "у", "ю", "е", "о", "ь")  # fmt: skip
ARABIC_PREFIXES = ("وال", "بال", "لل", "ال", "و")
MIN_STEM = 4
MIN_ARABIC_STEM = 3


class TermKind(StrEnum):
    COUNTRY = "country"  # values: ISO3 codes
    PLACE = "place"  # values: the place's English name, folded
    SECTOR = "sector"  # values: ISIC Rev.4 codes
    CONNECTING = "connecting"  # no values: 'in', 'or', '和', 'zone'


@dataclass(frozen=True, slots=True)
class Term:
    kind: TermKind
    values: tuple[str, ...] = ()


@dataclass(frozen=True)
class Lexicon:
    """Folded key (a word form, a phrase of words, or a run of Chinese characters) → what it names."""

    terms: dict[str, tuple[Term, ...]]
    longest_phrase_words: int
    longest_cjk_chars: int

    def lookup(self, words: list[str]) -> tuple[Term, ...]:
        """What these consecutive words name together (a single word under any of its forms)."""
        if len(words) == 1:
            if words[0] in self.terms:  # the word as typed beats its other forms ('бразилия', not 'бразилиа')
                return self.terms[words[0]]
            found = [term for form in word_forms(words[0]) for term in self.terms.get(form, ())]
            return tuple(dict.fromkeys(found))
        return self.terms.get(" ".join(words), ())

    def lookup_cjk(self, characters: str) -> tuple[Term, ...]:
        return self.terms.get(characters, ())


def word_forms(word: str) -> set[str]:
    """The word and its forms with a Russian case ending, an Arabic article or 'and', or an English or
    Portuguese plural taken off; a stem keeps at least four letters (three in Arabic)."""
    forms = {word}
    if CYRILLIC.match(word):
        forms |= {
            word[: -len(e)] for e in RUSSIAN_ENDINGS if word.endswith(e) and len(word) - len(e) >= MIN_STEM
        }
    elif ARABIC.match(word):
        forms |= {
            word[len(p) :]
            for p in ARABIC_PREFIXES
            if word.startswith(p) and len(word) - len(p) >= MIN_ARABIC_STEM
        }
    elif word.isalpha() and word.isascii():
        forms |= {word[: -len(e)] for e in ("es", "s") if word.endswith(e) and len(word) - len(e) >= MIN_STEM}
    return forms


def is_cjk(text: str) -> bool:
    return bool(CJK.search(text))


@cache
def _search_terms() -> dict[str, object]:
    with data_path("codes", "search_terms.toml").open("rb") as f:
        return tomllib.load(f)


def sector_entries() -> list[tuple[str, Term]]:
    """(word, sector) for every word of every language of the sector table."""
    sectors: list[dict[str, list[str]]] = _search_terms()["sector"]  # type: ignore[assignment]
    return [
        (word, Term(TermKind.SECTOR, tuple(sector["isic"])))
        for sector in sectors
        for language in ("en", "ru", "zh", "pt", "ar")
        for word in sector[language]
    ]


def connecting_entries() -> list[tuple[str, Term]]:
    by_language: dict[str, list[str]] = _search_terms()["connecting_words"]  # type: ignore[assignment]
    return [(word, Term(TermKind.CONNECTING)) for words in by_language.values() for word in words]


def _country_names(country: object) -> set[str]:
    """A pycountry country's names in English and in pycountry's catalogs of the other four languages."""
    english = {str(getattr(country, key)) for key in ("name", "common_name", "official_name")
               if getattr(country, key, None)}  # fmt: skip
    translated = {pycountry_translation(locale, name) for locale in PYCOUNTRY_CATALOGS for name in english}
    return english | translated


@cache
def _pycountry_catalog(locale: str) -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[locale], fallback=True)


def pycountry_translation(locale: str, name: str) -> str:
    return _pycountry_catalog(locale).gettext(name)


def country_entries() -> list[tuple[str, Term]]:
    """(name, country) for every ISO 3166 country, in every name the data know, plus the aliases."""
    cldr = [Locale.parse(locale).territories for locale in CLDR_LOCALES]
    entries: list[tuple[str, Term]] = []
    for country in pycountry.countries:
        names = _country_names(country) | {
            names[country.alpha_2] for names in cldr if country.alpha_2 in names
        }
        entries.extend((name, Term(TermKind.COUNTRY, (country.alpha_3,))) for name in names)
    aliases: dict[str, list[str]] = _search_terms()["country_aliases"]  # type: ignore[assignment]
    entries.extend(
        (name, Term(TermKind.COUNTRY, (iso3,))) for iso3, names in aliases.items() for name in names
    )
    return entries


def place_entries() -> list[tuple[str, Term]]:
    """(name in some language, place) for Natural Earth's populated places of the BRICS countries."""
    with data_path("geo", "ne_10m_populated_places_brics.geojson").open(encoding="utf-8") as f:
        features = json.load(f)["features"]
    entries: list[tuple[str, Term]] = []
    for feature in features:
        properties = feature["properties"]
        english = fold_text(str(properties.get("name_en") or properties["name"]))
        names = {str(properties[key]) for key in PLACE_NAME_FIELDS if properties.get(key)}
        entries.extend((name, Term(TermKind.PLACE, (english,))) for name in names)
    return entries


def _keys(text: str) -> set[str]:
    """The keys a dictionary entry is filed under: its folded phrase, and each form of a single word."""
    folded = fold_text(text)
    if not folded or (is_cjk(folded) and " " not in folded):
        return {folded} if folded else set()
    return word_forms(folded) if " " not in folded else {folded}


def _is_worth_a_key(key: str, term: Term) -> bool:
    """Two letters are left out (they are ordinary words somewhere), except Chinese ones and the words
    of the connecting table; a place must have three letters, or two Chinese characters."""
    if term.kind == TermKind.CONNECTING:
        return True
    if is_cjk(key):
        return len(key) >= (2 if term.kind == TermKind.PLACE else 1)
    return len(key) >= 3


@cache
def lexicon() -> Lexicon:
    """Every dictionary in one map; a key that is both a sector word and a place is read as the sector."""
    collected: dict[str, list[Term]] = defaultdict(list)
    entries = dict.fromkeys([*connecting_entries(), *sector_entries(), *country_entries(), *place_entries()])
    keys = {text: _keys(text) for text in dict.fromkeys(text for text, _term in entries)}  # each folded once
    for text, term in entries:
        for key in keys[text]:
            if _is_worth_a_key(key, term) and term not in collected[key]:
                collected[key].append(term)
    terms = {key: tuple(_without_shadowed_places(found)) for key, found in collected.items()}
    phrases = [key for key in terms if not is_cjk(key)]
    return Lexicon(
        terms=terms,
        longest_phrase_words=max(len(key.split()) for key in phrases),
        longest_cjk_chars=max(len(key) for key in terms if is_cjk(key)),
    )


def _without_shadowed_places(found: list[Term]) -> list[Term]:
    if any(term.kind == TermKind.SECTOR for term in found):
        return [term for term in found if term.kind != TermKind.PLACE]
    return found


def sector_codes() -> set[str]:
    """Every code the sector table uses (a test holds each to be ISIC Rev.4)."""
    return {code for _word, term in sector_entries() for code in term.values}
