"""The queue in front of the request threads, which forgets the requests whose client has gone.

A process answers at most as many requests at once as it has threads and database connections
(`web/app.py`, `_threads_for`); the others wait in the event loop. When many clients give up at once (a
load generator stopping, browsers closed, nginx's `proxy_read_timeout`), their requests stayed queued and
the server computed every one of them for nobody: after a run at 256 connections it answered its next
client only 1.3 to 7.2 s later (docs/deployment.md, "Load test"). Here a GET waits for its turn while
listening for its client, and one whose client has left is dropped before any work is done for it
(`web/waiting.py`; a request with a large body waits without listening). A turn ends when the response
starts: sending a large download to a slow client does not keep the next request waiting.

A request that has waited `max_wait_s` (`SEZATLAS_QUEUE_WAIT_S`, 4 s) without a turn is answered 503 with
`Retry-After`, before any work is done for it: under more load than the process can serve, an answer that
says "come back in 2 s" within the few seconds a client waits is better than one it stops waiting for
(wrk gives up after 5 s, browsers and nginx later, but readers sooner).
"""

import asyncio
from collections.abc import Awaitable, Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sezatlas.web.waiting import Listener, Outcome, busy_response, wait_for_turn


class RequestQueue:
    """Pure ASGI middleware: `turns` requests at once, first come first served; see the module's docstring."""

    def __init__(self, app: ASGIApp, *, turns: int, max_wait_s: float) -> None:
        self.app = app
        self.turns = turns
        self.max_wait_s = max_wait_s
        self.dropped = 0  # requests whose client left while they waited (for tests and curious operators)
        self.refused = 0  # requests answered 503 after max_wait_s
        self._semaphore: asyncio.Semaphore | None = None  # made on first use, inside the server's event loop

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self._semaphore is None:
            self._semaphore = asyncio.Semaphore(self.turns)
        semaphore = self._semaphore
        listener: Listener | None = None
        if not semaphore.locked():
            await semaphore.acquire()  # free: returns at once, without yielding to the loop
        else:
            if Listener.can_listen(scope):
                listener = Listener(receive)
                receive = listener.receive
            outcome = await wait_for_turn(semaphore, listener, self.max_wait_s)
            if outcome is not Outcome.TURN:
                if listener is not None:
                    listener.close()
                if outcome is Outcome.GONE:
                    self.dropped += 1
                else:
                    self.refused += 1
                    await busy_response(scope)(scope, receive, send)
                return
        turn = _Turn(semaphore)
        try:
            await self.app(scope, receive, turn.ending_at_start(send))
        finally:
            turn.end()
            if listener is not None:
                listener.close()


class _Turn:
    def __init__(self, semaphore: asyncio.Semaphore) -> None:
        self._semaphore = semaphore
        self._held = True

    def end(self) -> None:
        if self._held:
            self._held = False
            self._semaphore.release()

    def ending_at_start(self, send: Send) -> Callable[[Message], Awaitable[None]]:
        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                self.end()
            await send(message)

        return sending
