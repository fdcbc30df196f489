"""Registry statistics: zones per country and type, and coverage against official totals."""

from enum import StrEnum

from pydantic import BaseModel, Field
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sezatlas.standard.codelists import country
from sezatlas.standard.country import OfficialCount
from sezatlas.store.models import OfficialCountRow, ZoneRow


class Coverage(OfficialCount):
    """An official total beside the registry's count of the same zone type in the same country."""

    zones_in_registry: int | None = None
    coverage_pct: float | None = Field(default=None, description="zones_in_registry / count × 100")


class CoverageNote(StrEnum):
    """Why an official figure is not compared with the registry's count, or what over 100 % means.

    The rule is here once; the pages and the command line each word it (`web/pages/statistics.py`,
    `cli.py`).
    """

    ONE_REGION = "one_region"
    NOT_A_NUMBER = "not_a_number"
    SEVERAL_TYPES = "several_types"
    MORE_THAN_COUNTED = "more_than_counted"


def coverage_note(coverage: Coverage) -> CoverageNote | None:
    """Compared only when the figure is one plain number for one zone type over the whole country."""
    if coverage.admin1:
        return CoverageNote.ONE_REGION
    if coverage.count is None:
        return CoverageNote.NOT_A_NUMBER
    if coverage.zone_type is None:
        return CoverageNote.SEVERAL_TYPES
    if coverage.coverage_pct is not None and coverage.coverage_pct > 100:
        return CoverageNote.MORE_THAN_COUNTED
    return None


class CountryStats(BaseModel):
    iso3: str
    name: str
    zones: int
    by_type: dict[str, int]
    official: list[Coverage]


def _coverage(row: OfficialCountRow, by_type: dict[str, int]) -> Coverage:
    record = OfficialCount.model_validate(row, from_attributes=True)
    in_registry = by_type.get(record.zone_type, 0) if record.zone_type and not record.admin1 else None
    pct = round(100 * in_registry / record.count, 1) if in_registry is not None and record.count else None
    return Coverage(**record.model_dump(), zones_in_registry=in_registry, coverage_pct=pct)


def registry_stats(session: Session) -> list[CountryStats]:
    """One entry per country with zones, largest first."""
    counts = session.execute(
        select(ZoneRow.country_iso3, ZoneRow.zone_type, func.count()).group_by(
            ZoneRow.country_iso3, ZoneRow.zone_type
        )
    ).all()
    by_country: dict[str, dict[str, int]] = {}
    for iso3, zone_type, n in counts:
        by_country.setdefault(iso3, {})[zone_type] = int(n)
    official_rows = session.scalars(select(OfficialCountRow).order_by(OfficialCountRow.id)).all()
    result = []
    for iso3, by_type in by_country.items():
        entry = country(iso3)
        official = [_coverage(row, by_type) for row in official_rows if row.country_iso3 == iso3]
        result.append(CountryStats(iso3=iso3, name=entry.name if entry else iso3, zones=sum(by_type.values()),
                                   by_type=dict(sorted(by_type.items())), official=official))  # fmt: skip
    return sorted(result, key=lambda c: (-c.zones, c.iso3))
