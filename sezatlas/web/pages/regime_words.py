"""A tax regime in the reader's words: its name, headline profit tax, holiday, and the facts to check.

Pages never show a regime's internal id (`BRA-zpe`) or a path in its rules file (`cit.phases[0]`): a
regime is named by the first part of its name ("Export Processing Zone"), made unique within its country
where two share it, and a doubtful fact by what it says ("Profit tax: 0% for 10 years"), its confidence
and its source. The rules file's notes are for maintainers and are not shown. Names are the rules files'
English (source-language data); every word around them is translated.
"""

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from sezatlas.regimes.confidence import DOUBTFUL, doubtful_sourced_facts
from sezatlas.regimes.provenance import Sourced
from sezatlas.regimes.rules import (
    BenefitCap,
    CitRules,
    HolidayTrigger,
    IncomeScope,
    PillarTwo,
    RatePhase,
    Regime,
)
from sezatlas.standard.codes import Confidence
from sezatlas.web.i18n import country_name, format_number, translations
from sezatlas.web.pages.labels import CONFIDENCE_TITLES, N_

Gettext = Callable[[str], str]

TRIGGER_TITLES: dict[HolidayTrigger, str] = {
    HolidayTrigger.REGISTRATION: N_("counted from registration"),
    HolidayTrigger.FIRST_PRODUCTION: N_("counted from the first production"),
    HolidayTrigger.FIRST_REVENUE: N_("counted from the first revenue"),
    HolidayTrigger.FIRST_PROFIT: N_("counted from the first profit"),
}
SCOPE_TITLES: dict[IncomeScope, str] = {
    IncomeScope.EXPORT: N_("on export income only"),
    IncomeScope.QUALIFYING: N_("on qualifying income only"),
}


@dataclass(frozen=True, slots=True)
class Doubt:
    """A fact to check before relying on a number: what it says, how far to trust it, where it comes from."""

    text: str
    url: str | None


def short_name(regime: Regime) -> str:
    """The name without its legal references: "Export Processing Zone (ZPE; Law 11.508/2007)" → "…Zone"."""
    return regime.name.split(" (")[0]


def regime_titles(regimes: Mapping[str, Regime]) -> dict[str, str]:
    """regime_id → a name unique within its country: the short name, or the whole name where two share it."""
    seen: dict[tuple[str, str], int] = {}
    for regime in regimes.values():
        key = (regime.country_iso3, short_name(regime))
        seen[key] = seen.get(key, 0) + 1
    return {
        regime_id: regime.name if seen[(regime.country_iso3, short_name(regime))] > 1 else short_name(regime)
        for regime_id, regime in regimes.items()
    }


@lru_cache(maxsize=64)  # bounded: a designed regime brings an id of the reader's making
def _id_pattern(regime_ids: tuple[str, ...]) -> re.Pattern[str]:
    """Any of the ids, as a whole token (longest first, so RUS-international-tor is not read as RUS-tor)."""
    alternatives = "|".join(re.escape(i) for i in sorted(regime_ids, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


def with_names(text: str, titles: Mapping[str, str]) -> str:
    """The engine's English text (a reason, an error) with each regime id replaced by the regime's name."""
    return _id_pattern(tuple(titles)).sub(lambda found: f"“{titles[found.group(0)]}”", text)


def titled(regime_id: str, titles: Mapping[str, str], lang: str, regimes: Mapping[str, Regime]) -> str:
    """A regime as a chart axis or an export names it: "Export Processing Zone (Brazil)"."""
    return f"{titles[regime_id]} ({country_name(regimes[regime_id].country_iso3, lang)})"


def percent_text(rate: float, lang: str) -> str:
    return format_number(rate * 100, lang, max_fraction_digits=2) + "%"


def headline_rate(cit: CitRules, year: int) -> float:
    """The general profit tax rate in force in `year` (the latest dated rate from that year or before)."""
    in_force = [dated for dated in cit.standard_rates if dated.from_year <= year]
    return (in_force[-1] if in_force else cit.standard_rates[0]).value


def _phase_text(phase: RatePhase, gettext: Gettext, lang: str) -> str:
    rate = percent_text(phase.value, lang)
    if phase.years is not None:
        years = translations(lang).ngettext(
            "%(rate)s for %(years)s year", "%(rate)s for %(years)s years", phase.years
        )
        text = years % {"rate": rate, "years": phase.years}
    else:
        text = gettext("%(rate)s with no end date") % {"rate": rate}
    if phase.until_year is not None:
        text += " " + gettext("(until %(year)s at the latest)") % {"year": phase.until_year}
    return text


def holiday_lines(regime: Regime, gettext: Gettext, lang: str) -> list[str]:
    """The reduced profit tax rates in order, when they start, what income they cover; a turnover levy."""
    cit = regime.cit
    lines = [_phase_text(phase, gettext, lang) for phase in cit.phases]
    if lines:
        lines.append(gettext(TRIGGER_TITLES[cit.trigger]))
        if cit.income_scope in SCOPE_TITLES:
            lines.append(gettext(SCOPE_TITLES[cit.income_scope]))
    levy = regime.turnover_levy
    if levy is not None:
        rates = {
            "exports": percent_text(levy.export_rate, lang),
            "domestic": percent_text(levy.domestic_rate, lang),
        }
        lines.append(gettext("Turnover levy: %(exports)s on exports, %(domestic)s on domestic sales") % rates)
    return lines


def _fact_text(fact: Sourced, gettext: Gettext, lang: str) -> str:
    """What a doubtful fact says, from its type (the rules files have three kinds of them)."""
    if isinstance(fact, RatePhase):
        return gettext("Profit tax: reduced rate of %(phase)s") % {"phase": _phase_text(fact, gettext, lang)}
    if isinstance(fact, PillarTwo):
        if fact.qdmtt_from_year is None:
            return gettext("Global minimum tax (Pillar Two): no domestic top-up tax")
        return gettext("Global minimum tax (Pillar Two): domestic top-up tax from %(year)s") % {
            "year": fact.qdmtt_from_year}  # fmt: skip
    if isinstance(fact, BenefitCap):
        return gettext("Cap on benefits: at most %(share)s of the capital expenditure") % {
            "share": percent_text(fact.share_of_capex, lang)}  # fmt: skip
    return gettext("Another number of the regime's rules")  # none yet: the files doubt only those above


def _confidence(fact: Sourced, gettext: Gettext) -> str:
    title = CONFIDENCE_TITLES[fact.confidence if fact.confidence in DOUBTFUL else Confidence.UNVERIFIED]
    return gettext(title).lower()


def plain_doubts(regime: Regime, gettext: Gettext, lang: str) -> list[Doubt]:
    """Each low-confidence or unverified fact of the regime in words, with its own source (the regime's
    first source when the fact has none); a regime whose notes say a fact is unverified says so."""
    fallback = regime.provenance.source_urls[0] if regime.provenance.source_urls else None
    trust = gettext("confidence")
    doubts = [
        Doubt(f"{_fact_text(fact, gettext, lang)} — {trust}: {_confidence(fact, gettext)}",
              fact.source_url or fallback)
        for _path, fact in doubtful_sourced_facts(regime)
    ]  # fmt: skip
    if "UNVERIFIED" in (regime.notes or "").upper():
        doubts.append(Doubt(gettext("The sources leave one of the regime's rules unverified."), fallback))
    return doubts
