"""Reference projects: the sector projects of `sector_profiles.toml` as the engine's input, for the tables
that value regimes without a user's own project (the "common approach" scenarios, the secretariat's
reports).

A sector's project is the one the incentives page fills in for that sector (`web/pages/incentives_form.py`,
with that form's defaults: USD, starting 2027, 15 years, 8 % real discount rate, 2 % inflation): capex by
asset class in year 0, then flat yearly figures (`siting/simple_finance.py`). A test holds the two equal for
every sector. The figures are illustrative round numbers, not sourced facts (the file says so).
"""

from collections.abc import Mapping

from sezatlas.regimes.contract import CapexInput
from sezatlas.regimes.project import Project
from sezatlas.regimes.rules import AssetClass
from sezatlas.regimes.sector_profiles import sector_profiles
from sezatlas.siting.simple_finance import MILLION, SimpleFinance

INFLATION = 0.02  # the incentives form's default


class UnknownSectorError(LookupError):
    """No reference project for this sector code."""


def sector_project(code: str, fx_rates: Mapping[str, float] | None = None) -> Project:
    """The sector's reference project, named by its code, with the exchange rates given (USD per unit)."""
    profile = sector_profiles().get(code)
    if profile is None:
        raise UnknownSectorError(
            f"sector: no reference project {code!r}; one of {', '.join(sector_profiles())}"
        )
    finance = SimpleFinance(
        capex_buildings_m=profile.capex_buildings_m, capex_machinery_m=profile.capex_machinery_m,
        capex_intangibles_m=profile.capex_intangibles_m, revenue_m_per_year=profile.revenue_m_per_year,
        opex_m_per_year=profile.opex_m_per_year, payroll_m_per_year=profile.payroll_m_per_year,
        headcount=profile.headcount, export_share_pct=profile.export_share * 100,
        fx_rates=dict(fx_rates or {}),
    )  # fmt: skip
    assets = [
        (AssetClass.BUILDINGS, profile.capex_buildings_m, profile.import_share_buildings),
        (AssetClass.MACHINERY, profile.capex_machinery_m, profile.import_share_machinery),
        (AssetClass.INTANGIBLES, profile.capex_intangibles_m, profile.import_share_intangibles),
    ]
    capex = [CapexInput(asset_class=kind, year=0, amount=m * MILLION, import_share=share)
             for kind, m, share in assets if m > 0]  # fmt: skip
    project = finance.to_project_input(code, profile.isic_code).model_copy(update={
        "capex": capex, "inflation": INFLATION, "imported_input_share": profile.imported_input_share,
        "duty_rate_capital_goods": profile.duty_rate_capital_goods,
        "duty_rate_inputs": profile.duty_rate_inputs,
    })  # fmt: skip
    return project.to_project()
