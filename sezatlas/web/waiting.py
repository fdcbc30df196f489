"""Waiting for a turn while listening to the client: what the request queue and admission control share.

A request waits for a turn in the event loop (`web/request_queue.py`: one of the process's threads;
`web/admission.py`: one of the computations allowed at once). While it waits, `Listener` reads what its
client sends, keeping it for the application, and so hears a disconnect: a request whose client has
left is dropped before any work is done for it. Only small bodies are read this way (`LISTENED_BODY_BYTES`):
reading a large upload while it waits would move it from the socket's buffers into the process.
A request that has waited `max_wait_s` is answered `busy_response`. `Turns.take` is the whole of it.
"""

import asyncio
import enum
from typing import Literal

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Message, Receive, Scope, Send

from sezatlas.web.error_handlers import error_response
from sezatlas.web.errors import ApiError

BUSY = "the server is busy computing other requests; try again in a moment"
RETRY_AFTER_S = 2
LISTENED_BODY_BYTES = 64 * 1024  # a ranking's project is a few kB; files and inquiries are not listened to


def busy_response(scope: Scope) -> Response:
    """503 with `Retry-After`: JSON for the API, the error page for a reader."""
    response = error_response(Request(scope), ApiError(503, BUSY))
    response.headers["Retry-After"] = str(RETRY_AFTER_S)
    return response


class Outcome(enum.Enum):
    TURN = "a turn"
    GONE = "the client left"
    LATE = "no turn within the wait"


class Listener:
    """Listens to a request's client while it waits, then hands what it heard to the application."""

    def __init__(self, receive: Receive) -> None:
        self._receive = receive
        self._heard: list[Message] = []
        self._pending: asyncio.Task[Message] | None = None

    @staticmethod
    def can_listen(scope: Scope) -> bool:
        """A request without a body (GET, HEAD) or with a small declared one."""
        if scope["method"] in ("GET", "HEAD"):
            return True
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                text = value.decode("latin-1").strip()
                return text.isdigit() and int(text) <= LISTENED_BODY_BYTES
        return False

    async def heard_leaving(self) -> bool:
        """Waits until the client disconnects (True); what else it hears (the body) is kept."""
        while True:
            if self._pending is None:
                self._pending = asyncio.ensure_future(self._receive())
            message = await asyncio.shield(self._pending)  # a cancelled wait leaves the receive running
            self._pending = None
            self._heard.append(message)
            if message["type"] == "http.disconnect":
                return True

    async def receive(self) -> Message:
        if self._heard:
            return self._heard.pop(0)
        if self._pending is not None:
            pending, self._pending = self._pending, None
            return await pending
        return await self._receive()

    def close(self) -> None:
        if self._pending is not None:
            self._pending.cancel()


async def wait_for_turn(
    semaphore: asyncio.Semaphore, listener: Listener | None, max_wait_s: float
) -> Outcome:
    """A turn, the client gone (heard only with a listener), or neither within `max_wait_s`. No turn is held
    unless the outcome is TURN, even when cancelled (the server stopping)."""
    turn = asyncio.ensure_future(semaphore.acquire())
    leaving = asyncio.ensure_future(listener.heard_leaving()) if listener is not None else None
    try:
        await asyncio.wait({turn} if leaving is None else {turn, leaving}, timeout=max_wait_s,
                           return_when=asyncio.FIRST_COMPLETED)  # fmt: skip
    except BaseException:
        _give_back(turn, semaphore)
        raise
    finally:
        if leaving is not None and not leaving.done():
            leaving.cancel()
    if turn.done():
        return Outcome.TURN
    _give_back(turn, semaphore)
    has_left = leaving is not None and leaving.done() and not leaving.cancelled()
    return Outcome.GONE if has_left else Outcome.LATE


def _give_back(turn: "asyncio.Task[Literal[True]]", semaphore: asyncio.Semaphore) -> None:
    """Withdraw from the queue; a turn taken in the same instant is released."""
    if turn.done():
        if not turn.cancelled():
            semaphore.release()
    else:
        turn.cancel()


class Turn:
    """A turn held by one request: `receive` is what the application reads (what the listener heard first)."""

    def __init__(self, semaphore: asyncio.Semaphore, receive: Receive, listener: Listener | None) -> None:
        self._semaphore = semaphore
        self._listener = listener
        self._held = True
        self.receive = receive

    def end(self) -> None:
        """Give the turn to the next request (once; the request itself may still be sending)."""
        if self._held:
            self._held = False
            self._semaphore.release()

    def close(self) -> None:
        """The request is over: the turn ends and the listener stops."""
        self.end()
        if self._listener is not None:
            self._listener.close()


class Turns:
    """`count` turns at once, first come first served; the others wait (module docstring)."""

    def __init__(self, count: int, max_wait_s: float) -> None:
        self.count = count
        self.max_wait_s = max_wait_s
        self.dropped = 0  # requests whose client left while they waited (for tests and curious operators)
        self.refused = 0  # requests answered 503 after max_wait_s
        self._semaphore: asyncio.Semaphore | None = None  # made on first use, inside the server's event loop

    def all_held(self) -> bool:
        """Whether the next request would wait."""
        return self._semaphore is not None and self._semaphore.locked()

    async def take(self, scope: Scope, receive: Receive, send: Send) -> Turn | None:
        """A turn, or None once the request is dealt with: its client left, or it was answered 503."""
        if self._semaphore is None:
            self._semaphore = asyncio.Semaphore(self.count)
        semaphore = self._semaphore
        if not semaphore.locked():
            await semaphore.acquire()  # free: returns at once, without yielding to the loop
            return Turn(semaphore, receive, None)
        listener = Listener(receive) if Listener.can_listen(scope) else None
        if listener is not None:
            receive = listener.receive
        outcome = await wait_for_turn(semaphore, listener, self.max_wait_s)
        if outcome is Outcome.TURN:
            return Turn(semaphore, receive, listener)
        if listener is not None:
            listener.close()
        if outcome is Outcome.GONE:
            self.dropped += 1
        else:
            self.refused += 1
            await busy_response(scope)(scope, receive, send)
        return None
