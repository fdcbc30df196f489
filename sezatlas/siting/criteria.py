"""Soft criteria: the raw value of each criterion for each zone, with unknown values made visible.

An unknown value is imputed with the median of the candidates that state it (so it neither wins nor
loses by silence) and flagged, so the explanation can say "unknown, scored as the median".
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from sezatlas.siting.mcda import FloatArray
from sezatlas.standard.codelists import isic_ancestors
from sezatlas.standard.codes import Confidence
from sezatlas.standard.project import ProjectProfile
from sezatlas.standard.provenance import as_of_start
from sezatlas.standard.zone import Zone

HEADROOM_CAP = 10.0  # ten times the need is as good as it gets: more land does not make a site better
CONFIDENCE_VALUE = {
    Confidence.HIGH: 1.0,
    Confidence.MEDIUM: 2 / 3,
    Confidence.LOW: 1 / 3,
    Confidence.UNVERIFIED: 0.0,
}


@dataclass(frozen=True, slots=True)
class Criterion:
    name: str
    title: str
    is_benefit: bool
    unit: str
    value: Callable[[Zone, ProjectProfile, date], float | None]


def _pair_fit(project_code: str, zone_code: str) -> float:
    project_chain, zone_chain = isic_ancestors(project_code), isic_ancestors(zone_code)
    if project_code in zone_chain or zone_code in project_chain:
        broader = zone_code if zone_code in project_chain else project_code
        return 1.0 if len(broader) >= 2 else 0.5  # a whole section ("manufacturing") is a generic offer
    shared = next((code for code in project_chain if code in zone_chain), None)
    if shared is None:
        return 0.0
    return {3: 0.75, 2: 0.5}.get(len(shared), 0.25)


def sector_fit(zone: Zone, project: ProjectProfile, _today: date) -> float | None:
    """How close the zone's specialisation is to the project's activity in the ISIC tree.

    1 when one code contains the other (a zone for "motor vehicles", 29, fits a parts plant, 2930);
    0.5 when the zone only names a whole section ("manufacturing"); otherwise by the nearest shared
    ancestor: 0.75 the same group, 0.5 the same division, 0.25 the same section, 0 unrelated. Unknown when
    the zone states no specialisation.
    """
    if not zone.specialisation.isic_codes:
        return None
    return max(_pair_fit(project.isic_code, code) for code in zone.specialisation.isic_codes)


def _headroom(free: float | None, need: float | None) -> float | None:
    if free is None:
        return None
    return min(free / need, HEADROOM_CAP) if need else free


def _data_age_days(zone: Zone, _project: ProjectProfile, today: date) -> float | None:
    as_of = zone.provenance.as_of
    return float((today - as_of_start(as_of)).days) if as_of else None


def _confidence(zone: Zone, _project: ProjectProfile, _today: date) -> float | None:
    confidence = zone.provenance.confidence
    return CONFIDENCE_VALUE[confidence] if confidence else None


CRITERIA: tuple[Criterion, ...] = (
    Criterion("sector_fit", "Sector fit (ISIC)", True, "0–1", sector_fit),
    Criterion("land_headroom", "Free land", True, "× need",
              lambda z, p, _t: _headroom(z.land.free_area_ha, p.land_need_ha)),
    Criterion("power_headroom", "Free power", True, "× need",
              lambda z, p, _t: _headroom(z.utilities.power_mw.free, p.power_need_mw)),
    Criterion("seaport_distance", "Distance to seaport", False, "km",
              lambda z, _p, _t: z.logistics.distance_to_seaport_km),
    Criterion("airport_distance", "Distance to airport", False, "km",
              lambda z, _p, _t: z.logistics.distance_to_airport_km),
    Criterion("incentives", "NPV of incentives", True, "USD m", lambda _z, _p, _t: None),
    Criterion("data_freshness", "Age of the data", False, "days", _data_age_days),
    Criterion("data_confidence", "Confidence in the data", True, "0–1", _confidence),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class CriterionTable:
    """Raw values (imputed where unknown), which were unknown, and which criteria can discriminate."""

    criteria: tuple[Criterion, ...]
    values: FloatArray  # (zones, criteria)
    is_unknown: np.ndarray  # (zones, criteria) bool
    is_informative: np.ndarray  # (criteria,) bool: at least one zone states the value


def criterion_table(
    zones: Sequence[Zone],
    project: ProjectProfile,
    today: date,
    incentives_usd_m: Mapping[str, float] | None = None,
) -> CriterionTable:
    """Evaluate every criterion for every zone; `incentives_usd_m` comes from the incentive engine."""
    raw = np.full((len(zones), len(CRITERIA)), np.nan)
    for i, zone in enumerate(zones):
        for j, criterion in enumerate(CRITERIA):
            value = criterion.value(zone, project, today)
            if criterion.name == "incentives" and incentives_usd_m is not None:
                value = incentives_usd_m.get(zone.zone_id)
            raw[i, j] = np.nan if value is None else value
    unknown = np.isnan(raw)
    informative = ~unknown.all(axis=0) if len(zones) else np.zeros(len(CRITERIA), dtype=bool)
    medians = np.array([np.nanmedian(raw[:, j]) if informative[j] else 0.0 for j in range(len(CRITERIA))])
    filled = np.where(unknown, medians, raw)
    return CriterionTable(CRITERIA, filled, unknown, informative)
