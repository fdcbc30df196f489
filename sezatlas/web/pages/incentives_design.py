"""The incentives form's "Design a regime" step: a bundled regime to start from, the rules an analyst changes
most, and TOML for the rest. Parsed here, turned into a regime by `regimes/design.py`.

The fields are part of the page's GET form (`design_from=RUS-standard&design_phase_rate_1=10&…`), so a
designed comparison is shared by its URL like any other; the TOML text is kept short for that reason
(`MAX_TOML_CHARS`; a longer regime goes to `--regime-file` or the API). Choosing the start fills the fields
with its rules (`apply=design`, as `apply=sector` fills a sector's figures); so does a URL naming only the
start. Rates are typed in per cent, as everywhere on the page. A refusal of the regime itself (a
`CustomRegimeError` with its field path) is shown next to the field that wrote that part of it, or next to
the TOML text.
"""

from collections.abc import Callable, Mapping
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.datastructures import QueryParams

from sezatlas.regimes.design import SOURCE, Allowance, Phase, RegimeDesign, starting_point
from sezatlas.regimes.designer import parse_regime_text
from sezatlas.regimes.errors import CustomRegimeError
from sezatlas.regimes.rules import AssetClass, DepreciationMethod, Regime
from sezatlas.web.pages.incentives_form import field_message
from sezatlas.web.pages.labels import N_
from sezatlas.web.pages.rank_form import FieldError

Gettext = Callable[[str], str]
PHASE_ROWS = 4
MAX_TOML_CHARS = 4000
PHASE_FIELDS = tuple(
    f"design_phase_{part}_{k}" for k in range(1, PHASE_ROWS + 1) for part in ("rate", "years")
)
ASSET_FIELDS = tuple(
    f"design_dep_{part}_{kind.value}" for kind in AssetClass for part in ("method", "rate", "life")
)
CHECKBOXES = ("design_duty_exempt", "design_vat_exempt")
DESIGN_FIELDS = (
    "design_from", "design_name", *PHASE_FIELDS, *ASSET_FIELDS, "design_property_years", "design_land_years",
    *CHECKBOXES, "design_toml",
)  # fmt: skip

ASSET_TITLES: dict[AssetClass, str] = {
    AssetClass.BUILDINGS: N_("Buildings"),
    AssetClass.MACHINERY: N_("Machinery"),
    AssetClass.INTANGIBLES: N_("Intangibles"),
}
METHOD_TITLES: dict[DepreciationMethod, str] = {
    DepreciationMethod.STRAIGHT_LINE: N_("Straight line"),
    DepreciationMethod.DECLINING_BALANCE: N_("Declining balance"),
    DepreciationMethod.EXPENSING: N_("Written off at once"),
}
LABELS: dict[str, str] = {
    "design_from": N_("Start from"),
    "design_name": N_("Name of the designed regime"),
    "design_phases": N_("Profit tax: reduced rates"),
    "design_property_years": N_("Property tax: years exempt"),
    "design_land_years": N_("Land tax: years exempt"),
    "design_duty_exempt": N_("No customs duty on imported capital goods"),
    "design_vat_exempt": N_("No VAT on imported capital goods"),
    "design_toml": N_("Other rules (TOML, advanced)"),
}
Percent = Annotated[float, Field(ge=0, le=100)]
Years = Annotated[int, Field(ge=0, le=200)]


class DesignForm(BaseModel):
    """The designer's fields once typed (an empty field is None)."""

    model_config = ConfigDict(extra="ignore")

    design_from: str
    design_name: Annotated[str, Field(min_length=1, max_length=200)]
    design_property_years: Years = 0
    design_land_years: Years = 0
    design_duty_exempt: bool = False
    design_vat_exempt: bool = False
    design_toml: Annotated[str, Field(max_length=MAX_TOML_CHARS)] = ""
    rates: dict[int, Percent | None]
    years: dict[int, Annotated[int, Field(ge=1, le=200)] | None]
    methods: dict[AssetClass, DepreciationMethod | None]
    dep_rates: dict[AssetClass, Annotated[float, Field(gt=0, le=100)] | None]
    lives: dict[AssetClass, Annotated[float, Field(gt=0, le=200)] | None]


def labels(gettext: Gettext) -> dict[str, str]:
    """Every designer field's label in the reader's language (the form and the error summary use them)."""
    found = {name: gettext(label) for name, label in LABELS.items()}
    for k in range(1, PHASE_ROWS + 1):
        found[f"design_phase_rate_{k}"] = gettext("Phase %(number)s: rate, per cent") % {"number": k}
        found[f"design_phase_years_{k}"] = gettext("Phase %(number)s: years") % {"number": k}
    for kind, title in ASSET_TITLES.items():
        asset = {"asset": gettext(title)}
        found[f"design_dep_method_{kind.value}"] = gettext("%(asset)s: method") % asset
        found[f"design_dep_rate_{kind.value}"] = gettext("%(asset)s: rate, per cent a year") % asset
        found[f"design_dep_life_{kind.value}"] = gettext("%(asset)s: life in years") % asset
    return found


def _percent(share: float) -> str:
    """A share as the form shows it in per cent: 0.076 as "7.6", a third as "33.3333333333" (to 1e-10, so
    that reading it back finds the same rate: `design._same_phases`)."""
    return f"{round(share * 100, 10):.15g}"


def start_values(start: Regime, name: str) -> dict[str, str]:
    """The designer's fields as `start` has them: the point a design starts from."""
    design = starting_point(start, name)
    values = {"design_from": start.regime_id, "design_name": name, **dict.fromkeys(PHASE_FIELDS, "")}
    for k, phase in enumerate(design.phases[:PHASE_ROWS], start=1):
        values[f"design_phase_rate_{k}"] = _percent(phase.rate)
        values[f"design_phase_years_{k}"] = "" if phase.years is None else str(phase.years)
    for kind, allowance in design.depreciation.items():
        values[f"design_dep_method_{kind.value}"] = "" if allowance is None else allowance.method.value
        values[f"design_dep_rate_{kind.value}"] = "" if allowance is None else _percent(allowance.rate)
        values[f"design_dep_life_{kind.value}"] = ""
    values["design_property_years"] = str(design.property_exemption_years)
    values["design_land_years"] = str(design.land_exemption_years)
    values["design_duty_exempt"] = "1" if design.is_capital_goods_duty_exempt else ""
    values["design_vat_exempt"] = "1" if design.is_capital_goods_vat_exempt else ""
    return values


def design_values(
    query: QueryParams, regimes: Mapping[str, Regime], default_name: Callable[[Regime], str]
) -> dict[str, str]:
    """What the designer shows: nothing without a start; the start's rules when it was just chosen (or the
    URL names only the start); else what was sent, kept as sent."""
    sent = {name: query.get(name, "") for name in DESIGN_FIELDS}
    start = regimes.get(sent["design_from"])
    if start is None or not (query.get("apply") == "design" or "design_name" not in query):
        return sent
    return {**start_values(start, default_name(start)), "design_toml": sent["design_toml"]}


def parse_design(
    values: Mapping[str, Any], regimes: Mapping[str, Regime], gettext: Gettext
) -> tuple[str, RegimeDesign] | list[FieldError] | None:
    """The start and the design, the problems one per field, or None when no regime is designed."""
    start_id = str(values.get("design_from") or "")
    if not start_id:
        return None
    if start_id not in regimes:
        return [FieldError("design_from", gettext("Unknown regime: %(id)s.") % {"id": start_id})]
    try:
        form = DesignForm.model_validate(_typed(values))
    except ValidationError as error:
        return [
            FieldError(_field_of(problem["loc"]), _message(problem, gettext)) for problem in error.errors()
        ]
    problems: list[FieldError] = []
    phases = _phases(form, gettext, problems)
    depreciation = {kind: _allowance(form, kind, gettext, problems) for kind in AssetClass}
    extra = _extra(form.design_toml, problems)
    if problems:
        return problems
    return start_id, RegimeDesign(
        name=form.design_name, phases=phases, depreciation=depreciation,
        property_exemption_years=form.design_property_years, land_exemption_years=form.design_land_years,
        is_capital_goods_duty_exempt=form.design_duty_exempt,
        is_capital_goods_vat_exempt=form.design_vat_exempt, extra=extra,
    )  # fmt: skip


def _typed(values: Mapping[str, Any]) -> dict[str, Any]:
    """The query's strings grouped as `DesignForm` reads them; an empty field is left out or None."""

    def given(name: str) -> str | None:
        text = str(values.get(name) or "").strip()
        return text or None

    plain = ("design_from", "design_property_years", "design_land_years")
    data: dict[str, Any] = {name: given(name) for name in plain if given(name) is not None}
    data |= {name: bool(given(name)) for name in CHECKBOXES}
    data |= {"design_name": given("design_name") or "", "design_toml": str(values.get("design_toml") or "")}
    for group, prefix in GROUPED.items():
        keys = (
            range(1, PHASE_ROWS + 1) if group in {"rates", "years"} else [kind.value for kind in AssetClass]
        )
        data[group] = {key: given(f"{prefix}{key}") for key in keys}
    return data


GROUPED = {"rates": "design_phase_rate_", "years": "design_phase_years_", "methods": "design_dep_method_",
           "dep_rates": "design_dep_rate_", "lives": "design_dep_life_"}  # fmt: skip


def _field_of(location: tuple[int | str, ...]) -> str:
    """The query parameter a validation problem is about (`("rates", 2)` → `design_phase_rate_2`)."""
    first = str(location[0]) if location else "design_from"
    if first in GROUPED and len(location) > 1:
        return GROUPED[first] + str(location[1])
    return first


def _message(problem: Mapping[str, Any], gettext: Gettext) -> str:
    if problem["type"] == "string_too_long":  # the TOML text, or the name
        return gettext("Write at most %(limit)s characters.") % {"limit": problem["ctx"]["max_length"]}
    return field_message(problem, gettext)


def _phases(form: DesignForm, gettext: Gettext, problems: list[FieldError]) -> tuple[Phase, ...]:
    """The filled rows in order; a row with years but no rate, or an open row before another, is refused."""
    rows = [(k, form.rates[k], form.years[k]) for k in range(1, PHASE_ROWS + 1)]
    filled = [(k, rate, years) for k, rate, years in rows if rate is not None or years is not None]
    for position, (k, rate, years) in enumerate(filled):
        if rate is None:
            problems.append(FieldError(f"design_phase_rate_{k}", gettext("Enter the rate of this phase.")))
        elif years is None and position < len(filled) - 1:
            message = gettext("Only the last phase may run to the end: enter its years.")
            problems.append(FieldError(f"design_phase_years_{k}", message))
    return tuple(Phase(rate / 100, years) for _, rate, years in filled if rate is not None)


def _allowance(
    form: DesignForm, kind: AssetClass, gettext: Gettext, problems: list[FieldError]
) -> Allowance | None:
    """The class's rule: expensing, a life (a rate of 1/life), or a rate; None: as the start has it."""
    method = form.methods[kind]
    if method is None:
        return None
    if method is DepreciationMethod.EXPENSING:
        return Allowance(method, 1.0)
    life, rate = form.lives[kind], form.dep_rates[kind]
    if life is not None:
        return Allowance(method, min(1.0, 1 / life))
    if rate is None:
        problems.append(
            FieldError(f"design_dep_rate_{kind.value}", gettext("Enter a rate or a life in years."))
        )
        return None
    return Allowance(method, rate / 100)


def _extra(text: str, problems: list[FieldError]) -> dict[str, Any]:
    if not text.strip():
        return {}
    try:
        return parse_regime_text(text, "TOML", SOURCE)
    except CustomRegimeError as error:
        problems.append(FieldError("design_toml", error.reason))
        return {}


SECTION_FIELDS = {"property_tax": "design_property_years", "land_tax": "design_land_years",
                  "customs": "design_duty_exempt", "vat": "design_vat_exempt", "name": "design_name",
                  "cit": "design_phases"}  # fmt: skip


def design_problems(error: CustomRegimeError, written: Mapping[str, Any]) -> list[FieldError]:
    """The engine's refusal of the designed regime next to the field that wrote that part, or next to the
    TOML text when it came from there (`written`: what the TOML text set)."""
    path = (error.field or "").split(".")
    message = f"{error.field}: {error.reason}" if error.field else error.reason
    if not path[0] or path[0] in written:
        return [FieldError("design_toml", message)]
    if path[:2] == ["cit", "phases"] and len(path) > 3 and path[2].isdigit() and int(path[2]) < PHASE_ROWS:
        part = "years" if path[3] == "years" else "rate"
        return [FieldError(f"design_phase_{part}_{int(path[2]) + 1}", error.reason)]
    if path[0] == "depreciation" and len(path) > 1 and path[1] in {kind.value for kind in AssetClass}:
        return [FieldError(f"design_dep_rate_{path[1]}", error.reason)]
    return [FieldError(SECTION_FIELDS.get(path[0], "design_toml"), message)]
