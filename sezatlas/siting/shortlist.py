"""From a project and the registry to a ranked, explained shortlist with its stability in words."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from sezatlas.siting import messages
from sezatlas.siting.columns import ZoneColumns, zone_columns
from sezatlas.siting.constraints import Screening, ScreeningResult, screen
from sezatlas.siting.criteria import CriterionTable, criterion_table, stated_value
from sezatlas.siting.mcda import DecisionMatrix, Method, Scores, decision_matrix, score
from sezatlas.siting.messages import Message
from sezatlas.siting.stability import WeightChange, rank_acceptability, smallest_first_place_change
from sezatlas.siting.ties import ordered, tied_for_first, tied_ranks
from sezatlas.standard.project import ProjectProfile
from sezatlas.standard.zone import Zone

MAX_LISTED = 200  # excluded / to-confirm zones listed by name; beyond that only counted


@dataclass(slots=True)
class Evidence:
    """How many of the project's requirements (stated needs) the zone's data confirm: "2 of 3"."""

    confirmed: int
    required: int
    unconfirmed: list[str] = field(default_factory=list)  # requirement keys whose fact is unknown


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
    evidence: Evidence = field(default_factory=lambda: Evidence(0, 0))
    tied_ranks: list[int] = field(default_factory=list)  # [first, last] rank shared at the shown score
    regime_id: str | None = None  # the incentive engine's regime of the zone, when the registry links one
    incentives_m: float | None = None  # NPV of incentives, millions of the shortlist's currency


@dataclass(slots=True)
class Shortlist:
    project: str
    method: Method
    ranked: list[RankedZone]
    excluded: list[Screening]  # the first MAX_LISTED, with reasons
    needs_confirmation: list[Screening]  # the first MAX_LISTED, with the facts to ask for
    criteria_used: list[str]
    notes: list[Message]
    excluded_count: int = 0
    needs_confirmation_count: int = 0  # zones with an unknown fact; ranked too unless `only_confirmed_fit`
    eligible_count: int = 0  # zones whose data confirm every requirement
    ranked_count: int = 0  # zones scored: those no known fact excludes (only the eligible, when strict)
    only_confirmed_fit: bool = False
    requirements: list[str] = field(default_factory=list)  # the needs the project states, by key
    exclusions_by_rule: dict[str, int] = field(default_factory=dict)
    first_place_change: WeightChange | None = None
    tied_for_first: int = 0
    stability: list[Message] = field(default_factory=list)
    incentives_currency: str | None = None  # set when the ranking valued incentives (millions of it)


def _weights(project: ProjectProfile, table: CriterionTable, notes: list[Message]) -> np.ndarray:
    given = project.weights.model_dump()
    weights = np.array([given[c.name] for c in table.criteria], dtype=np.float64)
    for j, criterion in enumerate(table.criteria):
        if weights[j] > 0 and not table.is_informative[j]:
            notes.append(
                messages.criterion_left_out(criterion.name, criterion.title, bool(table.is_stated[j]))
            )
            weights[j] = 0.0
    if weights.sum() == 0:
        notes.append(messages.registry_order())
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
        tied = shortlist.ranked[: shortlist.tied_for_first]
        shares = [zone.acceptability[0] for zone in tied if zone.acceptability]
        names_tied = [zone.name_en for zone in tied]
        shortlist.stability.append(messages.tie_for_first(shortlist.tied_for_first, names_tied, shares))
        return
    if first.acceptability:
        shortlist.stability.append(messages.first_share(first.name_en, first.acceptability[0]))
    change = shortlist.first_place_change
    if change is None:
        shortlist.stability.append(messages.no_single_change(first.name_en))
        return
    criterion = table.criteria[change.criterion]
    shortlist.stability.append(messages.weight_change(
        names[change.rival], criterion.name, criterion.title, change.old_weight, change.new_weight
    ))  # fmt: skip


def _ranked_zone(
    columns: ZoneColumns,
    i: int,
    result: Scores,
    table: CriterionTable,
    weights: np.ndarray,
    evidence: Evidence,
) -> RankedZone:
    criteria = table.criteria
    to_confirm = ["sector_fit"] if table.is_possible_sector[i] else []
    incentives = [c.name for c in criteria].index("incentives")
    return RankedZone(
        zone_id=str(columns.zone_id[i]),
        name_en=str(columns.name_en[i]),
        country_iso3=str(columns.country_iso3[i]),
        rank=0,
        score=float(result.scores[i]),
        contributions={c.name: float(result.contributions[i, j]) for j, c in enumerate(criteria)},
        unknown=[
            c.name
            for j, c in enumerate(criteria)
            if table.is_unknown[i, j] and weights[j] > 0 and c.name not in to_confirm
        ],
        explanation=_explain(table, i, result.contributions[i]),
        to_confirm=to_confirm,
        evidence=evidence,
        tied_ranks=tied_ranks(result.scores, i),
        regime_id=str(columns.regime_id[i]) if columns.regime_id[i] else None,
        incentives_m=None if table.is_unknown[i, incentives] else float(table.values[i, incentives]),
    )


def _evidence(screening: ScreeningResult, confirmed: np.ndarray, i: int) -> Evidence:
    """How many requirements zone i's data confirm (of the registry's columns), and which are unknown."""
    unknown = [rule.requirement for rule in screening.rules if rule.asks[i]]
    return Evidence(int(confirmed[i]), len(screening.requirements), unknown)


def _screened(columns: ZoneColumns, project: ProjectProfile, screening: ScreeningResult, currency: str | None
              ) -> Shortlist:  # fmt: skip
    return Shortlist(
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
        eligible_count=int(screening.eligible.sum()),
        only_confirmed_fit=project.only_confirmed_fit,
        requirements=screening.requirements,
        exclusions_by_rule=screening.exclusion_counts(),
        incentives_currency=currency,
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
    """Screen every zone, score the candidates, explain the best and test the stability of the ranking.

    The candidates are the zones no known fact excludes, each with its evidence (how many requirements
    its data confirm), or, with `project.only_confirmed_fit`, only those whose data confirm them all.
    Pass `ZoneColumns` (built once per registry version) to rank large registries quickly. Stability is
    assessed over all candidates; explanations are written for the `shortlist_size` best.
    `incentives_m` is zone_id → NPV of incentives in millions of `currency` (see `siting.request`).
    """
    columns = zones if isinstance(zones, ZoneColumns) else zone_columns(zones)
    screening = screen(columns, project)
    shortlist = _screened(columns, project, screening, currency if incentives_m is not None else None)
    index = np.flatnonzero(screening.candidates(project.only_confirmed_fit))
    if index.size == 0:
        return shortlist
    candidates, confirmed_all = columns.take(index), screening.confirmed()
    table = criterion_table(candidates, project, today, incentives_m, currency)
    weights = _weights(project, table, shortlist.notes)
    matrix = decision_matrix(table.values, [c.is_benefit for c in table.criteria], weights)
    result = score(matrix, shortlist.method)
    confirmed = confirmed_all[index]
    acceptability = (
        rank_acceptability(matrix, shortlist.method, samples=samples, seed=seed)
        if len(candidates) > 1 and samples > 0
        else None
    )
    for position, i in enumerate(ordered(result.scores, confirmed, shortlist_size)):
        evidence = _evidence(screening, confirmed_all, int(index[i]))
        zone = _ranked_zone(candidates, int(i), result, table, weights, evidence)
        zone.rank = position + 1
        zone.acceptability = acceptability[i].tolist() if acceptability is not None else [1.0]
        shortlist.ranked.append(zone)
    _summarise(shortlist, candidates, table, matrix, result)
    unconfirmed = int(np.count_nonzero(confirmed < len(screening.requirements)))
    if unconfirmed:
        shortlist.notes.append(messages.unconfirmed_ranked(unconfirmed, len(screening.requirements)))
    return shortlist


def _summarise(
    shortlist: Shortlist,
    candidates: ZoneColumns,
    table: CriterionTable,
    matrix: DecisionMatrix,
    result: Scores,
) -> None:
    """The counts, the criteria used, and how firm first place is, over all candidates."""
    shortlist.ranked_count = len(candidates)
    shortlist.criteria_used = [c.name for j, c in enumerate(table.criteria) if matrix.weights[j] > 0]
    shortlist.tied_for_first = tied_for_first(result.scores)
    shortlist.first_place_change = (
        smallest_first_place_change(matrix, shortlist.method, result.scores) if len(candidates) > 1 else None
    )
    _stability_words(shortlist, [str(name) for name in candidates.name_en], table)
