"""The pure parts of a report: plain data in (zones as of a moment, counts, the engine's outcomes), plain
data out, so each rule is tested without a database.

Zones are counted as the statistics pages count them (`registry/coverage.py` `Territories`: parts go with
their whole), but from the zones as the registry held them at the report's moment
(`stewardship/versions.py` `registry_at`) rather than from the current rows, which is what makes a report
reproducible.
"""

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime

from sezatlas.regimes.comparison import RegimeOutcome
from sezatlas.regimes.project import Project
from sezatlas.regimes.rules import Regime
from sezatlas.regimes.sector_profiles import sector_profiles
from sezatlas.registry.coverage import Territories, as_of_key
from sezatlas.registry.zone_query import BadQueryValue
from sezatlas.reports.model import DatasetSources, IncentiveLine, ReferenceProject, RegimeLine
from sezatlas.standard.country import OfficialCount
from sezatlas.standard.zone import Zone

NO_DATASET = "unknown"


def territories_of(zones: Iterable[Zone]) -> list[Territories]:
    """The zones grouped by the facts statistics read, parts left to their whole (`count_territories`'s
    rule, over zones already read)."""
    groups = Counter(
        (z.country_iso3, z.zone_type.value, z.zone_type_label, z.status.value if z.status else None,
         z.location.admin1, z.year_established)
        for z in zones
        if z.parent_zone_id is None
    )  # fmt: skip
    return [Territories(*facts, zones=count) for facts, count in sorted(groups.items(), key=str)]


def unplaced(zones: Iterable[Zone]) -> int:
    """Zones without a point, parts included (`statistics.unplaced_zones`' rule)."""
    return sum(1 for zone in zones if zone.location.latitude is None)


def counts_known_by(counts: Sequence[OfficialCount], moment: datetime) -> tuple[list[OfficialCount], int]:
    """The counts a report as of `moment` may quote: those dated by then (or undated), and how many are
    left out because their source dates them later."""
    day = moment.date().isoformat()
    kept = [count for count in counts if as_of_key(count.as_of) <= day]
    return kept, len(counts) - len(kept)


def regime_lines(regimes: Mapping[str, Regime], iso3: str, zones: Iterable[Zone]) -> list[RegimeLine]:
    """The country's encoded regimes, its standard regime first, each with the zones linked to it."""
    linked = Counter(zone.regime.regime_id for zone in zones if zone.regime.regime_id)
    own = sorted((r for r in regimes.values() if r.country_iso3 == iso3),
                 key=lambda r: (not r.is_standard, r.regime_id))  # fmt: skip
    return [RegimeLine(regime, linked[regime.regime_id]) for regime in own]


def _urls(zone: Zone) -> list[str]:
    urls = [str(url) for url in zone.provenance.source_urls]
    for provenance in zone.field_provenance.values():
        urls.extend(str(url) for url in provenance.source_urls)
    return urls


def dataset_sources(zones: Iterable[Zone]) -> list[DatasetSources]:
    """The zones' sources summarised per dataset: how many zones, which pages they cite, the newest date."""
    by_dataset: dict[str, list[Zone]] = {}
    for zone in zones:
        by_dataset.setdefault(zone.dataset or NO_DATASET, []).append(zone)
    result = []
    for dataset, members in sorted(by_dataset.items()):
        urls = dict.fromkeys(url for zone in members for url in _urls(zone))
        dates = [zone.provenance.as_of for zone in members if zone.provenance.as_of]
        result.append(DatasetSources(dataset, len(members), tuple(sorted(urls)), max(dates, default=None)))
    return result


def reference_project(code: str, project: Project) -> ReferenceProject:
    """What a reader needs to know of a reference project to read its figures."""
    profile = sector_profiles()[code]
    return ReferenceProject(
        code=code, title=profile.title, isic_code=project.isic_code, currency=project.currency,
        capex=sum(item.amount for item in project.capex), revenue_per_year=max(project.revenue, default=0.0),
        headcount=project.headcount, horizon_years=project.horizon_years,
        real_discount_rate=project.real_discount_rate,
    )  # fmt: skip


def incentive_lines(sector: str, outcomes: Iterable[RegimeOutcome]) -> list[IncentiveLine]:
    """The engine's outcomes for one project as report lines, unchanged (`compare_incentives`)."""
    lines = []
    for outcome in outcomes:
        found = outcome.comparison
        lines.append(IncentiveLine(
            sector=sector, regime_id=outcome.regime.regime_id, standard_id=outcome.regime.counterfactual_id,
            npv_of_incentives=found.npv_of_incentives if found else None,
            aetr=found.zone.aetr if found else None, standard_aetr=found.standard.aetr if found else None,
            metr=found.zone.metr if found else None, standard_metr=found.standard.metr if found else None,
            error=outcome.error,
        ))  # fmt: skip
    return lines


def exchange_rates(text: str) -> dict[str, float]:
    """`"RUB=0.011, INR=0.012"` (USD per unit, as the incentives form takes them) → `{"RUB": 0.011, …}`;
    anything else is a `BadQueryValue` naming `fx`. The rates are the report maker's, and it says so."""
    rates: dict[str, float] = {}
    for part in (piece.strip() for piece in text.replace(";", ",").split(",")):
        if not part:
            continue
        code, _, value = part.replace(" ", "=").partition("=")
        try:
            rate = float(value)
        except ValueError:
            rate = math.nan
        if len(code) != 3 or not code.isalpha() or not math.isfinite(rate) or rate <= 0:
            raise BadQueryValue("fx", f"{part!r}: write CUR=rate, USD per unit, e.g. RUB=0.011")
        rates[code.upper()] = rate
    return rates
