"""Reading another SEZ Atlas node: the whole registry once, then only what changed, through its feed.

A node publishes `GET /api/v1/changes` (`change_feed.py`): without a cursor every zone, then the changes
after that snapshot; with the cursor of the last good run only the changes since. The records are the
node's flat standard records, so the mapping is the identity.
"""

import json
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlencode

from sezatlas.federation.records import SourceRecord

PAGE_SIZE = 1000
FEED_PATH = "/api/v1/changes"


class NodeAnswerError(ValueError):
    """The node answered with something that is not its change feed (the message names the page)."""


def feed_url(base_url: str, cursor: str | None, page_size: int = PAGE_SIZE) -> str:
    query = {"limit": str(page_size)} | ({"since": cursor} if cursor else {})
    return base_url.rstrip("/") + FEED_PATH + "?" + urlencode(query)


class NodeFeed:
    """The changes after `cursor` (None: the whole registry), page after page until the feed's end, one
    record at a time (a page in memory, not the registry). After it was read to its end, `cursor` is the
    feed's `next` (where the next run starts) and `removed` the zones the node said it removed.

    A zone changed several times since the last run comes once per change; the last one wins (a harvest
    writes the zone's state, not its history: the node keeps that).
    """

    def __init__(
        self,
        get_page: Callable[[str], bytes],
        base_url: str,
        cursor: str | None,
        *,
        page_size: int = PAGE_SIZE,
    ) -> None:
        self._get_page, self._base_url, self._page_size = get_page, base_url, page_size
        self.cursor = cursor
        self.is_snapshot = cursor is None  # read from the start: a zone missing from it was removed
        self.removed: list[str] = []

    def __iter__(self) -> Iterator[SourceRecord]:
        page_number, has_more = 0, True
        while has_more:
            page_number += 1
            url = feed_url(self._base_url, self.cursor, self._page_size)
            page = _page(self._get_page(url), url)
            for index, change in enumerate(page["changes"], start=1):
                zone_id = str(change["zone_id"])
                if change.get("kind") == "removed":
                    self.removed.append(zone_id)
                    continue
                position = (
                    f"change {index} of page {page_number} ({zone_id}, version {change.get('version')})"
                )
                yield SourceRecord(position, dict(change["record"]))
            self.cursor, has_more = str(page["next"]), bool(page["has_more"])


def _page(content: bytes, url: str) -> dict[str, Any]:
    try:
        page = json.loads(content)
    except ValueError:
        raise NodeAnswerError(f"{url}: the answer is not JSON") from None
    if not isinstance(page, dict) or not {"changes", "next", "has_more"} <= page.keys():
        raise NodeAnswerError(f"{url}: not a change feed page (changes, next, has_more)")
    changes = page["changes"]
    if not isinstance(changes, list) or not all(
        isinstance(c, dict) and "zone_id" in c and isinstance(c.get("record"), dict) for c in changes
    ):
        raise NodeAnswerError(f"{url}: each change needs a zone_id and a record")
    return page
