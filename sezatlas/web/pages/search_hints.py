"""What the home page says about a search text it understood, and why a zone is only a possible match.

When the words name a country ("俄罗斯"), the page offers the country filter ("Did you mean the country
filter?"), a link that moves those words into it; when they name a sector ("电池"), it says which ISIC code
they were read as, with a link to the sector filter. A zone declared only with a broader sector than the one
asked is marked with what it declared ("possible match (sector declared only as Manufacturing)").
"""

from dataclasses import dataclass

from sezatlas.registry.query_words import understand
from sezatlas.registry.search_lexicon import TermKind
from sezatlas.standard.codelists import declared_broader_codes
from sezatlas.standard.zone import Zone
from sezatlas.web.i18n import country_name
from sezatlas.web.pages.filters import ZoneFilters
from sezatlas.web.pages.isic_labels import Reader, isic_label
from sezatlas.web.pages.labels import N_

POSSIBLE_MATCH = N_("possible match (sector declared only as %(sector)s)")
POSSIBLE_MATCH_UNNAMED = N_("possible sector match")


@dataclass(frozen=True, slots=True)
class Hint:
    """One sentence about the text (`words`: as typed), and a link that applies what it says."""

    words: str
    names: str  # the countries or sectors the words were read as, in the reader's language
    href: str


def country_hint(filters: ZoneFilters, reader: Reader, countries_with_zones: set[str]) -> Hint | None:
    """The country filter, offered for the countries the text names that have zones and are not chosen."""
    if not filters.q:
        return None
    understood = understand(filters.q)
    named = [code for code in understood.named(TermKind.COUNTRY) if code in countries_with_zones]
    if not named or set(named) <= set(filters.countries):
        return None
    moved = filters.moved_to_filters(countries=tuple(named), q=understood.text_without(TermKind.COUNTRY))
    names = ", ".join(country_name(code, reader.lang) for code in named)
    return Hint(", ".join(understood.typed(TermKind.COUNTRY)), names, "/?" + moved.query_string())


def sector_hint(filters: ZoneFilters, reader: Reader) -> Hint | None:
    """The sectors the text was read as; the link moves them into the sector filter (one code only, as the
    filter takes one)."""
    if not filters.q or filters.isic:
        return None
    understood = understand(filters.q)
    codes = understood.named(TermKind.SECTOR)
    if not codes:
        return None
    names = "; ".join(isic_label(code, reader).text for code in codes)
    href = ""
    if len(codes) == 1:
        moved = filters.moved_to_filters(isic=codes[0], q=understood.text_without(TermKind.SECTOR))
        href = "/?" + moved.query_string()
    return Hint(", ".join(understood.typed(TermKind.SECTOR)), names, href)


def asked_sectors(filters: ZoneFilters) -> list[str]:
    """The codes zones are graded by: the sector filter's, else those the text names."""
    if filters.isic:
        return [filters.isic]
    return list(understand(filters.q).named(TermKind.SECTOR)) if filters.q else []


def possible_match_note(zone: Zone, asked: list[str], reader: Reader) -> str:
    """The mark of a possible match, naming the broader sector the zone declared ("possible match (sector
    declared only as Manufacturing)")."""
    declared = declared_broader_codes(zone.specialisation.isic_codes, asked)
    if not declared:
        return reader.gettext(POSSIBLE_MATCH_UNNAMED)
    return reader.gettext(POSSIBLE_MATCH) % {"sector": isic_label(declared[0], reader).title}
