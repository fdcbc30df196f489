"""The rows a comparison adds to the zone page's facts, for a decision: the regime's taxes and the distances.

The regime rows read the rules of the regime the zone is linked to (`regime.regime_id`): its name, its
headline profit tax rate in the default project's start year, its reduced rates, and the NPV of its
incentives for the incentives page's default project, computed by the same engine call as that page
(`compare_incentives`, without the METR), so a value can be followed to the page that shows every
assumption. The logistics rows name the nearest port, airport and city where the distance was computed
from the zone's point (`zone_logistics.computed_distances`). Nothing here is a new number: each is a fact
of a rules file or a registry record, or a computation stated as one (`ROW_METHODS`).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from sezatlas.regimes.actions import compare_incentives
from sezatlas.regimes.comparison import RegimeOutcome
from sezatlas.regimes.loader import load_regimes
from sezatlas.regimes.rules import Regime
from sezatlas.registry.logistics import CITIES
from sezatlas.standard.zone import Zone
from sezatlas.web.i18n import format_as_of, format_number
from sezatlas.web.pages.facts import Fact, Reader
from sezatlas.web.pages.incentives_form import (
    DEFAULT_REGIMES,
    SECTOR_TITLES,
    IncentivesForm,
    default_values,
    parse_form,
    share_query,
)
from sezatlas.web.pages.labels import N_
from sezatlas.web.pages.regime_words import headline_rate, holiday_lines, percent_text, regime_titles
from sezatlas.web.pages.zone_logistics import DISTANCE_NOTE

MILLION = 1_000_000.0
NPV_NOTE = N_(
    "Computed by SEZ Atlas’s incentive engine for the default project of the incentives page "
    "(%(sector)s, capital expenditure %(capex)s million %(currency)s, %(first)s–%(last)s): the present "
    "value of the taxes and duties under the country’s standard regime minus those under the zone’s regime. "
    "Follow a value to see the project and every assumption."
)


@dataclass(frozen=True, slots=True)
class DefaultProject:
    """The incentives page's default project, valued under each regime of the compared zones."""

    form: IncentivesForm
    outcomes: Mapping[str, RegimeOutcome]
    links: Mapping[str, str]  # regime_id → the incentives page showing this valuation


def value_default_project(zones: list[Zone], regimes: Mapping[str, Regime]) -> DefaultProject:
    """One engine run per distinct regime of the zones (a standard regime is valued at 0).

    The bundled regimes never change in a process, so their valuation is kept per set of regimes and day
    (a fifth of a comparison's time was this engine run, the same on every view); shared: never change it."""
    linked = [zone.regime.regime_id for zone in zones]
    ids = tuple(
        dict.fromkeys(regime_id for regime_id in linked if regime_id is not None and regime_id in regimes)
    )
    bundled = load_regimes()
    if all(regimes[i] is bundled.get(i) for i in ids):
        return _bundled_valuation(ids, date.today())
    return _valuation(ids, regimes)


@lru_cache(maxsize=256)
def _bundled_valuation(ids: tuple[str, ...], _day: date) -> DefaultProject:
    return _valuation(ids, load_regimes())


def _valuation(ids: tuple[str, ...], regimes: Mapping[str, Regime]) -> DefaultProject:
    form = parse_form(default_values(list(ids or DEFAULT_REGIMES[:1])), regimes, str)
    if not isinstance(form, IncentivesForm):
        raise RuntimeError(f"the incentives page's default project is refused: {form}")
    project = form.project_input().to_project()
    outcomes = compare_incentives(project, list(ids), with_metr=False, regimes=regimes) if ids else []
    links = {
        i: "/incentives?" + share_query({**default_values([i]), "schedule": i}) + "#schedule" for i in ids
    }
    return DefaultProject(form, {outcome.regime.regime_id: outcome for outcome in outcomes}, links)


def _fact(column: str, label: str, value: str | None = None, *, items: list[str] | None = None,
          href: str | None = None, sources: tuple[str, ...] = (),
          as_of: str | None = None) -> Fact:  # fmt: skip
    return Fact(column=column, label=label, value=value, href=href, items=items or [],
                source_urls=list(sources), source_citation=None, as_of=as_of)  # fmt: skip


def _npv_text(outcome: RegimeOutcome | None, reader: Reader) -> str | None:
    if outcome is None or outcome.error is not None or outcome.comparison is None:
        return reader.gettext("not computable for the default project") if outcome is not None else None
    if not outcome.comparison.zone.is_eligible:
        return reader.gettext("0: the default project is not eligible")
    npv = outcome.comparison.npv_of_incentives
    return None if npv is None else format_number(npv / MILLION, reader.lang, max_fraction_digits=2)


def regime_facts(zone: Zone, project: DefaultProject, regimes: Mapping[str, Regime], reader: Reader,
                 titles: Mapping[str, str]) -> list[Fact]:  # fmt: skip
    """The zone's regime by name, its headline profit tax rate, its reduced rates and the default
    project's NPV of incentives (all unknown when the zone is linked to no encoded regime)."""
    _ = reader.gettext
    labels = regime_row_labels(project, reader)
    regime = regimes.get(zone.regime.regime_id or "")
    if regime is None:
        return [_fact(column, label) for column, label in labels.items()]
    sources, as_of = regime.provenance.source_urls, regime.provenance.as_of
    shown_as_of = format_as_of(as_of, reader.lang) if as_of else None
    rate = percent_text(headline_rate(regime.cit, project.form.start_year), reader.lang)
    lines = holiday_lines(regime, _, reader.lang)
    link = project.links.get(regime.regime_id)
    return [
        _fact("regime_name", labels["regime_name"], titles[regime.regime_id], href=link, sources=sources,
              as_of=shown_as_of),
        _fact("cit_headline_pct", labels["cit_headline_pct"], rate, sources=sources, as_of=shown_as_of),
        _fact("cit_reduced_rates", labels["cit_reduced_rates"], None if lines else _("No reduced rate"),
              items=lines, sources=sources, as_of=shown_as_of),
        _fact("incentives_npv_m", labels["incentives_npv_m"],
              _npv_text(project.outcomes.get(regime.regime_id), reader), href=link),
    ]  # fmt: skip


def regime_row_labels(project: DefaultProject, reader: Reader) -> dict[str, str]:
    _ = reader.gettext
    return {
        "regime_name": _("Tax regime"),
        "cit_headline_pct": _("Profit tax rate, headline (per cent)"),
        "cit_reduced_rates": _("Tax holiday and reduced rates"),
        "incentives_npv_m": _("NPV of incentives, default project (million %(currency)s)")
        % {"currency": project.form.currency},
    }


def row_methods(project: DefaultProject, reader: Reader) -> dict[str, str]:
    """column → how the row's values were computed, for rows SEZ Atlas computes."""
    form, _ = project.form, reader.gettext
    capex = form.capex_buildings_m + form.capex_machinery_m + form.capex_intangibles_m
    npv = _(NPV_NOTE) % {
        "sector": _(SECTOR_TITLES[form.sector]),
        "capex": format_number(capex, reader.lang, max_fraction_digits=1), "currency": form.currency,
        "first": form.start_year, "last": form.start_year + form.horizon_years - 1,
    }  # fmt: skip
    distance = _(DISTANCE_NOTE)
    return {"incentives_npv_m": npv, "distance_to_seaport_km": distance, "distance_to_airport_km": distance,
            CITIES.key: distance}  # fmt: skip


def regimes_and_titles() -> tuple[Mapping[str, Regime], dict[str, str]]:
    regimes = load_regimes()
    return regimes, regime_titles(regimes)
