"""Coverage an analyst can quote: per country and regime, one headline figure and the registry's share.

Pure computation over plain data (the zones as `Territories`, counted by the facts the rule reads; the
counts as `OfficialCount`), so the rule is tested on real rows without a database. For each country and
regime:

- the **headline** is the most recent nationwide count from an official source (`count_sources.py`) of
  a metric that counts zones (`counted_regimes.py`); when no count is official, the most recent reported
  one, labelled so; on the same date a designated count is preferred to approvals, operating zones and
  cumulative totals, because the registry lists zones whether or not they operate;
- **coverage** is the number of zones the registry holds of that regime and metric (in force for a
  designated count, known to operate for an operational one, all for a cumulative one) over the headline;
- over 100 % always carries its reason in numbers (`Surplus`): zones established after the count, zones
  approved but not yet operating, zones of unknown status (counted as in force), and the rest, which the
  zones' facts do not explain (the figure is older or narrower);
- every other count of the regime is **history**, newest first, each with its source type;
- a row that gives several numbers ("7; 25" free trade-industrial zones; special economic zones, "11 / 6"
  parks / of which operational) is read as one figure per number, each saying which value it was taken from.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from pydantic import BaseModel, Field

from sezatlas.registry.count_sources import SourceType, source_type
from sezatlas.registry.counted_regimes import (
    COMPARABLE,
    NOT_IN_FORCE,
    CountedRegime,
    MetricKind,
    counted_regime,
    metric_kind,
    regime_name,
)
from sezatlas.standard.codes import ZoneStatus
from sezatlas.standard.country import OfficialCount

DATE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
NOT_YET_OPERATING = {ZoneStatus.APPROVED.value, ZoneStatus.UNDER_DEVELOPMENT.value}


@dataclass(frozen=True, slots=True)
class Territories:
    """`zones` zones alike in every fact statistics read, each counted once (parts go with their whole)."""

    country_iso3: str
    zone_type: str
    zone_type_label: str | None
    status: str | None
    admin1: str | None
    year_established: int | None
    zones: int = 1

    def is_of(self, rule: CountedRegime) -> bool:
        return rule.country_iso3 == self.country_iso3 and rule.covers(
            self.zone_type, self.zone_type_label, self.admin1
        )


def total(groups: Iterable[Territories]) -> int:
    return sum(group.zones for group in groups)


class CountFigure(OfficialCount):
    """A count as its source states it, with what the registry makes of it."""

    source_type: SourceType = Field(description="official: a government or legal source; else reported")
    official_because: str | None = Field(default=None, description="The rule that makes the source official")
    metric_kind: MetricKind = Field(description="What the metric counts, from its wording")
    taken_from: str | None = Field(
        default=None, description="The source's value when this figure is one part of it (e.g. '7; 25')"
    )


class Surplus(BaseModel):
    """Why the registry holds more zones than the headline figure counts (they add up to the surplus)."""

    established_after_count: int
    not_yet_operating: int
    status_unknown: int = Field(description="Counted as in force because the registry knows no status")
    unexplained: int = Field(description="Not explained by the zones' facts: an older or narrower figure")


class RegimeCoverage(BaseModel):
    regime: str
    compared_with: str = Field(description="Which of the registry's zones this regime's counts cover")
    is_matched_by_rule: bool = Field(description="false: no rule for this regime, compared on zone type only")
    headline: CountFigure | None = Field(description="The figure to quote; None when no count is comparable")
    has_official_figure: bool
    zones_in_registry: int = Field(description="Zones held of this regime and of the headline's metric")
    coverage_pct: float | None = Field(default=None, description="zones_in_registry / headline count × 100")
    surplus: Surplus | None = None
    history: list[CountFigure] = Field(description="The regime's other counts, newest first")


def figure(count: OfficialCount, taken_from: str | None = None) -> CountFigure:
    """A stored count with its source type and metric kind, decided as it is read."""
    kind, because = source_type(count.source_url, count.country_iso3)
    return CountFigure(
        **count.model_dump(),
        source_type=kind,
        official_because=because,
        metric_kind=metric_kind(count.metric),
        taken_from=taken_from,
    )


# How a source gives several numbers in one row: "7; 25" for "free trade-industrial zones; special
# economic zones", "11 / 6" for "IPDC-developed parks / of which operational" (value, metric separators).
PART_SEPARATORS = ((";", ";"), ("/", " / "))


def figures_of(count: OfficialCount) -> list[CountFigure]:
    """A count as figures: one, or one per number when the value and the metric list as many parts.

    With ";" the regime may list its parts too ("FTZ / SEZ"): each number then counts its own regime."""
    for value_separator, metric_separator in PART_SEPARATORS:
        values = [part.strip() for part in count.value.split(value_separator)]
        metrics = [part.strip() for part in count.metric.split(metric_separator)]
        if len(values) > 1 and len(values) == len(metrics):
            regimes = [part.strip() for part in count.regime.split(" / ")]
            if value_separator != ";" or len(regimes) != len(values):
                regimes = [count.regime] * len(values)
            return [
                figure(
                    count.model_copy(
                        update={
                            "value": value,
                            "metric": metric,
                            "regime": regime,
                            "count": int(value) if value.isdigit() else None,
                        }
                    ),
                    taken_from=count.value,
                )
                for value, metric, regime in zip(values, metrics, regimes, strict=True)
            ]
    return [figure(count)]


def as_of_key(as_of: str | None) -> str:
    """A sortable date from the source's wording ("c.2017-10" → "2017-10-00"); "" when undated."""
    if not as_of or as_of.strip().lower().startswith("n.d"):
        return ""
    found = DATE.search(as_of)
    if found is None:
        return ""
    year, month, day = found.groups()
    return f"{year}-{month or '00'}-{day or '00'}"


def headline(figures: list[CountFigure]) -> CountFigure | None:
    """The most recent comparable nationwide count, official first (see the module docstring)."""
    comparable = [
        f for f in figures if f.admin1 is None and f.count is not None and f.metric_kind in COMPARABLE
    ]
    official = [f for f in comparable if f.source_type is SourceType.OFFICIAL]
    pool = official or comparable
    return max(pool, key=lambda f: (as_of_key(f.as_of), -COMPARABLE.index(f.metric_kind)), default=None)


def _held(zones: Iterable[Territories], kind: MetricKind) -> list[Territories]:
    if kind is MetricKind.OPERATIONAL:
        return [z for z in zones if z.status == ZoneStatus.OPERATIONAL.value]
    if kind is MetricKind.CUMULATIVE:
        return list(zones)
    return [z for z in zones if z.status not in NOT_IN_FORCE]


def surplus(held: list[Territories], top: CountFigure) -> Surplus | None:
    """The zones over the figure, explained as far as the zones' own facts allow."""
    over = total(held) - (top.count or 0)
    if over <= 0:
        return None
    key = as_of_key(top.as_of)
    year = int(key[:4]) if key else None

    def is_after(z: Territories) -> bool:
        return bool(year and z.year_established and z.year_established > year)

    n_after = min(total(z for z in held if is_after(z)), over)
    pending = total(z for z in held if not is_after(z) and z.status in NOT_YET_OPERATING)
    n_pending = min(pending, over - n_after)
    unknown = total(z for z in held if not is_after(z) and z.status is None)
    n_unknown = min(unknown, over - n_after - n_pending)
    return Surplus(established_after_count=n_after, not_yet_operating=n_pending, status_unknown=n_unknown,
                   unexplained=over - n_after - n_pending - n_unknown)  # fmt: skip


def regime_coverage(
    rule: CountedRegime, figures: list[CountFigure], zones: list[Territories]
) -> RegimeCoverage:
    """One regime of one country: its headline, the registry's share of it, and its other counts."""
    covered = [z for z in zones if z.is_of(rule)]
    top = headline(figures)
    held = _held(covered, top.metric_kind if top else MetricKind.DESIGNATED)
    pct = round(100 * total(held) / top.count, 1) if top and top.count else None
    history = sorted((f for f in figures if f is not top), key=lambda f: as_of_key(f.as_of), reverse=True)
    return RegimeCoverage(
        regime=rule.regime,
        compared_with=rule.why,
        is_matched_by_rule=rule.is_rule,
        headline=top,
        has_official_figure=top is not None and top.source_type is SourceType.OFFICIAL,
        zones_in_registry=total(held),
        coverage_pct=pct,
        surplus=surplus(held, top) if top else None,
        history=history,
    )


def country_coverage(counts: list[OfficialCount], zones: list[Territories]) -> list[RegimeCoverage]:
    """Every regime one country's counts name, in the order the count files first name them."""
    by_regime: dict[str, list[CountFigure]] = {}
    for item in (item for count in counts for item in figures_of(count)):
        by_regime.setdefault(regime_name(item.country_iso3, item.regime), []).append(item)
    result = []
    for regime, figures in by_regime.items():
        rule = counted_regime(figures[0].country_iso3, regime, figures[0].zone_type)
        result.append(regime_coverage(rule, figures, zones))
    return result


def zones_in_no_counted_regime(counts: list[OfficialCount], zones: list[Territories]) -> int:
    """The zones no count of their country covers (e.g. Russia's industrial parks)."""
    items = [item for count in counts for item in figures_of(count)]
    rules = {
        counted_regime(item.country_iso3, regime_name(item.country_iso3, item.regime), item.zone_type)
        for item in items
    }
    return total(z for z in zones if not any(z.is_of(rule) for rule in rules))
