"""The interpreter-choice family (I): a planted congress whose every meeting needs an interpreter and
whose optimum uses every interpreter option there is (`docs/congress-scheduling.md#how-good-measured`).

Three language groups: people who speak Russian and English, people who speak only Chinese, people
who speak only Portuguese. Pools are bilingual (en–zh, ru–zh, en–pt), so a Russian–Chinese meeting may
take an en–zh or a ru–zh interpreter, and a Portuguese–Chinese one needs a relay through English
(en–pt, then en–zh). The planted schedule picks an option for each meeting at random, and each pool
gets exactly the interpreters the planted meetings use in each slot: a solver that ties a pair to one
"best" pool, or never relays, cannot reach the optimum, and a bound that does the same is no bound
(issue 13's reproduction, grown to congress size).

Why the optimum is known: as in `synthetic.planted`, each cap equals the planted number of meetings,
so no schedule has more meetings than the planted one, each planted meeting has the top value, and
the fairness bonus cannot exceed what the caps allow.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import numpy as np

from sezatlas.congress.model import LanguagePair, Participant, language_pair
from sezatlas.congress.scheduling.interpreting import interpreter_options
from sezatlas.congress.scheduling.synthetic import (
    PLANTED_VALUE,
    Congress,
    accepted_requests,
    add_distractors,
    draw_people,
    event_for,
    participant_of,
)

GROUPS = {("ru", "en"): 0.5, ("zh",): 0.35, ("pt",): 0.15}
POOLS: tuple[LanguagePair, ...] = (
    language_pair("en", "zh"),
    language_pair("ru", "zh"),
    language_pair("en", "pt"),
)
GENEROUS = 10**6  # interpreters per slot while the planted schedule is drawn; the real counts follow


def interpreter_choice(
    n: int, slots: int, seed: int = 1, distractors: int = 4, take_part: float = 0.7
) -> Congress:
    """An I instance of n people and `slots` slots with relay allowed; see the module docstring."""
    rng = np.random.default_rng([seed, 29])
    groups = rng.choice(len(GROUPS), size=n, p=list(GROUPS.values()))
    spoken = list(GROUPS)
    participants = [
        replace(participant_of(p), languages=spoken[int(groups[i])])
        for i, p in enumerate(draw_people(rng, n, slots))
    ]
    drafting = replace(
        event_for(n, slots),
        interpreters_per_slot=dict.fromkeys(POOLS, (GENEROUS,) * slots),
        allows_relay=True,
        tables_per_slot=n,
    )
    pools = drafting.pools()
    used = np.zeros((len(pools), slots), dtype=np.int64)
    planted: set[frozenset[str]] = set()
    degree = np.zeros(n, dtype=np.int64)
    per_slot = np.zeros(slots, dtype=np.int64)
    for t in range(slots):
        present = [int(i) for i in rng.permutation(n) if t in participants[int(i)].available_slots]
        waiting: list[int] = []
        for i in (i for i in present if rng.random() < take_part):
            partner = next(
                (j for j in waiting if _may_plant(participants[i], participants[j], planted)), None
            )
            if partner is None:
                waiting.append(i)
                continue
            waiting.remove(partner)
            options = interpreter_options(
                participants[i].languages, participants[partner].languages, pools, allows_relay=True
            )
            chosen = options[int(rng.integers(len(options)))]
            for k, count in Counter(chosen.legs).items():
                used[k, t] += count
            planted.add(frozenset((participants[i].participant_id, participants[partner].participant_id)))
            degree[i] += 1
            degree[partner] += 1
            per_slot[t] += 1
    participants = [replace(p, max_meetings=int(degree[i])) for i, p in enumerate(participants)]
    event = replace(
        drafting,
        interpreters_per_slot={
            language_pair(*sorted(pool.languages)): tuple(int(c) for c in used[k])
            for k, pool in enumerate(pools)
        },
        tables_per_slot=max(1, int(per_slot.max())),
    )
    values: dict[frozenset[str], float] = dict.fromkeys(planted, PLANTED_VALUE)
    add_distractors(rng, participants, values, distractors)
    worth = event.meeting_values
    optimum = PLANTED_VALUE * len(planted) + worth.fairness_bonus * float(
        np.minimum(degree, worth.fairness_depth).sum()
    )
    relays = sum(1 for pair in planted if _needs_relay(pair, participants))
    return Congress(
        participants=tuple(participants),
        event=event,
        requests=accepted_requests(values),
        values=values,
        planted_optimum=optimum,
        parameters={"family": "interpreter_choice", "n": n, "slots": slots, "seed": seed, "relays": relays},
    )


def _may_plant(a: Participant, b: Participant, planted: set[frozenset[str]]) -> bool:
    """Only meetings that need an interpreter are planted, and a pair meets once."""
    return (
        not set(a.languages) & set(b.languages)
        and frozenset((a.participant_id, b.participant_id)) not in planted
    )


def _needs_relay(pair: frozenset[str], participants: list[Participant]) -> bool:
    languages = {p.participant_id: set(p.languages) for p in participants}
    first, second = (languages[pid] for pid in pair)
    return {"pt"} in (first, second) and {"zh"} in (first, second)
