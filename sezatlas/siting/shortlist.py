"""From a project and the registry to a ranked, explained shortlist with its stability in words."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from sezatlas.siting.columns import ZoneColumns, zone_columns
from sezatlas.siting.constraints import Screening, screen
from sezatlas.siting.criteria import CriterionTable, criterion_table, stated_value
from sezatlas.siting.mcda import Method, Scores, decision_matrix, ranking, score
from sezatlas.siting.stability import (
    WeightChange,
    rank_acceptability,
    smallest_first_place_change,
    tied_for_first,
)
from sezatlas.standard.project import ProjectProfile
from sezatlas.standard.zone import Zone

MAX_LISTED = 200  # excluded / to-confirm zones listed by name; beyond that only counted
TIED_NAMED = 3  # zones named in the sentence about a tie for first place; the others counted


@dataclass(slots=True)
class RankedZone:
    zone_id: str
    name_en: str
    country_iso3: str
    rank: int
    score: float
    contributions: dict[str, float]
    unknown: list[str]
    explanation: list[str]
    acceptability: list[float] = field(default_factory=list)  # P(rank 1), P(rank 2), P(rank 3)
    to_confirm: list[str] = field(default_factory=list)  # criteria scored as the median: ask the zone


@dataclass(slots=True)
class Shortlist:
    project: str
    method: Method
    ranked: list[RankedZone]
    excluded: list[Screening]  # the first MAX_LISTED, with reasons
    needs_confirmation: list[Screening]  # the first MAX_LISTED, with the facts to ask for
    criteria_used: list[str]
    notes: list[str]
    excluded_count: int = 0
    needs_confirmation_count: int = 0
    eligible_count: int = 0
    exclusions_by_rule: dict[str, int] = field(default_factory=dict)
    first_place_change: WeightChange | None = None
    tied_for_first: int = 0
    stability: list[str] = field(default_factory=list)
    incentives_currency: str | None = None  # set when the ranking valued incentives (millions of it)


def _weights(project: ProjectProfile, table: CriterionTable, notes: list[str]) -> np.ndarray:
    given = project.weights.model_dump()
    weights = np.array([given[c.name] for c in table.criteria], dtype=np.float64)
    for j, criterion in enumerate(table.criteria):
        if weights[j] > 0 and not table.is_informative[j]:
            notes.append(
                f"No candidate zone states “{criterion.title}”: that criterion is left out of the score."
            )
            weights[j] = 0.0
    if weights.sum() == 0:
        notes.append("No weighted criterion separates the zones: they are listed in registry order.")
        weights = np.ones_like(weights)
    return weights


def _explain(table: CriterionTable, i: int, contributions: np.ndarray) -> list[str]:
    """The criteria that added most to this zone's score, in words, and what was unknown."""
    lines = []
    for j in np.argsort(-contributions)[:3]:
        criterion = table.criteria[j]
        if contributions[j] <= 0:
            continue
        value = (
            "possible match, to confirm with the zone (scored "
            f"{stated_value(float(table.values[i, j]), criterion.unit)}: the median or what it surely shares)"
            if criterion.name == "sector_fit" and table.is_possible_sector[i]
            else "unknown (scored as the median)"
            if table.is_unknown[i, j]
            else stated_value(float(table.values[i, j]), criterion.unit)
        )
        lines.append(f"{criterion.title}: {value}, adds {contributions[j]:.3f}")
    return lines


def _stability_words(shortlist: Shortlist, names: Sequence[str], table: CriterionTable) -> None:
    """Say how firm the first place is, in words a non-specialist reads."""
    if not shortlist.ranked:
        return
    first = shortlist.ranked[0]
    if shortlist.tied_for_first > 1:
        shortlist.stability.append(_tie_words(shortlist))
        return
    if first.acceptability:
        shortlist.stability.append(
            f"{first.name_en} is first in {first.acceptability[0]:.0%} of plausible weightings."
        )
    change = shortlist.first_place_change
    if change is None:
        shortlist.stability.append(
            f"No change of a single weight would take first place from {first.name_en}."
        )
        return
    shortlist.stability.append(
        f"{names[change.rival]} would tie for first if the weight of "
        f"“{table.criteria[change.criterion].title}” "
        f"went from {change.old_weight:.0%} to {change.new_weight:.0%} of the total."
    )


def _tie_words(shortlist: Shortlist) -> str:
    """A tie said as a tie (not "X is first in 14 %"): who shares first place, and how often each is first."""
    tied = shortlist.ranked[: shortlist.tied_for_first]
    names = ", ".join(zone.name_en for zone in tied[:TIED_NAMED])
    if shortlist.tied_for_first > TIED_NAMED:
        names += f" and {shortlist.tied_for_first - TIED_NAMED:,} more"
    shares = sorted(zone.acceptability[0] for zone in tied if zone.acceptability)
    share = ""
    if shares:
        low, high = f"{shares[0]:.0%}", f"{shares[-1]:.0%}"
        share = f"; each is first in {low if low == high else f'{low}–{high}'} of plausible weightings"
    return (
        f"{shortlist.tied_for_first} zones tie for first place under these weights ({names}): the registry "
        f"states the same facts for them on every weighted criterion{share}. Ask their operators for the "
        "missing facts."
    )


def _ranked_zone(
    columns: ZoneColumns,
    rank: int,
    i: int,
    result: Scores,
    table: CriterionTable,
    weights: np.ndarray,
    row: list[float],
) -> RankedZone:
    criteria = table.criteria
    to_confirm = ["sector_fit"] if table.is_possible_sector[i] else []
    return RankedZone(
        zone_id=str(columns.zone_id[i]),
        name_en=str(columns.name_en[i]),
        country_iso3=str(columns.country_iso3[i]),
        rank=rank,
        score=float(result.scores[i]),
        contributions={c.name: float(result.contributions[i, j]) for j, c in enumerate(criteria)},
        unknown=[
            c.name
            for j, c in enumerate(criteria)
            if table.is_unknown[i, j] and weights[j] > 0 and c.name not in to_confirm
        ],
        explanation=_explain(table, i, result.contributions[i]),
        acceptability=row,
        to_confirm=to_confirm,
    )


def rank_zones(
    zones: Sequence[Zone] | ZoneColumns,
    project: ProjectProfile,
    *,
    today: date,
    incentives_m: Mapping[str, float] | None = None,
    currency: str = "USD",
    shortlist_size: int = 20,
    samples: int = 10_000,
    seed: int = 0,
) -> Shortlist:
    """Screen every zone, score the eligible ones, explain the best and test the stability of the ranking.

    Pass `ZoneColumns` (built once per registry version) to rank large registries quickly. Stability is
    assessed over the whole eligible set; explanations are written for the `shortlist_size` best.
    `incentives_m` is zone_id → NPV of incentives in millions of `currency` (see `siting.request`).
    """
    columns = zones if isinstance(zones, ZoneColumns) else zone_columns(zones)
    screening = screen(columns, project)
    shortlist = Shortlist(
        project=project.name,
        method=Method(project.method.value),
        ranked=[],
        criteria_used=[],
        notes=[],
        excluded=[screening.of(int(i)) for i in np.flatnonzero(screening.excluded)[:MAX_LISTED]],
        needs_confirmation=[
            screening.of(int(i)) for i in np.flatnonzero(screening.needs_confirmation)[:MAX_LISTED]
        ],
        excluded_count=int(screening.excluded.sum()),
        needs_confirmation_count=int(screening.needs_confirmation.sum()),
        exclusions_by_rule=screening.exclusion_counts(),
        incentives_currency=currency if incentives_m is not None else None,
    )
    eligible = columns.take(np.flatnonzero(screening.eligible))
    if len(eligible) == 0:
        return shortlist
    table = criterion_table(eligible, project, today, incentives_m, currency)
    weights = _weights(project, table, shortlist.notes)
    matrix = decision_matrix(table.values, [c.is_benefit for c in table.criteria], weights)
    result = score(matrix, shortlist.method)
    order = ranking(result.scores, shortlist_size)
    acceptability = (
        rank_acceptability(matrix, shortlist.method, samples=samples, seed=seed)
        if len(eligible) > 1 and samples > 0
        else None
    )
    for position, i in enumerate(order):
        row = acceptability[i].tolist() if acceptability is not None else [1.0]
        shortlist.ranked.append(_ranked_zone(eligible, position + 1, int(i), result, table, weights, row))
    shortlist.eligible_count = len(eligible)
    shortlist.criteria_used = [c.name for j, c in enumerate(table.criteria) if matrix.weights[j] > 0]
    shortlist.tied_for_first = tied_for_first(result.scores)
    shortlist.first_place_change = (
        smallest_first_place_change(matrix, shortlist.method, result.scores) if len(eligible) > 1 else None
    )
    _stability_words(shortlist, [str(name) for name in eligible.name_en], table)
    return shortlist
