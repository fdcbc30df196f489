"""The queue in front of the request threads, which forgets the requests whose client has gone.

A process computes `SEZATLAS_REQUESTS_AT_ONCE` requests at once (4; never more than its threads and
database connections, `web/app.py`); the others wait in the event loop. Why so few: a process runs Python
on one CPU at a time, and a zone list needs ~2 ms of it against ~1 ms of waiting for PostgreSQL, so four
keep it busy. Twenty at once (the connections) shared that CPU twenty ways and the event loop waited for
it behind them: under 64 connections its lag was 5 ms (p50) and 40–50 ms (p99), against 3 and 20 ms with
four, and four served the uncached lists of the production profile faster in five of six alternate runs
(docs/deployment.md, "Requests take turns", has every run). When many clients give up at once (a
load generator stopping, browsers closed, nginx's `proxy_read_timeout`), their requests stayed queued and
the server computed every one of them for nobody: after a run at 256 connections it answered its next
client only 1.3 to 7.2 s later (docs/deployment.md, "Load test"). Here a GET waits for its turn while
listening for its client, and one whose client has left is dropped before any work is done for it
(`web/waiting.py`; a request with a large body waits without listening). A turn ends when the response
starts: sending a large download to a slow client does not keep the next request waiting.

A request that has waited `max_wait_s` (`SEZATLAS_QUEUE_WAIT_S`, 2 s) without a turn is answered 503 with
`Retry-After`, before any work is done for it: under more load than the process can serve, an answer that
says "come back in 2 s" within the few seconds a client waits is better than one it stops waiting for
(wrk gives up after 5 s, browsers and nginx later, but readers sooner). The wait is at most half of those
5 s because a request that has its turn is then computed among the others: docs/deployment.md, "Requests
take turns", has the figures behind 2 s, and the refusal on arrival that was tried instead.
"""

from collections.abc import Awaitable, Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sezatlas.web.waiting import Turn, Turns


class RequestQueue:
    """Pure ASGI middleware: `turns` requests at once, first come first served; see the module's docstring."""

    def __init__(self, app: ASGIApp, *, turns: int, max_wait_s: float) -> None:
        self.app = app
        self.turns = Turns(turns, max_wait_s)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        turn = await self.turns.take(scope, receive, send)
        if turn is None:
            return
        try:
            await self.app(scope, turn.receive, _ending_at_start(turn, send))
        finally:
            turn.close()


def _ending_at_start(turn: Turn, send: Send) -> Callable[[Message], Awaitable[None]]:
    """`send`, ending the turn when the response starts: a slow download does not hold it."""

    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            turn.end()
        await send(message)

    return sending
