"""The send form of an inquiry as plain data: its fields prefilled from the address that opened it (a zone
page, a comparison, a `/rank` shortlist), and the posted fields read back into a `ProjectSummary`.

The rank form's query names the project (`isic`, `land_ha`, `power_mw`, `headcount`) and its capex by
asset class in millions of `currency` (`siting.simple_finance.SimpleFinance`, USD unless said otherwise).
The inquiry asks for the investment in millions of US dollars, so it is prefilled with the capex's sum
only when the rank form's currency is USD: converting with a rate the investor did not give would put a
figure in their mouth. Every field keeps what the person typed, even when it is wrong, so a refused form
comes back as it was sent.

`show_identity` is a checkbox, ticked on a new form: a browser posts a ticked box as "on" and leaves an
unticked one out, so a post without it hides the investor's name (`InquiryRow.shows_identity`).
"""

import math
import re
from collections.abc import Mapping

from pydantic import ValidationError
from starlette.datastructures import QueryParams

from sezatlas.inquiries.sending import ProjectSummary

TEXT_FIELDS = ("isic_codes", "investment_usd_m", "jobs", "land_ha", "power_mw", "timeline", "message")
SHOW_IDENTITY = "show_identity"
TICKED = "on"
NUMBER_FIELDS = ("investment_usd_m", "land_ha", "power_mw")
CAPEX_FIELDS = ("capex_buildings_m", "capex_machinery_m", "capex_intangibles_m")
RANK_CURRENCY = "USD"  # `SimpleFinance.currency`'s default: a rank query without `currency` is in USD
_CODE_SEPARATORS = re.compile(r"[\s,;]+")


def number_text(value: float) -> str:
    """A number as an input shows it: 2370, 12.5 (never 2.37e+03)."""
    return f"{value:.15g}"


def _number(text: str) -> float | None:
    """A finite number typed with a point or a decimal comma; None for anything else."""
    try:
        value = float(text.strip().replace(",", "."))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _investment(query: QueryParams) -> str:
    """The rank form's capex, summed, when it is in US dollars; empty otherwise."""
    if (query.get("currency") or RANK_CURRENCY).strip().upper() != RANK_CURRENCY:
        return ""
    amounts = [_number(query.get(name, "")) for name in CAPEX_FIELDS if query.get(name, "").strip()]
    if not amounts or any(amount is None or amount < 0 for amount in amounts):
        return ""
    total = sum(amount for amount in amounts if amount is not None)
    return number_text(total) if total > 0 else ""


def prefilled(query: QueryParams) -> dict[str, str]:
    """The form's texts from the address that opened it (the rank form's parameters, all optional)."""
    headcount = _number(query.get("headcount", ""))
    return {
        "isic_codes": ", ".join(code.strip() for code in query.getlist("isic") if code.strip()),
        "investment_usd_m": _investment(query),
        "jobs": str(int(headcount)) if headcount is not None and headcount >= 1 else "",
        "land_ha": query.get("land_ha", "").strip(),
        "power_mw": query.get("power_mw", "").strip(),
        "timeline": "",
        "message": "",
        SHOW_IDENTITY: TICKED,
    }


def posted_texts(fields: Mapping[str, str]) -> dict[str, str]:
    """The form's texts as sent (a field missing from the post is empty, an unticked box too)."""
    texts = {name: fields.get(name, "") for name in TEXT_FIELDS}
    return {**texts, SHOW_IDENTITY: TICKED if fields.get(SHOW_IDENTITY) else ""}


def shows_identity(texts: Mapping[str, str]) -> bool:
    """Whether the investor ticked "show my name and organisation to the zones"."""
    return texts.get(SHOW_IDENTITY) == TICKED


def _numbers(texts: Mapping[str, str]) -> tuple[dict[str, float | int], list[str]]:
    values: dict[str, float | int] = {}
    problems = []
    for name in NUMBER_FIELDS:
        text = texts[name].strip()
        if text:
            value = _number(text)
            if value is None:
                problems.append(f"{name}: {text!r} is not a number")
            else:
                values[name] = value
    jobs = texts["jobs"].strip()
    if jobs:
        if jobs.isdigit():
            values["jobs"] = int(jobs)
        else:
            problems.append(f"jobs: {jobs!r} is not a whole number")
    return values, problems


def project_of(texts: Mapping[str, str]) -> ProjectSummary | list[str]:
    """The project the form describes, or its problems as "field: reason" (as the use cases word theirs)."""
    values, problems = _numbers(texts)
    codes = [code for code in _CODE_SEPARATORS.split(texts["isic_codes"]) if code]
    data = {"isic_codes": codes, **values, "timeline": texts["timeline"].strip() or None}
    try:
        project = ProjectSummary.model_validate(data)
    except ValidationError as error:
        problems += [f"{problem['loc'][0] if problem['loc'] else 'project'}: {problem['msg']}"
                     for problem in error.errors()]  # fmt: skip
        return problems
    return problems or project
