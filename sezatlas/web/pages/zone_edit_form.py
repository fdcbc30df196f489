"""The zone edit form as plain data: its fields (every fact an operator may change, grouped and labelled
as the zone page shows them, units in the labels), each prefilled with the stored value as text, and the
facts a submitted form really changes.

Only what the person changed is proposed: a field whose text is the stored value's is left out, so sending
the prefilled form again proposes nothing. An emptied field clears its fact (the form says so).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sezatlas.regimes.loader import load_regimes
from sezatlas.standard.flat import LIST_SEPARATORS, zone_to_flat
from sezatlas.standard.zone import Zone
from sezatlas.stewardship.changes import POINT, editable_columns
from sezatlas.tabular.report import Problem
from sezatlas.web.pages.facts import GROUPS, FactKind, Reader
from sezatlas.web.pages.isic_labels import IsicLabel, isic_label, isic_levels
from sezatlas.web.pages.labels import CODE_TITLES
from sezatlas.web.pages.regime_words import regime_titles

ISIC_ADD = "isic_codes_add"  # the picker's text field; the kept codes are `isic_codes` checkboxes
SOURCE_FIELDS = ("source_url", "document", "as_of", "comment")


@dataclass(frozen=True, slots=True)
class Choice:
    value: str
    title: str


@dataclass(slots=True)
class EditField:
    column: str
    label: str  # translated, with its unit
    kind: FactKind
    text: str  # the value in the input: stored, or as typed
    choices: list[Choice] = field(default_factory=list)  # codes, yes/no, regimes ("" = unknown)
    isic: list[IsicLabel] = field(default_factory=list)  # the codes ticked, labelled
    problems: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class EditGroup:
    key: str
    title: str
    fields: list[EditField]


def stored_text(value: Any) -> str:
    """A stored value as the form shows it: 95.5, 2010, true, 2720;2910; empty for unknown."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.15g}"
    if isinstance(value, list):
        return ";".join(str(item) for item in value)
    return str(value)


def stored_texts(zone: Zone) -> dict[str, str]:
    flat = zone_to_flat(zone, lists_as_text=False)
    return {column: stored_text(flat.get(column)) for column in editable_columns()}


def _choices(column: str, kind: FactKind, zone: Zone, reader: Reader) -> list[Choice]:
    _ = reader.gettext
    unknown = Choice("", _("unknown"))
    if kind == FactKind.CODE:
        return [unknown, *(Choice(code, _(title)) for code, title in CODE_TITLES[column].items())]
    if kind == FactKind.YES_NO:
        return [unknown, Choice("true", _("Yes")), Choice("false", _("No"))]
    if kind == FactKind.REGIME:
        regimes = load_regimes()
        titles = regime_titles(regimes)
        own = [rid for rid, regime in regimes.items() if regime.country_iso3 == zone.country_iso3]
        return [unknown, *(Choice(rid, titles[rid]) for rid in sorted(own, key=lambda rid: titles[rid]))]
    return []


def _codes(text: str) -> list[str]:
    return [code.strip() for code in text.replace(",", ";").split(";") if code.strip()]


def edit_groups(zone: Zone, texts: Mapping[str, str], reader: Reader,
                problems: Sequence[Problem] = ()) -> list[EditGroup]:  # fmt: skip
    """Every editable fact, grouped as the zone page groups them, with `texts` in the inputs and each
    problem of a refused change under its field."""
    editable = set(editable_columns())
    by_field: dict[str, list[str]] = {}
    for problem in problems:
        if problem.field is not None:
            by_field.setdefault(problem.field, []).append(problem.reason)
    groups = []
    for key, title, specs in GROUPS:
        fields = [
            EditField(
                column=spec.column,
                label=reader.gettext(spec.label),
                kind=spec.kind,
                text=texts.get(spec.column, ""),
                choices=_choices(spec.column, spec.kind, zone, reader),
                isic=[isic_label(code, reader) for code in _codes(texts.get(spec.column, ""))]
                if spec.kind == FactKind.ISIC
                else [],
                problems=by_field.get(spec.column, []),
            )
            for spec in specs
            if spec.column in editable
        ]
        groups.append(EditGroup(key, reader.gettext(title), fields))
    return groups


def general_problems(problems: Sequence[Problem]) -> list[str]:
    """The problems that belong to no fact of the form (the change as a whole)."""
    shown = set(editable_columns()) | set(SOURCE_FIELDS)
    return [
        f"{problem.field}: {problem.reason}" if problem.field else problem.reason
        for problem in problems
        if problem.field not in shown
    ]


def source_problems(problems: Sequence[Problem]) -> dict[str, list[str]]:
    """The problems of the source's fields (address, document, date, comment), each name present."""
    found: dict[str, list[str]] = {name: [] for name in SOURCE_FIELDS}
    for problem in problems:
        if problem.field in found:
            found[problem.field].append(problem.reason)
    return found


def isic_options(reader: Reader) -> list[IsicLabel]:
    """The picker's list: every ISIC Rev.4 code down to classes, in the reader's language."""
    return isic_levels(reader, frozenset({"section", "division", "group", "class"}))


def submitted_texts(form: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """The form's text per editable column it holds (the ISIC codes ticked plus those added, in order,
    once); a column the form does not hold at all is left out, never read as emptied."""
    texts = {}
    for column in editable_columns():
        if column == "isic_codes" and (column in form or ISIC_ADD in form):
            codes = [*form.get(column, []), *_codes(";".join(form.get(ISIC_ADD, [])))]
            texts[column] = ";".join(dict.fromkeys(code.strip() for code in codes if code.strip()))
        elif form.get(column):
            texts[column] = form[column][-1].strip()
    return texts


def changed_values(stored: Mapping[str, str], submitted: Mapping[str, str]) -> dict[str, str]:
    """Column → typed text of each field the person changed; the point's two halves go together."""
    changed = {
        column: text
        for column, text in submitted.items()
        if column in stored and _normal(column, text) != _normal(column, stored[column])
    }
    if set(POINT) & set(changed):
        changed |= {column: submitted.get(column, "") for column in POINT}
    return changed


def _normal(column: str, text: str) -> str:
    if column in LIST_SEPARATORS:
        return ";".join(_codes(text))
    return text.strip()
