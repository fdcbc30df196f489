"""The zone list's answers (`GET /api/v1/zones`), kept while nothing they show has changed.

A zone list costs a process about 9 ms of CPU (the search, the page's documents, the confirmations, the
JSON), so on two cores it could not answer the same popular list, one country's zones, even as fast as
Datasette does (docs/deployment.md, "Load test"). An answer depends only on its query string, on the
registry (`store/zones.py`, the registry version, bumped by every zone write), on the operators'
confirmations (`last_confirmed_at`, their own version) and on the date (`data_age_days`); the key holds
all of them and the database's URL, so an answer is never served after any of them has changed, in this
process or in another worker. Checking the key costs one query.

Entries are dropped least recently used first, within `max_bytes` per process
(`SEZATLAS_ANSWER_CACHE_MB`, 0: no cache); an answer larger than an eighth of that is not kept.
"""

import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from sezatlas.store.zones import registry_state


@dataclass(frozen=True, slots=True)
class Answer:
    body: bytes
    media_type: str
    headers: tuple[tuple[str, str], ...] = ()


Key = tuple[str, str, str, str, str]


class ZoneListCache:
    """Least-recently-used answers by (database, registry state, date, query); thread-safe."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.hits = self.misses = 0
        self._answers: OrderedDict[Key, Answer] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def key(self, session: Session, query: str, today: date) -> Key | None:
        """The answer's key, read before the answer is computed (so an answer is never older than its key);
        None when caching is off."""
        if self.max_bytes <= 0:
            return None
        version, confirmations = registry_state(session)
        return str(session.get_bind().engine.url), version, confirmations, today.isoformat(), query

    def get(self, key: Key | None) -> Answer | None:
        if key is None:
            return None
        with self._lock:
            answer = self._answers.get(key)
            if answer is None:
                self.misses += 1
                return None
            self._answers.move_to_end(key)
            self.hits += 1
            return answer

    def put(self, key: Key | None, answer: Answer) -> None:
        size = len(answer.body)
        if key is None or size > self.max_bytes // 8:
            return
        with self._lock:
            previous = self._answers.pop(key, None)
            if previous is not None:
                self._bytes -= len(previous.body)
            self._answers[key] = answer
            self._bytes += size
            while self._bytes > self.max_bytes:
                _, dropped = self._answers.popitem(last=False)
                self._bytes -= len(dropped.body)

    @property
    def size_bytes(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._answers)
