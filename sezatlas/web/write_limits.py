"""A rate limit on every write: each client address has a token bucket of state-changing requests.

Log-in, sign-up and reset have their own, stricter limits counted on the audit trail
(`accounts/rate_limits.py`), which hold across processes. This one is a cheap guard against a flood of
writes of any kind (imports of requests, meeting requests, answers): a bucket of `writes_per_minute`
tokens per address, refilled continuously, one token per POST/PUT/PATCH/DELETE; an empty bucket is a
429 with `Retry-After`. It lives in the process's memory, so with N workers an address may make up to N
times the limit — a guard, not an accounting; reads are never counted.
"""

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from sezatlas.web.error_handlers import error_response
from sezatlas.web.errors import ApiError

READS = frozenset({"GET", "HEAD", "OPTIONS"})
TOO_MANY = "too many changes from this address; try again in a moment"
MAX_TRACKED = 10_000  # addresses kept; the fullest buckets are forgotten first (they owe nothing)


@dataclass(slots=True)
class _Bucket:
    tokens: float
    at: float


class TokenBuckets:
    """Per-key token buckets of `capacity` tokens refilled at `capacity` per `period_s`."""

    def __init__(
        self, capacity: int, period_s: float = 60.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.capacity = capacity
        self.rate = capacity / period_s
        self.clock = clock
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()

    def take(self, key: str) -> float:
        """Take one token for `key`: 0.0 when granted, else the seconds until one is back."""
        now = self.clock()
        with self._lock:
            bucket = self._buckets.get(key)
            if bucket is None:
                if len(self._buckets) >= MAX_TRACKED:
                    self._forget_full(now)
                bucket = self._buckets[key] = _Bucket(float(self.capacity), now)
            bucket.tokens = min(self.capacity, bucket.tokens + (now - bucket.at) * self.rate)
            bucket.at = now
            if bucket.tokens >= 1:
                bucket.tokens -= 1
                return 0.0
            return (1 - bucket.tokens) / self.rate

    def _forget_full(self, now: float) -> None:
        for key, bucket in list(self._buckets.items()):
            if bucket.tokens + (now - bucket.at) * self.rate >= self.capacity:
                del self._buckets[key]
        if len(self._buckets) >= MAX_TRACKED:  # all busy: forget the oldest half
            for key in sorted(self._buckets, key=lambda k: self._buckets[k].at)[: MAX_TRACKED // 2]:
                del self._buckets[key]


class WriteRateLimit:
    """Pure ASGI middleware: a 429 + Retry-After for the write that finds its address's bucket empty."""

    def __init__(self, app: ASGIApp, *, writes_per_minute: int) -> None:
        self.app = app
        self.buckets = TokenBuckets(writes_per_minute) if writes_per_minute > 0 else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.buckets is None or scope["type"] != "http" or scope["method"] in READS:
            await self.app(scope, receive, send)
            return
        client = scope.get("client")
        wait_s = self.buckets.take(client[0] if client else "")
        if wait_s == 0.0:
            await self.app(scope, receive, send)
            return
        response = error_response(Request(scope), ApiError(429, TOO_MANY))
        response.headers["Retry-After"] = str(max(1, math.ceil(wait_s)))
        await response(scope, receive, send)
