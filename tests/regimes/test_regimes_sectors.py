"""Sector conditions: a project gives an ISIC Rev.4 class; a rule file names sections or numeric prefixes."""

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from regime_examples import worked_project, zone_regime

from sezatlas.regimes.contract import CapexInput, ProjectInput
from sezatlas.regimes.errors import IncentiveInputError, RegimeDataError
from sezatlas.regimes.evaluate import evaluate_regime
from sezatlas.regimes.loader import load_regimes
from sezatlas.regimes.rules import AssetClass, Regime
from sezatlas.regimes.sectors import is_in_sector, project_isic_code, section_of
from sezatlas.standard.codelists import isic_codes

CLASSES = sorted(code for code, entry in isic_codes().items() if entry.level == "class")
SECTIONS = sorted(code for code, entry in isic_codes().items() if entry.level == "section")


def restricted_to(*sectors: str, key: str = "isic_allowed_prefixes") -> Regime:
    return zone_regime(eligibility={key: list(sectors)})


def test_a_manufacturing_class_is_eligible_for_a_regime_restricted_to_section_c() -> None:
    assert evaluate_regime(worked_project(isic_code="2930"), restricted_to("C")).is_eligible


def test_a_manufacturing_class_is_not_eligible_for_a_regime_restricted_to_section_j() -> None:
    result = evaluate_regime(worked_project(isic_code="2930"), restricted_to("J"))
    assert result.reasons == ("activity ISIC 2930 is not among the eligible sectors (ISIC J)",)


def test_india_115bab_takes_a_manufacturer_that_started_within_its_window() -> None:
    regime = load_regimes()["IND-115bab"]
    start = date(2023, 6, 1)  # the regime covers 2019-10-01 to 2024-03-31
    assert evaluate_regime(worked_project(start_date=start, isic_code="2930"), regime).is_eligible
    software = evaluate_regime(worked_project(start_date=start, isic_code="6201"), regime)
    assert software.reasons == ("activity ISIC 6201 is not among the eligible sectors (ISIC C)",)


def test_numeric_prefixes_and_exclusions_still_apply() -> None:
    assert evaluate_regime(worked_project(isic_code="2930"), restricted_to("29", "30")).is_eligible
    tobacco = evaluate_regime(
        worked_project(isic_code="1200"), restricted_to("12", key="isic_excluded_prefixes")
    )
    assert tobacco.reasons == ("activity ISIC 1200 is in an excluded sector (ISIC 12)",)


@pytest.mark.parametrize("given_code", ["C2930", "c2930", " 2930 "])
def test_a_code_written_after_its_section_letter_is_normalised(given_code: str) -> None:
    assert worked_project(isic_code=given_code).isic_code == "2930"


def test_the_json_project_is_normalised_on_its_way_to_the_engine() -> None:
    project = ProjectInput(
        name="x", start_date=date(2026, 1, 1), currency="USD", horizon_years=1, revenue=[1.0], opex=[0.0],
        payroll=[0.0], real_discount_rate=0.1, isic_code="C2930",
        capex=[CapexInput(asset_class=AssetClass.MACHINERY, year=0, amount=1.0)],
    )  # fmt: skip
    assert project.to_project().isic_code == "2930"


def test_a_section_letter_that_is_not_the_divisions_is_rejected() -> None:
    message = (
        r"isic_code: 'J2930' puts division 29 in section J, but it is in section C \(Manufacturing\); "
        r"write '2930' or 'C2930'"
    )
    with pytest.raises(IncentiveInputError, match=message):
        worked_project(isic_code="J2930")


@pytest.mark.parametrize("given_code", ["9999", "29300", "C-2930", "CC"])
def test_a_code_not_in_isic_rev4_is_rejected(given_code: str) -> None:
    with pytest.raises(IncentiveInputError, match=r"is not an ISIC Rev\.4 code; give the 4-digit class"):
        worked_project(isic_code=given_code)


def test_no_code_means_no_sector_and_fails_only_sector_conditions() -> None:
    assert worked_project().isic_code == ""
    assert evaluate_regime(worked_project(), zone_regime()).is_eligible
    result = evaluate_regime(worked_project(), restricted_to("C"))
    assert result.reasons == ("activity ISIC (none given) is not among the eligible sectors (ISIC C)",)


def test_section_c_holds_divisions_10_to_33_of_the_bundled_list() -> None:
    divisions = [code for code, entry in isic_codes().items() if entry.level == "division"]
    assert [d for d in divisions if is_in_sector(d, "C")] == [str(n) for n in range(10, 34)]


def test_a_code_coarser_than_the_sector_is_not_in_it() -> None:
    assert is_in_sector("29", "C") and is_in_sector("C", "C")
    assert not is_in_sector("29", "2930") and not is_in_sector("C", "29")


@given(st.sampled_from(CLASSES), st.sampled_from(SECTIONS))
def test_every_class_is_in_its_own_section_only(code: str, letter: str) -> None:
    assert is_in_sector(code, letter) == (letter == section_of(code))
    if letter == section_of(code):
        assert project_isic_code(letter + code) == code
    else:
        with pytest.raises(IncentiveInputError, match=f"is in section {section_of(code)}"):
            project_isic_code(letter + code)


def write_standard(directory: Path, eligibility: str) -> None:
    (directory / "XXX-standard.toml").write_text(
        'regime_id = "XXX-standard"\ncountry_iso3 = "XXX"\nname = "x"\nterritory_type = "national_standard"\n'
        f"[[cit.standard_rates]]\nfrom_year = 2020\nvalue = 0.2\n[eligibility]\n{eligibility}\n",
        encoding="utf-8",
    )


@pytest.mark.parametrize(
    ("sector", "message"),
    [
        ("Z", r"'Z' is not an ISIC Rev.4 section letter \(A–U, upper case\)"),
        ("c", "'c' is not an ISIC Rev.4 section letter"),
        ("999", "'999' matches no ISIC Rev.4 code"),
        ("C29", "'C29' matches no ISIC Rev.4 code"),
    ],
)
def test_a_rule_file_naming_an_unknown_sector_fails_the_load(
    tmp_path: Path, sector: str, message: str
) -> None:
    write_standard(tmp_path, f'isic_excluded_prefixes = ["29", "{sector}"]')
    where = r"XXX-standard.toml: field eligibility.isic_excluded_prefixes.1: .*"
    with pytest.raises(RegimeDataError, match=where + message):
        load_regimes(tmp_path)


def test_a_rule_file_may_name_sections_and_numeric_prefixes(tmp_path: Path) -> None:
    write_standard(tmp_path, 'isic_allowed_prefixes = ["C", "J", "62", "6201"]')
    rules = load_regimes(tmp_path)["XXX-standard"].eligibility
    assert rules.isic_allowed_prefixes == ("C", "J", "62", "6201")
