"""The bundled regime files: all load, all are sourced, and they cover the research draft table.

`data/regimes_draft.csv` is a copy of ../shared/data/regimes/regimes_draft.csv (methodology §4), kept
here so the coverage check runs on a fresh checkout.
"""

import csv
from pathlib import Path

import pytest
from pydantic import ValidationError

from sezatlas.regimes.errors import RegimeDataError
from sezatlas.regimes.loader import RULES_DIR, load_regimes
from sezatlas.regimes.rules import Regime

DRAFT = Path(__file__).parent / "data" / "regimes_draft.csv"
REGIMES = load_regimes()


def draft_rows() -> list[dict[str, str]]:
    with DRAFT.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_every_regime_file_loads_and_every_country_has_one_standard_regime() -> None:
    standards = [r for r in REGIMES.values() if r.is_standard]
    assert sorted(r.country_iso3 for r in standards) == sorted({row["country_iso3"] for row in draft_rows()})
    for regime in REGIMES.values():
        if not regime.is_standard:
            assert regime.counterfactual_id == f"{regime.country_iso3}-standard"


def test_every_regime_has_sources_a_date_and_a_confidence() -> None:
    for regime in REGIMES.values():
        assert regime.provenance.source_urls, regime.regime_id
        assert regime.provenance.as_of and regime.provenance.confidence, regime.regime_id


# Regimes renamed so that the name says which variant they model (a rate with its surcharges, a tier, an
# optional regime; issue 18): the draft table's name → the regime id.
RENAMED = {
    "Standard profit tax regime (Tax Code ch.25, from 2025)": "RUS-standard",
    "Standard - concessional regime s.115BAA (22% + 10% surcharge + 4% cess)": "IND-standard",
    "SEZ unit - s.10AA export-profit deduction (units commencing on or before 2020-03-31 only)": (
        "IND-sez-10aa"
    ),
    "SEZ unit - new units after 2020-03-31 (no income-tax holiday)": "IND-sez-new-unit",
    "New manufacturing company - s.115BAB (15% + 10% surcharge + 4% cess)": "IND-115bab",
    "Standard corporate income taxes (IRPJ 15% + 10% surtax + CSLL 9%)": "BRA-standard",
    "Standard corporate tax (Federal Decree-Law 47/2022)": "ARE-standard",
    "Standard corporate income tax (HPP Law 7/2021)": "IDN-standard",
    "KEK special economic zone - main-activity tax holiday, tier 1 (IDR 100bn to < 500bn) "
    "(PMK 237/2020 as amended by PMK 33/2021)": "IDN-kek-holiday-tier1",
    "KEK special economic zone - main-activity tax holiday, tier 2 (IDR 500bn to < 1tn) "
    "(PMK 237/2020 as amended by PMK 33/2021)": "IDN-kek-holiday-tier2",
    "KEK special economic zone - main-activity tax holiday, tier 3 (>= IDR 1tn) "
    "(PMK 237/2020 as amended by PMK 33/2021)": "IDN-kek-holiday-tier3",
    "KEK special economic zone - tax allowance (other activities, PMK 237/2020)": "IDN-kek-tax-allowance",
    "Standard corporate income tax (non-GCC shareholders) / zakat": "SAU-standard",
}


def encoded(row: dict[str, str]) -> list[Regime]:
    """The regimes encoding a draft row (the Egyptian investment incentive is split by sector)."""
    if row["regime_name"] in RENAMED:
        return [REGIMES[RENAMED[row["regime_name"]]]]
    name = row["regime_name"].split(" (")[0] if row["country_iso3"] == "EGY" else row["regime_name"]
    return [r for r in REGIMES.values() if r.name.startswith(name) and r.country_iso3 == row["country_iso3"]]


@pytest.mark.parametrize("row", draft_rows(), ids=lambda row: row["regime_name"][:40])
def test_every_draft_row_is_encoded_with_its_sources_date_and_confidence(row: dict[str, str]) -> None:
    matches = encoded(row)
    assert matches, row["regime_name"]
    for regime in matches:
        assert regime.provenance.as_of == row["as_of"]
        assert regime.provenance.confidence == row["confidence"]
        assert {url.strip() for url in row["source_url"].split(" ; ")} <= set(regime.provenance.source_urls)


def test_draft_holidays_and_rates_are_the_encoded_phases() -> None:
    for row in draft_rows():
        if row["territory_type"] == "national_standard" or not row["holiday_years"]:
            continue
        for regime in encoded(row):
            phases = [(p.value, p.years) for p in regime.cit.phases]
            holiday = int(row["holiday_years"])
            if holiday:
                assert phases[0] == (0.0, holiday), regime.regime_id
            reduced = float(row["regime_cit_rate"])
            if reduced != float(row["standard_cit_rate"]) and row["reduced_rate_years"]:
                assert (reduced, int(row["reduced_rate_years"])) in phases, regime.regime_id


def test_low_confidence_and_unverified_facts_stay_marked() -> None:
    assert REGIMES["RUS-sez-industrial"].provenance.confidence == "low"
    assert "UNVERIFIED" in (REGIMES["RUS-sez-industrial"].cit.phases[0].note or "")
    assert REGIMES["EGY-sczone"].provenance.confidence == "low"
    assert REGIMES["ZAF-sez-12r"].cit.phases[0].confidence == "low"


def test_zone_files_inherit_the_standard_instruments_they_do_not_state() -> None:
    zone, standard = REGIMES["ZAF-sez-12r"], REGIMES["ZAF-standard"]
    assert zone.depreciation.machinery == standard.depreciation.machinery
    assert zone.depreciation.buildings != standard.depreciation.buildings
    assert zone.cit.standard_rates == standard.cit.standard_rates
    assert zone.provenance != standard.provenance


def test_a_bad_file_fails_the_load_naming_the_file_and_field(tmp_path: Path) -> None:
    (tmp_path / "XXX-standard.toml").write_text(
        'regime_id = "XXX-standard"\ncountry_iso3 = "XXX"\nname = "x"\nterritory_type = "national_standard"\n'
        "[[cit.standard_rates]]\nfrom_year = 2020\nvalue = 1.5\n",
        encoding="utf-8",
    )
    with pytest.raises(RegimeDataError, match=r"XXX-standard.toml: field cit.standard_rates.0.value"):
        load_regimes(tmp_path)


def test_a_file_named_differently_from_its_regime_is_rejected(tmp_path: Path) -> None:
    text = (Path(__file__).parents[2] / "sezatlas/regimes/rules_data/EGY-standard.toml").read_text(
        encoding="utf-8"
    )
    (tmp_path / "EGY-other.toml").write_text(text, encoding="utf-8")
    with pytest.raises(RegimeDataError, match="does not match the file name"):
        load_regimes(tmp_path)


def test_regimes_are_plain_frozen_data() -> None:
    assert all(isinstance(r, Regime) for r in REGIMES.values())
    assert len(REGIMES) == 47


def test_the_files_are_read_once_and_the_regimes_shared() -> None:
    first, second = load_regimes(), load_regimes()
    assert first == second and first is not second
    assert all(first[regime_id] is second[regime_id] for regime_id in first)


def test_a_caller_cannot_change_what_the_next_caller_loads() -> None:
    mine = load_regimes()
    tor = mine.pop("RUS-tor")
    mine["XXX-zone"] = tor
    with pytest.raises(ValidationError, match="frozen"):
        tor.name = "changed"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        tor.cit.phases.append(tor.cit.phases[0])  # type: ignore[attr-defined]
    theirs = load_regimes()
    assert "XXX-zone" not in theirs and theirs["RUS-tor"].name != "changed" and len(theirs) == 47


def test_another_directory_is_loaded_on_its_own_and_a_failed_load_is_not_kept(tmp_path: Path) -> None:
    standard = tmp_path / "EGY-standard.toml"
    standard.write_text("not toml =", encoding="utf-8")
    with pytest.raises(RegimeDataError, match=r"EGY-standard\.toml: not valid TOML"):
        load_regimes(tmp_path)
    standard.write_text((RULES_DIR / "EGY-standard.toml").read_text(encoding="utf-8"), encoding="utf-8")
    assert list(load_regimes(tmp_path)) == ["EGY-standard"]
    assert len(load_regimes()) == 47
