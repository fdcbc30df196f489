"""What the secretariat does with reports: make one country's, or the association's, as of a moment.

Each use case checks the permission (the secretariat; the command line acts as it), reads the registry as
it stood at the moment (`registry_at`: end of the day asked, UTC; default: now), and gathers the figures
from the use cases and rules that own them — coverage (`registry/statistics.py` `country_stats`), the
harmonization matrix (`harmonization_matrix`), the incentive engine (`compare_incentives` on the sector
reference projects), the response dashboard (`response_dashboard`) and the Congress tables — so a figure in
a report is the figure its own page, API or CLI gives for the same moment.

What is as of the moment: the zones (versions), the official counts (those the source dates by then), the
inquiries sent and the Congress events, schedules and meetings (their own timestamps). What is not: the
regime files and the reference projects (this version's, dated by their own as-of), the dashboard's
answered and timing figures (the threads' clocks as stored now), and the list of Congress participants.
"""

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import NamedTuple

from sqlalchemy.orm import Session

from sezatlas import __version__
from sezatlas.accounts.roles import Actor, may_administer, require
from sezatlas.inquiries.dashboard import GroupBy, response_dashboard
from sezatlas.regimes.actions import compare_incentives
from sezatlas.regimes.loader import load_regimes
from sezatlas.regimes.matrix.actions import harmonization_matrix
from sezatlas.regimes.project import Project
from sezatlas.regimes.reference_projects import sector_project
from sezatlas.regimes.rules import Regime
from sezatlas.regimes.sector_profiles import sector_profiles
from sezatlas.registry.statistics import country_stats, registry_stats, stored_counts
from sezatlas.registry.zone_query import BadQueryValue, parse_countries
from sezatlas.reports.assemble import (
    counts_known_by,
    dataset_sources,
    incentive_lines,
    reference_project,
    regime_lines,
    territories_of,
    unplaced,
)
from sezatlas.reports.model import CountryReport, IncentiveLine, InquiryFigures, Report, ReportHeader
from sezatlas.reports.storage import congress_figures, inquiries_sent_by
from sezatlas.standard.country import OfficialCount
from sezatlas.standard.zone import Zone
from sezatlas.stewardship.versions import aware, registry_at

ACTION = "make the secretariat's reports"


def _projects(fx_rates: Mapping[str, float]) -> dict[str, Project]:
    """Every sector's reference project, in the order of `sector_profiles.toml`, with the rates given (none:
    a regime whose threshold is in another currency is reported as not valued, with the engine's reason)."""
    return {code: sector_project(code, fx_rates) for code in sector_profiles()}


def _incentives(
    iso3: str, regimes: Mapping[str, Regime], projects: Mapping[str, Project]
) -> list[IncentiveLine]:
    zone_regimes = sorted(
        r.regime_id for r in regimes.values() if r.country_iso3 == iso3 and not r.is_standard
    )
    if not zone_regimes:
        return []
    return [
        line
        for code, project in projects.items()
        for line in incentive_lines(code, compare_incentives(project, zone_regimes, regimes=regimes))
    ]


class _Reading(NamedTuple):
    """What every country of a report is read from: the header (its moment), the zones then, the counts,
    the regimes and the reference projects (read once for the association's report)."""

    header: ReportHeader
    zones: Sequence[Zone]
    counts: Sequence[OfficialCount]
    regimes: Mapping[str, Regime]
    projects: Mapping[str, Project]

    @property
    def countries(self) -> set[str]:
        return {z.country_iso3 for z in self.zones} | {r.country_iso3 for r in self.regimes.values()}


def _reading(session: Session, as_of: datetime | None, fx_rates: Mapping[str, float]) -> _Reading:
    projects = _projects(fx_rates)
    made_at = datetime.now(UTC)
    header = ReportHeader(
        as_of=aware(as_of) if as_of is not None else made_at, is_as_of_asked=as_of is not None,
        made_at=made_at, version=__version__, fx_rates=dict(fx_rates),
        projects=[reference_project(code, project) for code, project in projects.items()],
    )  # fmt: skip
    zones = list(registry_at(session, header.as_of))
    return _Reading(header, zones, stored_counts(session), load_regimes(), projects)


def _country(session: Session, iso3: str, read: _Reading) -> CountryReport:
    moment = read.header.as_of
    own = [zone for zone in read.zones if zone.country_iso3 == iso3]
    known, later = counts_known_by([c for c in read.counts if c.country_iso3 == iso3], moment)
    has_regimes = any(r.country_iso3 == iso3 for r in read.regimes.values())
    dashboard = response_dashboard(session, GroupBy.COUNTRY, only=iso3, now=moment).get(iso3)
    return CountryReport(
        iso3=iso3,
        stats=country_stats(iso3, territories_of(own), known, unplaced(own)),
        counts_after_as_of=later,
        regimes=regime_lines(read.regimes, iso3, own),
        matrix=harmonization_matrix([iso3], regimes=read.regimes) if has_regimes else None,
        incentives=_incentives(iso3, read.regimes, read.projects),
        inquiries=InquiryFigures(dashboard, inquiries_sent_by(session, iso3, moment)),
        congress=congress_figures(session, iso3, moment),
        zone_sources=dataset_sources(own),
    )


def country_report(session: Session, actor: Actor, iso3: str, as_of: datetime | None = None,
                   fx_rates: Mapping[str, float] | None = None) -> Report:  # fmt: skip
    """The secretariat: one country's report as of `as_of` (default: now), the reference projects valued
    with `fx_rates` (USD per unit). A code that is not ISO 3166-1, or a country with neither zones nor an
    encoded regime, is a `BadQueryValue` naming `country`."""
    require(actor, may_administer(actor), ACTION)
    codes = parse_countries([iso3])
    if len(codes) != 1:
        raise BadQueryValue("country", f"{iso3!r}: name one ISO 3166-1 alpha-3 code (e.g. RUS)")
    read = _reading(session, as_of, fx_rates or {})
    if codes[0] not in read.countries:
        raise BadQueryValue("country", f"{codes[0]}: no zone in the registry and no regime encoded")
    return Report(read.header, [_country(session, codes[0], read)], is_association=False)


def report_countries(session: Session, actor: Actor) -> list[str]:
    """The secretariat: the countries a report can be made for (zones in the registry or a regime encoded)."""
    require(actor, may_administer(actor), ACTION)
    with_zones = {entry.iso3 for entry in registry_stats(session)}
    return sorted(with_zones | {regime.country_iso3 for regime in load_regimes().values()})


def association_report(session: Session, actor: Actor, as_of: datetime | None = None,
                       fx_rates: Mapping[str, float] | None = None) -> Report:  # fmt: skip
    """The secretariat: every country with zones as of the moment or an encoded regime, each as in its
    country report, with the totals (`Report.zones`, `Report.zones_by_type`)."""
    require(actor, may_administer(actor), ACTION)
    read = _reading(session, as_of, fx_rates or {})
    countries = [_country(session, code, read) for code in sorted(read.countries)]
    return Report(read.header, countries, is_association=True)
