"""Seeded synthetic congresses for tests and benchmarks (`docs/congress-scheduling.md#how-good-measured`).

No public data set of B2B brokerage events exists, so the scheduler is measured on
generated instances whose every parameter is printed with the results. Two families:

* ``congress`` (T2): a role mix like the Congress's, nine languages with English as the bridge,
  half-day availability blocks, per-person caps between S/2 and S, tables for 35 % of people,
  each person's top choices among sector-compatible partners as requests, some mutual, some
  declined, a few organiser must-meets.
* ``planted`` (T3): a schedule is drawn first and its pairs get the top value; caps equal planted
  degrees, so the planted schedule is provably optimal and `planted_optimum`
  says its value. Distractor pairs of lower value make finding it non-trivial.
* ``table_bound`` (TB): a planted instance where tables are what binds: every table of every slot
  holds a planted top-value pair, everyone has at least `fairness_depth` planted meetings and may
  meet a few more, so the people have room and the tables do not; the optimum is still known.
* ``language_mix`` (L): a T2 congress whose languages follow a realistic mix of the Congress's guests
  (Russian, Chinese, English, Portuguese, Arabic; many speak one language only) and whose interpreters
  are bilingual pools, so some pairs can only meet through relay.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

import numpy as np

from sezatlas.congress.model import (
    Event,
    LanguagePair,
    MeetingRequest,
    Participant,
    RequestStatus,
    Role,
    language_pair,
)
from sezatlas.congress.scheduling.interpreting import interpreter_options

ROLE_SHARES = {
    Role.INVESTOR: 0.15,
    Role.ZONE_OPERATOR: 0.20,
    Role.ASSOCIATION: 0.08,
    Role.DEVELOPMENT_INSTITUTION: 0.07,
    Role.MANUFACTURER: 0.50,
}
LANGUAGES = ("ru", "zh", "pt", "ar", "hi", "fa", "am", "id")  # besides English
BLOCK_SLOTS = 4
# The language mix: shares of first languages, and of the others who also speak English or Russian.
# Assumptions for a Congress in Russia with BRICS guests (printed with the benchmark), not measurements.
MIX_FIRST_LANGUAGE = {"ru": 0.45, "zh": 0.20, "en": 0.12, "pt": 0.12, "ar": 0.11}
MIX_SECOND_LANGUAGE = {"en": 0.45, "ru": 0.10}
# Bilingual interpreters per slot and 1,000 participants: no pool of two non-English languages but ru–zh.
MIX_POOLS_PER_1000 = {("en", "ru"): 6, ("en", "zh"): 5, ("ru", "zh"): 6, ("en", "pt"): 3, ("ar", "en"): 3}
SECTORS = 20
PLANTED_VALUE = 10.0


@dataclass(frozen=True)
class Congress:
    """One generated instance: what a real organiser would import, plus pair values."""

    participants: tuple[Participant, ...]
    event: Event
    requests: tuple[MeetingRequest, ...]
    values: Mapping[frozenset[str], float] | None = None
    planted_optimum: float | None = None
    parameters: dict[str, object] = field(default_factory=dict)


def event_for(n: int, slots: int, start: datetime | None = None, interpreters_per_100: float = 1.0) -> Event:
    """Half-day blocks of four 30-minute slots, two blocks a day with a lunch break between."""
    first = start or datetime(2027, 6, 1, 9, 0)
    starts: list[datetime] = []
    for t in range(slots):
        block, within = divmod(t, BLOCK_SLOTS)
        day, half = divmod(block, 2)
        starts.append(first + timedelta(days=day, hours=5 * half, minutes=30 * within))
    per_slot = max(1, round(n * interpreters_per_100 / 100))
    interpreters: dict[LanguagePair, tuple[int, ...]] = {
        language_pair("en", lang): (per_slot,) * slots for lang in LANGUAGES
    }
    for a, b in (("ru", "zh"), ("pt", "ru"), ("ar", "ru"), ("pt", "zh")):
        interpreters[language_pair(a, b)] = (max(1, per_slot // 2),) * slots
    return Event(
        slot_starts=tuple(starts),
        slot_minutes=30,
        tables_per_slot=max(1, round(0.35 * n)),
        interpreters_per_slot=interpreters,
    )


def draw_people(rng: np.random.Generator, n: int, slots: int) -> list[dict[str, object]]:
    roles = rng.choice(list(ROLE_SHARES), size=n, p=list(ROLE_SHARES.values()))
    blocks = max(1, slots // BLOCK_SLOTS)
    people: list[dict[str, object]] = []
    for i in range(n):
        native = "en" if rng.random() < 0.2 else str(rng.choice(LANGUAGES))
        languages = (native,) if native == "en" or rng.random() >= 0.6 else (native, "en")
        open_blocks = [b for b in range(blocks) if rng.random() < 0.8] or [int(rng.integers(blocks))]
        available = frozenset(
            t for b in open_blocks for t in range(b * BLOCK_SLOTS, min(slots, (b + 1) * BLOCK_SLOTS))
        )
        people.append(
            {
                "participant_id": f"P{i:05d}",
                "organisation": f"Organisation {i:05d}",
                "role": Role(str(roles[i])),
                "country": "RUS",
                "languages": languages,
                "available_slots": available,
                "max_meetings": int(rng.integers(slots // 2, slots + 1)),
                "sector": int(rng.integers(SECTORS)),
            }
        )
    return people


ROLE_FIT = np.array(
    # investor, operator, association, development institution, manufacturer
    [
        [0.2, 1.0, 0.4, 0.6, 0.7],
        [1.0, 0.2, 0.5, 0.6, 1.0],
        [0.4, 0.5, 0.2, 0.4, 0.5],
        [0.6, 0.6, 0.4, 0.2, 0.6],
        [0.7, 1.0, 0.5, 0.6, 0.6],
    ]
)


def congress(n: int, slots: int, seed: int = 1, choices: int = 12) -> Congress:
    """A T2 instance: `choices` requests per person to their most compatible partners."""
    rng = np.random.default_rng(seed)
    people = draw_people(rng, n, slots)
    role_index = {role: k for k, role in enumerate(ROLE_SHARES)}
    roles = np.array([role_index[p["role"]] for p in people])  # type: ignore[index]
    sectors = np.array([p["sector"] for p in people])
    chosen: list[tuple[int, int]] = []
    chunk = 512
    for lo in range(0, n, chunk):
        hi = min(n, lo + chunk)
        score = ROLE_FIT[roles[lo:hi, None], roles[None, :]] * (
            1.0 + 2.0 * (sectors[lo:hi, None] == sectors[None, :])
        )
        score = score * rng.lognormal(0.0, 0.5, size=score.shape)
        score[np.arange(hi - lo), np.arange(lo, hi)] = -1.0
        k = min(choices, n - 1)
        top = np.argpartition(-score, k - 1, axis=1)[:, :k] if k > 0 else np.zeros((hi - lo, 0), int)
        chosen.extend((lo + r, int(j)) for r in range(hi - lo) for j in top[r])
    asked = set(chosen)
    requests: list[MeetingRequest] = []
    for position in rng.permutation(len(chosen)):
        i, j = chosen[position]
        mutual = (j, i) in asked
        draw = rng.random()
        status = (
            RequestStatus.ACCEPTED
            if mutual or draw < 0.7
            else (RequestStatus.DECLINED if draw < 0.9 else RequestStatus.PENDING)
        )
        requests.append(
            MeetingRequest(
                requester=str(people[i]["participant_id"]),
                target=str(people[j]["participant_id"]),
                status=status,
                is_must_meet=bool(rng.random() < 0.01) and status is RequestStatus.ACCEPTED,
                organiser_priority=round(float(rng.random()), 2),
            )
        )
    return Congress(
        participants=tuple(participant_of(p) for p in people),
        event=event_for(n, slots),
        requests=tuple(requests),
        parameters={"family": "congress", "n": n, "slots": slots, "seed": seed, "choices": choices},
    )


def language_mix(n: int, slots: int, seed: int = 1, allows_relay: bool = False) -> Congress:
    """The T2 congress of the same seed with the mix's languages and bilingual pools only."""
    base = congress(n, slots, seed=seed)
    rng = np.random.default_rng([seed, 5])
    firsts = rng.choice(list(MIX_FIRST_LANGUAGE), size=n, p=list(MIX_FIRST_LANGUAGE.values()))
    participants = []
    for p, first in zip(base.participants, firsts, strict=True):
        extra = [
            lang for lang, share in MIX_SECOND_LANGUAGE.items() if lang != first and rng.random() < share
        ]
        participants.append(replace(p, languages=(str(first), *extra)))
    pools = {
        language_pair(a, b): (max(1, round(n * per_1000 / 1000)),) * slots
        for (a, b), per_1000 in MIX_POOLS_PER_1000.items()
    }
    return replace(
        base,
        participants=tuple(participants),
        event=replace(base.event, interpreters_per_slot=pools, allows_relay=allows_relay),
        parameters={**base.parameters, "family": "language_mix", "relay": allows_relay},
    )


def planted(n: int, slots: int, seed: int = 1, distractors: int = 6, take_part: float = 0.7) -> Congress:
    """A T3 instance whose optimum is known by construction."""
    rng = np.random.default_rng(seed)
    people = draw_people(rng, n, slots)
    event = event_for(n, slots)
    participants = [participant_of(p) for p in people]
    pools = event.pools()
    planted_pairs: set[frozenset[str]] = set()
    degree = np.zeros(n, dtype=np.int64)
    for t in range(slots):
        present = [i for i in rng.permutation(n) if t in participants[i].available_slots]
        present = [i for i in present if rng.random() < take_part]
        tables = event.tables_per_slot
        interpreters_left = [pool.per_slot[t] for pool in pools]
        waiting: list[int] = []
        for i in present:
            partner = next(
                (
                    j
                    for j in waiting
                    if frozenset((participants[i].participant_id, participants[j].participant_id))
                    not in planted_pairs
                    and _interpreters(participants[i], participants[j], event, interpreters_left) is not None
                ),
                None,
            )
            if partner is None or tables == 0:
                waiting.append(i)
                continue
            waiting.remove(partner)
            for k in _interpreters(participants[i], participants[partner], event, interpreters_left) or ():
                interpreters_left[k] -= 1
            tables -= 1
            planted_pairs.add(
                frozenset((participants[i].participant_id, participants[partner].participant_id))
            )
            degree[i] += 1
            degree[partner] += 1
    participants = [replace(p, max_meetings=int(degree[i])) for i, p in enumerate(participants)]
    values: dict[frozenset[str], float] = dict.fromkeys(planted_pairs, PLANTED_VALUE)
    add_distractors(rng, participants, values, distractors)
    requests = accepted_requests(values)
    worth = event.meeting_values
    optimum = PLANTED_VALUE * len(planted_pairs) + worth.fairness_bonus * float(
        np.minimum(degree, worth.fairness_depth).sum()
    )
    return Congress(
        participants=tuple(participants),
        event=event,
        requests=requests,
        values=values,
        planted_optimum=optimum,
        parameters={"family": "planted", "n": n, "slots": slots, "seed": seed, "distractors": distractors},
    )


def table_bound(
    n: int, slots: int, seed: int = 1, distractors: int = 6, table_share: float = 0.25, spare: int = 2
) -> Congress:
    """A TB instance: `table_share` × n tables per slot, all filled by planted pairs in the optimum.

    Why the optimum is known: a schedule has at most `tables × slots` meetings, each worth at most
    `PLANTED_VALUE`, and person i adds the fairness bonus at most min(cap_i, depth) times. The planted
    schedule fills every table with a pair worth `PLANTED_VALUE` and gives everyone min(cap_i, depth)
    meetings: people with fewer planted meetings than the depth get exactly their planted count as cap,
    the others up to `spare` more than they were planted (room the tables will not give them).
    Distractor pairs (values 1 to 9) compete for the tables.
    """
    rng = np.random.default_rng([seed, 17])
    people = draw_people(rng, n, slots)
    participants = [participant_of(p) for p in people]
    tables = max(1, round(table_share * n))
    event = replace(event_for(n, slots), tables_per_slot=tables)
    depth = event.meeting_values.fairness_depth
    pools = event.pools()
    degree = np.zeros(n, dtype=np.int64)
    by_slot: list[list[tuple[int, int]]] = []
    taken: set[frozenset[int]] = set()
    for t in range(slots):
        left = [pool.per_slot[t] for pool in pools]
        present = [int(i) for i in rng.permutation(n) if t in participants[int(i)].available_slots]
        present.sort(key=lambda i: min(int(degree[i]), depth))  # people short of the depth first
        waiting: list[int] = []
        pairs: list[tuple[int, int]] = []
        for i in present:
            if len(pairs) == tables:
                break
            partner = next(
                (
                    j
                    for j in waiting
                    if frozenset((i, j)) not in taken
                    and _interpreters(participants[i], participants[j], event, left) is not None
                ),
                None,
            )
            if partner is None:
                waiting.append(i)
                continue
            waiting.remove(partner)
            for k in _interpreters(participants[i], participants[partner], event, left) or ():
                left[k] -= 1
            pairs.append((i, partner))
            taken.add(frozenset((i, partner)))
            degree[i] += 1
            degree[partner] += 1
        by_slot.append(pairs)
    tables = min(len(pairs) for pairs in by_slot)  # a slot that could not fill them all sets the count
    for pairs in by_slot:
        for i, j in pairs[tables:]:
            taken.discard(frozenset((i, j)))
            degree[i] -= 1
            degree[j] -= 1
    caps = [int(d) if d < depth else int(d) + int(rng.integers(0, spare + 1)) for d in degree]
    participants = [replace(p, max_meetings=caps[i]) for i, p in enumerate(participants)]
    ids = [p.participant_id for p in participants]
    values: dict[frozenset[str], float] = {
        frozenset((ids[i], ids[j])): PLANTED_VALUE for pairs in by_slot for i, j in pairs[:tables]
    }
    add_distractors(rng, participants, values, distractors)
    worth = event.meeting_values
    optimum = PLANTED_VALUE * tables * slots + worth.fairness_bonus * float(
        np.minimum(np.array(caps), depth).sum()
    )
    return Congress(
        participants=tuple(participants),
        event=replace(event, tables_per_slot=tables),
        requests=accepted_requests(values),
        values=values,
        planted_optimum=optimum,
        parameters={"family": "table_bound", "n": n, "slots": slots, "seed": seed, "tables": tables},
    )


def add_distractors(
    rng: np.random.Generator,
    participants: Sequence[Participant],
    values: dict[frozenset[str], float],
    per_person: int,
) -> None:
    """Pairs worth less than a planted one (1 to 9) between people who share a free slot."""
    n = len(participants)
    ids = [p.participant_id for p in participants]
    for i in range(n):
        for j in rng.choice(n, size=min(per_person, n - 1), replace=False):
            key = frozenset((ids[i], ids[int(j)]))
            if (
                int(j) != i
                and key not in values
                and participants[i].available_slots & participants[int(j)].available_slots
            ):
                values[key] = float(rng.integers(1, int(PLANTED_VALUE)))


def accepted_requests(values: Mapping[frozenset[str], float]) -> tuple[MeetingRequest, ...]:
    return tuple(
        MeetingRequest(requester=min(key), target=max(key), status=RequestStatus.ACCEPTED)
        for key in sorted(values, key=sorted)
    )


def _interpreters(
    a: Participant, b: Participant, event: Event, left: Sequence[int]
) -> tuple[int, ...] | None:
    """Pools (indices into `event.pools()`) a meeting of a and b can take from `left`: () when they
    share a language, None when no option's interpreters are left."""
    if set(a.languages) & set(b.languages):
        return ()
    for option in interpreter_options(a.languages, b.languages, event.pools(), event.allows_relay):
        if all(left[k] >= n for k, n in Counter(option.legs).items()):
            return option.legs
    return None


def participant_of(p: Mapping[str, object]) -> Participant:
    fields = {k: v for k, v in p.items() if k != "sector"}
    return Participant(**fields)  # type: ignore[arg-type]
