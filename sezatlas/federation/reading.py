"""What one run reads from a source, whatever its kind: records one at a time, or "not modified".

The one place that picks the reader for a kind (`node.py` for SEZ Atlas nodes, `readers.py` for the
rest) and connects it to `fetching.py`, so the harvest itself (`harvest.py`) sees only records. The
records are lazy (a page or a CSV row in memory at a time); what the source says beyond its records (a
node's next cursor, the zones it removed) is known once they were read to the end. A source read whole
(data package, OGC collection, file, a node from the start) is a snapshot: a zone it no longer has was
removed at the source.
"""

import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO
from urllib.parse import urljoin

from sezatlas.federation.fetching import Fetcher
from sezatlas.federation.node import NodeFeed
from sezatlas.federation.readers import (
    DESCRIPTOR,
    datapackage_records,
    folder_opener,
    ogc_records,
    tabular_records,
    tabular_records_from_bytes,
)
from sezatlas.federation.records import SourceRecord
from sezatlas.federation.sources import Source, SourceKind


@dataclass(frozen=True, slots=True)
class SourceState:
    """What the last good run left for the next one to ask only for what changed."""

    etag: str | None = None
    last_modified: str | None = None
    cursor: str | None = None


@dataclass(frozen=True, slots=True)
class SourceAfter:
    """What the source said beyond its records, once they were read to the end."""

    state: SourceState = field(default_factory=SourceState)  # for the next run, after a good one
    removed: list[str] = field(default_factory=list)  # zone ids the source says it removed


@dataclass(frozen=True, slots=True)
class SourceRead:
    records: Iterable[SourceRecord] = ()
    is_snapshot: bool = True  # the records are all the source has
    is_modified: bool = True  # False: the source answered 304, nothing to do
    repeats_zones: bool = False  # a feed: a zone may come more than once, its last record wins
    after: Callable[[], SourceAfter] = field(default=SourceAfter)


def read_source(source: Source, state: SourceState, fetcher: Fetcher, *, full: bool = False) -> SourceRead:
    """Read `source` (with `full`, from the start: no cursor, no conditional request)."""
    if full:
        state = SourceState()
    if source.kind is SourceKind.SEZATLAS:
        feed = NodeFeed(fetcher.get_bytes, source.location, state.cursor)

        def after_feed() -> SourceAfter:
            return SourceAfter(SourceState(cursor=feed.cursor), list(feed.removed))

        return SourceRead(feed, feed.is_snapshot, repeats_zones=True, after=after_feed)
    if source.kind is SourceKind.OGC:
        return SourceRead(ogc_records(source.location, fetcher.get_bytes))
    if not source.is_url:
        return SourceRead(_local_records(source))
    first_url = _first_url(source)
    fetched = fetcher.get(first_url, etag=state.etag, last_modified=state.last_modified)
    if fetched.content is None:
        return SourceRead(is_modified=False, after=lambda: SourceAfter(state))
    validators = SourceAfter(SourceState(etag=fetched.etag, last_modified=fetched.last_modified))
    if source.kind is SourceKind.TABULAR:
        name = Path(first_url.split("?")[0]).name
        return SourceRead(tabular_records_from_bytes(name, fetched.content), after=lambda: validators)
    content = fetched.content

    def open_file(path: str) -> IO[bytes]:
        if path == DESCRIPTOR:
            return io.BytesIO(content)
        return io.BytesIO(fetcher.get_bytes(urljoin(first_url, path)))

    return SourceRead(datapackage_records(open_file), after=lambda: validators)


def _first_url(source: Source) -> str:
    """The URL whose validators tell whether the source changed: the descriptor of a data package."""
    if source.kind is SourceKind.DATAPACKAGE and not source.location.split("?")[0].endswith(".json"):
        return source.location.rstrip("/") + "/" + DESCRIPTOR
    return source.location


def _local_records(source: Source) -> Iterable[SourceRecord]:
    path = Path(source.location)
    if source.kind is SourceKind.TABULAR:
        return tabular_records(path)
    folder = path.parent if path.name == DESCRIPTOR else path
    return datapackage_records(folder_opener(folder))
