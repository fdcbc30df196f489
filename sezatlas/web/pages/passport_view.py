"""A passport as its page and its PDF show it: every field labelled and formatted in the reader's language.

`fact_groups` gives the project, its money and its reference case as labelled lines; `need_rows` the land
and utilities needed against those available; `passport_lines` all of it flattened to one line per field
(contacts and documents one line each), which is also what the secretariat's review compares, field by
field (`diff_rows`). Unknown is shown as unknown, never as zero. Codes are shown by their titles: ISIC in
the reader's language (`isic_labels`), HS in the nomenclature's English, marked as English.
"""

from dataclasses import dataclass

from sezatlas.standard.codelists import hs_codes
from sezatlas.standard.passport import Passport
from sezatlas.web.i18n import format_as_of, format_number
from sezatlas.web.pages.facts import Reader
from sezatlas.web.pages.isic_labels import isic_label
from sezatlas.web.pages.labels import SOURCE_LANGUAGE
from sezatlas.web.pages.passport_words import (
    CAPEX_RANGE,
    CASE_FIELDS,
    CONTACT_LINE,
    DOCUMENT_LINE,
    FIELD_LABELS,
    GROUP_TITLES,
    NEED_LINE,
    NEED_TITLES,
    OFFERED_BY_TITLES,
    STAGE_TITLES,
)
from sezatlas.web.pages.stewardship_words import DiffRow

MONEY_DIGITS = 3  # millions: 0.125 is 125 thousand, worth showing


@dataclass(frozen=True, slots=True)
class Line:
    key: str  # the field's path (`capex`, `reference_case.capex_buildings_m`, `contacts.0`)
    label: str  # translated
    text: str | None  # formatted; None: unknown
    items: tuple[str, ...] = ()  # a list field, one formatted entry each
    lang: str | None = None  # the text's language where it is a source's English, not the page's words

    @property
    def shown(self) -> str | None:
        """The line as one text (a list's entries joined): what the review's diff compares."""
        return "; ".join(self.items) if self.items else self.text


@dataclass(frozen=True, slots=True)
class LineGroup:
    key: str
    title: str
    lines: list[Line]


@dataclass(frozen=True, slots=True)
class NeedRow:
    key: str
    label: str
    needed: str | None
    available: str | None
    is_short: bool  # the site has less than the project needs


def amount_text(value: float | None, reader: Reader, digits: int = MONEY_DIGITS) -> str | None:
    return None if value is None else format_number(value, reader.lang, digits)


def capex_text(passport: Passport, reader: Reader) -> str:
    """`RUB 30,000–45,000 million` (one figure when the range is a point)."""
    low, high = amount_text(passport.capex_min_m, reader), amount_text(passport.capex_max_m, reader)
    if low == high:
        point = reader.gettext("%(currency)s %(amount)s million")
        return point % {"currency": passport.currency, "amount": low}
    return reader.gettext(CAPEX_RANGE) % {"currency": passport.currency, "low": low, "high": high}


def hs_text(code: str) -> str:
    entry = hs_codes().get(code)
    return f"{code} — {entry.description}" if entry is not None else code


def _label(key: str, reader: Reader) -> str:
    return reader.gettext(FIELD_LABELS[key])


def _project_lines(passport: Passport, zone_name: str, reader: Reader) -> list[Line]:
    _ = reader.gettext
    return [
        Line("title", _label("title", reader), passport.title),
        Line("summary", _label("summary", reader), passport.summary),
        Line("offered_by", _label("offered_by", reader), _(OFFERED_BY_TITLES[passport.offered_by])),
        Line("zone_id", _label("zone_id", reader), f"{zone_name} ({passport.zone_id})"),
        Line("stage", _label("stage", reader), _(STAGE_TITLES[passport.stage])),
        Line("isic_codes", _label("isic_codes", reader), None,
             tuple(isic_label(code, reader).text for code in passport.isic_codes)),
        Line("hs_codes", _label("hs_codes", reader), None, tuple(hs_text(code) for code in passport.hs_codes),
             lang=SOURCE_LANGUAGE),
    ]  # fmt: skip


def _money_lines(passport: Passport, reader: Reader) -> list[Line]:
    jobs = passport.jobs_expected
    return [
        Line("capex", reader.gettext("Capital expenditure"), capex_text(passport, reader)),
        Line("jobs_expected", _label("jobs_expected", reader),
             format_number(jobs, reader.lang, 0) if jobs is not None else None),
    ]  # fmt: skip


def _case_lines(passport: Passport, reader: Reader) -> list[Line]:
    case = passport.reference_case
    if case is None:
        return []
    lines = []
    for name in CASE_FIELDS:
        value = getattr(case, name)
        text = str(value) if name in {"start_year", "horizon_years"} else amount_text(value, reader)
        key = f"reference_case.{name}"
        lines.append(Line(key, _label(key, reader), text))
    return lines


def fact_groups(passport: Passport, zone_name: str, reader: Reader) -> list[LineGroup]:
    """The project, its money and jobs, and its reference case (a group only when it has one)."""
    groups = [("project", _project_lines(passport, zone_name, reader)),
              ("money", _money_lines(passport, reader)),
              ("reference_case", _case_lines(passport, reader))]  # fmt: skip
    return [LineGroup(key, reader.gettext(GROUP_TITLES[key]), lines) for key, lines in groups if lines]


def need_rows(passport: Passport, reader: Reader) -> list[NeedRow]:
    """Land, power, water and gas: needed against available, each unknown where the passport says nothing."""
    rows = []
    for key, title in NEED_TITLES.items():
        need = getattr(passport.needs, key)
        is_short = need.needed is not None and need.available is not None and need.available < need.needed
        rows.append(NeedRow(key, reader.gettext(title), amount_text(need.needed, reader),
                            amount_text(need.available, reader), is_short))  # fmt: skip
    return rows


def _other_lines(passport: Passport, reader: Reader) -> list[Line]:
    """Needs, contacts, documents and the source, one line each, for the review's diff."""
    _, unknown = reader.gettext, reader.gettext("unknown")
    lines = [Line(f"needs.{row.key}", row.label, _(NEED_LINE) % {"needed": row.needed or unknown,
                                                                   "available": row.available or unknown})
             for row in need_rows(passport, reader)]  # fmt: skip
    for number, contact in enumerate(passport.contacts, start=1):
        parts = [contact.name, contact.role, contact.email, contact.url]
        text = ", ".join(part for part in parts if part)
        lines.append(Line(f"contacts.{number}", _(CONTACT_LINE) % {"number": number}, text))
    for number, document in enumerate(passport.documents, start=1):
        text = f"{document.title} — {document.url}"
        lines.append(Line(f"documents.{number}", _(DOCUMENT_LINE) % {"number": number}, text))
    provenance = passport.provenance
    lines += [
        Line("provenance.source_urls", _label("provenance.source_urls", reader), None,
             tuple(provenance.source_urls)),
        Line("provenance.source_citation", _label("provenance.source_citation", reader),
             provenance.source_citation),
        Line("provenance.as_of", _label("provenance.as_of", reader),
             format_as_of(provenance.as_of, reader.lang) if provenance.as_of else None),
    ]  # fmt: skip
    return lines


def passport_lines(passport: Passport, zone_name: str, reader: Reader) -> list[Line]:
    """Every field as one line, in the page's order."""
    facts = [line for group in fact_groups(passport, zone_name, reader) for line in group.lines]
    return facts + _other_lines(passport, reader)


def diff_rows(old: Passport | None, new: Passport, names: dict[str, str], reader: Reader) -> list[DiffRow]:
    """The fields a revision changes, old → new (every field for a first publication), as the zone review's
    diff rows; `names` maps zone ids to names."""
    after = passport_lines(new, names.get(new.zone_id, new.zone_id), reader)
    was_shown = passport_lines(old, names.get(old.zone_id, old.zone_id), reader) if old is not None else []
    before = {line.key: line for line in was_shown}
    keys = [line.key for line in after] + [key for key in before if key not in {line.key for line in after}]
    by_key = {line.key: line for line in after}
    rows = []
    for key in keys:
        was, now = before.get(key), by_key.get(key)
        old_text, new_text = (was.shown if was else None), (now.shown if now else None)
        if old is not None and old_text == new_text:
            continue
        label = now.label if now is not None else was.label if was is not None else key
        rows.append(DiffRow(key, label, old_text, new_text, clears=new_text is None and old_text is not None))
    return rows
