"""Hard constraints: can each zone host the project at all?

Three outcomes, never a silent one: the zone passes; it is excluded, with the reason; or a fact the
project depends on is unknown, and the zone goes to "needs confirmation" with the questions to ask its
operator. An unknown fact is never read as a yes or as a no. Rules run on columns (one mask per rule);
the words for one zone are written only when someone asks for them.

Each need the project states (land, power, gas, water, rail siding, seaport, airport) is a *requirement*;
a zone's evidence is how many of them its data confirm (`ScreeningResult.confirmed`).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np
from numpy.typing import NDArray

from sezatlas.siting.columns import FloatArray, ZoneColumns
from sezatlas.standard.codes import ZoneStatus
from sezatlas.standard.project import ProjectProfile

BoolArray = NDArray[np.bool_]


class Verdict(StrEnum):
    ELIGIBLE = "eligible"
    EXCLUDED = "excluded"
    NEEDS_CONFIRMATION = "needs_confirmation"


@dataclass(slots=True)
class Screening:
    zone_id: str
    verdict: Verdict
    reasons: list[str] = field(default_factory=list)  # why excluded
    to_confirm: list[str] = field(default_factory=list)  # facts to ask the operator for
    unconfirmed: list[str] = field(default_factory=list)  # the requirements of `to_confirm`, by key


@dataclass(frozen=True, slots=True)
class Rule:
    """One constraint over all zones: which it excludes (and why), which it must ask about."""

    title: str
    excludes: BoolArray
    asks: BoolArray
    reason: Callable[[int], str]
    question: str = ""
    requirement: str = ""  # the need it checks ("land", "rail_siding"…); "" for who and where the zone is


def _capacity(what: str, unit: str, need: float, free: FloatArray, total: FloatArray) -> Rule:
    """Free capacity decides; total capacity below the need excludes even when the free part is unknown."""
    with np.errstate(invalid="ignore"):
        short_free, short_total = free < need, np.isnan(free) & (total < need)

    def reason(i: int) -> str:
        if short_free[i]:
            return f"free {what} {free[i]:g} {unit} is less than the {need:g} {unit} needed"
        return f"total {what} {total[i]:g} {unit} is less than the {need:g} {unit} needed"

    asks = np.isnan(free) & ~short_total
    return Rule(
        f"not enough {what}",
        short_free | short_total,
        asks,
        reason,
        f"free {what} ({unit}): at least {need:g} needed",
        what,
    )


def _distance(what: str, limit: float, actual: FloatArray) -> Rule:
    with np.errstate(invalid="ignore"):
        too_far = actual > limit
    return Rule(
        f"too far from a {what}",
        too_far,
        np.isnan(actual),
        lambda i: f"the nearest {what} is {actual[i]:g} km away, more than {limit:g} km",
        f"distance to the nearest {what} (km): at most {limit:g} wanted",
        what,
    )


def _identity_rules(columns: ZoneColumns, project: ProjectProfile) -> list[Rule]:
    none = np.zeros(len(columns), dtype=bool)
    rules = []
    if project.only_countries:
        mask = ~np.isin(columns.country_iso3, project.only_countries)
        rules.append(
            Rule(
                "country not chosen",
                mask,
                none,
                lambda i: f"{columns.country_iso3[i]} is not among the countries the project chose",
            )
        )
    if project.excluded_countries:
        mask = np.isin(columns.country_iso3, project.excluded_countries)
        rules.append(
            Rule(
                "country excluded",
                mask,
                none,
                lambda i: f"{columns.country_iso3[i]} is among the countries the project excludes",
            )
        )
    if project.zone_types:
        mask = ~np.isin(columns.zone_type, [t.value for t in project.zone_types])
        rules.append(
            Rule(
                "zone type not accepted",
                mask,
                none,
                lambda i: f"zone type {columns.zone_type[i]} is not among the types the project accepts",
            )
        )
    closed = np.isin(columns.status, [ZoneStatus.CLOSED.value, ZoneStatus.INACTIVE.value])
    rules.append(Rule("zone closed or inactive", closed, none, lambda i: f"the zone is {columns.status[i]}"))
    return rules


def _capacity_rules(columns: ZoneColumns, project: ProjectProfile) -> list[Rule]:
    needs = [
        ("land", "ha", project.land_need_ha, columns.free_area_ha, columns.area_ha),
        ("power", "MW", project.power_need_mw, columns.power_mw_free, columns.power_mw_total),
        ("gas", "m³/h", project.gas_need_m3_per_hour, columns.gas_free, columns.gas_total),
        ("water", "m³/day", project.water_need_m3_per_day, columns.water_free, columns.water_total),
    ]
    return [_capacity(what, unit, need, free, total) for what, unit, need, free, total in needs if need]


def _logistics_rules(columns: ZoneColumns, project: ProjectProfile) -> list[Rule]:
    rules = []
    if project.needs_rail_siding:
        rules.append(
            Rule(
                "no rail siding",
                columns.has_rail_siding == 0.0,
                np.isnan(columns.has_rail_siding),
                lambda _i: "the zone has no rail siding",
                "whether the zone has a rail siding",
                "rail_siding",
            )
        )
    if project.max_distance_to_seaport_km:
        rules.append(_distance("seaport", project.max_distance_to_seaport_km, columns.seaport_km))
    if project.max_distance_to_airport_km:
        rules.append(_distance("airport", project.max_distance_to_airport_km, columns.airport_km))
    return rules


@dataclass(frozen=True, slots=True)
class ScreeningResult:
    columns: ZoneColumns
    rules: list[Rule]
    excluded: BoolArray
    needs_confirmation: BoolArray

    @property
    def eligible(self) -> BoolArray:
        return ~(self.excluded | self.needs_confirmation)

    def of(self, i: int) -> Screening:
        """The verdict on zone i, with the reasons and questions in words."""
        verdict = (
            Verdict.EXCLUDED
            if self.excluded[i]
            else Verdict.NEEDS_CONFIRMATION
            if self.needs_confirmation[i]
            else Verdict.ELIGIBLE
        )
        return Screening(
            zone_id=str(self.columns.zone_id[i]),
            verdict=verdict,
            reasons=[rule.reason(i) for rule in self.rules if rule.excludes[i]],
            to_confirm=[rule.question for rule in self.rules if rule.asks[i]],
            unconfirmed=[rule.requirement for rule in self.rules if rule.asks[i]],
        )

    @property
    def requirements(self) -> list[str]:
        """The needs the project states, by key, in the order of the rules."""
        return [rule.requirement for rule in self.rules if rule.requirement]

    def confirmed(self) -> NDArray[np.int64]:
        """(zones,) how many requirements each zone's data confirm (a need not met excludes the zone)."""
        unknown = sum(
            (rule.asks.astype(np.int64) for rule in self.rules), np.zeros(len(self.columns), np.int64)
        )
        return len(self.requirements) - unknown

    def candidates(self, only_confirmed_fit: bool) -> BoolArray:
        """The zones to rank: all that no known fact excludes, or only those whose data confirm every need."""
        return self.eligible if only_confirmed_fit else ~self.excluded

    def exclusion_counts(self) -> dict[str, int]:
        """How many zones each rule excluded (a zone may fail several)."""
        return {rule.title: int(rule.excludes.sum()) for rule in self.rules if rule.excludes.any()}


def screen(columns: ZoneColumns, project: ProjectProfile) -> ScreeningResult:
    """Apply every hard constraint of the project to every zone."""
    rules = (
        _identity_rules(columns, project)
        + _capacity_rules(columns, project)
        + _logistics_rules(columns, project)
    )
    excluded = np.zeros(len(columns), dtype=bool)
    asks = np.zeros(len(columns), dtype=bool)
    for rule in rules:
        excluded |= rule.excludes
        asks |= rule.asks
    return ScreeningResult(columns, rules, excluded, asks & ~excluded)
