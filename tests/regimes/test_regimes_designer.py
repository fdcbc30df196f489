"""Custom regimes (designer.py): read from TOML or JSON like a bundled file, refused by field, written back
to TOML (regime_toml.py), and compared like any bundled regime."""

import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from regime_examples import worked_project

from sezatlas.regimes.actions import compare_incentives
from sezatlas.regimes.comparison import UnknownRegimeError
from sezatlas.regimes.designer import (
    MAX_REGIME_BYTES,
    RegimeDocument,
    bundled_regime_toml,
    custom_regime,
    custom_regimes,
    read_regime_file,
)
from sezatlas.regimes.errors import CustomRegimeError
from sezatlas.regimes.loader import RULES_DIR, load_regimes
from sezatlas.regimes.regime_toml import record_toml, regime_toml
from sezatlas.regimes.rules import Regime

EXAMPLE = Path(__file__).parents[2] / "docs" / "examples" / "regimes" / "custom-10-then-15.toml"
BUNDLED_FILES = sorted(RULES_DIR.glob("*.toml"))


def example_record(**changes: Any) -> dict[str, Any]:
    record: dict[str, Any] = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    return record | changes


def refusal(record: dict[str, Any], source: str = "my-regime.toml") -> CustomRegimeError:
    with pytest.raises(CustomRegimeError) as caught:
        custom_regime(RegimeDocument(source, record))
    return caught.value


def test_the_example_file_is_a_russian_zone_inheriting_the_standard_regime() -> None:
    regime = read_custom(EXAMPLE)
    standard = load_regimes()["RUS-standard"]
    assert regime.counterfactual_id == "RUS-standard" and not regime.provenance.source_urls
    assert [(p.value, p.years) for p in regime.cit.phases] == [(0.10, 10), (0.15, None)]
    assert regime.cit.standard_rates == standard.cit.standard_rates  # inherited, as a bundled zone's
    assert regime.depreciation.buildings == standard.depreciation.buildings
    assert regime.depreciation.machinery is not None and regime.depreciation.machinery.rate == 0.20
    assert "hypothetical" in (regime.notes or "").lower()


def read_custom(path: Path) -> Regime:
    return custom_regime(read_regime_file(path))


def test_a_json_file_holds_the_same_regime_as_its_toml_twin(tmp_path: Path) -> None:
    twin = tmp_path / "custom.json"
    twin.write_text(json.dumps(example_record()), encoding="utf-8")
    assert read_custom(twin) == read_custom(EXAMPLE)


def test_a_bad_value_is_refused_naming_the_file_and_the_field_path(tmp_path: Path) -> None:
    path = tmp_path / "my-regime.toml"
    path.write_text(EXAMPLE.read_text(encoding="utf-8").replace("value = 0.10", "value = 1.10"))
    with pytest.raises(CustomRegimeError) as caught:
        read_custom(path)
    assert str(caught.value) == (
        "my-regime.toml: field cit.phases.0.value: Input should be less than or equal to 1"
    )
    assert (caught.value.field, caught.value.source) == ("cit.phases.0.value", "my-regime.toml")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("regime.txt", "anything", "regime.txt: not a regime file: give a .toml or .json file"),
        ("regime.toml", "cit = [", "regime.toml: not valid TOML"),
        ("regime.json", "{'single': 'quotes'}", "regime.json: not valid JSON"),
        ("regime.json", "[1, 2]", "regime.json: not a regime: a JSON table of fields is expected"),
        ("regime.toml", "x = 1\n" + "#" * MAX_REGIME_BYTES, "is over the 256 KB a regime may have"),
    ],
)
def test_a_file_that_is_not_a_regime_says_what_it_is(
    tmp_path: Path, name: str, content: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CustomRegimeError, match=message):
        read_regime_file(path)


def test_a_bundled_id_is_refused() -> None:
    error = refusal(example_record(regime_id="RUS-tor"))
    assert error.field == "regime_id" and "bundled regime" in error.reason


@pytest.mark.parametrize("counterfactual", ["RUS-tor", "XXX-standard", 3])
def test_the_counterfactual_must_be_a_bundled_standard_regime(counterfactual: object) -> None:
    error = refusal(example_record(counterfactual_id=counterfactual))
    assert error.field == "counterfactual_id" and "RUS-standard" in error.reason  # the choices are named


def test_a_zone_is_compared_with_its_own_countrys_standard_regime() -> None:
    error = refusal(example_record(country_iso3="KAZ"))
    assert error.field == "country_iso3" and "RUS-standard" in error.reason


def test_a_section_of_the_wrong_type_is_refused_not_merged() -> None:
    error = refusal(example_record(customs="exempt"))
    assert error.field == "customs"


def test_two_custom_regimes_may_not_share_an_id() -> None:
    first, second = RegimeDocument("a.toml", example_record()), RegimeDocument("b.toml", example_record())
    with pytest.raises(CustomRegimeError, match=r"b\.toml: field regime_id: .* another custom regime"):
        custom_regimes([first, second])


def test_a_custom_standard_regime_is_compared_with_itself() -> None:
    record = example_record(regime_id="RUS-flat", counterfactual_id=None)
    record.pop("counterfactual_id")
    record["cit"] = {"standard_rates": [{"from_year": 2000, "value": 0.15}]}
    regime = custom_regime(RegimeDocument("flat.toml", record))
    assert regime.is_standard


def test_a_bundled_regime_is_handed_out_as_its_own_file_to_edit() -> None:
    text = bundled_regime_toml("RUS-tor")
    assert text == (RULES_DIR / "RUS-tor.toml").read_text(encoding="utf-8")
    edited = tomllib.loads(text.replace('regime_id = "RUS-tor"', 'regime_id = "RUS-tor-longer"'))
    edited["cit"]["phases"][0]["years"] = 8
    regime = custom_regime(RegimeDocument("tor.toml", edited))
    assert regime.cit.phases[0].years == 8 and regime.payroll == load_regimes()["RUS-tor"].payroll
    with pytest.raises(UnknownRegimeError):
        bundled_regime_toml("XXX-nowhere")


@pytest.mark.parametrize("path", BUNDLED_FILES, ids=[p.stem for p in BUNDLED_FILES])
def test_every_bundled_file_reads_back_the_same_through_the_toml_writer(path: Path) -> None:
    record = tomllib.loads(path.read_text(encoding="utf-8"))
    assert tomllib.loads(record_toml(record)) == record


def test_every_bundled_regime_is_written_as_a_complete_file_that_validates_to_itself() -> None:
    for regime in load_regimes().values():
        assert Regime.model_validate(tomllib.loads(regime_toml(regime))) == regime, regime.regime_id


def test_awkward_text_and_keys_survive_the_writer() -> None:
    record = {
        "quote": 'say "zone"\\ok',
        "lines": "one\ntwo\tthree\x01\x7f",
        "script": "Особая зона 经济区 منطقة",
        "a key": {"nested table": {"x": 1.5e-07, "flags": [True, False]}},
        "phases": [{"value": 0.1, "sub": {"y": 2}}, {"value": 0.2}],
        "empty": {},
        "no": [],
    }
    assert tomllib.loads(record_toml(record)) == record


json_values = st.one_of(
    st.text(max_size=20),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False),
    st.booleans(),
)
keys = st.text(min_size=1, max_size=10)
tables = st.recursive(
    st.dictionaries(keys, st.one_of(json_values, st.lists(json_values, max_size=3)), max_size=4),
    lambda inner: st.dictionaries(
        keys, st.one_of(inner, st.lists(inner, min_size=1, max_size=2)), max_size=3
    ),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None)
@given(tables)
def test_any_table_of_plain_values_reads_back_the_same(record: dict[str, Any]) -> None:
    assert tomllib.loads(record_toml(record)) == record


def test_a_custom_regime_is_compared_first_and_alone_when_no_bundled_one_is_named() -> None:
    document = RegimeDocument("custom.toml", example_record())
    alone = compare_incentives(worked_project(), [], custom=[document], with_metr=False)
    assert [(o.regime.regime_id, o.is_custom) for o in alone] == [("RUS-custom-10-then-15", True)]
    both = compare_incentives(worked_project(), ["RUS-tor"], custom=[document], with_metr=False)
    assert [(o.regime.regime_id, o.is_custom) for o in both] == [
        ("RUS-custom-10-then-15", True),
        ("RUS-tor", False),
    ]
    assert both[0].comparison is not None and both[0].comparison.standard.regime_id == "RUS-standard"


def test_a_copy_of_a_bundled_regime_gives_the_bundled_figures() -> None:
    record = tomllib.loads(bundled_regime_toml("SAU-sez")) | {"regime_id": "SAU-sez-copy"}
    custom, bundled = compare_incentives(
        worked_project(), ["SAU-sez"], custom=[RegimeDocument("copy.toml", record)], with_metr=True
    )
    assert custom.comparison is not None and bundled.comparison is not None
    assert custom.comparison.npv_of_incentives == bundled.comparison.npv_of_incentives
    assert custom.comparison.zone.metr == bundled.comparison.zone.metr
    assert custom.comparison.by_instrument == bundled.comparison.by_instrument
