"""Properties of the project engine that must hold for any project (hypothesis)."""

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from regime_examples import standard_regime

from sezatlas.regimes.evaluate import compare, evaluate_regime, pv_taxes
from sezatlas.regimes.project import CapexItem, Project
from sezatlas.regimes.rules import AssetClass, Regime

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
money = st.floats(min_value=0, max_value=10_000, allow_nan=False)
share = st.floats(min_value=0, max_value=1, allow_nan=False)


@st.composite
def projects(draw: st.DrawFn) -> Project:
    n = draw(st.integers(min_value=1, max_value=12))
    items = draw(
        st.lists(
            st.tuples(
                st.sampled_from(list(AssetClass)), st.integers(0, min(2, n - 1)), st.floats(1, 10_000), share
            ),
            min_size=1,
            max_size=3,
        )
    )
    return Project(
        name="generated",
        start_date=date(2026, 1, 1),
        currency="USD",
        horizon_years=n,
        capex=tuple(CapexItem(c, y, a, s) for c, y, a, s in items),
        revenue=tuple(draw(st.lists(money, min_size=n, max_size=n))),
        opex=tuple(draw(st.lists(money, min_size=n, max_size=n))),
        payroll=tuple(draw(st.lists(money, min_size=n, max_size=n))),
        real_discount_rate=draw(st.floats(0, 0.2)),
        inflation=draw(st.floats(0, 0.05)),
        imported_input_share=draw(share),
        export_share=draw(share),
        debt_share=draw(share),
        land_value=draw(money),
        duty_rate_capital_goods=draw(share),
        duty_rate_inputs=draw(share),
        property_tax_rate=draw(st.floats(0, 0.05)),
        land_tax_rate=draw(st.floats(0, 0.05)),
        payroll_contribution_rate=draw(st.floats(0, 0.4)),
    )


@st.composite
def generous_zones(draw: st.DrawFn, standard: Regime, project: Project) -> Regime:
    """Every instrument at least as generous as the standard's (rates never above it)."""
    tau = standard.cit.standard_rates[0].value
    phases = draw(
        st.lists(st.fixed_dictionaries({"value": st.floats(0, tau), "years": st.integers(1, 5)}), max_size=3)
    )
    data = standard.model_dump(exclude_none=True)
    data.update(
        regime_id="XXX-zone",
        counterfactual_id="XXX-standard",
        cit={
            "standard_rates": [{"from_year": 2000, "value": tau}],
            "phases": phases,
            "trigger": draw(st.sampled_from(["registration", "first_production", "first_profit"])),
            "holiday_loss_rule": "carry_forward",
            "holiday_allowance_rule": "deferred",
        },
        customs={
            "capital_goods": {"treatment": draw(st.sampled_from(["standard", "exempt"]))},
            "inputs": {"treatment": draw(st.sampled_from(["standard", "exempt"]))},
        },
        property_tax={"exemption_years": draw(st.integers(0, 12))},
        land_tax={"exemption_years": draw(st.integers(0, 12))},
        payroll={
            "reduced_rate": draw(st.floats(0, 1)) * (project.payroll_contribution_rate or 0.0),
            "reduced_years": draw(st.integers(0, 12)),
        },
    )
    if draw(st.booleans()):
        data["investment_allowance"] = {
            "share": draw(st.floats(0, 0.5)),
            "years": draw(st.integers(1, 6)),
            "spread": draw(st.sampled_from(["equal", "as_absorbed"])),
        }
    if draw(st.booleans()):
        data["investment_credit"] = {"rate": draw(st.floats(0, 0.2))}
    return Regime.model_validate(data)


@SETTINGS
@given(st.data())
def test_more_generous_incentives_never_raise_the_pv_of_taxes(data: st.DataObject) -> None:
    project = data.draw(projects())
    standard = standard_regime(
        cit={"standard_rates": [{"from_year": 2000, "value": data.draw(st.floats(0, 0.5))}]}
    )
    zone = data.draw(generous_zones(standard, project))
    assert pv_taxes(project, zone) <= pv_taxes(project, standard) + 1e-7 * (1 + project.total_capex)


@SETTINGS
@given(projects())
def test_npv_of_incentives_of_a_regime_without_incentives_is_zero(project: Project) -> None:
    standard = standard_regime()
    same = Regime.model_validate(
        {**standard.model_dump(), "regime_id": "XXX-same", "counterfactual_id": "XXX-standard"}
    )
    result = compare(project, same, standard)
    assert result.npv_of_incentives == 0.0
    assert result.by_instrument == {}


def scaled(project: Project, factor: float) -> Project:
    return replace(
        project,
        capex=tuple(replace(item, amount=item.amount * factor) for item in project.capex),
        revenue=tuple(v * factor for v in project.revenue),
        opex=tuple(v * factor for v in project.opex),
        payroll=tuple(v * factor for v in project.payroll),
        land_value=project.land_value * factor,
        currency="XYZ",
        fx_rates={k: v * factor for k, v in project.fx_rates.items()} | {"USD": factor},
    )


@SETTINGS
@given(projects(), st.floats(min_value=1e-3, max_value=1e3))
def test_results_are_invariant_to_currency_scaling(project: Project, factor: float) -> None:
    standard = standard_regime()
    zone = Regime.model_validate(
        {
            **standard.model_dump(exclude_none=True),
            "regime_id": "XXX-zone",
            "counterfactual_id": "XXX-standard",
            "cit": {
                "standard_rates": [{"from_year": 2000, "value": 0.2}],
                "phases": [{"value": 0.0, "years": 3}],
                "trigger": "first_profit",
            },
            "property_tax": {"exemption_years": 4},
            "eligibility": {"min_investment": {"value": 500, "currency": "USD"}},
        }
    )
    base, other = compare(project, zone, standard), compare(scaled(project, factor), zone, standard)
    if base.npv_of_incentives is None:
        assert other.npv_of_incentives is None
        return
    assert other.npv_of_incentives == pytest.approx(
        base.npv_of_incentives * factor, rel=1e-9, abs=1e-9 * factor
    )
    for one, two in ((base.zone, other.zone), (base.standard, other.standard)):
        assert two.pv_taxes == pytest.approx((one.pv_taxes or 0) * factor, rel=1e-9, abs=1e-9 * factor)
        assert (one.aetr is None) == (two.aetr is None)
        if one.aetr is not None and abs(one.npv_pre_tax or 0) > 1e-6:
            assert two.aetr == pytest.approx(one.aetr, rel=1e-7)


def test_evaluate_regime_is_pure() -> None:
    from regime_examples import worked_project

    project, regime = worked_project(), standard_regime()
    assert evaluate_regime(project, regime).pv_taxes == evaluate_regime(project, regime).pv_taxes
