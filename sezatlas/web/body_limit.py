"""A ceiling on request bodies: a body over `max_body_bytes` is answered 413 before it is parsed.

Without it a client could make the server read and parse any amount of JSON or form data. The
declared Content-Length is checked first (the body is then never read); a body sent without one
(chunked) is counted as it arrives, and the moment it passes the limit the request is cut short: the
application's own answer to the broken body (FastAPI says 400) is replaced by the 413.

The largest legitimate JSON or form body is a project for `/api/v1/incentives` or `/api/v1/rank`, a
few kilobytes, so one limit (default 1 MiB, `SEZATLAS_MAX_BODY_BYTES`) serves every route but the few
that take a file: those (`upload_limits`, path pattern → bytes; the secretariat's zones file at
`/import`, `SEZATLAS_MAX_UPLOAD_BYTES`, 16 MiB: ~30,000 zones as CSV, and an operator's source document on
`/zones/{id}/edit`; an investor's inquiry at `POST /api/v1/inquiries`, up to five 10 MiB files in base64,
`SEZATLAS_MAX_INQUIRY_BYTES`, 72 MiB) get their own, larger ceiling, counted the same way. A pattern must
match the whole path, so no other route's ceiling is raised by accident. nginx applies the same ceilings
(deploy/nginx.conf.template).
"""

import json
import re
from collections.abc import Mapping

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class BodyTooLargeError(Exception):
    """Raised to the application from `receive` when the streamed body passes the limit."""


def _declared_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            text = value.decode("latin-1").strip()
            return int(text) if text.isdigit() else None
    return None


def too_large_messages(limit: int) -> list[Message]:
    """The 413 response as ASGI messages: a JSON body like every other API error."""
    body = json.dumps({"detail": f"request body over {limit} bytes", "errors": []}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
               (b"connection", b"close")]  # fmt: skip
    return [
        {"type": "http.response.start", "status": 413, "headers": headers},
        {"type": "http.response.body", "body": body, "more_body": False},
    ]


class _Guard:
    """One request's counting `receive` and the `send` that swaps the app's answer for the 413."""

    def __init__(self, limit: int, receive: Receive, send: Send) -> None:
        self.limit, self._receive, self._send = limit, receive, send
        self.received = 0
        self.is_over = False
        self.has_started = False

    async def receive(self) -> Message:
        message = await self._receive()
        if message["type"] == "http.request":
            self.received += len(message.get("body", b""))
            if self.received > self.limit:
                self.is_over = True
                raise BodyTooLargeError(f"request body over {self.limit} bytes")
        return message

    async def send(self, message: Message) -> None:
        if self.is_over:
            if message["type"] == "http.response.start" and not self.has_started:
                await self.send_too_large()
            return  # the app's own answer to the cut body is dropped
        if message["type"] == "http.response.start":
            self.has_started = True
        await self._send(message)

    async def send_too_large(self) -> None:
        self.has_started = True
        for message in too_large_messages(self.limit):
            await self._send(message)


class BodyLimitMiddleware:
    """Pure ASGI middleware: 413 for a request body over `max_body_bytes` (declared or streamed)."""

    def __init__(
        self, app: ASGIApp, max_body_bytes: int | None = None, upload_limits: Mapping[str, int] | None = None
    ) -> None:
        if max_body_bytes is None:
            from sezatlas.settings import get_settings

            max_body_bytes = get_settings().max_body_bytes
        self.app, self.default_limit = app, max_body_bytes
        self.upload_limits = [
            (re.compile(pattern), limit) for pattern, limit in (upload_limits or {}).items()
        ]

    def limit_for(self, path: str) -> int:
        return next(
            (limit for pattern, limit in self.upload_limits if pattern.fullmatch(path)), self.default_limit
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope.get("path", ""))
        declared = _declared_length(scope)
        if declared is not None and declared > limit:
            for message in too_large_messages(limit):
                await send(message)
            return
        guard = _Guard(limit, receive, send)
        try:
            await self.app(scope, guard.receive, guard.send)
        except BodyTooLargeError:
            if guard.has_started:
                raise  # the app answered before reading the whole body: nothing more can be said
            await guard.send_too_large()
