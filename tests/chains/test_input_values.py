"""Which reference project values a zone's regime for an input, and why a value can be unknown."""

from sezatlas.chains.input_values import InputValues, reference_project


def test_the_nearest_sector_profile_in_the_isic_tree_is_taken_as_the_inputs_class() -> None:
    food = reference_project("1079")  # the food profile's own class
    assert food.profile_code == "food" and food.project is not None and food.project.isic_code == "1079"
    metals = reference_project("2420")  # shares only section C: the file's first manufacturing profile
    assert metals.profile_code == "auto_parts" and metals.project is not None
    assert metals.project.isic_code == "2420" and "taken as ISIC 2420" in metals.described
    software = reference_project("6202")  # same group as the software profile (6201)
    assert software.profile_code == "software"


def test_an_input_in_a_section_no_profile_covers_gets_no_value_and_says_why() -> None:
    mining = reference_project("0510")
    assert mining.project is None and "ISIC section B" in mining.described
    values = InputValues().values("0510", {"RUS-sez-industrial"})
    assert values["RUS-sez-industrial"].npv_usd is None
    assert values["RUS-sez-industrial"].reason == mining.described


def test_a_regime_the_engine_cannot_value_keeps_the_engines_reason() -> None:
    values = InputValues().values("2420", {"RUS-sez-industrial", "IRN-mainland-sez", "NO-SUCH-REGIME"})
    russia = values["RUS-sez-industrial"]
    assert russia.npv_usd is None and russia.reason is not None and "fx_rates['RUB']" in russia.reason
    iran = values["IRN-mainland-sez"]
    assert iran.npv_usd is not None and iran.npv_usd > 0 and iran.reason is None
    assert (
        values["NO-SUCH-REGIME"].reason == "regime NO-SUCH-REGIME has no rules file in the incentive engine"
    )
