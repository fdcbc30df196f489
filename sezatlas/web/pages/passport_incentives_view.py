"""A passport's "Incentives that apply" as its page and PDF show them, and the link that opens the same
figures in the incentives form.

The numbers are `passports.incentives.passport_incentives`'s (the engine's), only formatted: amounts in
millions of the passport's currency, rates in per cent. The reasons nothing was computed are said in the
reader's words where the passport's own rule gave them; the engine's reasons stay in its English, as on
the incentives page, marked as English.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from sezatlas.passports.incentives import PassportIncentives, reference_project
from sezatlas.regimes.loader import load_regimes
from sezatlas.regimes.sector_profiles import DEFAULT_SECTOR
from sezatlas.standard.passport import Passport
from sezatlas.web.i18n import format_number
from sezatlas.web.pages.facts import Reader
from sezatlas.web.pages.incentives_view import INSTRUMENT_TITLES, millions, percent
from sezatlas.web.pages.labels import SOURCE_LANGUAGE
from sezatlas.web.pages.passport_view import amount_text
from sezatlas.web.pages.passport_words import METHOD, NO_REFERENCE_CASE, REGIME_NOT_ENCODED
from sezatlas.web.pages.regime_words import regime_titles, with_names

INCENTIVES_PATH = "/incentives"
# What the incentives form would fill from a sector's profile, set to what `passport_incentives` assumes
# (no imports, no duties, no inflation; the engine's default discount rate), so the link computes the same.
SAME_ASSUMPTIONS = {
    "import_buildings_pct": "0", "import_machinery_pct": "0", "import_intangibles_pct": "0",
    "imported_inputs_pct": "0", "duty_capital_goods_pct": "0", "duty_inputs_pct": "0", "inflation_pct": "0",
    "real_discount_rate_pct": "8",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Reason:
    text: str
    lang: str | None  # "en" for the engine's own English


@dataclass(frozen=True, slots=True)
class IncentivesView:
    regime: str | None  # the zone's regime, by name
    npv: str | None  # "RUB 1,234.5 million"; None when nothing was computed
    parts: list[tuple[str, str]]  # instrument title, amount text
    zone_aetr: str | None
    standard_aetr: str | None
    zone_metr: str | None
    reasons: list[Reason]
    method: str
    form_url: str | None  # the incentives form with the same figures; None without a reference case


def _money(value: float | None, currency: str, reader: Reader) -> str | None:
    amount = amount_text(millions(value), reader)
    if amount is None:
        return None
    return reader.gettext("%(currency)s %(amount)s million") % {"currency": currency, "amount": amount}


def _rate(rate: float | None, reader: Reader) -> str | None:
    shown = percent(rate)
    return None if shown is None else format_number(shown, reader.lang, 1) + "%"


def _reasons(found: PassportIncentives, passport: Passport, titles: dict[str, str],
             reader: Reader) -> list[Reason]:  # fmt: skip
    if reference_project(passport) is None:
        return [Reason(reader.gettext(NO_REFERENCE_CASE), None)]
    if found.regime_id is None:
        return [Reason(reader.gettext(REGIME_NOT_ENCODED) % {"zone": passport.zone_id}, None)]
    return [Reason(with_names(reason, titles), SOURCE_LANGUAGE) for reason in found.reasons]


def form_url(passport: Passport, regime_id: str | None) -> str | None:
    """`/incentives?…` with the passport's reference case, jobs, sector and zone regime."""
    case = passport.reference_case
    if case is None or regime_id is None or reference_project(passport) is None:
        return None
    figures = {name: f"{value:.15g}" if isinstance(value, float) else str(value)
               for name, value in case.model_dump().items()}  # fmt: skip
    query = {"name": passport.title, "sector": DEFAULT_SECTOR, "isic": passport.isic_codes[0],
             "currency": passport.currency, **figures, "headcount": str(passport.jobs_expected or 0),
             **SAME_ASSUMPTIONS, "regime": regime_id}  # fmt: skip
    return f"{INCENTIVES_PATH}?{urlencode(query)}"


def incentives_view(found: PassportIncentives, passport: Passport, reader: Reader) -> IncentivesView:
    titles = regime_titles(load_regimes())
    _ = reader.gettext
    parts = [(_(INSTRUMENT_TITLES.get(name, name)), _money(value, found.currency, reader) or "")
             for name, value in found.by_instrument.items() if value != 0]  # fmt: skip
    return IncentivesView(
        regime=titles.get(found.regime_id, found.regime_id) if found.regime_id else None,
        npv=_money(found.npv_of_incentives, found.currency, reader),
        parts=parts,
        zone_aetr=_rate(found.zone_aetr, reader),
        standard_aetr=_rate(found.standard_aetr, reader),
        zone_metr=_rate(found.zone_metr, reader),
        reasons=_reasons(found, passport, titles, reader),
        method=_(METHOD),
        form_url=form_url(passport, found.regime_id),
    )
