"""The incentives page's "Design a regime" step over HTTP (no browser): filled from a bundled start, compared
and labelled as custom, downloaded as TOML for the command line, refused field by field with the input kept.

(Beside test_incentives_page_http.py: they test the same page.)
"""

import json
import re
import tomllib
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from sezatlas.regimes.cli import incentives_app
from sezatlas.regimes.design import designed_record
from sezatlas.regimes.loader import load_regimes
from sezatlas.web.pages.incentives_design import parse_design, start_values
from tests.web.browser.test_incentives_page_http import client, fresh, input_value  # noqa: F401 (fixture)

START = [("sector", "auto_parts"), ("design_from", "RUS-standard")]
TEN_THEN_FIFTEEN = [
    *START, ("design_name", "Ten then fifteen"),
    ("design_phase_rate_1", "10"), ("design_phase_years_1", "10"), ("design_phase_rate_2", "15"),
    ("design_dep_method_buildings", "straight_line"), ("design_dep_rate_buildings", "4"),
    ("design_dep_method_machinery", "straight_line"), ("design_dep_life_machinery", "5"),
    ("design_property_years", "0"), ("design_land_years", "0"),
]  # fmt: skip


def query(pairs: list[tuple[str, str]], **more: str) -> str:
    return "/incentives?" + urlencode([*pairs, *more.items()])


def errors_of(page: str) -> dict[str, str]:
    found = re.findall(r'<span id="inc-([a-z_0-9]+)-error" class="field-error"[^>]*>([^<]*)</span>', page)
    return {name: unescape(message) for name, message in found}


def test_naming_a_start_fills_the_designer_with_its_rules(client: TestClient) -> None:  # noqa: F811
    page = fresh(client).get(query([*START[:1], ("design_from", "RUS-tor"), ("regime", "ARE-qfzp")])).text
    assert (
        input_value(page, "design_phase_rate_1") == "5" and input_value(page, "design_phase_years_1") == "5"
    )
    assert (
        input_value(page, "design_phase_rate_2") == "18" and input_value(page, "design_property_years") == "5"
    )
    assert 'id="inc-design_duty_exempt" name="design_duty_exempt" value="1" checked' in page
    assert (
        input_value(page, "design_name")
        == "My regime, from Territory of Advanced Development / priority socio-economic development"
    )


def test_choosing_a_start_without_javascript_redirects_to_its_filled_url(client: TestClient) -> None:  # noqa: F811
    answer = fresh(client).get(query(START, apply="design"), follow_redirects=False)
    assert answer.status_code == 303
    location = answer.headers["location"]
    assert (
        "design_name=" in location and "design_dep_rate_buildings=4" in location and "apply" not in location
    )


@pytest.mark.parametrize("start_id", sorted(load_regimes()))
def test_a_start_read_back_from_the_form_changes_nothing(start_id: str) -> None:
    values = start_values(load_regimes()[start_id], "Unchanged")
    parsed = parse_design(values, load_regimes(), str)
    assert isinstance(parsed, tuple), parsed
    assert "changed: nothing" in designed_record(*parsed)["notes"]


def test_a_designed_regime_is_compared_alone_and_labelled_custom(client: TestClient) -> None:  # noqa: F811
    page = fresh(client).get(query(TEN_THEN_FIFTEEN)).text
    row = re.search(r'<tr data-regime-id="RUS-custom".*?</tr>', page, re.S)
    assert row is not None and 'data-testid="custom-mark"' in row.group(0)
    assert "Ten then fifteen" in row.group(0) and 'data-testid="download-toml"' in page


def test_the_downloaded_toml_gives_the_command_line_the_pages_figures(
    client: TestClient,  # noqa: F811
    tmp_path: Path,
) -> None:
    download = fresh(client).get(query(TEN_THEN_FIFTEEN, f="toml"))
    assert download.status_code == 200 and "RUS-custom.toml" in download.headers["content-disposition"]
    regime_file = tmp_path / "RUS-custom.toml"
    regime_file.write_text(download.text, encoding="utf-8")
    twin = fresh(client).get(query(TEN_THEN_FIFTEEN, f="json")).json()
    project = tmp_path / "project.json"
    project.write_text(json.dumps(twin["request"]["project"]), encoding="utf-8")
    target = tmp_path / "cli.json"
    run = CliRunner().invoke(
        incentives_app, ["compare", "-p", str(project), "--regime-file", str(regime_file), "-o", str(target)]
    )
    assert run.exit_code == 0, run.output
    assert json.loads(target.read_text(encoding="utf-8"))["regimes"] == twin["regimes"]
    assert tomllib.loads(download.text)["cit"]["phases"] == [{"value": 0.1, "years": 10}, {"value": 0.15}]


def test_the_json_twin_replays_against_the_api_with_the_designed_regime(client: TestClient) -> None:  # noqa: F811
    twin = fresh(client).get(query([*TEN_THEN_FIFTEEN, ("regime", "RUS-tor")], f="json")).json()
    assert [regime["regime_id"] for regime in twin["regimes"]] == ["RUS-custom", "RUS-tor"]
    answer = fresh(client).post("/api/v1/incentives/project", json=twin["request"])
    assert answer.status_code == 200 and answer.json()["regimes"] == twin["regimes"]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"design_phase_rate_1": "150"}, "design_phase_rate_1", "Must be at most 100."),
        ({"design_phase_rate_1": "", "design_phase_years_1": "10"}, "design_phase_rate_1", "Enter the rate"),
        ({"design_phase_years_1": ""}, "design_phase_years_1", "Only the last phase may run to the end"),
        ({"design_dep_life_machinery": ""}, "design_dep_rate_machinery", "Enter a rate or a life in years."),
        ({"design_toml": "[payroll\nrate = 1"}, "design_toml", "not valid TOML"),
        (
            {"design_toml": "[payroll]\nreduced_rate = 7.6"},
            "design_toml",
            "payroll.reduced_rate: Input should be",
        ),
        ({"design_toml": 'regime_id = "RUS-tor"'}, "design_toml", "is a bundled regime"),
        ({"design_toml": "x" * 4001}, "design_toml", "Write at most 4000 characters."),
        ({"design_from": "XXX-nowhere"}, "design_from", "Unknown regime: XXX-nowhere."),
    ],
)
def test_a_bad_design_is_refused_next_to_its_field_with_the_input_kept(
    client: TestClient,  # noqa: F811
    changes: dict[str, str],
    field: str,
    message: str,
) -> None:
    pairs = [(name, changes.get(name, value)) for name, value in TEN_THEN_FIFTEEN]
    pairs += [(name, value) for name, value in changes.items() if name not in dict(TEN_THEN_FIFTEEN)]
    response = fresh(client).get(query(pairs))
    assert response.status_code == 400
    assert message in errors_of(response.text)[field]
    if field != "design_from":
        assert input_value(response.text, "design_name") == "Ten then fifteen"  # what was typed stays
    data: dict[str, Any] = fresh(client).get(query(pairs, f="json")).json()
    assert field in [error["parameter"] for error in data["errors"]]


def test_the_designer_speaks_the_readers_language(client: TestClient) -> None:  # noqa: F811
    page = fresh(client).get(query(START) + "&lang=ru").text
    assert "Phase 1: rate, per cent" not in page and "Design a regime" not in page
