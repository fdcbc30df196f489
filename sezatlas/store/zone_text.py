"""Text search over the zones' names and places, in any script, with tolerance for misspellings.

Two arms joined by OR: a substring match on the folded names, places and operator (so '深圳' or 'алабуга'
find their zone exactly), and a fuzzy match by rapidfuzz over the name words held in memory (so 'Alabuha'
finds Alabuga). The in-memory index is rebuilt only when the registry version changes.

What the words stand for beyond the names (a country, a place, a sector) is read before the query, in
`sezatlas.registry.query_words`, and arrives here as a `TextMeaning`; `zone_search` ORs the two.
"""

import threading
from dataclasses import dataclass, field
from typing import TypeVar

from rapidfuzz import fuzz, process
from sqlalchemy import ColumnElement, String, any_, literal, or_, select
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session

from sezatlas.standard.codelists import fold_text
from sezatlas.store.models import ZoneRow
from sezatlas.store.registry_cache import build_ahead, building
from sezatlas.store.zones import registry_version

Answer = TypeVar("Answer")
FUZZY_SCORE_CUTOFF = 80.0
FUZZY_LIMIT = 50


@dataclass(frozen=True, slots=True)
class TextMeaning:
    """What the words of a text search name besides the zones' own names, found by dictionary lookups.

    A zone answers the meaning when it is in one of the countries (if any are named), in one of the places
    (if any), in one of the sectors (if any; a zone declared only with a broader code is a possible match),
    and its names or places contain every other word.
    """

    countries: tuple[str, ...] = ()  # ISO3 codes
    places: tuple[str, ...] = ()  # place names as the registry writes them (English), searched like names
    isic: tuple[str, ...] = ()  # ISIC Rev.4 codes
    other_words: tuple[str, ...] = ()  # words no dictionary knows

    @property
    def is_empty(self) -> bool:
        """Nothing but name words: the search is the plain name search."""
        return not (self.countries or self.places or self.isic)


@dataclass(frozen=True)
class _NameSnapshot:
    """The name index of one registry version: built once, then only read (memo dicts aside)."""

    key: tuple[str, str]
    vocabulary: list[str]
    zones_by_word: dict[str, set[str]]
    search_texts: list[tuple[str, str]]
    zone_count: int
    substrings: dict[str, list[str] | None] = field(default_factory=dict)
    fuzzy: dict[str, list[str]] = field(default_factory=dict)


class _NameIndex:
    """Folded name words per zone, cached per registry version and shared across requests.

    A misspelled query word ('alabuha') is matched against the vocabulary of name words by edit
    similarity; a zone matches when every significant query word matches one of its words. Words so
    common that they name most zones ('zone', 'park') do not narrow anything and are skipped.

    Concurrency: a request reads the registry version (which checks a connection out of the pool for
    its session) before it may take the build lock, and a reader never waits for a lock at all, since a
    snapshot is swapped in whole. A thread holding the lock therefore never waits for a pooled
    connection that a thread waiting for the lock holds: that wait was the lock-up of 64 parallel text
    searches (tests/web/test_concurrency.py).
    """

    MIN_WORD = 4
    COMMON_SHARE = 0.05
    MAX_LISTED_MATCHES = 5000  # beyond this many substring matches, SQL's LIKE is the cheaper filter
    MAX_REMEMBERED = 512  # answers kept per registry version (a query needs its substring ids twice)

    def __init__(self) -> None:
        self._build_lock = threading.Lock()
        self._snapshot: _NameSnapshot | None = None

    def _build(self, session: Session, key: tuple[str, str]) -> _NameSnapshot:
        zones_by_word: dict[str, set[str]] = {}
        columns = select(ZoneRow.zone_id, ZoneRow.name_en, ZoneRow.name_local, ZoneRow.search_text)
        rows = session.execute(columns).all()
        for zone_id, name_en, name_local, _text in rows:
            for name in (name_en, name_local):
                for word in fold_text(name or "").split():
                    if len(word) >= self.MIN_WORD:
                        zones_by_word.setdefault(word, set()).add(zone_id)
        texts = [(zone_id, text or "") for zone_id, _en, _local, text in rows]
        return _NameSnapshot(key, list(zones_by_word), zones_by_word, texts, len(rows))

    def current(self, session: Session) -> _NameSnapshot:
        """The index of this database's current registry version, built first if there is none yet."""
        key = (str(session.get_bind().engine.url), registry_version(session))  # I/O before any lock
        snapshot = self._snapshot
        if snapshot is not None and snapshot.key == key:
            return snapshot
        with self._build_lock:  # one rebuild at a time; this session already holds its connection
            snapshot = self._snapshot
            if snapshot is None or snapshot.key != key:
                with building():
                    snapshot = self._build(session, key)
                self._snapshot = snapshot
            return snapshot

    def substring_ids(self, session: Session, text: str) -> list[str] | None:
        """Zones whose folded names contain the folded text (what LIKE '%text%' finds), scanned in memory;
        None when there are so many that an IN list would cost more than LIKE."""
        fragment = fold_text(text)
        snapshot = self.current(session)
        remembered = snapshot.substrings
        if fragment in remembered:
            return remembered[fragment]
        found = [zone_id for zone_id, searchable in snapshot.search_texts if fragment in searchable]
        answer = found if len(found) <= self.MAX_LISTED_MATCHES else None
        self._remember(remembered, fragment, answer)
        return answer

    def _remember(self, answers: dict[str, Answer], text: str, answer: Answer) -> None:
        if len(answers) >= self.MAX_REMEMBERED:
            answers.clear()
        answers[text] = answer  # a lost race costs a recomputation, never a wrong answer

    def matches(self, session: Session, text: str) -> list[str]:
        snapshot = self.current(session)
        remembered = snapshot.fuzzy
        if text in remembered:
            return remembered[text]
        found: set[str] | None = None
        for word in (w for w in fold_text(text).split() if len(w) >= self.MIN_WORD):
            similar = process.extract(word, snapshot.vocabulary, scorer=fuzz.ratio,
                                      score_cutoff=FUZZY_SCORE_CUTOFF, limit=FUZZY_LIMIT)  # fmt: skip
            zones = set().union(*(snapshot.zones_by_word[match] for match, _score, _index in similar))
            if len(zones) > max(FUZZY_LIMIT, self.COMMON_SHARE * snapshot.zone_count):
                continue
            found = zones if found is None else found & zones
        answer = sorted(found or ())[: FUZZY_LIMIT * 4]
        self._remember(remembered, text, answer)
        return answer


NAME_INDEX = _NameIndex()
build_ahead(NAME_INDEX.current)  # built at a server's start (store/registry_cache.build_every_value)


def listed(session: Session, zone_ids: list[str]) -> ColumnElement[bool]:
    """Zones whose id is one of `zone_ids` (the lists found in memory by the name and code indexes).

    On PostgreSQL the list is one array parameter (`= ANY(:ids)`): as an IN list, each id is a bound
    parameter that SQLAlchemy expands and psycopg converts in Python, twice per search (count and page)
    and again in the ORDER BY — ~80 ms for the ~900 ids of a text search at 100,000 zones
    (benchmarks/registry.py), for a query PostgreSQL itself answers in ~15 ms.
    """
    if session.get_bind().dialect.name == "postgresql":
        return ZoneRow.zone_id == any_(literal(zone_ids, type_=postgresql.ARRAY(String)))
    return ZoneRow.zone_id.in_(zone_ids)


def like_fragment(text: str) -> str:
    escaped = fold_text(text).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _contains(text: str) -> ColumnElement[bool]:
    return ZoneRow.search_text.like(like_fragment(text), escape="\\")


def substring(session: Session, text: str) -> ColumnElement[bool]:
    """Folded names containing the text: an IN list from memory when short (no table scan), else LIKE."""
    ids = NAME_INDEX.substring_ids(session, text)
    return _contains(text) if ids is None else listed(session, ids)


def name_match(session: Session, text: str) -> ColumnElement[bool]:
    """Zones whose names contain the text, or whose name words are close to its words (typos).

    Both found in memory make one id list, not two OR-ed: PostgreSQL answered the OR of two arrays by
    scanning the table (text search p95 53 → 17 ms at 100,000 zones, benchmarks/registry.py)."""
    fuzzy_ids = NAME_INDEX.matches(session, text)
    contained = NAME_INDEX.substring_ids(session, text)
    if contained is not None:
        return listed(session, sorted(set(contained).union(fuzzy_ids)))
    return or_(_contains(text), listed(session, fuzzy_ids)) if fuzzy_ids else _contains(text)


def fuzzy_name_match(session: Session, text: str) -> ColumnElement[bool] | None:
    """Only the misspelling arm (None when it finds nothing): for ordering name matches before others."""
    fuzzy_ids = NAME_INDEX.matches(session, text)
    return listed(session, fuzzy_ids) if fuzzy_ids else None
