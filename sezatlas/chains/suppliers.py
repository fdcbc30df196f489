"""Where the inputs are made: for each input of a product, the zones of the association that host it.

The inputs are those of the product's input recipe (`recipe.py`, US 2017 coefficients, a proxy). For each
input class, a zone is a supplier *exactly* when it is tagged with that class (or a narrower code) and
*possibly* when it declared nothing more precise than a broader code (section C, "manufacturing"): the rule
of the registry's sector search (`sezatlas/store/zone_sectors.py`), applied here to plain data. Suppliers
are grouped by scope (the target's own country, then the association's other countries) and ranked by
`RANKING_RULE`; distances are great-circle (haversine) and a zone without coordinates has none, never an
invented one. The value of each zone's regime comes from `input_values.py` through a callable, so this
module stays pure: plain data in, plain data out, no database.

`ZoneIndex.build` does the per-registry work once (arrays of coordinates, code → zones); a question is
then a few numpy selections and partial sorts, fast enough for 100,000 zones.
"""

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

import numpy as np
from numpy.typing import NDArray

from sezatlas.chains.input_values import RegimeValue
from sezatlas.chains.recipe import PROXY_LABEL, Recipe, RecipeInput
from sezatlas.standard.codelists import isic_ancestors, isic_broader_codes

EARTH_RADIUS_KM = 6371.0088  # the IUGG mean Earth radius (Moritz, Geodetic Reference System 1980)
RANKING_RULE = (
    "Per input and scope: exact matches (the zone is tagged with the input's class) before possible ones "
    "(it declared only a broader code); then by great-circle distance from the target zone, nearest "
    "first, zones without coordinates last (distance unknown); then by the NPV of incentives of the "
    "zone's regime for a reference project of the input's sector, highest first, unknown last; then by "
    "zone id. Without a target zone (a country asked), distance plays no part."
)
DISTANCE_METHOD = f"haversine great-circle distance on a sphere of radius {EARTH_RADIUS_KM} km"

ValueLookup = Callable[[str, set[str]], Mapping[str, RegimeValue]]
NO_REGIME = "the zone is linked to no regime in the incentive engine"


class Scope(StrEnum):
    """Where a supplier is, seen from the target."""

    SAME_COUNTRY = "same_country"
    OTHER_COUNTRIES = "other_countries"


class Match(StrEnum):
    EXACT = "exact"
    POSSIBLE = "possible"


@dataclass(frozen=True, slots=True)
class SupplierZone:
    """A zone as the suppliers core reads it: `isic_codes` are the codes the zone declared itself."""

    zone_id: str
    name: str
    country_iso3: str
    latitude: float | None
    longitude: float | None
    isic_codes: tuple[str, ...]
    regime_id: str | None


@dataclass(frozen=True, slots=True)
class Supplier:
    zone_id: str
    name: str
    country_iso3: str
    match: Match
    broader_codes_declared: tuple[str, ...]  # why a possible match is only possible (e.g. "C")
    distance_km: float | None  # None: the target or this zone has no coordinates
    regime_id: str | None
    incentive_npv_usd: float | None
    incentive_note: str | None  # why the value is unknown; None when known


@dataclass(frozen=True, slots=True)
class ScopeSuppliers:
    scope: Scope
    exact_zones: int  # how many zones of the scope match, before the cut
    possible_zones: int
    suppliers: tuple[Supplier, ...]  # the first `per_input` by RANKING_RULE


@dataclass(frozen=True, slots=True)
class InputSuppliers:
    """One input of the recipe (figures per dollar of the product, the proxy) and its suppliers."""

    input: RecipeInput
    valued_with: str  # the reference project the regimes are valued with, in words
    scopes: tuple[ScopeSuppliers, ...]
    label: str = PROXY_LABEL


@dataclass(frozen=True, slots=True)
class SuppliersAnswer:
    recipe: Recipe
    target_zone: SupplierZone | None  # None when only a country was asked
    target_country_iso3: str
    inputs: tuple[InputSuppliers, ...]
    ranked_by: str = RANKING_RULE
    distance_method: str = DISTANCE_METHOD
    label: str = PROXY_LABEL


IntArray = NDArray[np.intp]
_EMPTY: IntArray = np.zeros(0, dtype=np.intp)


class ZoneIndex:
    """The zones in zone-id order with coordinates as arrays and, per ISIC code, the zones tagged with it
    (the code or one below it: `tagged`) and those that declared it themselves (`declared`)."""

    def __init__(self, zones: Sequence[SupplierZone]) -> None:
        self.zones = tuple(sorted(zones, key=lambda z: z.zone_id))
        self.position = {zone.zone_id: i for i, zone in enumerate(self.zones)}
        self.countries = tuple(sorted({z.country_iso3 for z in self.zones}))
        country_key = {country: k for k, country in enumerate(self.countries)}
        self.country_key = np.array([country_key[z.country_iso3] for z in self.zones], dtype=np.intp)
        self.latitude_rad = np.radians([math.nan if z.latitude is None else z.latitude for z in self.zones])
        self.longitude_rad = np.radians(
            [math.nan if z.longitude is None else z.longitude for z in self.zones]
        )
        self.regime_ids = tuple(sorted({z.regime_id for z in self.zones if z.regime_id}))
        key_of = {regime: k for k, regime in enumerate(self.regime_ids)}
        # -1 (no regime) reads the last entry of a value table: NaN
        self.regime_key = np.array([key_of.get(z.regime_id or "", -1) for z in self.zones], dtype=np.intp)
        tagged: dict[str, list[int]] = {}
        declared: dict[str, list[int]] = {}
        for i, zone in enumerate(self.zones):
            for code in zone.isic_codes:
                declared.setdefault(code, []).append(i)
            for code in {a for c in zone.isic_codes for a in isic_ancestors(c) or [c]}:
                tagged.setdefault(code, []).append(i)
        self.tagged = {c: np.array(ix, dtype=np.intp) for c, ix in tagged.items()}
        self.declared = {c: np.array(ix, dtype=np.intp) for c, ix in declared.items()}
        self._matches: dict[str, tuple[IntArray, IntArray]] = {}  # per class, filled on first use
        self._regimes: dict[str, set[str]] = {}

    def __len__(self) -> int:
        return len(self.zones)

    def matches(self, isic_class: str) -> tuple[IntArray, IntArray]:
        """(exact, possible) zone positions for a class, as the registry's sector search grades them; kept
        per class, since they depend on the registry alone (a lost race computes the same arrays twice)."""
        found = self._matches.get(isic_class)
        if found is None:
            exact = self.tagged.get(isic_class, _EMPTY)
            broader = [self.declared[c] for c in broader_codes(isic_class) if c in self.declared]
            possible = np.unique(np.concatenate(broader)) if broader else _EMPTY
            found = exact, np.setdiff1d(possible, exact, assume_unique=True)
            self._matches[isic_class] = found
        return found

    def regimes_of(self, isic_class: str) -> set[str]:
        """The regimes of the zones that match a class, exactly or possibly (kept like `matches`)."""
        found = self._regimes.get(isic_class)
        if found is None:
            keys = np.unique(self.regime_key[np.concatenate(self.matches(isic_class))])
            found = {self.regime_ids[k] for k in keys if k >= 0}
            self._regimes[isic_class] = found
        return found


@cache
def broader_codes(isic_class: str) -> tuple[str, ...]:
    """`isic_broader_codes`, most specific first, kept: it scans the whole code list on every call."""
    return tuple(isic_broader_codes(isic_class)[::-1])


def distances_km(index: ZoneIndex, target: SupplierZone | None, positions: IntArray) -> NDArray[np.float64]:
    """Haversine distance from the target to each zone; NaN where either has no coordinates."""
    if target is None or target.latitude is None or target.longitude is None:
        return np.full(len(positions), np.nan)
    lat0, lon0 = math.radians(target.latitude), math.radians(target.longitude)
    lat, lon = index.latitude_rad[positions], index.longitude_rad[positions]
    h = np.sin((lat - lat0) / 2) ** 2 + math.cos(lat0) * np.cos(lat) * np.sin((lon - lon0) / 2) ** 2
    return np.asarray(2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0))), dtype=np.float64)


def _first(distance: NDArray[np.float64], npv: NDArray[np.float64], k: int) -> IntArray:
    """Indices of the k first candidates by distance (unknown last), NPV (highest first, unknown last) and
    zone id (the candidates come in zone-id order).

    A partial sort on distance keeps only the candidates up to the k-th distance (ties included) before
    the full order is applied, so 50,000 candidates cost one partition, not one sort."""
    near = np.where(np.isnan(distance), np.inf, distance)
    candidates = np.arange(len(near), dtype=np.intp)
    if len(near) > k:
        kth = np.partition(near, k - 1)[k - 1]
        candidates = np.flatnonzero(near <= kth)
    value = np.where(np.isnan(npv[candidates]), np.inf, -npv[candidates])
    order = np.lexsort((candidates, value, near[candidates]))[:k]
    return candidates[order]


def _supplier(
    zone: SupplierZone, match: Match, distance: float, value: RegimeValue | None, asked: str
) -> Supplier:
    broader = () if match is Match.EXACT else tuple(c for c in broader_codes(asked) if c in zone.isic_codes)
    return Supplier(
        zone_id=zone.zone_id, name=zone.name, country_iso3=zone.country_iso3, match=match,
        broader_codes_declared=broader, distance_km=None if math.isnan(distance) else round(distance, 1),
        regime_id=zone.regime_id, incentive_npv_usd=value.npv_usd if value else None,
        incentive_note=value.reason if value else NO_REGIME,
    )  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Valued:
    """The regime values of one input, by regime key (the last entry, NaN, for zones without a regime)."""

    by_regime: Mapping[str, RegimeValue]
    npv_by_key: NDArray[np.float64]


def _valued(index: ZoneIndex, isic_class: str, value_of: ValueLookup) -> _Valued:
    regimes = index.regimes_of(isic_class)
    values = value_of(isic_class, regimes) if regimes else {}
    table = [_npv(values.get(r)) for r in index.regime_ids] + [math.nan]
    return _Valued(values, np.array(table, dtype=np.float64))


def _npv(value: RegimeValue | None) -> float:
    return math.nan if value is None or value.npv_usd is None else value.npv_usd


def _ranked_in_scope(
    index: ZoneIndex, target: SupplierZone | None, isic_class: str, groups: tuple[IntArray, IntArray],
    valued: _Valued, k: int,
) -> list[Supplier]:  # fmt: skip
    chosen: list[Supplier] = []
    for match, positions in zip((Match.EXACT, Match.POSSIBLE), groups, strict=True):
        if len(chosen) >= k or not len(positions):
            continue
        distance = distances_km(index, target, positions)
        for i in _first(distance, valued.npv_by_key[index.regime_key[positions]], k - len(chosen)):
            zone = index.zones[int(positions[i])]
            value = valued.by_regime.get(zone.regime_id) if zone.regime_id else None
            chosen.append(_supplier(zone, match, float(distance[i]), value, isic_class))
    return chosen


def _scoped(
    index: ZoneIndex, positions: IntArray, target: SupplierZone | None, country: str
) -> dict[Scope, IntArray]:
    key = index.countries.index(country) if country in index.countries else -1
    same = index.country_key[positions] == key
    if target is not None:
        same_zone = positions == index.position[target.zone_id]
        positions, same = positions[~same_zone], same[~same_zone]
    return {Scope.SAME_COUNTRY: positions[same], Scope.OTHER_COUNTRIES: positions[~same]}


def input_suppliers(
    index: ZoneIndex, target: SupplierZone | None, country: str, item: RecipeInput,
    value_of: ValueLookup, valued_with: str, per_input: int,
) -> InputSuppliers:  # fmt: skip
    """The zones hosting one input, per scope, the first `per_input` of each by RANKING_RULE."""
    exact, possible = index.matches(item.code)
    exact_by, possible_by = _scoped(index, exact, target, country), _scoped(index, possible, target, country)
    valued = _valued(index, item.code, value_of)
    scopes = tuple(
        ScopeSuppliers(
            scope=scope,
            exact_zones=len(exact_by[scope]),
            possible_zones=len(possible_by[scope]),
            suppliers=tuple(
                _ranked_in_scope(
                    index, target, item.code, (exact_by[scope], possible_by[scope]), valued, per_input
                )
            ),
        )
        for scope in Scope
    )
    return InputSuppliers(input=item, valued_with=valued_with, scopes=scopes)


def find_suppliers(
    recipe: Recipe, index: ZoneIndex, target: SupplierZone | None, country: str, value_of: ValueLookup,
    valued_with: Callable[[str], str], per_input: int = 5,
) -> SuppliersAnswer:  # fmt: skip
    """For each input of the recipe, the zones that host it, grouped by scope and ranked."""
    if per_input < 1:
        raise ValueError(f"per_input must be at least 1, not {per_input}")
    inputs = tuple(
        input_suppliers(index, target, country, item, value_of, valued_with(item.code), per_input)
        for item in recipe.inputs
    )
    return SuppliersAnswer(recipe=recipe, target_zone=target, target_country_iso3=country, inputs=inputs)
