"""A sector's reference project (regimes/reference_projects.py) is the project the incentives page fills in
for that sector: the scenario tables and the page value the same figures."""

import dataclasses

import pytest
from starlette.datastructures import QueryParams

from sezatlas.regimes.loader import load_regimes
from sezatlas.regimes.reference_projects import UnknownSectorError, sector_project
from sezatlas.regimes.sector_profiles import sector_profiles
from sezatlas.web.pages.incentives_form import DEFAULT_REGIMES, IncentivesForm, form_values, parse_form


@pytest.mark.parametrize("code", list(sector_profiles()))
def test_each_sectors_reference_project_is_the_incentives_pages_project(code: str) -> None:
    values = {**form_values(QueryParams({"sector": code})), "regime": list(DEFAULT_REGIMES), "name": code}
    form = parse_form(values, load_regimes(), str)
    assert isinstance(form, IncentivesForm), form
    page, ours = form.project_input().to_project(), sector_project(code)
    for field in dataclasses.fields(ours):
        mine, theirs = getattr(ours, field.name), getattr(page, field.name)
        if field.name == "capex":
            assert [(c.asset_class, c.year) for c in mine] == [(c.asset_class, c.year) for c in theirs]
            for a, b in zip(mine, theirs, strict=True):
                assert (a.amount, a.import_share) == pytest.approx((b.amount, b.import_share))
        elif isinstance(mine, float):
            assert mine == pytest.approx(theirs), field.name
        else:
            assert mine == theirs, field.name


def test_an_unknown_sector_names_the_known_ones() -> None:
    with pytest.raises(UnknownSectorError, match="auto_parts"):
        sector_project("shipbuilding")
