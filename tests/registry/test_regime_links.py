"""Zones carry the regime that applies to them, by the rule table, with the rule as provenance."""

from collections import Counter

import pytest

from sezatlas.regimes.loader import RULES_DIR
from sezatlas.registry.bundled import load_bundled_registry
from sezatlas.registry.regime_links import (
    RegimeRuleError,
    link_regimes,
    matching_rule,
    parse_rules,
    zone_regime_rules,
)

REGISTRY = load_bundled_registry()
BY_ID = {zone.zone_id: zone for zone in REGISTRY.zones}


def test_every_linked_regime_id_has_a_rules_file() -> None:
    files = {path.stem for path in RULES_DIR.glob("*.toml")}
    linked = {zone.regime.regime_id for zone in REGISTRY.zones if zone.regime.regime_id}
    assert linked and linked <= files
    assert {rule.regime_id for rule in zone_regime_rules()} <= files


def test_each_rule_matches_at_least_one_bundled_zone() -> None:
    rules = zone_regime_rules()
    used = Counter(rule.row for zone in REGISTRY.zones if (rule := matching_rule(zone, rules)))
    assert [rule.row for rule in rules if used[rule.row] == 0] == []


@pytest.mark.parametrize(
    ("zone_id", "regime_id"),
    [
        ("RUS-001", "RUS-sez-industrial"),
        ("RUS-003", "RUS-sez-technology"),
        ("RUS-018", "RUS-sez-tourist"),
        ("RUS-036", "RUS-kaliningrad-sez"),
        ("IND-001", "IND-sez-new-unit"),
        ("SAU-001", "SAU-sez"),
        ("EGY-001", "EGY-free-zone"),
        ("EGY-015", "EGY-sczone"),
        ("BRA-001", "BRA-manaus-zfm"),
        ("BRA-002", "BRA-zpe"),
        ("ARE-006", "ARE-qfzp"),
        ("ETH-015", "ETH-sez-enterprise"),
        ("IRN-001", "IRN-ftz"),
        ("IRN-011", "IRN-mainland-sez"),
        ("ZAF-001", "ZAF-sez-12r"),
        ("CHN-012", "CHN-hainan-ftp"),
        ("IDN-004", "IDN-kek-holiday-tier1"),
    ],
)
def test_zone_gets_the_regime_of_its_type_and_law(zone_id: str, regime_id: str) -> None:
    assert BY_ID[zone_id].regime.regime_id == regime_id


@pytest.mark.parametrize(
    "zone_id",
    ["CHN-001", "CHN-022", "CHN-ETDZ-166", "RUS-013", "RUS-037", "SAU-005", "IND-017"],
)
def test_no_regime_is_guessed_where_the_sources_do_not_say(zone_id: str) -> None:
    """Shanghai FTZ is not all Lin-gang; 'Weihai Lingang' is another place; an untyped Russian SEZ,
    Magadan's own law, a GACA bonded zone and a zone of unstated SEZ status stay unlinked."""
    assert BY_ID[zone_id].regime.regime_id is None
    assert "regime_id" not in BY_ID[zone_id].field_provenance


def test_a_linked_regime_says_it_was_derived_and_by_which_rule() -> None:
    provenance = BY_ID["RUS-001"].field_provenance["regime_id"]
    assert "derived by SEZ Atlas" in (provenance.source_citation or "")
    assert "zone_regime_rules.csv (row 2" in (provenance.source_citation or "")
    assert provenance.confidence == "medium" and provenance.as_of


def test_a_regime_id_stated_by_a_source_is_kept() -> None:
    stated = BY_ID["RUS-001"].model_copy(
        update={"regime": BY_ID["RUS-001"].regime.model_copy(update={"regime_id": "RUS-tor"})}
    )
    assert link_regimes([stated])[0].regime.regime_id == "RUS-tor"


def test_a_bad_rule_row_names_its_row_and_column() -> None:
    with pytest.raises(RegimeRuleError, match="row 2, column legal_regime"):
        parse_rules([{"country_iso3": "RUS", "legal_regime": "116-FZ(", "regime_id": "RUS-tor"}])
    with pytest.raises(RegimeRuleError, match="row 2: country_iso3 and regime_id are required"):
        parse_rules([{"country_iso3": "RUS", "regime_id": ""}])
