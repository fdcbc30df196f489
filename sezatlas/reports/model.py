"""A secretariat report as plain data: every figure with what it was computed from, nothing formatted.

The renderer (`web/pages/report_view.py`) words and formats it; the XLSX annex writes these same values,
so a figure in the PDF and its row in the annex cannot disagree.
"""

from dataclasses import dataclass
from datetime import datetime

from sezatlas.inquiries.response_stats import ResponseStats
from sezatlas.regimes.matrix.table import HarmonizationMatrix
from sezatlas.regimes.rules import Regime
from sezatlas.registry.statistics import CountryStats


@dataclass(frozen=True, slots=True)
class RegimeLine:
    """One encoded regime of the country and the zones the registry links to it as of the report."""

    regime: Regime
    zones_linked: int


@dataclass(frozen=True, slots=True)
class ReferenceProject:
    """A sector's reference project (`regimes/reference_projects.py`): illustrative figures, not sourced."""

    code: str
    title: str
    isic_code: str
    currency: str
    capex: float
    revenue_per_year: float
    headcount: int
    horizon_years: int
    real_discount_rate: float


@dataclass(frozen=True, slots=True)
class IncentiveLine:
    """The engine's output for one zone regime and one reference project, against the standard regime."""

    sector: str
    regime_id: str
    standard_id: str | None
    npv_of_incentives: float | None  # in the project's currency
    aetr: float | None
    standard_aetr: float | None
    metr: float | None
    standard_metr: float | None
    error: str | None  # why the engine could not value it (not eligible, not in force …)


@dataclass(frozen=True, slots=True)
class InquiryFigures:
    """The public response dashboard's figures of the country (None: no inquiry yet), and the inquiries
    sent by the report's moment, counted from each thread's own sending time."""

    dashboard: ResponseStats | None
    sent_by_as_of: int


@dataclass(frozen=True, slots=True)
class EventFigures:
    """One Congress event created by the report's moment: who of the country takes part, and the meetings
    of its newest schedule published by then that involve them."""

    event_id: str
    name: str
    participants: int
    participants_of_country: int
    schedule_version: int | None
    meetings: int
    meetings_of_country: int


@dataclass(frozen=True, slots=True)
class DatasetSources:
    """The zones of one dataset (bundled file or import) and the source pages their facts cite."""

    dataset: str
    zones: int
    source_urls: tuple[str, ...]
    newest_as_of: str | None


@dataclass(frozen=True, slots=True)
class CountryReport:
    iso3: str
    stats: CountryStats
    counts_after_as_of: int  # stored counts dated after the report's moment, left out
    regimes: list[RegimeLine]
    matrix: HarmonizationMatrix | None  # None: no regime of the country is encoded
    incentives: list[IncentiveLine]
    inquiries: InquiryFigures
    congress: list[EventFigures]
    zone_sources: list[DatasetSources]


@dataclass(frozen=True, slots=True)
class ReportHeader:
    """What makes a report reproducible: its moment, when it was made, by which version, on which projects."""

    as_of: datetime
    is_as_of_asked: bool  # false: the moment is when the report was made
    made_at: datetime
    version: str
    fx_rates: dict[str, float]  # USD per unit, as the report's maker gave them (not sourced)
    projects: list[ReferenceProject]


@dataclass(frozen=True, slots=True)
class Report:
    """A country report (one country) or the association's (every country with zones or regimes, totals)."""

    header: ReportHeader
    countries: list[CountryReport]
    is_association: bool

    @property
    def zones(self) -> int:
        return sum(country.stats.zones for country in self.countries)

    def zones_by_type(self) -> dict[str, int]:
        totals: dict[str, int] = {}
        for country in self.countries:
            for kind, zones in country.stats.by_type.items():
                totals[kind] = totals.get(kind, 0) + zones
        return dict(sorted(totals.items()))
