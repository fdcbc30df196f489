"""The incentives form as a GET query: the URL is the form's state, so a comparison can be shared.

The money fields are `SimpleFinance`'s (the same query parameters as the finance step of `/rank`: capex
in year 0, then flat yearly figures, in millions); this form adds the imported share of each asset
class, imported inputs, duty rates, inflation and the regimes to compare. What the form shows is, in
order of precedence: what the reader sent (a non-empty value), the chosen sector's illustrative profile
(`regimes.sector_profiles`), then the defaults below. `apply=sector` puts the sector's figures back over
what was sent. The comparison is computed from exactly what is shown.
"""

from collections.abc import Callable, Mapping
from typing import Annotated, Any
from urllib.parse import urlencode

from pydantic import ConfigDict, Field, ValidationError
from starlette.datastructures import QueryParams

from sezatlas.regimes.contract import CapexInput, ProjectInput
from sezatlas.regimes.rules import AssetClass, Regime
from sezatlas.regimes.sector_profiles import DEFAULT_SECTOR, SectorProfile, sector_profiles
from sezatlas.siting.simple_finance import MILLION, SimpleFinance
from sezatlas.standard.zone import IsicCode
from sezatlas.web.pages.labels import N_
from sezatlas.web.pages.rank_form import FieldError, parse_fx_rates

Percent = Annotated[float, Field(ge=0, le=100)]
RegimeId = Annotated[str, Field(max_length=64)]
MAX_REGIMES = 60  # as the API's POST /api/v1/incentives/project
# One regime per country, each open to new entrants and without a threshold in another currency, so the
# default comparison computes for a project in any currency (RUS-tor and the Indonesian holiday tiers need
# an exchange rate for their RUB/IDR minimum investment).
DEFAULT_REGIMES = (
    "ARE-qfzp", "BRA-zpe", "CHN-hainan-ftp", "EGY-free-zone", "ETH-sez-enterprise", "IDN-kek-tax-allowance",
    "IND-sez-new-unit", "IRN-ftz", "RUS-kaliningrad-sez", "SAU-sez", "ZAF-sez-12r",
)  # fmt: skip
LIST_FIELDS = ("regime",)
FIELD_ORDER = (
    "name", "sector", "isic", "currency", "start_year", "horizon_years",
    "capex_buildings_m", "capex_machinery_m", "capex_intangibles_m",
    "import_buildings_pct", "import_machinery_pct", "import_intangibles_pct",
    "revenue_m_per_year", "opex_m_per_year", "payroll_m_per_year", "headcount",
    "export_share_pct", "imported_inputs_pct", "duty_capital_goods_pct", "duty_inputs_pct",
    "real_discount_rate_pct", "inflation_pct", "fx_rates", "schedule",
)  # fmt: skip

# The sectors of `regimes.sector_profiles` in the reader's words.
SECTOR_TITLES: dict[str, str] = {
    "auto_parts": N_("Automotive parts"),
    "electronics": N_("Electronics assembly"),
    "food": N_("Food processing"),
    "pharma": N_("Pharmaceuticals"),
    "chemicals": N_("Basic chemicals"),
    "apparel": N_("Textiles and apparel"),
    "data_centre": N_("Data centre"),
    "software": N_("Software development"),
    "logistics": N_("Warehousing and logistics"),
}

# Labels of every field, used by the form and by the error summary (so a message names the field as shown).
FIELD_LABELS: dict[str, str] = {
    "name": N_("Project name"),
    "sector": N_("Sector"),
    "isic": N_("ISIC Rev.4 code"),
    "currency": N_("Currency"),
    "start_year": N_("Start year"),
    "horizon_years": N_("Years"),
    "capex_buildings_m": N_("Capex: buildings"),
    "capex_machinery_m": N_("Capex: machinery"),
    "capex_intangibles_m": N_("Capex: intangibles"),
    "import_buildings_pct": N_("Buildings imported, per cent"),
    "import_machinery_pct": N_("Machinery imported, per cent"),
    "import_intangibles_pct": N_("Intangibles imported, per cent"),
    "revenue_m_per_year": N_("Revenue per year"),
    "opex_m_per_year": N_("Operating costs per year"),
    "payroll_m_per_year": N_("Payroll per year"),
    "headcount": N_("Jobs"),
    "export_share_pct": N_("Exports, per cent of sales"),
    "imported_inputs_pct": N_("Imported inputs, per cent of costs"),
    "duty_capital_goods_pct": N_("Duty on capital goods, per cent"),
    "duty_inputs_pct": N_("Duty on inputs, per cent"),
    "real_discount_rate_pct": N_("Real discount rate, per cent"),
    "inflation_pct": N_("Inflation, per cent"),
    "fx_rates": N_("Exchange rates (optional)"),
    "regime": N_("Regimes to compare"),
    "capex": N_("Capital expenditure"),
    "form": N_("The project"),
}


class IncentivesForm(SimpleFinance):
    """The query of `/incentives` (field names are the query parameters); `lang`, `f`, `apply` are not."""

    model_config = ConfigDict(extra="ignore")

    name: Annotated[str, Field(min_length=1, max_length=200)] = "My project"
    sector: str = DEFAULT_SECTOR
    isic: IsicCode
    import_buildings_pct: Percent = 0.0
    import_machinery_pct: Percent = 0.0
    import_intangibles_pct: Percent = 0.0
    imported_inputs_pct: Percent = 0.0
    duty_capital_goods_pct: Percent = 0.0
    duty_inputs_pct: Percent = 0.0
    inflation_pct: Annotated[float, Field(ge=-50, le=100)] = 2.0
    regime: list[RegimeId] = Field(max_length=MAX_REGIMES)  # none: the designed regime alone
    schedule: RegimeId | None = None  # the regime whose taxes by year are shown

    def _capex(self) -> list[CapexInput]:
        """Capex by asset class in year 0, each with its imported share."""
        amounts = [
            (AssetClass.BUILDINGS, self.capex_buildings_m, self.import_buildings_pct),
            (AssetClass.MACHINERY, self.capex_machinery_m, self.import_machinery_pct),
            (AssetClass.INTANGIBLES, self.capex_intangibles_m, self.import_intangibles_pct),
        ]
        return [CapexInput(asset_class=kind, year=0, amount=m * MILLION, import_share=pct / 100)
                for kind, m, pct in amounts if m > 0]  # fmt: skip

    def project_input(self) -> ProjectInput:
        """The engine's project: `SimpleFinance`'s series plus what only this form asks."""
        return self.to_project_input(self.name, self.isic).model_copy(update={
            "inflation": self.inflation_pct / 100,
            "imported_input_share": self.imported_inputs_pct / 100,
            "duty_rate_capital_goods": self.duty_capital_goods_pct / 100,
            "duty_rate_inputs": self.duty_inputs_pct / 100,
        })  # fmt: skip


def _shown(value: object) -> str:
    """A number as an input (or a message) shows it: 8.0 as "8", 1e6 as "1000000"."""
    return f"{value:.15g}" if isinstance(value, float | int) and not isinstance(value, bool) else str(value)


def sector_values(profile: SectorProfile) -> dict[str, str]:
    """The fields a sector fills, as the form shows them (shares in per cent)."""

    def pct(share: float) -> str:
        return _shown(round(share * 100, 6))

    return {
        "isic": profile.isic_code,
        "capex_buildings_m": _shown(profile.capex_buildings_m),
        "capex_machinery_m": _shown(profile.capex_machinery_m),
        "capex_intangibles_m": _shown(profile.capex_intangibles_m),
        "import_buildings_pct": pct(profile.import_share_buildings),
        "import_machinery_pct": pct(profile.import_share_machinery),
        "import_intangibles_pct": pct(profile.import_share_intangibles),
        "revenue_m_per_year": _shown(profile.revenue_m_per_year),
        "opex_m_per_year": _shown(profile.opex_m_per_year),
        "payroll_m_per_year": _shown(profile.payroll_m_per_year),
        "headcount": _shown(profile.headcount),
        "export_share_pct": pct(profile.export_share),
        "imported_inputs_pct": pct(profile.imported_input_share),
        "duty_capital_goods_pct": pct(profile.duty_rate_capital_goods),
        "duty_inputs_pct": pct(profile.duty_rate_inputs),
    }


def _defaults() -> dict[str, str]:
    """The form's fields in the order it shows them (and a shared URL lists them), with their defaults."""
    fields = IncentivesForm.model_fields
    kept = ("name", "currency", "start_year", "horizon_years", "real_discount_rate_pct", "inflation_pct")
    shown = dict.fromkeys(FIELD_ORDER, "") | {name: _shown(fields[name].default) for name in kept}
    return shown | {"sector": DEFAULT_SECTOR}


def is_submitted(query: QueryParams) -> bool:
    """The form was sent (it always sends `sector`); a bare `/incentives` shows the form with defaults."""
    return "sector" in query


def form_values(query: QueryParams) -> dict[str, Any]:
    """What the form shows: defaults, then the sector's figures, then what was sent (kept as sent)."""
    profiles = sector_profiles()
    sector = query.get("sector", DEFAULT_SECTOR)
    profile = profiles.get(sector, profiles[DEFAULT_SECTOR])
    sent = {key: value for key, value in query.items() if key in FIELD_ORDER and value.strip()}
    values: dict[str, Any] = {**_defaults(), **sector_values(profile), **sent, "sector": sector}
    if query.get("apply") == "sector":
        values.update(sector_values(profile))
    values["regime"] = query.getlist("regime") if is_submitted(query) else list(DEFAULT_REGIMES)
    return values


def default_values(regime_ids: list[str]) -> dict[str, Any]:
    """The form as a bare `/incentives` fills it (the default sector's figures), comparing `regime_ids`:
    the default project other pages value a regime for (the compare page's "NPV of incentives")."""
    return {**form_values(QueryParams({"sector": DEFAULT_SECTOR})), "regime": regime_ids}


def share_query(values: Mapping[str, Any]) -> str:
    """The form's state as a query string, in the form's order, lists repeated (`regime=A&regime=B`)."""
    pairs: list[tuple[str, str]] = []
    for name, value in values.items():
        if isinstance(value, list):
            pairs += [(name, item) for item in value]
        elif value != "":
            pairs.append((name, str(value)))
    return urlencode(pairs)


def parse_form(values: Mapping[str, Any], regimes: Mapping[str, Regime], gettext: Callable[[str], str],
               has_design: bool = False) -> IncentivesForm | list[FieldError]:  # fmt: skip
    """The form, or the problems, one per field, each in words a reader can act on (no regime chosen is
    one, unless a regime is designed: `incentives_design.py`)."""
    data = {**values, "fx_rates": parse_fx_rates(str(values.get("fx_rates", "")))}
    data["schedule"] = values.get("schedule") or None
    try:
        form = IncentivesForm.model_validate(data)
    except ValidationError as error:
        return [FieldError(_parameter(problem["loc"]), field_message(problem, gettext))
                for problem in error.errors()]  # fmt: skip
    problems = [FieldError("regime", gettext("Unknown regime: %(id)s.") % {"id": regime_id})
                for regime_id in form.regime if regime_id not in regimes]  # fmt: skip
    if not form.regime and not has_design:
        problems.append(FieldError("regime", gettext("Choose at least one regime.")))
    if form.sector not in sector_profiles():
        problems.append(FieldError("sector", gettext("Choose a sector from the list.")))
    if not form.has_capex:
        problems.append(FieldError("capex", gettext("Enter at least one capital expenditure above 0.")))
    return problems or form


def _parameter(location: tuple[int | str, ...]) -> str:
    names = [str(part) for part in location if isinstance(part, str)]
    return names[0] if names else "form"


_LIMITS = {
    "greater_than_equal": ("ge", N_("Must be at least %(limit)s.")),
    "less_than_equal": ("le", N_("Must be at most %(limit)s.")),
    "greater_than": ("gt", N_("Must be more than %(limit)s.")),
    "less_than": ("lt", N_("Must be less than %(limit)s.")),
}
_MESSAGES = {
    "float_parsing": N_("Enter a number."),
    "int_parsing": N_("Enter a whole number."),
    "int_from_float": N_("Enter a whole number."),
    "string_pattern_mismatch": N_("Enter a three-letter code such as USD."),
    "string_too_short": N_("This cannot be empty."),
    "too_short": N_("Choose at least one regime."),
    "too_long": N_("Choose at most 60 regimes."),
    "dict_type": N_("Write pairs such as RUB=0.0125, INR=0.012."),
}


def field_message(problem: Mapping[str, Any], gettext: Callable[[str], str]) -> str:
    """A validation problem in the reader's language where we have the words, pydantic's English otherwise."""
    kind = str(problem["type"])
    if kind in _LIMITS:
        key, message = _LIMITS[kind]
        return gettext(message) % {"limit": _shown(problem["ctx"][key])}
    if kind in _MESSAGES:
        return gettext(_MESSAGES[kind])
    return str(problem["msg"])


def errors_by_field(problems: list[FieldError]) -> dict[str, list[str]]:
    """The messages to show next to each field."""
    found: dict[str, list[str]] = {}
    for problem in problems:
        found.setdefault(problem.field, []).append(problem.message)
    return found
