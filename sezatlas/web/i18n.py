"""Languages of the web pages: gettext catalogs, language choice, country names, locale formatting.

The catalogs are `.po` files in `sezatlas/web/locale/<dir>/LC_MESSAGES/messages.po`, compiled in memory
by Babel when the app starts, so that no `.mo` binary is ever committed and a translator edits one text
file. Country names come from pycountry's own ISO 3166 catalogs, so they are not translated twice.
"""

import gettext
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from io import BytesIO
from pathlib import Path

import pycountry
from babel import Locale
from babel.dates import format_skeleton
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import (
    NumberPattern,
    format_decimal,
    format_percent,
    get_minus_sign_symbol,
    get_plus_sign_symbol,
    parse_pattern,
)
from babel.support import Translations
from pypinyin import lazy_pinyin

LOCALE_DIR = Path(__file__).parent / "locale"
COOKIE_NAME = "lang"
COOKIE_MAX_AGE_S = 365 * 24 * 3600


@dataclass(frozen=True, slots=True)
class Language:
    """A language the pages speak. `code` is what users see in URLs (`?lang=zh`)."""

    code: str
    html_lang: str  # BCP 47, for <html lang> and hreflang
    babel_locale: str  # CLDR locale for numbers and dates
    catalog_dir: str  # folder under locale/
    pycountry_locale: str | None  # pycountry's iso3166-1 catalog; None for English (the source)
    native_name: str
    direction: str = "ltr"  # <html dir>: the CSS uses logical properties, so "rtl" mirrors the layout

    @property
    def locale(self) -> Locale:
        """`babel_locale` parsed, once per process: Babel keeps the CLDR data a parsed locale has read, but
        reads it again for every call given a name (a month's name took 220 µs that way, 5 µs this way)."""
        return _parsed_locale(self.babel_locale)


@cache
def _parsed_locale(name: str) -> Locale:
    return Locale.parse(name)


LANGUAGES: dict[str, Language] = {
    "en": Language("en", "en", "en", "en", None, "English"),
    "ru": Language("ru", "ru", "ru", "ru", "ru", "Русский"),
    "zh": Language("zh", "zh-Hans", "zh_Hans_CN", "zh_Hans", "zh_CN", "中文"),
    "pt": Language("pt", "pt-BR", "pt_BR", "pt_BR", "pt_BR", "Português"),
    "ar": Language("ar", "ar", "ar", "ar", "ar", "العربية", direction="rtl"),
}
DEFAULT_LANGUAGE = "en"


def catalog_path(language: Language) -> Path:
    return LOCALE_DIR / language.catalog_dir / "LC_MESSAGES" / "messages.po"


def compile_catalog(po_file: Path, locale: str) -> Translations:
    """Read a `.po` file and compile it to gettext translations in memory (fuzzy entries are left out)."""
    with po_file.open("rb") as source:
        catalog = read_po(source, locale=locale)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain="messages")


@cache
def translations(code: str) -> Translations:
    """The compiled catalog of a language (English's, empty by default, lets wording be fixed in the .po)."""
    language = LANGUAGES[code]
    return compile_catalog(catalog_path(language), language.babel_locale)


def _primary_subtag(tag: str) -> str:
    return tag.strip().replace("_", "-").split("-")[0].lower()


def from_accept_language(header: str | None) -> str | None:
    """The best of our languages in an Accept-Language header (`ru-RU,ru;q=0.9,en;q=0.8`), or None.

    Matching is on the primary subtag: `pt-PT` gets Brazilian Portuguese and `zh-TW` simplified Chinese,
    both closer to the reader than English.
    """
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate((header or "").split(",")):
        tag, _, params = part.partition(";")
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                continue
        code = _primary_subtag(tag)
        if code in LANGUAGES and weight > 0:
            ranked.append((-weight, position, code))
    return min(ranked)[2] if ranked else None


def choose_language(query_lang: str | None, cookie_lang: str | None, accept_language: str | None) -> str:
    """An explicit `?lang=` wins, then the remembered cookie, then the browser's preference."""
    for candidate in (query_lang, cookie_lang):
        if candidate and candidate.lower() in LANGUAGES:
            return candidate.lower()
    return from_accept_language(accept_language) or DEFAULT_LANGUAGE


@cache
def _country_catalog(pycountry_locale: str) -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[pycountry_locale],
                               fallback=True)  # fmt: skip


def country_name(iso3: str, code: str) -> str:
    """The country's short name in the language (`Iran`, not `Iran, Islamic Republic of`)."""
    found = pycountry.countries.get(alpha_3=iso3.upper())
    if found is None:
        return iso3
    name = str(getattr(found, "common_name", None) or found.name)
    locale = LANGUAGES[code].pycountry_locale
    if locale is None:
        return name
    catalog = _country_catalog(locale)
    translated = catalog.gettext(name)
    # Some catalogs (Arabic) lack the common name ("Iran"); their official short name beats English.
    return translated if translated != name else catalog.gettext(str(found.name))


def sort_key(text: str, code: str) -> str:
    """Order names as a reader expects: Chinese by pinyin, others ignoring case and accents (Índia by I)."""
    if code == "zh":
        return " ".join(lazy_pinyin(text))
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def format_number(value: float | int, code: str, max_fraction_digits: int = 1) -> str:
    """12 345,5 in Russian, 12,345.5 in English: grouping and decimal sign per locale."""
    return format_decimal(value, format=_number_pattern(max_fraction_digits), locale=LANGUAGES[code].locale)


def format_fixed(value: float | int, code: str, fraction_digits: int) -> str:
    """0,70 in Russian, 0.70 in English: exactly `fraction_digits` decimals, for a column of an index
    published to that precision (the Growth Lab's ECI), where `format_number`'s 0,7 beside 0,65 reads as
    less precise."""
    pattern = _number_pattern(fraction_digits, fixed=True)
    return format_decimal(value, format=pattern, locale=LANGUAGES[code].locale)


@cache
def _number_pattern(max_fraction_digits: int, *, fixed: bool = False) -> NumberPattern:
    """Parsed once: Babel parses a pattern given as text on every call (a tenth of a comparison page).
    `fixed`: trailing zeros kept (`0` digits, not `#`)."""
    digit = "0" if fixed else "#"
    return parse_pattern("#,##0" + ("." + digit * max_fraction_digits if max_fraction_digits else ""))


def format_share(share: float, code: str, max_fraction_digits: int = 1) -> str:
    """A share (0.342) as the locale writes a percentage: `34.2%`, `34,2 %` in Russian. A minus is the
    locale's own symbol, which in Arabic carries a left-to-right mark: a bare "-34.2%" reads "34.2%-" in
    a right-to-left line."""
    locale = LANGUAGES[code].locale
    rounded = round(share, max_fraction_digits + 2)
    text = format_percent(abs(rounded), locale=locale, decimal_quantization=False)
    return get_minus_sign_symbol(locale) + text if rounded < 0 else text


def format_points(change: float, code: str, max_fraction_digits: int = 1) -> str:
    """A difference of two shares (0.034) in percentage points, signed, the number alone: `+3.4`, `+3,4`.
    Not as a percentage: a share of 34 % that went up "+3.4 %" reads as a relative change, to 35.2 %,
    when it went to 37.4 %. The unit is the page's translated message around it. Signs are the locale's
    own symbols (with a left-to-right mark in Arabic); a change that rounds to zero has none."""
    locale = LANGUAGES[code].locale
    rounded = round(change * 100, max_fraction_digits)
    text = format_decimal(abs(rounded), format="#,##0." + "#" * max_fraction_digits, locale=locale)
    if rounded < 0:
        return get_minus_sign_symbol(locale) + text
    return get_plus_sign_symbol(locale) + text if rounded > 0 else text


@lru_cache(maxsize=4096)
def format_as_of(as_of: str, code: str) -> str:
    """An as-of value at its own precision: `2025`, `November 2026`, `3 Nov 2026`, in the language."""
    locale = LANGUAGES[code].locale
    parts = [int(part) for part in as_of.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    if len(parts) == 2:
        return format_skeleton("yMMMM", date(parts[0], parts[1], 1), locale=locale)
    return format_skeleton("yMMMd", date(parts[0], parts[1], parts[2]), locale=locale)


def language_name(code: str) -> str:
    """The language's name in itself, as a switcher shows it."""
    return LANGUAGES[code].native_name
