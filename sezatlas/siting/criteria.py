"""Soft criteria: the raw value of each criterion for each zone, with unknown values made visible.

An unknown value is imputed with the median of the candidates that state it (so it neither wins nor
loses by silence) and flagged, so the explanation can say "unknown, scored as the median".
"""

import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

import numpy as np

from sezatlas.siting.columns import FloatArray, ZoneColumns
from sezatlas.standard.codelists import isic_ancestors
from sezatlas.standard.plurals import counted
from sezatlas.standard.project import ProjectProfile

HEADROOM_CAP = 10.0  # ten times the need is as good as it gets: more land does not make a site better


@dataclass(frozen=True, slots=True)
class Criterion:
    name: str
    title: str
    is_benefit: bool
    unit: str


CRITERIA: tuple[Criterion, ...] = (
    Criterion("sector_fit", "Sector fit (ISIC)", True, "0–1"),
    Criterion("land_headroom", "Free land", True, "× need"),
    Criterion("power_headroom", "Free power", True, "× need"),
    Criterion("seaport_distance", "Distance to seaport", False, "km"),
    Criterion("airport_distance", "Distance to airport", False, "km"),
    Criterion("incentives", "NPV of incentives", True, "USD m"),  # unit: see `criteria_in`
    Criterion("data_freshness", "Age of the data", False, "days"),
    Criterion("data_confidence", "Confidence in the data", True, "0–1"),
)


def criteria_in(currency: str, project: ProjectProfile | None = None) -> tuple[Criterion, ...]:
    """The criteria with the incentives stated in millions of the project's currency ("EUR m"), and, for
    a project that states no land or power need, free land and power in hectares and MW (`_headroom`)."""
    units = {"incentives": f"{currency} m"}
    if project is not None and not project.land_need_ha:
        units["land_headroom"] = "ha"
    if project is not None and not project.power_need_mw:
        units["power_headroom"] = "MW"
    return tuple(replace(c, unit=units[c.name]) if c.name in units else c for c in CRITERIA)


def stated_value(value: float, unit: str) -> str:
    """A criterion's value as a reader writes it: "1.00 of 1", "2.5 × need", "45 km", "31 days",
    "USD 26.7m" (the number of decimals follows what the unit can mean, never "31.00 days")."""
    if unit == "0–1":
        return f"{value:.2f} of 1"
    if unit == "× need":
        return f"{value:,.1f} × need"
    if unit == "days":
        return counted(round(value), "day")
    if unit.endswith(" m"):  # millions of a currency
        return f"{unit.removesuffix(' m')} {value:,.1f}m"
    return f"{value:,.0f} {unit}" if abs(value) >= 10 else f"{value:.1f} {unit}"  # km, ha, MW


def _pair_fit(project_code: str, zone_code: str) -> float:
    """A zone code at or below the project's fits; otherwise the nearest shared ancestor says how near."""
    project_chain, zone_chain = isic_ancestors(project_code), isic_ancestors(zone_code)
    if project_code in zone_chain:
        return 1.0
    shared = next((code for code in project_chain if code in zone_chain), None)
    if shared is None:
        return 0.0
    return {3: 0.75, 2: 0.5}.get(len(shared), 0.25)


def is_possible_sector(zone_codes: Sequence[str], project_code: str) -> bool:
    """The zone names a code broader than the project's (C "manufacturing", or 29 for a 2930 plant) and
    none at or below it: it may take the project, and may not. The registry search calls this a
    *possible* match (`store.zone_search`); here it is neither a fit nor a misfit, but a question."""
    broader = isic_ancestors(project_code)[1:]
    return any(code in broader for code in zone_codes) and not any(
        project_code in isic_ancestors(code) for code in zone_codes
    )


def sector_fit(zone_codes: Sequence[str], project_code: str) -> float | None:
    """How close a zone's specialisation is to the project's activity in the ISIC tree.

    1 when the zone names the project's code or one below it; otherwise by the nearest shared ancestor:
    0.75 the same group, 0.5 the same division, 0.25 the same section, 0 unrelated. Unknown when the zone
    states no specialisation (scored as the median, like any unknown fact), or names only codes broader
    than the project's (`is_possible_sector`: to be confirmed with the zone, not read as a yes or a no;
    scored by `criterion_table` as the median or `sector_floor`, whichever is higher).
    """
    if not zone_codes or is_possible_sector(zone_codes, project_code):
        return None
    return max(_pair_fit(project_code, code) for code in zone_codes)


def _sector_fits(columns: ZoneColumns, project_code: str) -> FloatArray:
    """Each distinct list of codes is judged once, then spread to the zones that share it."""
    fits = [sector_fit(codes, project_code) for codes in columns.isic_lists]
    per_list = np.array([np.nan if fit is None else fit for fit in fits] or [np.nan], dtype=np.float64)
    return per_list[columns.isic_key]


def sector_floor(zone_codes: Sequence[str], project_code: str) -> float:
    """What a possible match surely shares with the project: a zone for motor vehicles (29) is at least as
    near a parts plant (2930) as a zone for one of its sibling classes (0.5); "manufacturing" (C), 0.25.
    So a zone that may fit never scores below one that surely fits only partly."""
    return max((_pair_fit(project_code, code) for code in zone_codes), default=0.0)


def possible_sectors(columns: ZoneColumns, project_code: str) -> np.ndarray:
    """(zones,) bool: the zones whose sector fit is a question for the operator (`is_possible_sector`)."""
    per_list = np.array([is_possible_sector(codes, project_code) for codes in columns.isic_lists] or [False])
    return np.asarray(per_list[columns.isic_key], dtype=bool)


def _headroom(free: FloatArray, need: float | None) -> FloatArray:
    return np.minimum(free / need, HEADROOM_CAP) if need else free


def raw_values(
    columns: ZoneColumns, project: ProjectProfile, today: date, incentives_m: Mapping[str, float] | None
) -> FloatArray:
    """(zones, criteria) values in the order of CRITERIA; NaN where unknown."""
    incentives = np.full(len(columns), np.nan)
    if incentives_m is not None:
        incentives = np.array([incentives_m.get(str(z), np.nan) for z in columns.zone_id], dtype=np.float64)
    return np.column_stack([
        _sector_fits(columns, project.isic_code),
        _headroom(columns.free_area_ha, project.land_need_ha),
        _headroom(columns.power_mw_free, project.power_need_mw),
        columns.seaport_km,
        columns.airport_km,
        incentives,
        columns.data_age_days(today),
        columns.confidence,
    ])  # fmt: skip


@dataclass(frozen=True, slots=True)
class CriterionTable:
    """Raw values (imputed where unknown), which were unknown, and which criteria can discriminate."""

    criteria: tuple[Criterion, ...]
    values: FloatArray  # (zones, criteria)
    is_unknown: np.ndarray  # (zones, criteria) bool
    is_informative: np.ndarray  # (criteria,) bool: some zone states it, and not all zones alike
    is_stated: np.ndarray  # (criteria,) bool: some zone states it
    is_possible_sector: np.ndarray  # (zones,) bool: unknown sector fit that the operator can confirm


def criterion_table(
    columns: ZoneColumns,
    project: ProjectProfile,
    today: date,
    incentives_m: Mapping[str, float] | None = None,
    currency: str = "USD",
) -> CriterionTable:
    """Evaluate every criterion for every zone.

    `incentives_m` (zone_id → NPV of incentives, millions of `currency`) comes from the incentive engine;
    a zone missing from it is unknown for that criterion, not worth zero.
    """
    raw = raw_values(columns, project, today, incentives_m).reshape(len(columns), len(CRITERIA))
    unknown = np.isnan(raw)
    stated = np.asarray(~unknown.all(axis=0), dtype=bool).reshape(len(CRITERIA))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN columns are handled by `stated`
        medians = np.where(stated, np.nanmedian(raw, axis=0), 0.0)
    filled = np.where(unknown, medians, raw)
    possible = possible_sectors(columns, project.isic_code)
    if possible.any():
        floors = np.array([sector_floor(codes, project.isic_code) for codes in columns.isic_lists])
        sector = [c.name for c in CRITERIA].index("sector_fit")
        filled[:, sector] = np.where(possible, np.maximum(filled[:, sector], floors[columns.isic_key]),
                                     filled[:, sector])  # fmt: skip
    informative = stated & (filled.max(axis=0) > filled.min(axis=0))
    return CriterionTable(criteria_in(currency, project), filled, unknown, informative, stated, possible)
