"""JSON request bodies hold finite numbers only: `NaN`, `Infinity` and `1e999` are refused with a 422.

Python's `json` reads all three (the last as infinity), pydantic accepts them as floats, and from there
they either broke the error echo (a 500 on every JSON POST) or flowed into the arithmetic. JSON itself
(RFC 8259 §6) has no such numbers, so the rule belongs at the boundary, once, for every route.

A body of 64 KiB or more is checked in a worker thread: reading the largest one allowed, an inquiry with
five 10 MiB files in base64 (67 MiB), took 87 ms, and 600 KB of small objects 9 ms, during which the
event loop, and so every other request of the process, waited; 64 KiB of small objects took 0.6 ms.
"""

import json
import math
from typing import Any

import anyio.to_thread
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sezatlas.web.errors import ApiError, ErrorItem

BODY_METHODS = {"POST", "PUT", "PATCH"}
CHECKED_IN_THREAD_FROM_BYTES = 64 * 1024  # below, the check takes about a millisecond: not worth a thread


class NonFiniteNumberError(ValueError):
    pass


def _finite(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise NonFiniteNumberError(f"{text} is too large for a number")
    return number


def _no_constant(name: str) -> Any:
    raise NonFiniteNumberError(f"{name} is not a JSON number")


def check_json_body(body: bytes) -> ApiError | None:
    """The refusal for a body that is not strict JSON with finite numbers, or None when it is fine."""
    try:
        json.loads(body, parse_float=_finite, parse_constant=_no_constant)
    except NonFiniteNumberError as error:
        message = f"{error}; numbers must be finite"
    except (ValueError, RecursionError) as error:  # bad UTF-8, bad syntax, an integer of 4,300+ digits
        message = f"not valid JSON ({error})"
    else:
        return None
    return ApiError(422, f"body: {message}", [ErrorItem(field=None, message=message)])


async def _checked(body: bytes) -> ApiError | None:
    if len(body) < CHECKED_IN_THREAD_FROM_BYTES:
        return check_json_body(body)
    return await anyio.to_thread.run_sync(check_json_body, body)


def _is_json(scope: Scope) -> bool:
    for name, value in scope.get("headers", []):
        if name == b"content-type":
            return bool(value.split(b";")[0].strip().lower().endswith(b"json"))
    return False


class FiniteJsonBodies:
    """Reads a JSON body whole, checks it, and hands the same bytes on to the application."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in BODY_METHODS or not _is_json(scope):
            await self.app(scope, receive, send)
            return
        chunks, more = [], True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunks.append(message.get("body", b""))
            more = message.get("more_body", False)
        body = b"".join(chunks)
        if body and (refusal := await _checked(body)) is not None:
            content = json.dumps(refusal.body()).encode()
            length = str(len(content)).encode()
            headers = [(b"content-type", b"application/json"), (b"content-length", length)]
            await send({"type": "http.response.start", "status": refusal.status_code, "headers": headers})
            await send({"type": "http.response.body", "body": content, "more_body": False})
            return
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if delivered:
                return await receive()
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)
