"""The passport form as plain data: its fields as texts, the passport they make, and each problem under
its field.

Every input is named by the field's path in the standard (`needs.land_ha.needed`, `contacts.0.email`),
so a pydantic error's location is the input it is about. Lists are typed as text (ISIC and HS codes
separated by `;`, source pages one per line); contacts and documents are repeated rows, and a row left
empty is no contact: the filled rows are numbered again from 0 before they are read, so a problem of the
second filled row lands under that row when the form comes back. An empty input is an unknown value; the
reference case exists once one of its money fields is filled.
"""

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from sezatlas.standard.passport import Passport
from sezatlas.web.pages.incentives_form import field_message
from sezatlas.web.pages.labels import N_
from sezatlas.web.pages.passport_words import CASE_FIELDS, NEED_TITLES

MAX_CONTACTS, MAX_DOCUMENTS = 5, 20
CONTACT_FIELDS = ("name", "role", "email", "url")
DOCUMENT_FIELDS = ("title", "url")
NEED_FIELDS = tuple(f"needs.{need}.{side}" for need in NEED_TITLES for side in ("needed", "available"))
CASE_DEFAULTS = {"reference_case.start_year": "2027", "reference_case.horizon_years": "15"}
SCALARS = (
    "title", "summary", "offered_by", "zone_id", "currency", "capex_min_m", "capex_max_m", "jobs_expected",
    "stage", *NEED_FIELDS, *(f"reference_case.{name}" for name in CASE_FIELDS),
    "provenance.source_citation", "provenance.as_of", "provenance.confidence",
)  # fmt: skip
LISTS = {"isic_codes": r"[;,\s]+", "hs_codes": r"[;,\s]+", "provenance.source_urls": r"\s+"}
GROUPS = ("contacts", "documents", "reference_case", "provenance", "needs")  # problems of a whole group

_PATTERNS = {
    "hs_codes": N_("Enter HS codes of 2, 4 or 6 digits, such as 850760."),
    "email": N_("Enter an e-mail address such as invest@example.org."),
    "zone_id": N_("Enter a zone id such as RUS-001."),
}
_TOO_SHORT = {
    "isic_codes": N_("Give at least one ISIC code."),
    "contacts": N_("Give at least one contact."),
}
# The passport's own rules (`Passport._consistent`, `authoring`), in words a reader can be given.
_RULES = (
    (re.compile(r"^capex_min_m \S+ is above capex_max_m"), "capex_min_m",
     N_("The lower end of the capex range is above its upper end.")),
    (re.compile(r"^reference_case: its capex"), "reference_case",
     N_("The reference case's capex is outside the capex range.")),
    (re.compile(r"^provenance: a source"), "provenance",
     N_("Give a source (a web page or a citation) and the date it was true.")),
    (re.compile(r"^zone_id: no zone"), "zone_id", N_("No zone of this id is in the registry.")),
    (re.compile(r"^offered_by: only a development institution"), "offered_by",
     N_("Only a development institution offers a passport as one.")),
)  # fmt: skip


@dataclass(slots=True)
class FormProblems:
    by_field: dict[str, list[str]] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)  # the passport as a whole

    def add(self, name: str | None, message: str) -> None:
        if name is None:
            self.general.append(message)
        else:
            self.by_field.setdefault(name, []).append(message)

    def __bool__(self) -> bool:
        return bool(self.by_field or self.general)


def _shown(value: object) -> str:
    if value is None:
        return ""
    return f"{value:.15g}" if isinstance(value, float) else str(value)


def passport_texts(passport: Passport | None, zone_id: str = "") -> dict[str, str]:
    """Every input's text: the passport's values, or an empty form (the zone and defaults filled)."""
    if passport is None:
        return {"zone_id": zone_id, "currency": "USD", "offered_by": "zone", "stage": "idea", **CASE_DEFAULTS}
    texts: dict[str, str] = {}
    _flatten(passport.model_dump(mode="json"), "", texts)
    if passport.reference_case is None:
        texts |= CASE_DEFAULTS
    return texts


def _flatten(value: Any, path: str, texts: dict[str, str]) -> None:
    if path in LISTS:
        texts[path] = ("\n" if path == "provenance.source_urls" else "; ").join(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            _flatten(item, f"{path}.{key}" if path else key, texts)
    elif isinstance(value, list):
        for number, item in enumerate(value):
            _flatten(item, f"{path}.{number}", texts)
    else:
        texts[path] = _shown(value)


def _rows(form: Mapping[str, str], group: str, names: tuple[str, ...], most: int) -> dict[str, str]:
    """The group's filled rows, numbered again from 0 in the order they were typed."""
    texts: dict[str, str] = {}
    kept = 0
    for number in range(most):
        row = {name: form.get(f"{group}.{number}.{name}", "").strip() for name in names}
        if any(row.values()):
            texts |= {f"{group}.{kept}.{name}": text for name, text in row.items()}
            kept += 1
    return texts


def submitted_texts(form: Mapping[str, str]) -> dict[str, str]:
    """The posted form's texts, as `passport_texts` names them (the empty rows dropped)."""
    texts = {name: form.get(name, "").strip() for name in (*SCALARS, *LISTS)}
    texts |= _rows(form, "contacts", CONTACT_FIELDS, MAX_CONTACTS)
    texts |= _rows(form, "documents", DOCUMENT_FIELDS, MAX_DOCUMENTS)
    return texts


def _put(document: dict[str, Any], path: str, value: Any) -> None:
    """`document[a][b][c] = value` for `a.b.c`; a number in the path is a list's index."""
    *parents, last = path.split(".")
    target: Any = document
    for part, following in zip(parents, [*parents[1:], last][: len(parents)], strict=True):
        if isinstance(target, list):
            while len(target) <= int(part):
                target.append({})  # a row: contacts and documents are lists of objects
            target = target[int(part)]
        else:
            target = target.setdefault(part, [] if following.isdigit() else {})
    target[last] = value


def passport_document(texts: Mapping[str, str]) -> dict[str, Any]:
    """The document the texts describe, for `Passport.model_validate` (empty texts left out: unknown)."""
    document: dict[str, Any] = {}
    has_case = any(texts.get(f"reference_case.{name}") for name in CASE_FIELDS[2:])
    for path, text in texts.items():
        if not text or (path.startswith("reference_case.") and not has_case):
            continue
        if path in LISTS:
            _put(document, path, [item for item in re.split(LISTS[path], text) if item])
        else:
            _put(document, path, text)
    document.setdefault("contacts", [])
    return document


def form_name(location: tuple[int | str, ...]) -> str | None:
    """The input (or group) a problem's location is about; None for the passport as a whole."""
    parts = [str(part) for part in location]
    for size in range(len(parts), 0, -1):
        name = ".".join(parts[:size])
        if name in SCALARS or name in LISTS or name in GROUPS or _is_row_field(name):
            return name
    return None


def _is_row_field(name: str) -> bool:
    group, _, rest = name.partition(".")
    number, _, field_name = rest.partition(".")
    names = {"contacts": CONTACT_FIELDS, "documents": DOCUMENT_FIELDS}.get(group, ())
    return number.isdigit() and field_name in names


def _message(problem: Mapping[str, Any], name: str | None, gettext: Callable[[str], str]) -> str:
    kind, context = str(problem["type"]), problem.get("ctx") or {}
    if kind == "missing" or (kind == "string_too_short" and context.get("min_length") == 1):
        return gettext("This cannot be empty.")
    if kind == "string_too_short":
        return gettext("Write at least %(limit)s characters.") % {"limit": context["min_length"]}
    if kind == "string_too_long":
        return gettext("Write at most %(limit)s characters.") % {"limit": context["max_length"]}
    if kind == "too_short" and name in _TOO_SHORT:
        return gettext(_TOO_SHORT[name])
    if kind == "too_long":
        return gettext("Give at most %(limit)s.") % {"limit": context["max_length"]}
    if kind == "string_pattern_mismatch":
        key = "email" if (name or "").endswith(".email") else name
        if key in _PATTERNS:
            return gettext(_PATTERNS[key])
    if kind == "enum":
        return gettext("Choose one from the list.")
    if kind == "value_error":
        return str(problem["msg"]).removeprefix("Value error, ")
    return field_message(problem, gettext)


def rule_problem(message: str, gettext: Callable[[str], str]) -> tuple[str | None, str]:
    """A passport rule's English message (a model check, or the use case's `PassportError`) as the field
    it names and the reader's words; one we have no words for is kept, under the field it starts with."""
    for pattern, name, words in _RULES:
        if pattern.match(message):
            return name, gettext(words)
    named, _, rest = message.partition(": ")
    return (named, rest) if rest and form_name(tuple(named.split("."))) == named else (None, message)


def form_problems(error: ValidationError, gettext: Callable[[str], str]) -> FormProblems:
    """Each of pydantic's errors under the input it is about, in the reader's words where we have them."""
    problems = FormProblems()
    for problem in error.errors():
        name = form_name(problem["loc"])
        message = _message(problem, name, gettext)
        if name is None or problem["type"] == "value_error":
            rule_name, message = rule_problem(message, gettext)
            name = name or rule_name
        problems.add(name, message)
    return problems


def parse_passport(texts: Mapping[str, str], gettext: Callable[[str], str]) -> Passport | FormProblems:
    try:
        return Passport.model_validate(passport_document(texts))
    except ValidationError as error:
        return form_problems(error, gettext)


def row_count(texts: Mapping[str, str], group: str, most: int, spare: int) -> int:
    """How many rows of a repeated group the form shows: the filled ones and `spare` empty ones."""
    filled = len({name.split(".")[1] for name in texts if name.startswith(f"{group}.") and texts[name]})
    return min(most, filled + spare)
