"""Plain data for the Congress B2B core: participants, meeting requests, the event, a schedule.

Identifiers are the organiser's participant ids (strings); slots are 0-based indices into
`Event.slot_starts`. Everything is frozen so solvers can share inputs safely.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class Role(StrEnum):
    """What a participant comes to the Congress as."""

    INVESTOR = "investor"
    ZONE_OPERATOR = "zone_operator"
    ASSOCIATION = "association"
    DEVELOPMENT_INSTITUTION = "development_institution"
    MANUFACTURER = "manufacturer"
    AGENCY = "agency"


class RequestStatus(StrEnum):
    """Consent state of a request: only accepted requests (or organiser must-meets) are scheduled."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"


@dataclass(frozen=True)
class Participant:
    """One person (or one company seat) at the Congress.

    `offer_codes` / `need_codes` are ISIC Rev.4 (prefix "ISIC:") or HS 2022 (prefix "HS:") codes;
    a shorter code stands for its whole subtree (HS:87 covers HS:8708). `zones_of_interest` and
    `operated_zones` are registry zone ids; a zone operator lists the zones it runs, so investors who
    listed one of them are pointed to it.
    """

    participant_id: str
    organisation: str
    role: Role
    country: str
    languages: tuple[str, ...]
    offer_codes: tuple[str, ...] = ()
    need_codes: tuple[str, ...] = ()
    offer_text: str = ""
    need_text: str = ""
    zones_of_interest: tuple[str, ...] = ()
    operated_zones: tuple[str, ...] = ()
    available_slots: frozenset[int] = frozenset()
    max_meetings: int = 8
    blocked: frozenset[str] = frozenset()


@dataclass(frozen=True)
class MeetingRequest:
    """`requester` asks `target` for a meeting; the organiser may mark it must-meet.

    `is_must_meet` is the organiser's priority meeting; it is schedulable without the target's
    acceptance only because the organiser has collected consent out of band.
    """

    requester: str
    target: str
    status: RequestStatus = RequestStatus.PENDING
    is_must_meet: bool = False
    organiser_priority: float = 0.0


LanguagePair = tuple[str, str]


def language_pair(a: str, b: str) -> LanguagePair:
    """The canonical (sorted) key of an interpreter language pair."""
    return (a, b) if a <= b else (b, a)


def language_label(languages: tuple[str, ...]) -> str:
    """ "en–zh" for a pair, "pt–en–zh" for a relay through English; also the name of a pair's pool."""
    return "–".join(languages)


@dataclass(frozen=True)
class InterpreterPool:
    """Interpreters who all cover the same languages: `per_slot[t]` of them work in slot t.

    One interpreter of the pool interprets one meeting between any two of its `languages`.
    """

    name: str
    languages: frozenset[str]
    per_slot: tuple[int, ...]


@dataclass(frozen=True)
class MeetingValues:
    """What a scheduled meeting is worth, per kind of request, and how much first meetings count extra.

    The objective of docs/congress-scheduling.md#what-is-maximised: a pair one side asked for and the
    other accepted is worth `one_sided`, a pair both asked for `mutual`, an organiser must-meet adds
    `must_meet`, and the organiser's priority is added as it is. Each participant's first
    `fairness_depth` meetings add `fairness_bonus` each, so the schedule spreads meetings over people
    when values are close. The defaults are the values every event had before they were settings.
    """

    one_sided: float = 2.0
    mutual: float = 3.0
    must_meet: float = 10.0
    fairness_bonus: float = 1.5
    fairness_depth: int = 2


@dataclass(frozen=True)
class Event:
    """Slots, tables and interpreters of one Congress matchmaking session.

    Interpreters come in pools (`pools()`): `interpreters_per_slot[(l1, l2)][t]` interpreters of that
    language pair (a pool of two languages named "l1–l2"), and the `interpreter_pools` of any
    language set. With `allows_relay`, two people without a fitting pool may meet through a pivot
    language, one interpreter on each side (docs/congress-scheduling.md#interpreters).
    Halls are optional: `table_halls[k]` is the hall of table k, and a participant who meets in
    hall A in slot t and in hall B ≠ A in slot t' needs |t − t'| > `travel_buffer_slots[(A, B)]`.
    `meeting_values` weighs requests and fairness for this event's schedule.
    """

    slot_starts: tuple[datetime, ...]
    slot_minutes: int
    tables_per_slot: int
    interpreters_per_slot: Mapping[LanguagePair, tuple[int, ...]] = field(default_factory=dict)
    table_halls: tuple[str, ...] = ()
    travel_buffer_slots: Mapping[tuple[str, str], int] = field(default_factory=dict)
    interpreter_pools: tuple[InterpreterPool, ...] = ()
    allows_relay: bool = False
    meeting_values: MeetingValues = field(default_factory=MeetingValues)

    @property
    def slot_count(self) -> int:
        return len(self.slot_starts)

    def pools(self) -> tuple[InterpreterPool, ...]:
        """Every interpreter pool: one per language pair of `interpreters_per_slot`, then the named ones."""
        pairs = tuple(
            InterpreterPool(language_label(pair), frozenset(pair), tuple(counts))
            for pair, counts in sorted(self.interpreters_per_slot.items())
        )
        return pairs + self.interpreter_pools

    def hall_of(self, table: int) -> str:
        return self.table_halls[table] if self.table_halls else ""

    def buffer_between(self, hall_a: str, hall_b: str) -> int:
        if hall_a == hall_b:
            return 0
        return self.travel_buffer_slots.get(
            (hall_a, hall_b), self.travel_buffer_slots.get((hall_b, hall_a), 0)
        )


@dataclass(frozen=True)
class Meeting:
    """One scheduled 1:1 meeting and its interpreting, if any.

    `interpreter` holds the languages interpreted: a sorted pair ("en", "zh"), or by relay the chain
    from one side through the pivot to the other ("pt", "en", "zh"); `interpreter_pools` names the
    pool of each leg (one name, or two for a relay; the same name twice takes two of its interpreters).
    """

    first: str
    second: str
    slot: int
    table: int
    interpreter: tuple[str, ...] | None = None
    interpreter_pools: tuple[str, ...] = ()


@dataclass(frozen=True)
class Schedule:
    meetings: tuple[Meeting, ...]

    def of(self, participant_id: str) -> list[Meeting]:
        """One participant's agenda, in slot order."""
        mine = [m for m in self.meetings if participant_id in (m.first, m.second)]
        return sorted(mine, key=lambda m: m.slot)
