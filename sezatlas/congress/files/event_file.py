"""The organiser's event file (TOML): slots, tables, interpreters and halls of one Congress.

Interpreters are given per language pair (`interpreters."en-ru" = 2`) or as named pools of any
language set (`[interpreter_pools.trilingual]`); `relay = true` lets two interpreters relay through
a pivot language; `[meeting_values]` sets what a meeting is worth per kind of request and how much
first meetings count extra (docs/congress.md, "Event file").

An organiser thinks in days and session hours ("9:30 to 13:00, then 14:30 to 18:00"), the solver in
numbered slots, so sessions are expanded into back-to-back slots here; an explicit slot list is
accepted for programmes that are not regular. Every problem is reported at once, named by file and
key (``event.toml, key sessions[2].end: …``), because the file is fixed in an editor, not here.
Times are wall-clock times of the venue; `timezone` (an IANA name) makes them absolute, which is what
calendar files need.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pycountry
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from sezatlas.congress.model import Event, InterpreterPool, LanguagePair, MeetingValues, language_pair
from sezatlas.tabular.control_characters import plain_text

EVENT_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
POOL_NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,31}$")
_PAIR_SEPARATORS = re.compile(r"\s*[-–/|]\s*")
_UNKNOWN_KEY = "unknown key (see docs/congress.md, “Event file”)"


@dataclass(frozen=True)
class EventProblem:
    """One bad key of an event file; `key` is a TOML path such as ``interpreters."en-ru"``."""

    key: str | None
    reason: str


class EventFileError(ValueError):
    """The event file cannot be used; every problem found is listed, so one edit fixes them all."""

    def __init__(self, file: str, problems: list[EventProblem]) -> None:
        self.file = file
        self.problems = problems
        lines = [f"{file}, key {p.key}: {p.reason}" if p.key else f"{file}: {p.reason}" for p in problems]
        super().__init__("\n".join(lines))


@dataclass(frozen=True)
class EventConfig:
    """An `Event` (what the solver needs) with what people need: its id, name and time zone."""

    event_id: str
    name: str
    timezone: str
    event: Event

    def starts_at(self, slot: int) -> datetime:
        """The slot's start as an aware datetime in the venue's time zone."""
        return self.event.slot_starts[slot].replace(tzinfo=ZoneInfo(self.timezone))

    def ends_at(self, slot: int) -> datetime:
        return self.starts_at(slot) + timedelta(minutes=self.event.slot_minutes)


PositiveMinutes = Annotated[int, Field(ge=5, le=24 * 60)]
Count = Annotated[int, Field(ge=0, le=100_000)]


class _Session(BaseModel):
    model_config = ConfigDict(extra="forbid")

    day: date
    start: time
    end: time


class _Hall(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, Field(min_length=1, max_length=100), AfterValidator(plain_text)]
    tables: Annotated[int, Field(ge=1, le=100_000)]


class _TravelBuffer(BaseModel):
    model_config = ConfigDict(extra="forbid")

    between: Annotated[list[str], Field(min_length=2, max_length=2)]
    slots: Annotated[int, Field(ge=0, le=100)] = Field(
        description="Free slots a participant needs between meetings in the two halls."
    )


class _InterpreterPool(BaseModel):
    model_config = ConfigDict(extra="forbid")

    languages: Annotated[list[str], Field(min_length=2, max_length=20)]
    per_slot: Count | list[Count]


Worth = Annotated[float, Field(ge=0, le=1000, allow_inf_nan=False)]
_DEFAULT_VALUES = MeetingValues()


class _MeetingValues(BaseModel):
    """`[meeting_values]`: every key optional, the defaults are `MeetingValues`'s."""

    model_config = ConfigDict(extra="forbid")

    one_sided: Worth = Field(_DEFAULT_VALUES.one_sided, description="an accepted one-sided request")
    mutual: Worth = Field(_DEFAULT_VALUES.mutual, description="both asked each other")
    must_meet: Worth = Field(_DEFAULT_VALUES.must_meet, description="added for an organiser must-meet")
    fairness_bonus: Worth = Field(_DEFAULT_VALUES.fairness_bonus, description="per first meeting of a person")
    fairness_depth: Annotated[int, Field(ge=0, le=50)] = Field(
        _DEFAULT_VALUES.fairness_depth, description="how many first meetings earn the bonus"
    )


class _EventFile(BaseModel):
    """The file as written; cross-key rules are checked after, in `_check`."""

    model_config = ConfigDict(extra="forbid")

    id: str | None = None
    name: Annotated[str, Field(min_length=1, max_length=300), AfterValidator(plain_text)]
    timezone: str
    slot_minutes: PositiveMinutes
    tables_per_slot: Annotated[int, Field(ge=1, le=100_000)] | None = None
    sessions: list[_Session] = Field(default_factory=list)
    slots: list[datetime] = Field(default_factory=list)
    interpreters: dict[str, Count | list[Count]] = Field(default_factory=dict)
    interpreter_pools: dict[str, _InterpreterPool] = Field(default_factory=dict)
    relay: bool = False
    meeting_values: _MeetingValues = Field(default_factory=_MeetingValues)
    halls: list[_Hall] = Field(default_factory=list)
    travel_buffers: list[_TravelBuffer] = Field(default_factory=list)


EVENT_FILE_KEYS = tuple(_EventFile.model_fields)


def read_event_file(path: Path) -> EventConfig:
    """The event described by the TOML file at `path`; raises `EventFileError` naming every bad key."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise EventFileError(path.name, [EventProblem(None, f"cannot be read ({error.strerror})")]) from None
    except tomllib.TOMLDecodeError as error:
        raise EventFileError(path.name, [EventProblem(None, f"not valid TOML: {error}")]) from None
    return event_from_dict(raw, path.name)


def event_from_dict(raw: dict[str, Any], file: str = "event.toml") -> EventConfig:
    """The event of an already parsed file (also what the API would accept as JSON).

    Misspelt top-level keys are set aside and reported with the rest, so a typo does not hide the
    other problems; a value of the wrong type stops the checks that need it.
    """
    known = set(EVENT_FILE_KEYS)
    problems = [EventProblem(key, _UNKNOWN_KEY) for key in raw if key not in known]
    try:
        parsed = _EventFile.model_validate({k: v for k, v in raw.items() if k in known})
    except ValidationError as error:
        raise EventFileError(file, problems + [_problem_of(detail) for detail in error.errors()]) from None
    config = _check(parsed, problems)
    if problems or config is None:
        raise EventFileError(file, problems)
    return config


def _problem_of(detail: Any) -> EventProblem:
    key = ""
    for part in detail["loc"]:
        key += f"[{part}]" if isinstance(part, int) else (f".{part}" if key else str(part))
    reason = str(detail["msg"])
    if detail["type"] == "extra_forbidden":
        reason = _UNKNOWN_KEY
    elif detail["type"] == "missing":
        reason = "a required key is missing"
    elif "input" in detail and not isinstance(detail["input"], dict | list):
        reason = f"{detail['input']!r}: {reason}"
    return EventProblem(key or None, reason)


def _check(parsed: _EventFile, problems: list[EventProblem]) -> EventConfig | None:
    event_id = parsed.id if parsed.id is not None else _slug(parsed.name)
    if not EVENT_ID_PATTERN.match(event_id):
        problems.append(EventProblem("id", f"{event_id!r} must be lower-case letters, digits and dashes"))
    zone = _time_zone(parsed.timezone, problems)
    starts = _slot_starts(parsed, zone, problems)
    interpreters = _interpreters(parsed.interpreters, len(starts), problems)
    pools = _interpreter_pools(parsed.interpreter_pools, len(starts), problems)
    tables, halls = _tables(parsed, problems)
    buffers = _travel_buffers(parsed, problems)
    if problems:
        return None
    event = Event(
        slot_starts=tuple(starts),
        slot_minutes=parsed.slot_minutes,
        tables_per_slot=tables,
        interpreters_per_slot=interpreters,
        table_halls=halls,
        travel_buffer_slots=buffers,
        interpreter_pools=pools,
        allows_relay=parsed.relay,
        meeting_values=MeetingValues(**parsed.meeting_values.model_dump()),
    )
    return EventConfig(event_id=event_id, name=parsed.name, timezone=parsed.timezone, event=event)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:64]


def _time_zone(name: str, problems: list[EventProblem]) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        problems.append(EventProblem("timezone", f"{name!r} is not an IANA time zone (e.g. Europe/Moscow)"))
        return None


def _slot_starts(parsed: _EventFile, zone: ZoneInfo | None, problems: list[EventProblem]) -> list[datetime]:
    if parsed.sessions and parsed.slots:
        problems.append(EventProblem("slots", "give either sessions or slots, not both"))
        return []
    if not parsed.sessions and not parsed.slots:
        problems.append(EventProblem("sessions", "give sessions (days with start and end) or a slots list"))
        return []
    step = timedelta(minutes=parsed.slot_minutes)
    if parsed.slots:
        key = "slots"
        starts = [_local(s, zone) for s in parsed.slots]
    else:
        key = "sessions"
        starts = []
        for n, session in enumerate(parsed.sessions):
            begin = datetime.combine(session.day, session.start)
            end = datetime.combine(session.day, session.end)
            if end - begin < step:
                problems.append(
                    EventProblem(
                        f"sessions[{n}].end",
                        f"{session.end:%H:%M} leaves no room for "
                        f"one {parsed.slot_minutes}-minute slot after {session.start:%H:%M}",
                    )
                )
            while begin + step <= end:
                starts.append(begin)
                begin += step
    starts_sorted = sorted(starts)
    for earlier, later in pairwise(starts_sorted):
        if later - earlier < step:
            problems.append(
                EventProblem(key, f"slots starting {earlier:%Y-%m-%d %H:%M} and {later:%H:%M} overlap")
            )
    return starts_sorted


def _local(moment: datetime, zone: ZoneInfo | None) -> datetime:
    """A wall-clock time of the venue: an aware time is converted, a naive one is taken as it is."""
    if moment.tzinfo is None or zone is None:
        return moment.replace(tzinfo=None)
    return moment.astimezone(zone).replace(tzinfo=None)


def _interpreters(
    raw: dict[str, int | list[int]], slot_count: int, problems: list[EventProblem]
) -> dict[LanguagePair, tuple[int, ...]]:
    out: dict[LanguagePair, tuple[int, ...]] = {}
    for name, value in raw.items():
        key = f'interpreters."{name}"'
        languages = _PAIR_SEPARATORS.split(name.strip().lower())
        unknown = [code for code in languages if not _is_language(code)]
        if len(languages) != 2 or languages[0] == languages[1]:
            problems.append(EventProblem(key, 'name two different languages, e.g. "en-ru"'))
            continue
        if unknown:
            problems.append(EventProblem(key, f"{', '.join(unknown)} is not an ISO 639 language code"))
            continue
        per_slot = _per_slot(value, slot_count, key, problems)
        if per_slot is None:
            continue
        pair = language_pair(languages[0], languages[1])
        if pair in out:
            problems.append(EventProblem(key, f"{pair[0]}-{pair[1]} is given twice"))
        out[pair] = per_slot
    return out


def _interpreter_pools(
    raw: dict[str, _InterpreterPool], slot_count: int, problems: list[EventProblem]
) -> tuple[InterpreterPool, ...]:
    out: list[InterpreterPool] = []
    for name, pool in raw.items():
        key = f"interpreter_pools.{name}"
        if not POOL_NAME_PATTERN.match(name):
            problems.append(EventProblem(key, "a pool name is lower-case letters, digits, - and _"))
            continue
        languages = [code.strip().lower() for code in pool.languages]
        unknown = [code for code in languages if not _is_language(code)]
        if unknown:
            problems.append(
                EventProblem(f"{key}.languages", f"{', '.join(unknown)} is not an ISO 639 language code")
            )
            continue
        if len(set(languages)) < 2:
            problems.append(EventProblem(f"{key}.languages", "name at least two different languages"))
            continue
        per_slot = _per_slot(pool.per_slot, slot_count, f"{key}.per_slot", problems)
        if per_slot is not None:
            out.append(InterpreterPool(name, frozenset(languages), per_slot))
    return tuple(out)


def _per_slot(
    value: int | list[int], slot_count: int, key: str, problems: list[EventProblem]
) -> tuple[int, ...] | None:
    """One number for every slot, or a list of one number per slot."""
    per_slot = (value,) * slot_count if isinstance(value, int) else tuple(value)
    if len(per_slot) != slot_count and slot_count:
        problems.append(EventProblem(key, f"{len(per_slot)} numbers for {slot_count} slots"))
        return None
    return per_slot


def _is_language(code: str) -> bool:
    if len(code) == 2:
        return pycountry.languages.get(alpha_2=code) is not None
    return len(code) == 3 and pycountry.languages.get(alpha_3=code) is not None


def _tables(parsed: _EventFile, problems: list[EventProblem]) -> tuple[int, tuple[str, ...]]:
    if not parsed.halls:
        if parsed.tables_per_slot is None:
            problems.append(EventProblem("tables_per_slot", "a required key is missing (or list halls)"))
            return 0, ()
        return parsed.tables_per_slot, ()
    names = [hall.name for hall in parsed.halls]
    for n, name in enumerate(names):
        if names.index(name) != n:
            problems.append(EventProblem(f"halls[{n}].name", f"{name!r} is listed twice"))
    halls = tuple(hall.name for hall in parsed.halls for _ in range(hall.tables))
    if parsed.tables_per_slot is not None and parsed.tables_per_slot != len(halls):
        problems.append(
            EventProblem(
                "tables_per_slot",
                f"{parsed.tables_per_slot} differs from the "
                f"{len(halls)} tables of the halls; leave it out or make them agree",
            )
        )
    return len(halls), halls


def _travel_buffers(parsed: _EventFile, problems: list[EventProblem]) -> dict[tuple[str, str], int]:
    known = {hall.name for hall in parsed.halls}
    out: dict[tuple[str, str], int] = {}
    for n, buffer in enumerate(parsed.travel_buffers):
        first, second = buffer.between
        missing = [name for name in (first, second) if name not in known]
        if missing:
            problems.append(
                EventProblem(
                    f"travel_buffers[{n}].between", f"{', '.join(map(repr, missing))} is not one of the halls"
                )
            )
        elif first == second:
            problems.append(EventProblem(f"travel_buffers[{n}].between", "name two different halls"))
        else:
            out[(first, second)] = buffer.slots
    return out
