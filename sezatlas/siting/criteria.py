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
    project_chain, zone_chain = isic_ancestors(project_code), isic_ancestors(zone_code)
    if project_code in zone_chain or zone_code in project_chain:
        broader = zone_code if zone_code in project_chain else project_code
        return 1.0 if len(broader) >= 2 else 0.5  # a whole section ("manufacturing") is a generic offer
    shared = next((code for code in project_chain if code in zone_chain), None)
    if shared is None:
        return 0.0
    return {3: 0.75, 2: 0.5}.get(len(shared), 0.25)


def sector_fit(zone_codes: Sequence[str], project_code: str) -> float | None:
    """How close a zone's specialisation is to the project's activity in the ISIC tree.

    1 when one code contains the other (a zone for "motor vehicles", 29, fits a parts plant, 2930);
    0.5 when the zone only names a whole section ("manufacturing"); otherwise by the nearest shared
    ancestor: 0.75 the same group, 0.5 the same division, 0.25 the same section, 0 unrelated. Unknown when
    the zone states no specialisation.
    """
    if not zone_codes:
        return None
    return max(_pair_fit(project_code, code) for code in zone_codes)


def _sector_fits(columns: ZoneColumns, project_code: str) -> FloatArray:
    """Each distinct list of codes is judged once, then spread to the zones that share it."""
    fits = [sector_fit(codes, project_code) for codes in columns.isic_lists]
    per_list = np.array([np.nan if fit is None else fit for fit in fits] or [np.nan], dtype=np.float64)
    return per_list[columns.isic_key]


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
    informative = stated & (filled.max(axis=0) > filled.min(axis=0))
    return CriterionTable(criteria_in(currency, project), filled, unknown, informative)
