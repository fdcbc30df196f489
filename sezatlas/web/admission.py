"""Admission control for the computations a request can start: a ranking, an incentive comparison.

A ranking costs about 0.3 s of CPU at the bundled size (`docs/deployment.md`); sixty-four of them at once
queue behind each other in the thread pool and every request, zone lists included, waits seconds. Here
at most `heavy_requests` run at once per process; the next ones wait up to `heavy_wait_s` for a turn and
are then refused with 503 and `Retry-After`, which a client (or nginx) can retry, while cheap requests
never wait for them. One whose client leaves while it waits is dropped (`web/waiting.py`): a burst of
rankings abandoned by their clients is not computed for nobody. The limit is per process: the
production profile's workers each have their own.
"""

from starlette.types import ASGIApp, Receive, Scope, Send

from sezatlas.web.waiting import Turns

# Public pages that compute on every GET: the common-approach table (the engine for every member's
# regimes, ~0.1 s a reference project) and the matrix as a PDF (WeasyPrint, seconds).
HEAVY_PAGES = {"/incentives/scenario"}
HEAVY_FILES = {("/incentives/matrix", b"f=pdf")}


def is_heavy(method: str, path: str, query_string: bytes) -> bool:
    """A ranking (API, or the page with a submitted form), an incentive computation, or a page that runs
    one (`HEAVY_PAGES`) or renders a PDF (`HEAVY_FILES`)."""
    if method == "POST" and (path == "/api/v1/rank" or path.startswith("/api/v1/incentives/")):
        return True
    if method != "GET":
        return False
    if path in HEAVY_PAGES or any(path == page and marker in query_string for page, marker in HEAVY_FILES):
        return True
    return path == "/rank" and bool(query_string)


class HeavyRequestAdmission:
    """Pure ASGI middleware: a semaphore around the heavy requests, a 503 for those that wait too long."""

    def __init__(self, app: ASGIApp, *, limit: int, wait_s: float) -> None:
        self.app = app
        self._turns = Turns(limit, wait_s)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not is_heavy(scope["method"], scope["path"], scope["query_string"]):
            await self.app(scope, receive, send)
            return
        turn = await self._turns.take(scope, receive, send)
        if turn is None:
            return
        try:
            await self.app(scope, turn.receive, send)
        finally:
            turn.close()
