"""A regime's name says which variant it models, and the rates it states are the rates the engine uses.

Users compare names before numbers: India's standard regime is the optional s.115BAA at 25.168% while the
headline statutory rate is the old regime's 30% base, so a name that hid the variant would pass one off
as the other (issue 18). The pages show a name up to its first " (" (`web/pages/regime_words.py`), so
the variant must be said in that part.
"""

import re

import pytest

from sezatlas.regimes.loader import load_regimes
from sezatlas.regimes.rules import Regime

REGIMES = load_regimes()
# "25.168% incl. 10% surcharge and 4% cess (22% base rate": the rate and the parts it multiplies out of
WITH_PARTS = re.compile(
    r"(?P<rate>[\d.]+)% incl\. (?P<surcharge>[\d.]+)% surcharge and (?P<cess>[\d.]+)% cess "
    r"\((?P<base>[\d.]+)% base rate"
)


def shown(regime: Regime) -> str:
    """The part of the name the pages show."""
    return regime.name.split(" (")[0]


def percent(rate: float) -> str:
    return f"{round(rate * 100, 4):g}%"


def general_rate(regime: Regime) -> float:
    return max(regime.cit.standard_rates, key=lambda dated: dated.from_year).value


def test_india_names_say_which_regime_and_rate_they_model() -> None:
    expected = {
        "IND-standard": ("s.115BAA", "25.168%"),
        "IND-old-regime": ("Old regime", "34.944%"),
        "IND-sez-10aa": ("old regime", "34.944%"),
        "IND-sez-new-unit": ("s.115BAA", "25.168%"),
        "IND-115bab": ("s.115BAB", "17.16%"),
    }
    for regime_id, words in expected.items():
        assert all(word in shown(REGIMES[regime_id]) for word in words), REGIMES[regime_id].name


def test_india_keeps_one_standard_regime_and_compares_the_old_regime_with_it() -> None:
    old, new = REGIMES["IND-old-regime"], REGIMES["IND-standard"]
    assert new.is_standard and old.counterfactual_id == "IND-standard"
    assert general_rate(old) > general_rate(new)
    assert general_rate(REGIMES["IND-sez-10aa"]) == general_rate(old)  # s.10AA units stay in the old regime


def test_every_standard_regime_names_its_general_rate() -> None:
    for regime in REGIMES.values():
        if regime.is_standard:
            assert percent(general_rate(regime)) in shown(regime), regime.name


@pytest.mark.parametrize("regime_id", [i for i, r in REGIMES.items() if WITH_PARTS.search(r.name)])
def test_a_rate_named_with_its_surcharge_and_cess_multiplies_out_and_is_modelled(regime_id: str) -> None:
    regime = REGIMES[regime_id]
    found = WITH_PARTS.search(regime.name)
    assert found is not None
    rate, base, surcharge, cess = (float(found[name]) / 100 for name in ("rate", "base", "surcharge", "cess"))
    assert base * (1 + surcharge) * (1 + cess) == pytest.approx(rate, abs=5e-6), regime.name
    modelled = [general_rate(regime)] + [phase.value for phase in regime.cit.phases]
    assert any(value == pytest.approx(rate, abs=5e-6) for value in modelled), regime.name


def test_india_and_its_standard_regime_state_their_parts() -> None:
    named = {i for i, r in REGIMES.items() if WITH_PARTS.search(r.name)}
    assert {"IND-standard", "IND-old-regime", "IND-115bab"} <= named


def test_the_shown_names_tell_a_country_s_regimes_apart() -> None:
    seen: dict[tuple[str, str], str] = {}
    for regime_id, regime in REGIMES.items():
        key = (regime.country_iso3, shown(regime))
        assert key not in seen, f"{regime_id} and {seen.get(key)} show the same name"
        seen[key] = regime_id
