"""The site-selection form as a GET query: the URL is the form's state, so a ranking can be shared.

`RankForm` has one field per query parameter (short names, as in the URL); `to_request` turns it into
the domain's `RankRequest`, with the finance step expanded by `SimpleFinance` when it names capex.
"""

from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlencode

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic_core import PydanticUndefined
from starlette.datastructures import QueryParams

from sezatlas.regimes.sector_profiles import DEFAULT_SECTOR
from sezatlas.siting.request import RankRequest
from sezatlas.siting.simple_finance import SimpleFinance
from sezatlas.standard.codes import ZoneType
from sezatlas.standard.project import CriterionWeights, ProjectProfile, ScoringMethod
from sezatlas.standard.zone import CountryCode, IsicCode

Need = Annotated[float, Field(gt=0, le=1_000_000)]
Weight = Annotated[float, Field(ge=0, le=100)]
LIST_FIELDS = ("zone_type", "only", "exclude")
CHECKBOXES = ("rail", "confirmed")
DEFAULT_WEIGHTS = CriterionWeights()
INQUIRY_CAPEX = ("capex_buildings_m", "capex_machinery_m", "capex_intangibles_m")
# What the incentives page asks and this form does not: zero here, as `SimpleFinance` assumes.
INCENTIVES_ONLY_ZEROS = (
    "import_buildings_pct",
    "import_machinery_pct",
    "import_intangibles_pct",
    "imported_inputs_pct",
    "duty_capital_goods_pct",
    "duty_inputs_pct",
    "inflation_pct",
)


class RankForm(BaseModel):
    """The query of `/rank`; other parameters (`lang`, `f`) are ignored here."""

    model_config = ConfigDict(extra="ignore")

    name: Annotated[str, Field(min_length=1, max_length=200)] = "My project"
    isic: IsicCode
    land_ha: Need | None = None
    power_mw: Need | None = None
    rail: bool = False
    port_km: Need | None = None
    zone_type: list[ZoneType] = Field(default_factory=list)
    only: list[CountryCode] = Field(default_factory=list)
    exclude: list[CountryCode] = Field(default_factory=list)
    confirmed: bool = False  # only zones whose data confirm every need
    method: ScoringMethod = ScoringMethod.WEIGHTED_SUM
    w_sector_fit: Weight = DEFAULT_WEIGHTS.sector_fit
    w_land_headroom: Weight = DEFAULT_WEIGHTS.land_headroom
    w_power_headroom: Weight = DEFAULT_WEIGHTS.power_headroom
    w_seaport_distance: Weight = DEFAULT_WEIGHTS.seaport_distance
    w_airport_distance: Weight = DEFAULT_WEIGHTS.airport_distance
    w_incentives: Weight = DEFAULT_WEIGHTS.incentives
    w_data_freshness: Weight = DEFAULT_WEIGHTS.data_freshness
    w_data_confidence: Weight = DEFAULT_WEIGHTS.data_confidence
    finance: SimpleFinance = Field(default_factory=SimpleFinance)  # its fields are query parameters too

    def _profile(self) -> ProjectProfile:
        weights = {name: getattr(self, f"w_{name}") for name in CriterionWeights.model_fields}
        return ProjectProfile(
            name=self.name, isic_code=self.isic, land_need_ha=self.land_ha, power_need_mw=self.power_mw,
            needs_rail_siding=self.rail, max_distance_to_seaport_km=self.port_km,
            zone_types=self.zone_type, only_countries=self.only, excluded_countries=self.exclude,
            weights=CriterionWeights(**weights), method=self.method, only_confirmed_fit=self.confirmed,
        )  # fmt: skip

    def incentives_query(self) -> str | None:
        """This project as the incentives page's query (add `regime=`), valued as here: capex not imported,
        no inflation; None when the finance step was skipped."""
        finance = self.finance
        if not finance.has_capex:
            return None
        sent = {name: _shown(value) for name, value in finance.model_dump(exclude={"fx_rates"}).items()}
        rates = ", ".join(f"{code}={rate:g}" for code, rate in finance.fx_rates.items())
        return urlencode({"sector": DEFAULT_SECTOR, "name": self.name, "isic": self.isic, **sent,
                          **dict.fromkeys(INCENTIVES_ONLY_ZEROS, "0"), "fx_rates": rates})  # fmt: skip

    def inquiry_fields(self) -> list[tuple[str, str]]:
        """This project as the inquiry form's query (`/inquiries/new`, with a `zone` per zone chosen): its
        sector, land, power and jobs, and its capex with the currency it is in (`pages/inquiry_form.py`)."""
        finance = self.finance
        fields: list[tuple[str, object]] = [("isic", self.isic), ("land_ha", _shown(self.land_ha)),
                                            ("power_mw", _shown(self.power_mw))]  # fmt: skip
        if finance.headcount:
            fields.append(("headcount", finance.headcount))
        if finance.has_capex:
            fields += [(name, _shown(getattr(finance, name))) for name in INQUIRY_CAPEX]
            fields.append(("currency", finance.currency))
        return [(name, str(value)) for name, value in fields if value != ""]

    def to_request(self) -> RankRequest:
        """The domain's request; the finance step counts only when it names capex (it is optional)."""
        finance = self.finance
        money = finance.to_project_input(self.name, self.isic) if finance.has_capex else None
        return RankRequest(project=self._profile(), finance=money)


@dataclass(frozen=True, slots=True)
class FieldError:
    field: str  # the query parameter
    message: str


def _shown(default: object) -> object:
    """A default as an input shows it: 8.0 as "8", None (or a default made by a factory) as empty."""
    if default is None or default is PydanticUndefined:
        return ""
    return f"{default:g}" if isinstance(default, float) else default


def form_values(query: QueryParams) -> dict[str, Any]:
    """What the form shows: the defaults, overlaid with what the reader sent (kept as sent, even if bad)."""
    fields = {**RankForm.model_fields, **SimpleFinance.model_fields}
    shown = fields.keys() - {*LIST_FIELDS, "isic", "finance"}
    values: dict[str, Any] = {name: _shown(fields[name].default) for name in shown}
    values["isic"] = ""
    values.update({key: value for key, value in query.items() if key not in LIST_FIELDS})
    values.update({name: is_ticked(query, name) for name in CHECKBOXES})
    for name in LIST_FIELDS:
        values[name] = query.getlist(name)
    return values


def is_ticked(query: QueryParams, name: str) -> bool:
    return query.get(name) in {"1", "on", "true"}


def is_submitted(query: QueryParams) -> bool:
    """The form was sent (it always sends `isic`); a bare `/rank` shows the empty form."""
    return "isic" in query


def parse_form(query: QueryParams) -> RankForm | list[FieldError]:
    """The form, or the problems, one per field (empty inputs mean "not given")."""
    given = {key: value for key, value in query.items() if value.strip() and key not in LIST_FIELDS}
    finance_fields = SimpleFinance.model_fields
    data: dict[str, Any] = {key: value for key, value in given.items() if key not in finance_fields}
    finance = {key: value for key, value in given.items() if key in finance_fields}
    data["finance"] = {**finance, "fx_rates": parse_fx_rates(query.get("fx_rates", ""))}
    data.update({name: is_ticked(query, name) for name in CHECKBOXES})
    for name in LIST_FIELDS:
        data[name] = [value for value in query.getlist(name) if value]
    try:
        return RankForm.model_validate(data)
    except ValidationError as error:
        return [FieldError(_parameter(problem["loc"]), problem["msg"]) for problem in error.errors()]


def parse_fx_rates(text: str) -> dict[str, str] | str:
    """ "RUB=0.0125, EUR 1.08" → {"RUB": "0.0125", "EUR": "1.08"}; the text itself when it is not pairs
    (so validation reports it against `fx_rates`)."""
    pairs = [part.replace("=", " ").split() for part in text.replace(";", ",").split(",") if part.strip()]
    if any(len(pair) != 2 for pair in pairs):
        return text
    return {code.upper(): rate for code, rate in pairs}


def _parameter(location: tuple[int | str, ...]) -> str:
    """The query parameter a problem is about: ("finance", "capex_buildings_m") is `capex_buildings_m`."""
    names = [str(part) for part in location if isinstance(part, str) and part != "finance"]
    return names[0] if names else "form"
