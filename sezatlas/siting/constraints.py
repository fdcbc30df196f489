"""Hard constraints: can this zone host the project at all?

Three outcomes, never a silent one: the zone passes; it is excluded, with the reason; or a fact the
project depends on is unknown, and the zone goes to "needs confirmation" with the questions to ask its
operator. An unknown fact is never read as a yes or as a no.
"""

from dataclasses import dataclass, field
from enum import StrEnum

from sezatlas.standard.codes import ZoneStatus
from sezatlas.standard.project import ProjectProfile
from sezatlas.standard.zone import Zone


class Verdict(StrEnum):
    ELIGIBLE = "eligible"
    EXCLUDED = "excluded"
    NEEDS_CONFIRMATION = "needs_confirmation"


@dataclass(slots=True)
class Screening:
    zone_id: str
    verdict: Verdict = Verdict.ELIGIBLE
    reasons: list[str] = field(default_factory=list)  # why excluded
    to_confirm: list[str] = field(default_factory=list)  # facts to ask the operator for

    def exclude(self, reason: str) -> None:
        self.verdict = Verdict.EXCLUDED
        self.reasons.append(reason)

    def ask(self, fact: str) -> None:
        if self.verdict != Verdict.EXCLUDED:
            self.verdict = Verdict.NEEDS_CONFIRMATION
        self.to_confirm.append(fact)


def _capacity(screen: Screening, what: str, unit: str, need: float | None, free: float | None,
              total: float | None) -> None:  # fmt: skip
    """Free capacity decides; total capacity below the need excludes even when the free part is unknown."""
    if need is None:
        return
    if free is not None:
        if free < need:
            screen.exclude(f"free {what} {free:g} {unit} is less than the {need:g} {unit} needed")
    elif total is not None and total < need:
        screen.exclude(f"total {what} {total:g} {unit} is less than the {need:g} {unit} needed")
    else:
        screen.ask(f"free {what} ({unit}): at least {need:g} needed")


def _distance(screen: Screening, what: str, limit: float | None, actual: float | None) -> None:
    if limit is None:
        return
    if actual is None:
        screen.ask(f"distance to the nearest {what} (km): at most {limit:g} wanted")
    elif actual > limit:
        screen.exclude(f"the nearest {what} is {actual:g} km away, more than {limit:g} km")


def _identity(screen: Screening, zone: Zone, project: ProjectProfile) -> None:
    if zone.country_iso3 in project.excluded_countries:
        screen.exclude(f"{zone.country_iso3} is among the countries the project excludes")
    if project.zone_types and zone.zone_type not in project.zone_types:
        screen.exclude(f"zone type {zone.zone_type.value} is not among the types the project accepts")
    if zone.status in (ZoneStatus.CLOSED, ZoneStatus.INACTIVE):
        screen.exclude(f"the zone is {zone.status.value}")


def screen_zone(zone: Zone, project: ProjectProfile) -> Screening:
    """Apply every hard constraint of the project to one zone."""
    screen = Screening(zone.zone_id)
    _identity(screen, zone, project)
    land, power = zone.land, zone.utilities.power_mw
    _capacity(screen, "land", "ha", project.land_need_ha, land.free_area_ha, land.area_ha)
    _capacity(screen, "power", "MW", project.power_need_mw, power.free, power.total)
    gas, water = zone.utilities.gas_m3_per_hour, zone.utilities.water_m3_per_day
    _capacity(screen, "gas", "m³/h", project.gas_need_m3_per_hour, gas.free, gas.total)
    _capacity(screen, "water", "m³/day", project.water_need_m3_per_day, water.free, water.total)
    if project.needs_rail_siding:
        if zone.logistics.has_rail_siding is None:
            screen.ask("whether the zone has a rail siding")
        elif not zone.logistics.has_rail_siding:
            screen.exclude("the zone has no rail siding")
    _distance(screen, "seaport", project.max_distance_to_seaport_km, zone.logistics.distance_to_seaport_km)
    _distance(screen, "airport", project.max_distance_to_airport_km, zone.logistics.distance_to_airport_km)
    return screen
