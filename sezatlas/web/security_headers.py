"""`X-Content-Type-Options: nosniff` on every response, so a browser trusts the declared Content-Type.

Without it a browser may guess ("sniff") that a CSV or JSON answer holding user-supplied text is HTML
or script and run it. The header is added where a response lacks it, on every route, errors included.
"""

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class NoSniffMiddleware:
    """Pure ASGI middleware adding `X-Content-Type-Options: nosniff` to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_header(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("X-Content-Type-Options", "nosniff")
            await send(message)

        await self.app(scope, receive, send_with_header)
