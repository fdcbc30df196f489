"""Sector search over `zone_isic`: exact matches, and possible ones (a zone declared only "manufacturing").

Asked for one or more ISIC Rev.4 codes (from the `isic` filter, or read from sector words in a text search),
a zone matches *exactly* when it is tagged with a code at or below one of them, and *possibly* when it
declared nothing more precise than a broader code (section C for batteries, 2720). The same conditions serve
the filter, the grade each zone gets, and the order (exact first).
"""

from enum import StrEnum

from sqlalchemy import ColumnElement, and_, case, literal, or_, select

from sezatlas.standard.codelists import isic_broader_codes, isic_codes
from sezatlas.store.models import ZoneIsicRow, ZoneRow


class SectorMatch(StrEnum):
    """How a zone answers an ISIC filter: tagged with the code or below it, or only with a broader code."""

    EXACT = "exact"
    POSSIBLE = "possible"


def _isic_match(code: str) -> ColumnElement[bool]:
    """`zone_isic` holds every code with all its ancestors, so a code (at any level) is found by equality,
    which uses the index on SQLite too (its LIKE is case-insensitive and cannot); a bare prefix such as
    '2' still needs LIKE."""
    if code in isic_codes():
        return ZoneIsicRow.isic_code == code
    return ZoneIsicRow.isic_code.like(f"{code}%")


def _zone_has(rows: ColumnElement[bool], *, within_countries: bool) -> ColumnElement[bool]:
    """Zones with a `zone_isic` row satisfying `rows`."""
    if within_countries:
        # Within a country, a probe of zone_isic's covering index per zone of the country (read off the
        # (country, free land, zone_id) index) beats listing every zone of the code worldwide.
        same_zone = ZoneIsicRow.zone_id == ZoneRow.zone_id
        return select(ZoneIsicRow.zone_id).where(same_zone, rows).exists()
    return ZoneRow.zone_id.in_(select(ZoneIsicRow.zone_id).where(rows))


def broader_codes(codes: list[str]) -> list[str]:
    """The codes a zone may have declared instead of the asked ones (C for 2720): possible matches."""
    return sorted({code for asked in codes for code in isic_broader_codes(asked)})


def _exact_rows(codes: list[str]) -> ColumnElement[bool]:
    return or_(*(_isic_match(code) for code in codes))


def _possible_rows(codes: list[str]) -> ColumnElement[bool] | None:
    """Rows of a broader code the zone declared itself: `zone_isic` holds the ancestors of every declared
    code, so a zone declared 2710 has a row C too, but only a zone that *declared* C is a possible match."""
    broader = broader_codes(codes)
    if not broader:
        return None
    return and_(ZoneIsicRow.isic_code.in_(broader), ZoneIsicRow.declared)


def sector_filter(codes: list[str], *, within_countries: bool) -> ColumnElement[bool]:
    """Exact or possible: a zone declared only "manufacturing" is not dropped from a search for batteries."""
    possible = _possible_rows(codes)
    rows = _exact_rows(codes) if possible is None else or_(_exact_rows(codes), possible)
    return _zone_has(rows, within_countries=within_countries)


def sector_grade(codes: list[str], *, within_countries: bool) -> ColumnElement[str] | None:
    """'exact' or 'possible' for a zone that passed `sector_filter` (they sort in that order); None when
    every match is exact (a section asked: nothing is broader)."""
    if not broader_codes(codes):
        return None
    exact = _zone_has(_exact_rows(codes), within_countries=within_countries)
    return case((exact, SectorMatch.EXACT.value), else_=SectorMatch.POSSIBLE.value)


def sector_grade_if_any(codes: list[str], *, within_countries: bool) -> ColumnElement[str]:
    """'exact', 'possible', or NULL for a zone that is not in the sectors at all (one a text search found
    by its name while its words also named a sector)."""
    exact = _zone_has(_exact_rows(codes), within_countries=within_countries)
    possible = _possible_rows(codes)
    if possible is None:
        return case((exact, SectorMatch.EXACT.value), else_=literal(None))
    in_broader = _zone_has(possible, within_countries=within_countries)
    return case((exact, SectorMatch.EXACT.value), (in_broader, SectorMatch.POSSIBLE.value),
                else_=literal(None))  # fmt: skip
