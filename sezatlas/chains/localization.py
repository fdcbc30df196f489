"""Localization share: how much of a product's input value the registry's zones could supply, and where.

A project makes a product in a zone of country X. Its inputs come from a recipe (the US 2017 proxy of
`recipe.py`, or the country's own column of an imported OECD ICIO table, `icio.py`); each input is an
industry, and an industry is *present* in a zone tagged with its ISIC code (or a narrower one: `zone_isic`
holds every tagged code with its ancestors, so presence is one lookup per code). The input value then splits
into three parts that add up to 1: present in X's zones; absent from X's zones but present in the other
association countries' zones; present nowhere in the registry. A zone that declared only a broader code
("manufacturing", C, for batteries) *possibly* hosts an input: that is counted apart and never mixed into
the three parts (the same distinction as the registry's sector search, `sezatlas/store/zone_sectors.py`).

The scenario "what if industry I were added to zone Z" tags Z with I (and its ancestors) and recomputes: the
answer holds both splits and their difference. Everything here is plain data in, plain data out; the zones
come in as a `ZoneSectorIndex` that the use case builds once per registry version.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

import numpy as np
from numpy.typing import NDArray

from sezatlas.chains.recipe import RecipeRequestError
from sezatlas.standard.codelists import isic_ancestors, isic_codes

Indices = NDArray[np.int64]
TOP_ZONES = 3


class LocalizationRequestError(RecipeRequestError):
    """An addition that cannot be read or names a zone or ISIC code that does not exist (HTTP 400): the
    `add` parameter is at fault, always."""

    def __init__(self, message: str) -> None:
        super().__init__(message, "add")


class Where(StrEnum):
    """Where an input industry is found, nearest first; an input counts at the nearest level only."""

    COUNTRY = "country"
    PARTNERS = "partners"
    NOWHERE = "nowhere"


@dataclass(frozen=True, slots=True)
class ZoneSectorIndex:
    """Every zone's country and ISIC codes, indexed by code: the plain data the shares are computed on.

    `holders[code]` lists (sorted indices into `zone_ids`) the zones holding the code or a narrower one;
    `declarers[code]` the zones that declared that code themselves.
    """

    zone_ids: tuple[str, ...]
    countries: tuple[str, ...]
    zone_country: Indices  # per zone: index into `countries`
    holders: dict[str, Indices]
    declarers: dict[str, Indices]
    zone_at: dict[str, int]

    def position(self, zone_id: str) -> int:
        if zone_id not in self.zone_at:
            raise LocalizationRequestError(f"add: zone {zone_id!r} is not in the registry")
        return self.zone_at[zone_id]


def zone_sector_index(
    zones: Iterable[tuple[str, str]], codes: Iterable[tuple[str, str, bool]]
) -> ZoneSectorIndex:
    """The index of zones given as (zone_id, country_iso3) and their codes as (zone_id, isic_code,
    declared), the rows of `zone_isic`, which already include every tagged code's ancestors."""
    country_of = dict(zones)
    zone_ids = tuple(sorted(country_of))
    countries = tuple(sorted(set(country_of.values())))
    at = {zone_id: i for i, zone_id in enumerate(zone_ids)}
    country_at = {country: i for i, country in enumerate(countries)}
    holders: dict[str, list[int]] = {}
    declarers: dict[str, list[int]] = {}
    for zone_id, code, declared in codes:
        holders.setdefault(code, []).append(at[zone_id])
        if declared:
            declarers.setdefault(code, []).append(at[zone_id])

    def arrays(lists: dict[str, list[int]]) -> dict[str, Indices]:
        return {code: np.unique(np.asarray(found, dtype=np.int64)) for code, found in lists.items()}

    return ZoneSectorIndex(
        zone_ids=zone_ids,
        countries=countries,
        zone_country=np.asarray([country_at[country_of[z]] for z in zone_ids], dtype=np.int64),
        holders=arrays(holders),
        declarers=arrays(declarers),
        zone_at=at,
    )


@dataclass(frozen=True, slots=True)
class InputNeed:
    """One input industry of the product: its coefficient and the ISIC codes that mean it is there."""

    code: str  # an ISIC class ("2720") or an ICIO industry ("C26")
    title: str
    per_usd: float  # dollars of this input per dollar of the product's output
    presence_codes: tuple[str, ...]  # a zone holding any of them hosts the industry
    broader_codes: tuple[str, ...]  # a zone that declared only one of these possibly hosts it


def class_need(isic_class: str, title: str, per_usd: float) -> InputNeed:
    """An ISIC class as an input: present where a zone holds the class, possibly where a zone declared
    only its group, division or section."""
    return InputNeed(isic_class, title, per_usd, (isic_class,), tuple(isic_ancestors(isic_class)[1:]))


@dataclass(frozen=True, slots=True)
class Addition:
    """The scenario's "industry `isic_code` is added to zone `zone_id`"."""

    isic_code: str
    zone_id: str


def parse_addition(text: str) -> Addition:
    """'2011@RUS-001' → Addition('2011', 'RUS-001'); the code must be an ISIC Rev.4 class."""
    code, at, zone_id = text.strip().partition("@")
    code = code.strip().upper().removeprefix("ISIC:")
    if not at or not zone_id.strip() or not code:
        raise LocalizationRequestError(f"add: {text!r}: write an addition as ISIC@ZONE, e.g. 2011@RUS-001")
    entry = isic_codes().get(code)
    if entry is None or entry.level != "class":
        raise LocalizationRequestError(f"add: {text!r}: {code} is not an ISIC Rev.4 class (4 digits)")
    return Addition(code, zone_id.strip())


@dataclass(frozen=True, slots=True)
class InputPresence:
    """One input, where it is found, and how many zones host it at each level."""

    code: str
    title: str
    per_usd: float
    share: float  # of the input value of all bridged inputs
    where: Where
    zones_in_country: int
    zones_in_partners: int
    possible_zones_in_country: int  # declared only a broader code, and not counted above
    possible_zones_in_partners: int
    top_zones: tuple[str, ...]  # a few hosting zones, the country's first
    is_added: bool = False  # present at `where` only because of the scenario's additions


@dataclass(frozen=True, slots=True)
class ShareSplit:
    """Shares of input value; `in_country + in_partners + nowhere` is 1 (0 when there are no inputs).

    `possibly_in_country`: inputs not in the country's zones that a zone of the country possibly hosts;
    `possibly_in_partners`: inputs found nowhere that a partner's zone possibly hosts; never in the three.
    """

    in_country: float
    in_partners: float
    nowhere: float
    possibly_in_country: float
    possibly_in_partners: float

    def minus(self, other: "ShareSplit") -> "ShareSplit":
        return ShareSplit(
            self.in_country - other.in_country,
            self.in_partners - other.in_partners,
            self.nowhere - other.nowhere,
            self.possibly_in_country - other.possibly_in_country,
            self.possibly_in_partners - other.possibly_in_partners,
        )


@dataclass(frozen=True, slots=True)
class LocalizationScenario:
    """The shares before and after the additions (the same when there are none), and the difference."""

    country_iso3: str
    zone_id: str
    additions: tuple[Addition, ...]
    before: tuple[InputPresence, ...]
    after: tuple[InputPresence, ...]
    shares_before: ShareSplit
    shares_after: ShareSplit
    change: ShareSplit
    bridged_per_usd: float  # the input value the shares are of


@dataclass(frozen=True, slots=True)
class _Counts:
    exact: NDArray[np.int64]  # zones per country
    possible: NDArray[np.int64]
    top_zones: tuple[str, ...]


class _Counter:
    """Counts zones per country for one scenario; remembers the "possibly" pools it has built."""

    def __init__(self, index: ZoneSectorIndex, country: int) -> None:
        self.index, self.country = index, country
        self.size = len(index.countries)
        self.pools: dict[tuple[str, ...], tuple[NDArray[np.bool_], NDArray[np.int64]]] = {}
        self.empty = np.zeros(0, dtype=np.int64)

    def _by_country(self, zones: Indices) -> NDArray[np.int64]:
        counts: NDArray[np.int64] = np.bincount(self.index.zone_country[zones], minlength=self.size)
        return counts

    def _pool(self, broader: tuple[str, ...]) -> tuple[NDArray[np.bool_], NDArray[np.int64]]:
        """Zones that declared one of the broader codes, as a mask, and their number per country."""
        if broader not in self.pools:
            mask = np.zeros(len(self.index.zone_ids), dtype=np.bool_)
            for code in broader:
                mask[self.index.declarers.get(code, self.empty)] = True
            self.pools[broader] = (mask, self._by_country(np.flatnonzero(mask)))
        return self.pools[broader]

    def holders(self, need: InputNeed, added: Indices) -> Indices:
        found = [self.index.holders.get(code, self.empty) for code in need.presence_codes]
        if added.size:
            found.append(added)
        if len(found) == 1:
            return found[0]
        return np.unique(np.concatenate(found)) if found else self.empty

    def counts(self, need: InputNeed, holders: Indices) -> _Counts:
        mask, pool = self._pool(need.broader_codes)
        possible = pool - self._by_country(holders[mask[holders]])
        in_country = self.index.zone_country[holders] == self.country
        ranked = np.concatenate([holders[in_country], holders[~in_country]])[:TOP_ZONES]
        return _Counts(self._by_country(holders), possible, tuple(self.index.zone_ids[i] for i in ranked))


def _where(counts: _Counts, country: int) -> Where:
    if counts.exact[country]:
        return Where.COUNTRY
    return Where.PARTNERS if counts.exact.sum() else Where.NOWHERE


def _presence(need: InputNeed, total: float, counts: _Counts, country: int, is_added: bool) -> InputPresence:
    return InputPresence(
        code=need.code,
        title=need.title,
        per_usd=need.per_usd,
        share=need.per_usd / total if total else 0.0,
        where=_where(counts, country),
        zones_in_country=int(counts.exact[country]),
        zones_in_partners=int(counts.exact.sum() - counts.exact[country]),
        possible_zones_in_country=int(counts.possible[country]),
        possible_zones_in_partners=int(counts.possible.sum() - counts.possible[country]),
        top_zones=counts.top_zones,
        is_added=is_added,
    )


def share_split(inputs: Sequence[InputPresence]) -> ShareSplit:
    """The three parts and the two "possibly" figures of a list of inputs (their `share`s)."""
    return ShareSplit(
        in_country=sum(i.share for i in inputs if i.where is Where.COUNTRY),
        in_partners=sum(i.share for i in inputs if i.where is Where.PARTNERS),
        nowhere=sum(i.share for i in inputs if i.where is Where.NOWHERE),
        possibly_in_country=sum(
            i.share for i in inputs if i.where is not Where.COUNTRY and i.possible_zones_in_country
        ),
        possibly_in_partners=sum(
            i.share for i in inputs if i.where is Where.NOWHERE and i.possible_zones_in_partners
        ),
    )


def _added_zones(index: ZoneSectorIndex, additions: Sequence[Addition]) -> list[tuple[frozenset[str], int]]:
    """Each addition as (the codes the zone then holds: the class and its ancestors, the zone's index)."""
    return [(frozenset(isic_ancestors(a.isic_code)), index.position(a.zone_id)) for a in additions]


def localization_scenario(
    needs: Sequence[InputNeed], zone_id: str, index: ZoneSectorIndex, additions: Sequence[Addition] = ()
) -> LocalizationScenario:
    """The shares of the product's input value by where its industries are, for a project in `zone_id`,
    before and after tagging the added zones with the added industries."""
    home = index.position(zone_id)
    country = int(index.zone_country[home])
    added = _added_zones(index, additions)
    counter = _Counter(index, country)
    total = float(sum(need.per_usd for need in needs))
    before, after = [], []
    for need in needs:
        holders = counter.holders(need, counter.empty)
        counts = counter.counts(need, holders)
        now = _presence(need, total, counts, country, is_added=False)
        before.append(now)
        extra = sorted({zone for codes, zone in added if codes.intersection(need.presence_codes)})
        if not extra:
            after.append(now)
            continue
        more = counter.counts(need, counter.holders(need, np.asarray(extra, dtype=np.int64)))
        later = _presence(need, total, more, country, is_added=True)
        after.append(replace(later, is_added=later.where is not now.where))
    shares_before, shares_after = share_split(before), share_split(after)
    return LocalizationScenario(
        country_iso3=index.countries[country],
        zone_id=zone_id,
        additions=tuple(additions),
        before=tuple(before),
        after=tuple(after),
        shares_before=shares_before,
        shares_after=shares_after,
        change=shares_after.minus(shares_before),
        bridged_per_usd=total,
    )
