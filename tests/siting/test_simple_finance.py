"""The short finance form expanded to the incentive engine's yearly series."""

from sezatlas.siting.simple_finance import SimpleFinance


def test_capex_is_spent_in_year_zero_and_the_later_years_are_flat() -> None:
    finance = SimpleFinance(
        currency="EUR", horizon_years=4, capex_buildings_m=10, capex_machinery_m=5, revenue_m_per_year=30,
        opex_m_per_year=20, payroll_m_per_year=4, export_share_pct=60, real_discount_rate_pct=8,
        fx_rates={"RUB": 0.01},
    )  # fmt: skip
    project = finance.to_project_input("Plant", "2930")
    assert [(c.asset_class.value, c.year, c.amount) for c in project.capex] == [
        ("buildings", 0, 10_000_000.0),
        ("machinery", 0, 5_000_000.0),
    ]
    assert project.revenue == [0.0, 30e6, 30e6, 30e6] and project.payroll == [0.0, 4e6, 4e6, 4e6]
    assert project.export_share == 0.6 and project.real_discount_rate == 0.08 and project.currency == "EUR"
    assert project.fx_rates == {"RUB": 0.01}
    project.to_project()  # the engine accepts it


def test_a_finance_step_without_capex_counts_as_skipped() -> None:
    assert not SimpleFinance(revenue_m_per_year=10).has_capex
