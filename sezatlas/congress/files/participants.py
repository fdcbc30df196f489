"""The organiser's participant list and meeting requests, read from CSV or XLSX, all or nothing.

An organiser keeps these lists in a spreadsheet, so a rejected file must say where every problem is the
way the spreadsheet shows it: the registry's `ValidationReport` (file, row with the header as row 1,
field, reason) and `ImportRejected` are reused, as are its CSV/XLSX readers and its messages for a file
that is not UTF-8. Nothing is returned unless every value of the file is good.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable, Collection, Sequence
from pathlib import Path

import pycountry

from sezatlas.congress.files.sheets import Row, read_rows
from sezatlas.congress.matching.codes import UnknownCodeError, parse_code
from sezatlas.congress.model import MeetingRequest, Participant, RequestStatus, Role
from sezatlas.standard.zone import ZONE_ID_PATTERN
from sezatlas.tabular.report import ImportRejected, ValidationReport

__all__ = ["PARTICIPANT_COLUMNS", "REQUEST_COLUMNS", "ImportRejected", "read_participants", "read_requests"]

PARTICIPANT_COLUMNS = (
    "participant_id", "organisation", "role", "country", "languages", "offer_codes", "need_codes",
    "offer_text", "need_text", "zones_of_interest", "operated_zones", "available_slots", "max_meetings",
    "blocked",
)  # fmt: skip
PARTICIPANT_REQUIRED = ("participant_id", "organisation", "role", "country", "languages")
REQUEST_COLUMNS = ("requester", "target", "status", "must_meet", "priority")
REQUEST_REQUIRED = ("requester", "target")
DEFAULT_MAX_MEETINGS = 8
_ZONE_ID = re.compile(ZONE_ID_PATTERN)
_RANGE = re.compile(r"^(\d+)\s*[-–]\s*(\d+)$")
_YES = frozenset({"yes", "y", "true", "1"})
_NO = frozenset({"no", "n", "false", "0"})


def read_participants(path: Path, slot_count: int | None = None) -> list[Participant]:
    """Every participant of `path`; raises `ImportRejected` listing every bad value if there is any.

    With `slot_count` (the event's number of slots), a blank `available_slots` means every slot and a
    slot beyond the event is refused; without it, blank means none is known yet.
    """
    report = ValidationReport(path.name)
    rows, absent = read_rows(path, report, PARTICIPANT_COLUMNS, PARTICIPANT_REQUIRED, ("participant_id",))
    first_row = _unique_ids(rows, "participant_id", report)
    people = []
    for number, row in rows:
        person = _participant(_Cells(report, number, row, absent), first_row, slot_count)
        if person is not None:
            people.append(person)
    _raise_if_invalid(report)
    return people


def read_requests(path: Path, participant_ids: Collection[str]) -> list[MeetingRequest]:
    """Every meeting request of `path` between known participants; all or nothing, as participants are."""
    report = ValidationReport(path.name)
    known = frozenset(participant_ids)
    seen: dict[tuple[str, str], int] = {}
    requests = []
    rows, absent = read_rows(path, report, REQUEST_COLUMNS, REQUEST_REQUIRED)
    for number, row in rows:
        request = _request(_Cells(report, number, row, absent), known)
        if request is None:
            continue
        pair = (request.requester, request.target)
        if pair in seen:
            report.add(number, "target", request.target,
                       f"duplicate request: {pair[0]} → {pair[1]} is also on row {seen[pair]}")  # fmt: skip
        seen.setdefault(pair, number)
        requests.append(request)
    _raise_if_invalid(report)
    return requests


def _raise_if_invalid(report: ValidationReport) -> None:
    if not report.is_valid:
        report.problems.sort(key=lambda problem: problem.row or 0)  # file-level first, then row by row
        raise ImportRejected(report)


class _Cells:
    """One data row: typed getters that report a bad value (and return None) instead of raising."""

    def __init__(self, report: ValidationReport, row: int, values: Row, absent: frozenset[str]) -> None:
        self.report, self.row, self.values = report, row, values
        self.absent = absent  # required columns the header lacks: reported once, not on every row
        self.is_valid = True

    def bad(self, name: str, value: str | None, reason: str) -> None:
        self.is_valid = False
        self.report.add(self.row, name, value, reason)

    def text(self, name: str, *, required: bool = False) -> str:
        value = self.values.get(name, "").strip()
        if required and not value:
            if name in self.absent:
                self.is_valid = False
            else:
                self.bad(name, None, "a required value is missing")
        return value

    def items(self, name: str, parse: Callable[[str], str], *, required: bool = False) -> tuple[str, ...]:
        """A `;`-separated list, each item parsed; a failing item is reported with the parser's reason."""
        out = []
        for item in _split(self.text(name, required=required)):
            try:
                out.append(parse(item))
            except ValueError as error:
                self.bad(name, item, str(error))
        return tuple(dict.fromkeys(out))


def _split(text: str) -> list[str]:
    return [item.strip() for item in text.split(";") if item.strip()]


def _participant(cells: _Cells, first_row: dict[str, int], slot_count: int | None) -> Participant | None:
    pid = cells.text("participant_id", required=True)
    if ";" in pid:
        cells.bad("participant_id", pid, "must not contain ';' (it separates ids in the blocked column)")
    organisation = cells.text("organisation", required=True)
    role = _role(cells)
    country = _one(cells, "country", _country)
    languages = cells.items("languages", _language, required=True)
    offer_codes = cells.items("offer_codes", _code)
    need_codes = cells.items("need_codes", _code)
    zones_of_interest = cells.items("zones_of_interest", _zone_id)
    operated_zones = cells.items("operated_zones", _zone_id)
    slots = _slots(cells, slot_count)
    max_meetings = _max_meetings(cells)
    blocked = cells.items("blocked", lambda other: _known_id(other, pid, first_row))
    if not cells.is_valid or role is None or country is None or slots is None or max_meetings is None:
        return None
    return Participant(
        participant_id=pid, organisation=organisation, role=role, country=country, languages=languages,
        offer_codes=offer_codes, need_codes=need_codes, offer_text=cells.text("offer_text"),
        need_text=cells.text("need_text"), zones_of_interest=zones_of_interest, operated_zones=operated_zones,
        available_slots=slots, max_meetings=max_meetings, blocked=frozenset(blocked),
    )  # fmt: skip


def _one(cells: _Cells, name: str, parse: Callable[[str], str]) -> str | None:
    value = cells.text(name, required=True)
    if not value:
        return None
    try:
        return parse(value)
    except ValueError as error:
        cells.bad(name, value, str(error))
        return None


def _role(cells: _Cells) -> Role | None:
    value = cells.text("role", required=True)
    if not value:
        return None
    key = re.sub(r"[\s-]+", "_", value.lower())
    if key in {r.value for r in Role}:
        return Role(key)
    close = difflib.get_close_matches(key, [r.value for r in Role], n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    cells.bad("role", value, f"{value!r} is not a role; use one of {', '.join(r.value for r in Role)}{hint}")
    return None


def _country(value: str) -> str:
    """ISO 3166-1 alpha-3 from an alpha-3 or alpha-2 code."""
    code = value.upper()
    found = pycountry.countries.get(alpha_3=code) if len(code) == 3 else None
    found = found or (pycountry.countries.get(alpha_2=code) if len(code) == 2 else None)
    if found is not None:
        return str(found.alpha_3)
    try:
        guess = f"; did you mean {pycountry.countries.search_fuzzy(value)[0].alpha_3}?"
    except LookupError:
        guess = ""
    raise ValueError(
        f"{value!r} is not an ISO 3166 country code (alpha-3 like RUS or alpha-2 like RU){guess}"
    )


def _language(value: str) -> str:
    code = value.lower()
    if len(code) != 2 or pycountry.languages.get(alpha_2=code) is None:
        raise ValueError(f"{value!r} is not an ISO 639-1 language code (two letters, e.g. en, ru, zh)")
    return code


def _code(value: str) -> str:
    try:
        return parse_code(value)
    except UnknownCodeError as error:
        raise ValueError(str(error)) from None


def _zone_id(value: str) -> str:
    zone_id = value.upper()
    if not _ZONE_ID.match(zone_id):
        raise ValueError(
            f"{value!r} is not a zone id: ISO3 country code, a dash, then letters/digits (e.g. RUS-001)"
        )
    return zone_id


def _known_id(other: str, pid: str, first_row: dict[str, int]) -> str:
    if other == pid:
        raise ValueError(f"{other} cannot block themself")
    if other not in first_row:
        raise ValueError(f"{other!r} is not a participant_id in this file")
    return other


def _slots(cells: _Cells, slot_count: int | None) -> frozenset[int] | None:
    """`0-5;8` → {0, 1, 2, 3, 4, 5, 8}; blank → every slot when the event's size is known."""
    text = cells.text("available_slots")
    if not text:
        return frozenset(range(slot_count)) if slot_count is not None else frozenset()
    slots: set[int] = set()
    is_valid = True
    for item in _split(text):
        span = _slot_span(item, slot_count)
        if isinstance(span, str):
            cells.bad("available_slots", item, span)
            is_valid = False
        else:
            slots.update(span)
    return frozenset(slots) if is_valid else None


def _slot_span(item: str, slot_count: int | None) -> range | str:
    """The slots an item names, or why it names none."""
    ranged = _RANGE.match(item)
    if ranged:
        first, last = int(ranged.group(1)), int(ranged.group(2))
    elif _whole_number(item) is not None:
        first = last = _whole_number(item) or 0
    else:
        return f"{item!r} is not a slot number or a range like 0-5"
    if first < 0:
        return f"{item!r}: slots are numbered from 0"
    if last < first:
        return f"{item!r} is a backwards range; write the smaller slot first"
    if slot_count is not None and last >= slot_count:
        return f"{item!r} is beyond the event's slots 0..{slot_count - 1}"
    return range(first, last + 1)


def _whole_number(text: str) -> int | None:
    """An integer, also as a spreadsheet writes it ("8.0"); None if the text is not one."""
    try:
        number = float(text)
    except ValueError:
        return None
    return int(number) if math.isfinite(number) and number == int(number) else None


def _max_meetings(cells: _Cells) -> int | None:
    text = cells.text("max_meetings")
    if not text:
        return DEFAULT_MAX_MEETINGS
    number = _whole_number(text)
    if number is None:
        cells.bad("max_meetings", text, f"{text!r} is not a whole number")
    elif number < 0:
        cells.bad("max_meetings", text, f"{text} is negative; max_meetings must be 0 or more")
    else:
        return number
    return None


def _request(cells: _Cells, known: frozenset[str]) -> MeetingRequest | None:
    requester = _one(cells, "requester", lambda pid: _participant_of(pid, known))
    target = _one(cells, "target", lambda pid: _participant_of(pid, known))
    if requester is not None and requester == target:
        cells.bad("target", target, "a participant cannot request a meeting with themself")
    status_text = cells.text("status").lower() or RequestStatus.PENDING.value
    if status_text not in {s.value for s in RequestStatus}:
        cells.bad(
            "status",
            status_text,
            f"{status_text!r} is not one of {', '.join(s.value for s in RequestStatus)}",
        )
    must_text = cells.text("must_meet").lower()
    if must_text and must_text not in _YES | _NO:
        cells.bad("must_meet", must_text, f"{must_text!r} is not yes or no")
    priority_text = cells.text("priority") or "0"
    try:
        priority = float(priority_text)
    except ValueError:
        priority = math.nan
    if not math.isfinite(priority):
        cells.bad("priority", priority_text, f"{priority_text!r} is not a number")
    if not cells.is_valid or requester is None or target is None:
        return None
    return MeetingRequest(requester, target, RequestStatus(status_text), must_text in _YES, priority)


def _participant_of(pid: str, known: frozenset[str]) -> str:
    if pid not in known:
        raise ValueError(f"{pid!r} is not a known participant_id")
    return pid


def _unique_ids(rows: Sequence[tuple[int, Row]], column: str, report: ValidationReport) -> dict[str, int]:
    """The first row of every id; each later row with the same id is reported."""
    first_row: dict[str, int] = {}
    for number, row in rows:
        key = row.get(column, "").strip()
        if key and key in first_row:
            report.add(number, column, key, f"duplicate {column}: {key} is also on row {first_row[key]}")
        elif key:
            first_row[key] = number
    return first_row
