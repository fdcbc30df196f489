"""The registry as columns: the facts site selection reads, one numpy array per fact.

Built once per registry version and reused for every project, so that ranking 100,000 zones is array
arithmetic rather than 100,000 Python objects visited per request. Unknown numbers are NaN; unknown
yes/no facts are NaN too (1.0 yes, 0.0 no).
"""

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date
from typing import cast

import numpy as np
from numpy.typing import NDArray

from sezatlas.standard.codes import Confidence
from sezatlas.standard.provenance import as_of_start
from sezatlas.standard.zone import Zone

FloatArray = NDArray[np.float64]
ObjectArray = NDArray[np.object_]
CONFIDENCE_VALUE = {
    Confidence.HIGH: 1.0,
    Confidence.MEDIUM: 2 / 3,
    Confidence.LOW: 1 / 3,
    Confidence.UNVERIFIED: 0.0,
}


@dataclass(frozen=True, slots=True)
class ZoneColumns:
    zone_id: ObjectArray
    name_en: ObjectArray
    country_iso3: ObjectArray
    zone_type: ObjectArray
    status: ObjectArray
    regime_id: ObjectArray  # the incentive engine's rules file of the zone's regime; None when not linked
    isic_key: NDArray[np.intp]  # index into isic_lists: zones share few distinct lists of codes
    area_ha: FloatArray
    free_area_ha: FloatArray
    power_mw_total: FloatArray
    power_mw_free: FloatArray
    gas_total: FloatArray
    gas_free: FloatArray
    water_total: FloatArray
    water_free: FloatArray
    has_rail_siding: FloatArray
    seaport_km: FloatArray
    airport_km: FloatArray
    as_of_ordinal: FloatArray  # date.toordinal() of the first day the as-of can mean
    confidence: FloatArray
    isic_lists: tuple[tuple[str, ...], ...]  # distinct code lists (not per zone)

    def __len__(self) -> int:
        return int(self.zone_id.shape[0])

    def take(self, index: NDArray[np.intp]) -> "ZoneColumns":
        """The same columns for a subset of zones, in the order of `index`."""
        taken = {f.name: getattr(self, f.name)[index] for f in fields(self) if f.name != "isic_lists"}
        return ZoneColumns(**taken, isic_lists=self.isic_lists)

    def data_age_days(self, today: date) -> FloatArray:
        return today.toordinal() - self.as_of_ordinal


def _number(value: float | None) -> float:
    return np.nan if value is None else float(value)


def _row(zone: Zone) -> tuple[object, ...]:
    utilities, logistics, provenance = zone.utilities, zone.logistics, zone.provenance
    rail = logistics.has_rail_siding
    return (
        zone.zone_id, zone.name_en, zone.country_iso3, zone.zone_type.value,
        zone.status.value if zone.status else None, zone.regime.regime_id,
        tuple(zone.specialisation.isic_codes),
        _number(zone.land.area_ha), _number(zone.land.free_area_ha),
        _number(utilities.power_mw.total), _number(utilities.power_mw.free),
        _number(utilities.gas_m3_per_hour.total), _number(utilities.gas_m3_per_hour.free),
        _number(utilities.water_m3_per_day.total), _number(utilities.water_m3_per_day.free),
        np.nan if rail is None else float(rail),
        _number(logistics.distance_to_seaport_km), _number(logistics.distance_to_airport_km),
        float(as_of_start(provenance.as_of).toordinal()) if provenance.as_of else np.nan,
        CONFIDENCE_VALUE[provenance.confidence] if provenance.confidence else np.nan,
    )  # fmt: skip


def zone_columns(zones: Sequence[Zone]) -> ZoneColumns:
    """Columns of the given zones, in their order."""
    rows = [_row(zone) for zone in zones]
    lists: dict[tuple[str, ...], int] = {}
    columns: dict[str, np.ndarray] = {}
    text_columns = ("zone_id", "name_en", "country_iso3", "zone_type", "status", "regime_id")
    for j, name in enumerate(text_columns):
        array = np.empty(len(rows), dtype=object)
        array[:] = [row[j] for row in rows]
        columns[name] = array
    isic = len(text_columns)  # the code list follows the text columns, then the numbers
    keys = [lists.setdefault(cast(tuple[str, ...], row[isic]), len(lists)) for row in rows]
    columns["isic_key"] = np.array(keys, dtype=np.intp)
    numeric = [f.name for f in fields(ZoneColumns)][isic + 1 : -1]
    for offset, name in enumerate(numeric):
        values = [row[isic + 1 + offset] for row in rows]
        columns[name] = np.array(values, dtype=np.float64).reshape(len(rows))
    return ZoneColumns(**columns, isic_lists=tuple(lists))
