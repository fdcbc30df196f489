"""The illustrative sector profiles that fill the incentives form: valid, and each a viable project."""

from datetime import date
from pathlib import Path

import pytest

from sezatlas.regimes.errors import RegimeDataError
from sezatlas.regimes.evaluate import evaluate_regime
from sezatlas.regimes.loader import load_regimes
from sezatlas.regimes.project import CapexItem, Project
from sezatlas.regimes.rules import AssetClass
from sezatlas.regimes.sector_profiles import DEFAULT_SECTOR, SectorProfile, sector_profiles

MILLION = 1_000_000.0
HORIZON_YEARS = 15


def as_project(profile: SectorProfile) -> Project:
    """The profile as the form expands it: capex in year 0, then the same figures every year."""
    capex = [
        CapexItem(kind, 0, millions * MILLION, share)
        for kind, millions, share in (
            (AssetClass.BUILDINGS, profile.capex_buildings_m, profile.import_share_buildings),
            (AssetClass.MACHINERY, profile.capex_machinery_m, profile.import_share_machinery),
            (AssetClass.INTANGIBLES, profile.capex_intangibles_m, profile.import_share_intangibles),
        )
    ]

    def flat(millions: float) -> tuple[float, ...]:
        return (0.0,) + (millions * MILLION,) * (HORIZON_YEARS - 1)

    return Project(
        name=profile.title, start_date=date(2027, 1, 1), currency="USD", horizon_years=HORIZON_YEARS,
        capex=tuple(capex), revenue=flat(profile.revenue_m_per_year), opex=flat(profile.opex_m_per_year),
        payroll=flat(profile.payroll_m_per_year), real_discount_rate=0.08, inflation=0.02,
        isic_code=profile.isic_code, imported_input_share=profile.imported_input_share,
        export_share=profile.export_share, headcount=profile.headcount,
        duty_rate_capital_goods=profile.duty_rate_capital_goods, duty_rate_inputs=profile.duty_rate_inputs,
    )  # fmt: skip


def test_the_bundled_profiles_load_with_the_default_among_them() -> None:
    profiles = sector_profiles()
    assert DEFAULT_SECTOR in profiles and len(profiles) >= 8
    assert all(code == profile.code and len(profile.isic_code) == 4 for code, profile in profiles.items())


@pytest.mark.parametrize("code", list(sector_profiles()))
def test_each_profile_is_a_project_worth_doing_before_tax_so_its_tax_rates_are_defined(code: str) -> None:
    project = as_project(sector_profiles()[code])
    result = evaluate_regime(project, load_regimes()["RUS-standard"])
    assert result.npv_pre_tax is not None and result.npv_pre_tax > 0 and result.aetr is not None


def test_a_bad_profile_names_its_sector_and_field(tmp_path: Path) -> None:
    path = tmp_path / "profiles.toml"
    path.write_text('[auto_parts]\ntitle = "x"\nisic_code = "2930"\ncapex_buildings_m = -1\n', "utf-8")
    with pytest.raises(RegimeDataError, match=r"\[auto_parts\] capex_buildings_m"):
        sector_profiles(path)
