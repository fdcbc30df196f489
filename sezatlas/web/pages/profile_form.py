"""The investor's project-profile form as plain data: its inputs as texts, the `InvestorProfile` they make
with each problem under its input, and the profile as the rank form's query.

The inputs the profile shares with the site-selection form have the rank form's short names (`name`,
`isic`, `land_ha`, `power_mw`, `zone_type`, `only`, `exclude`; `rank_form.RankForm`), the others the
profile's own (`hs`, `currency`, `capex_min_m`, `capex_max_m`, `stage`, `shown`). The form shows what
matching reads; what it does not show (criterion weights, the method, rail, distances, workforce…) is
kept from the saved profile, so a profile written through the API loses nothing by being edited here.
An empty input is "not given"; an unticked box is absent from a post, so `shown` is off unless ticked.
"""

import re
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlencode

from pydantic import ValidationError
from starlette.datastructures import FormData

from sezatlas.standard.passport import InvestorProfile
from sezatlas.standard.project import CriterionWeights, ProjectProfile, ScoringMethod
from sezatlas.web.pages.incentives_form import field_message
from sezatlas.web.pages.labels import N_
from sezatlas.web.pages.match_words import ISIC_CODE

# input → where it is in the profile
SCALARS: dict[str, tuple[str, ...]] = {
    "name": ("project", "name"),
    "isic": ("project", "isic_code"),
    "land_ha": ("project", "land_need_ha"),
    "power_mw": ("project", "power_need_mw"),
    "currency": ("currency",),
    "capex_min_m": ("capex_min_m",),
    "capex_max_m": ("capex_max_m",),
}
LISTS: dict[str, tuple[str, ...]] = {
    "hs": ("project", "hs_codes"),  # typed, separated by commas, semicolons or spaces
    "zone_type": ("project", "zone_types"),  # ticked
    "only": ("project", "only_countries"),
    "exclude": ("project", "excluded_countries"),
    "stage": ("stages",),
}
SHOWN = "shown"
TICKED = "on"
_SEPARATORS = re.compile(r"[\s,;]+")
_WORDS = {"hs": N_("Enter HS codes of 2, 4 or 6 digits, such as 850760.")}  # as `passport_form` words it
_CAPEX_ORDER = re.compile(r"capex_min_m \S+ is above capex_max_m")
CAPEX_ORDER = N_("The lower end of the capex range is above its upper end.")


def _shown(value: object) -> str:
    if value is None:
        return ""
    return f"{value:.15g}" if isinstance(value, float) else str(value)


def _at(document: Mapping[str, Any], path: tuple[str, ...]) -> Any:
    value: Any = document
    for part in path:
        value = value.get(part) if isinstance(value, Mapping) else None
    return value


def profile_texts(profile: InvestorProfile | None) -> dict[str, Any]:
    """Every input's text (a list for the ticked and typed lists); an empty form opens in US dollars."""
    if profile is None:
        return {**dict.fromkeys(SCALARS, ""), "currency": "USD", **{name: [] for name in LISTS}, SHOWN: False}
    document = profile.model_dump(mode="json")
    texts: dict[str, Any] = {name: _shown(_at(document, path)) for name, path in SCALARS.items()}
    texts |= {name: [str(item) for item in _at(document, path) or []] for name, path in LISTS.items()}
    return {**texts, "hs": "; ".join(texts["hs"]), SHOWN: profile.shown_to_passport_owners}


def submitted_texts(form: FormData) -> dict[str, Any]:
    """The posted inputs, as `profile_texts` names them."""
    texts: dict[str, Any] = {name: str(form.get(name) or "").strip() for name in SCALARS}
    texts |= {name: [v.strip() for v in form.getlist(name) if isinstance(v, str) and v.strip()]
              for name in LISTS if name != "hs"}  # fmt: skip
    return {**texts, "hs": str(form.get("hs") or "").strip(), SHOWN: form.get(SHOWN) == TICKED}


def _document(texts: Mapping[str, Any], kept: InvestorProfile | None) -> dict[str, Any]:
    """The saved profile (or an empty one) with the form's inputs written over it."""
    document: dict[str, Any] = kept.model_dump(mode="json") if kept is not None else {"project": {}}
    for name, path in SCALARS.items():
        _put(document, path, texts.get(name) or None)  # empty: the default (unknown), or "missing"
    for name, path in LISTS.items():
        given = texts.get(name, [])
        _put(document, path, [code for code in _SEPARATORS.split(given) if code] if name == "hs" else given)
    document["shown_to_passport_owners"] = bool(texts.get(SHOWN))
    return document


def _put(document: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    """`document[a][b] = value`; None leaves the field out."""
    *parents, last = path
    target = document
    for part in parents:
        target = target.setdefault(part, {})
    if value is None:
        target.pop(last, None)
    else:
        target[last] = value


def _input_of(location: tuple[int | str, ...]) -> str:
    """The input a problem's location is about ("" for the profile as a whole)."""
    parts = tuple(str(part) for part in location)
    for name, path in (*SCALARS.items(), *LISTS.items()):
        if parts[: len(path)] == path:
            return name
    return ""


def _message(problem: Mapping[str, Any], name: str, gettext: Callable[[str], str]) -> str:
    kind = str(problem["type"])
    if kind == "missing" or (kind == "string_too_short" and name == "name"):
        return gettext("This cannot be empty.")
    if name in _WORDS and kind == "string_pattern_mismatch":
        return gettext(_WORDS[name])
    if name == "isic" and kind == "value_error":
        return gettext(ISIC_CODE)
    if kind == "enum":
        return gettext("Choose one from the list.")
    if _CAPEX_ORDER.search(str(problem["msg"])):
        return gettext(CAPEX_ORDER)
    if kind == "value_error":
        return str(problem["msg"]).removeprefix("Value error, ")
    return field_message(problem, gettext)


def parse_profile(
    texts: Mapping[str, Any], kept: InvestorProfile | None, gettext: Callable[[str], str]
) -> InvestorProfile | dict[str, list[str]]:
    """The profile the form describes, or its problems by input (a capex range upside down under
    `capex_min_m`; a problem of no input under "")."""
    try:
        return InvestorProfile.model_validate(_document(texts, kept))
    except ValidationError as error:
        problems: dict[str, list[str]] = {}
        for problem in error.errors():
            name = _input_of(problem["loc"])
            if not name and _CAPEX_ORDER.search(str(problem["msg"])):
                name = "capex_min_m"
            problems.setdefault(name, []).append(_message(problem, name, gettext))
        return problems


def rank_query(project: ProjectProfile) -> str:
    """The project as `/rank`'s query: what the rank form asks (it has no place for HS codes, water, gas,
    workforce, the airport or preferred countries, so the ranking there may differ a little)."""
    weights = CriterionWeights()
    fields: list[tuple[str, str]] = [("name", project.name), ("isic", project.isic_code)]
    fields += [(name, _shown(value)) for name, value in (
        ("land_ha", project.land_need_ha), ("power_mw", project.power_need_mw),
        ("port_km", project.max_distance_to_seaport_km)) if value is not None]  # fmt: skip
    fields += [("rail", "1")] if project.needs_rail_siding else []
    fields += [("confirmed", "1")] if project.only_confirmed_fit else []
    fields += [("zone_type", str(kind)) for kind in project.zone_types]
    fields += [("only", code) for code in project.only_countries]
    fields += [("exclude", code) for code in project.excluded_countries]
    fields += [("method", str(project.method))] if project.method is not ScoringMethod.WEIGHTED_SUM else []
    fields += [(f"w_{name}", _shown(value)) for name, value in project.weights.model_dump().items()
               if value != getattr(weights, name)]  # fmt: skip
    return urlencode(fields)
