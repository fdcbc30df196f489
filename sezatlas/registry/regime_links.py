"""Which encoded regime (`sezatlas/regimes/rules_data/`) applies to a zone, by a small rule table.

The sources name a zone's national type and legal regime in words ("SEZ - industrial-production type",
"Russian SEZ regime (Federal Law 116-FZ ...)"); the regime files are keyed by `regime_id`. The table
`data/registry/zone_regime_rules.csv` is SEZ Atlas's own derived mapping between the two: each row holds
case-insensitive regular expressions on the zone's country, type label, legal regime, English name and
region (blank: any) and the regime it implies. The first matching row wins; a zone no row matches keeps
`regime_id` null, because a wrong regime is worse than none (e.g. a Chinese ETDZ has no zone regime).
A regime_id stated by a source is never overwritten.
"""

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from sezatlas.standard.codelists import data_path
from sezatlas.standard.codes import Confidence
from sezatlas.standard.zone import Zone

RULES_FILE = "zone_regime_rules.csv"
MATCHED_FIELDS = ("zone_type_label", "legal_regime", "name_en", "admin1")
REGIME_DERIVATION = (
    "regime_id derived by SEZ Atlas from the zone's country, type label and legal regime with the rule "
    "table sezatlas/data/registry/zone_regime_rules.csv (row {row}: {why})"
)


class RegimeRuleError(ValueError):
    """A row of the rule table is unusable; the message names the row and the column."""


@dataclass(frozen=True, slots=True)
class ZoneRegimeRule:
    """One row of the table: patterns on a zone's text fields and the regime they imply."""

    row: int
    country_iso3: str
    patterns: dict[str, re.Pattern[str]]
    regime_id: str
    why: str

    def matches(self, zone: Zone) -> bool:
        if zone.country_iso3 != self.country_iso3:
            return False
        return all(pattern.search(_text(zone, name) or "") for name, pattern in self.patterns.items())


def _text(zone: Zone, name: str) -> str | None:
    """The zone's value of a matched field (admin1 lives in `location`, legal_regime in `regime`)."""
    if name == "admin1":
        return zone.location.admin1
    if name == "legal_regime":
        return zone.regime.legal_regime
    value: str | None = getattr(zone, name)
    return value


def _compile(row: int, column: str, text: str) -> re.Pattern[str]:
    try:
        return re.compile(text, re.IGNORECASE)
    except re.error as error:
        raise RegimeRuleError(
            f"{RULES_FILE} row {row}, column {column}: bad pattern {text!r}: {error}"
        ) from error


def parse_rules(rows: Iterable[dict[str, str]]) -> tuple[ZoneRegimeRule, ...]:
    """Rules from CSV rows; row numbers count the header as row 1, as a spreadsheet shows them."""
    rules = []
    for row, record in enumerate(rows, start=2):
        if not record.get("country_iso3") or not record.get("regime_id"):
            raise RegimeRuleError(f"{RULES_FILE} row {row}: country_iso3 and regime_id are required")
        patterns = {
            name: _compile(row, name, record[name].strip())
            for name in MATCHED_FIELDS
            if (record.get(name) or "").strip()
        }
        rules.append(
            ZoneRegimeRule(row, record["country_iso3"], patterns, record["regime_id"], record.get("why", ""))
        )
    return tuple(rules)


@cache
def zone_regime_rules() -> tuple[ZoneRegimeRule, ...]:
    """The bundled rule table (read once; the rules are immutable)."""
    with data_path("registry", RULES_FILE).open(encoding="utf-8") as f:
        return parse_rules(csv.DictReader(f))


def matching_rule(zone: Zone, rules: Iterable[ZoneRegimeRule]) -> ZoneRegimeRule | None:
    return next((rule for rule in rules if rule.matches(zone)), None)


def link_regime(zone: Zone, rules: Iterable[ZoneRegimeRule]) -> Zone:
    """The zone with `regime.regime_id` set by the first matching rule, and that fact's provenance."""
    if zone.regime.regime_id is not None:
        return zone
    rule = matching_rule(zone, rules)
    if rule is None:
        return zone
    provenance = zone.provenance.model_copy(
        update={
            "source_citation": REGIME_DERIVATION.format(row=rule.row, why=rule.why),
            "confidence": Confidence.MEDIUM,
        }
    )
    return zone.model_copy(
        update={
            "regime": zone.regime.model_copy(update={"regime_id": rule.regime_id}),
            "field_provenance": {**zone.field_provenance, "regime_id": provenance},
        }
    )


def link_regimes(zones: Iterable[Zone], rules: Iterable[ZoneRegimeRule] | None = None) -> list[Zone]:
    """Every zone, linked to its regime where a rule of the table applies (see the module docstring)."""
    table = tuple(rules) if rules is not None else zone_regime_rules()
    return [link_regime(zone, table) for zone in zones]
