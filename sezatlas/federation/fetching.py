"""Reading a source over HTTP politely: timeouts, a size limit, retries with back-off, conditional requests.

httpx, not urllib: it gives timeouts per phase (a platform that accepts the connection and then stalls
must not hold a worker for ever), streamed bodies (so the size limit is enforced while reading, not after
a 2 GB answer is in memory), and a mock transport for tests, and the project already tests with it
(pyproject.toml lists it among the runtime dependencies for this module).

A source answers 304 Not Modified to a request carrying the ETag / Last-Modified of its last answer:
the run is then "unchanged" without reading or validating anything (RFC 9110, section 13.1).
Transient failures (connection errors, timeouts, 429 and 5xx) are retried with exponential back-off;
anything else fails at once with the URL and the status, which the run report shows.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx

USER_AGENT = "SEZ-Atlas-harvester/1 (+docs/federation.md)"
RETRIED_STATUSES = frozenset({429, 500, 502, 503, 504})


class FetchError(RuntimeError):
    """A source could not be read (after the retries); the message names the URL and why."""


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    timeout_s: float = 30.0
    max_bytes: int = 512 * 1024 * 1024
    attempts: int = 4  # the first try and three retries
    backoff_s: float = 1.0  # waits 1, 2, 4 s between attempts


@dataclass(frozen=True, slots=True)
class Fetched:
    """A source's answer; `content` is None when it was not modified since the validators given."""

    url: str
    content: bytes | None
    etag: str | None
    last_modified: str | None

    @property
    def is_modified(self) -> bool:
        return self.content is not None


class Fetcher:
    """GETs with the policy above; one per run, so its connections are reused page after page."""

    def __init__(
        self,
        policy: FetchPolicy | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.policy = policy or FetchPolicy()
        self._sleep = sleep
        self._client = httpx.Client(
            timeout=self.policy.timeout_s,
            transport=transport,
            follow_redirects=True,
            headers={"User-Agent": USER_AGENT},
        )

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *_: object) -> None:
        self._client.close()

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """The body of `url`, or a not-modified answer when `etag`/`last_modified` still hold."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        for attempt in range(1, self.policy.attempts + 1):
            try:
                return self._get_once(url, headers)
            except _TransientError as error:
                if attempt == self.policy.attempts:
                    raise FetchError(f"{url}: {error} (after {attempt} attempts)") from None
                self._sleep(self.policy.backoff_s * 2 ** (attempt - 1))
        raise AssertionError("unreachable")  # pragma: no cover

    def get_bytes(self, url: str) -> bytes:
        """The body of `url` (no conditional request): pages of a feed, items of a collection."""
        fetched = self.get(url)
        assert fetched.content is not None  # an unconditional GET is never answered 304
        return fetched.content

    def _get_once(self, url: str, headers: dict[str, str]) -> Fetched:
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                if response.status_code == 304:
                    return Fetched(
                        url, None, response.headers.get("ETag"), response.headers.get("Last-Modified")
                    )
                if response.status_code in RETRIED_STATUSES:
                    raise _TransientError(f"HTTP {response.status_code}")
                if response.status_code >= 400:
                    raise FetchError(f"{url}: HTTP {response.status_code}")
                content = self._read_limited(url, response)
                return Fetched(
                    url, content, response.headers.get("ETag"), response.headers.get("Last-Modified")
                )
        except (httpx.TimeoutException, httpx.TransportError) as error:
            raise _TransientError(type(error).__name__ + (f": {error}" if str(error) else "")) from None

    def _read_limited(self, url: str, response: httpx.Response) -> bytes:
        declared = response.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > self.policy.max_bytes:
            raise FetchError(f"{url}: {declared} bytes is over the limit of {self.policy.max_bytes}")
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.policy.max_bytes:
                raise FetchError(f"{url}: the answer is over the limit of {self.policy.max_bytes} bytes")
            chunks.append(chunk)
        return b"".join(chunks)


class _TransientError(Exception):
    """A failure worth another attempt."""
