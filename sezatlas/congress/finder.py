"""A participant finds their own page: the event's participants whose organisation or id matches a query.

No account is needed to read a participant page (the API lists every profile too), so the finder shows
no more than those pages do, and less: the organisation and the participant id, nothing else. It lists
nobody for an empty or one-letter query, and at most `MAX_FOUND`, so it is not a directory to browse.
Matching folds case, accents and punctuation (`fold_text`) and works in any script: every word of the
query must occur in the organisation's name, or the query must be the participant id.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from sezatlas.congress.model import Participant
from sezatlas.congress.storage.events import list_participants, load_event
from sezatlas.standard.codelists import fold_text

MIN_QUERY_CHARACTERS = 2
MAX_FOUND = 20


@dataclass(frozen=True)
class FoundParticipants:
    """What a query found: the first `MAX_FOUND` matches, best first, and how many matched in all."""

    query: str
    people: tuple[Participant, ...]
    total: int

    @property
    def is_too_short(self) -> bool:
        return len(fold_text(self.query).replace(" ", "")) < MIN_QUERY_CHARACTERS


def _rank(person: Participant, query: str, words: list[str]) -> int | None:
    """0 the id itself, 1 a name that starts with the query, 2 one that holds every word; None no match."""
    if fold_text(person.participant_id) == query:
        return 0
    name = fold_text(person.organisation)
    if name.startswith(query):
        return 1
    return 2 if all(word in name for word in words) else None


def match_participants(
    people: Sequence[Participant], query: str, limit: int = MAX_FOUND
) -> FoundParticipants:
    """The participants `query` names, best first (then by organisation); none for a too-short query."""
    folded = fold_text(query)
    found = FoundParticipants(query, (), 0)
    if found.is_too_short:
        return found
    words = folded.split()
    ranked = [(rank, fold_text(p.organisation), p.participant_id, p) for p in people
              if (rank := _rank(p, folded, words)) is not None]  # fmt: skip
    ranked.sort(key=lambda entry: entry[:3])
    return FoundParticipants(query, tuple(entry[3] for entry in ranked[:limit]), len(ranked))


def find_participants(session: Session, event_id: str, query: str) -> FoundParticipants:
    """The use case: an event's participants matching `query`; an unknown event raises
    `CongressNotFoundError`."""
    load_event(session, event_id)
    return match_participants(list_participants(session, event_id), query)
