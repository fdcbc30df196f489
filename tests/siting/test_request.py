"""A ranking request with the project's finances: incentives valued per zone by the incentive engine."""

import json
from datetime import date
from pathlib import Path

import pytest
from pydantic import ValidationError

from sezatlas.registry.bundled import load_bundled_registry
from sezatlas.siting.columns import zone_columns
from sezatlas.siting.criteria import criteria_in
from sezatlas.siting.request import RankRequest, incentives_m, rank_request, read_rank_request
from sezatlas.siting.shortlist import rank_zones

TODAY = date(2026, 11, 25)
EXAMPLE = Path(__file__).parents[2] / "docs" / "examples" / "automotive-with-finance.json"
COLUMNS = zone_columns(load_bundled_registry().zones)


@pytest.fixture(scope="module")
def request_with_finance() -> RankRequest:
    return read_rank_request(json.loads(EXAMPLE.read_text(encoding="utf-8")))


def test_a_bare_profile_is_read_as_a_request_without_finance() -> None:
    request = read_rank_request({"name": "Car parts", "isic_code": "2930"})
    assert request.finance is None and request.project.isic_code == "2930"


def test_finance_with_a_series_of_the_wrong_length_is_rejected_naming_it(
    request_with_finance: RankRequest,
) -> None:
    data = request_with_finance.model_dump(mode="json")
    data["finance"]["revenue"] = [1.0]
    with pytest.raises(ValidationError, match="revenue"):
        RankRequest.model_validate(data)


def test_incentives_are_valued_in_millions_for_linked_eligible_zones_only(
    request_with_finance: RankRequest,
) -> None:
    assert request_with_finance.finance is not None
    values = incentives_m(COLUMNS, request_with_finance.project, request_with_finance.finance)
    regime_of = dict(zip(COLUMNS.zone_id, COLUMNS.regime_id, strict=True))
    assert values and all(regime_of[zone] for zone in values)
    assert all(COLUMNS.zone_type[list(COLUMNS.zone_id).index(zone)] == "sez" for zone in values)
    assert 1 < values["RUS-001"] < 100  # USD m for an 80 m plant, not units


def test_finance_makes_incentives_count_and_the_unit_names_the_currency(
    request_with_finance: RankRequest,
) -> None:
    shortlist = rank_request(COLUMNS, request_with_finance, today=TODAY, samples=200)
    assert "incentives" in shortlist.criteria_used and shortlist.incentives_currency == "USD"
    assert any("NPV of incentives: USD " in line for zone in shortlist.ranked for line in zone.explanation)
    without = rank_zones(COLUMNS, request_with_finance.project, today=TODAY, samples=200)
    assert "incentives" not in without.criteria_used and without.incentives_currency is None


def test_a_zone_without_a_linked_regime_is_unknown_for_incentives(request_with_finance: RankRequest) -> None:
    shortlist = rank_request(COLUMNS, request_with_finance, today=TODAY, shortlist_size=500, samples=0)
    regime_of = dict(zip(COLUMNS.zone_id, COLUMNS.regime_id, strict=True))
    unlinked = [zone for zone in shortlist.ranked if not regime_of[zone.zone_id]]
    assert unlinked and all("incentives" in zone.unknown for zone in unlinked)


def test_the_incentives_unit_names_the_project_currency() -> None:
    units = {criterion.name: criterion.unit for criterion in criteria_in("EUR")}
    assert units["incentives"] == "EUR m" and units["power_headroom"] == "× need"
