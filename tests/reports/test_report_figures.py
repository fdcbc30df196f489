"""A report's figures are the registry's and the engine's: a sample checked against direct queries and the
engine's own output, and `--as-of` reading the registry as it stood (issue 18, item 5)."""

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from sezatlas.accounts.roles import Actor, Grant, NotAuthenticatedError, PermissionDeniedError, Role
from sezatlas.regimes.actions import compare_incentives
from sezatlas.regimes.matrix.actions import harmonization_matrix
from sezatlas.regimes.reference_projects import sector_project
from sezatlas.registry.importer import import_file
from sezatlas.registry.statistics import registry_overview
from sezatlas.registry.zone_query import BadQueryValue
from sezatlas.reports.actions import association_report, country_report
from sezatlas.reports.assemble import exchange_rates
from sezatlas.reports.model import CountryReport
from sezatlas.store.database import transaction
from sezatlas.store.models import ZoneRow

SECRETARIAT = Actor.command_line("the association's secretariat")


def russia(engine: Engine, as_of: datetime | None = None) -> CountryReport:
    with transaction(engine) as session:
        return country_report(session, SECRETARIAT, "RUS", as_of).countries[0]


def test_zones_by_type_are_a_direct_count_of_the_registry(bundled_engine: Engine) -> None:
    report = russia(bundled_engine)
    with transaction(bundled_engine) as session:
        rows = session.execute(
            select(ZoneRow.zone_type, func.count())
            .where(ZoneRow.country_iso3 == "RUS", ZoneRow.parent_zone_id.is_(None))
            .group_by(ZoneRow.zone_type)
        ).all()
    assert report.stats.by_type == dict(rows)
    assert report.stats.zones == sum(count for _, count in rows) > 100


def test_coverage_is_the_statistics_pages(bundled_engine: Engine) -> None:
    report = russia(bundled_engine)
    with transaction(bundled_engine) as session:
        page = next(c for c in registry_overview(session).countries if c.iso3 == "RUS")
    assert [(r.regime, r.headline, r.zones_in_registry, r.coverage_pct) for r in report.stats.regimes] == [
        (r.regime, r.headline, r.zones_in_registry, r.coverage_pct) for r in page.regimes
    ]
    assert any(r.headline is not None and r.headline.source_url for r in report.stats.regimes)


def test_incentive_figures_and_matrix_row_are_the_engines(bundled_engine: Engine) -> None:
    report = russia(bundled_engine)
    line = next(
        x for x in report.incentives if (x.sector, x.regime_id) == ("auto_parts", "RUS-free-port-vladivostok")
    )
    (direct,) = compare_incentives(sector_project("auto_parts"), ["RUS-free-port-vladivostok"])
    assert direct.comparison is not None and line.npv_of_incentives == direct.comparison.npv_of_incentives
    assert (line.aetr, line.standard_aetr) == (direct.comparison.zone.aetr, direct.comparison.standard.aetr)
    assert report.matrix is not None
    expected = harmonization_matrix(["RUS"])
    assert [(row.regime.regime_id, row.cells) for row in report.matrix.rows] == [
        (row.regime.regime_id, row.cells) for row in expected.rows
    ]


def test_exchange_rates_value_a_regime_whose_threshold_is_in_roubles(bundled_engine: Engine) -> None:
    def industrial(lines: CountryReport) -> str | None:
        return next(
            x.error
            for x in lines.incentives
            if (x.sector, x.regime_id) == ("auto_parts", "RUS-sez-industrial")
        )

    assert "fx_rates" in (industrial(russia(bundled_engine)) or "")
    with transaction(bundled_engine) as session:
        valued = country_report(session, SECRETARIAT, "RUS", fx_rates=exchange_rates("RUB=0.011"))
    assert industrial(valued.countries[0]) is None and valued.header.fx_rates == {"RUB": 0.011}
    with pytest.raises(BadQueryValue, match="fx"):
        exchange_rates("RUB=-1")


def test_only_the_secretariat_makes_reports_and_a_bad_country_is_named(bundled_engine: Engine) -> None:
    member = Actor(person_id=7, name="a member", grants=frozenset({Grant(Role.MEMBER)}))
    with transaction(bundled_engine) as session:
        with pytest.raises(NotAuthenticatedError):
            country_report(session, Actor.anonymous(), "RUS")
        with pytest.raises(PermissionDeniedError):
            association_report(session, member)
        with pytest.raises(BadQueryValue, match="country"):
            country_report(session, SECRETARIAT, "XXX")


def test_a_report_as_of_before_a_change_gives_the_old_figure(registry_engine: Engine, tmp_path: Path) -> None:
    before = datetime.now(UTC)
    zones_then = russia(registry_engine).stats.by_type
    change = tmp_path / "alabuga.csv"
    change.write_text(
        "zone_id,country_iso3,name_en,zone_type,source_urls,as_of\n"
        "RUS-001,RUS,Alabuga SEZ,industrial_park,https://alabuga.ru/en/,2026-12\n",
        encoding="utf-8",
    )
    import_file(registry_engine, change)
    now = russia(registry_engine).stats.by_type
    assert now["sez"] == zones_then["sez"] - 1
    assert now["industrial_park"] == zones_then["industrial_park"] + 1
    assert russia(registry_engine, before).stats.by_type == zones_then
    assert russia(registry_engine, datetime(2000, 1, 1, tzinfo=UTC)).stats.zones == 0
