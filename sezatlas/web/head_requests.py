"""`HEAD` answered wherever `GET` is: the GET response's status and headers, without its body.

FastAPI's `@router.get` routes answer HEAD with 405 (Starlette's plain routes add HEAD, FastAPI's do
not), yet link checkers, caches and uptime probes ask HEAD first. Rather than add HEAD to every route
(and to every operation in the OpenAPI document), this middleware runs the request as GET and drops the
body on its way out. Placed outside GZip, it passes on the Content-Length and Content-Encoding that the
GET would have had, as RFC 9110 §9.3.2 asks.
"""

from starlette.types import ASGIApp, Message, Receive, Scope, Send

HEADER_MESSAGES = ("http.response.start", "http.response.trailers")
END_OF_EMPTY_BODY: Message = {"type": "http.response.body", "body": b"", "more_body": False}


class HeadAsGetMiddleware:
    """Pure ASGI middleware: a HEAD request is handled as GET and its response sent without a body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_without_body(message: Message) -> None:
            if message["type"] in HEADER_MESSAGES:
                await send(message)
            elif not message.get("more_body", False):  # the body's last piece (or a pathsend): end it empty
                await send(END_OF_EMPTY_BODY)

        await self.app({**scope, "method": "GET"}, receive, send_without_body)
