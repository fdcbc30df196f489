"""State-changing requests must come from this site: the `Origin` (or, without it, `Referer`) checked.

Why this and SameSite=Strict cookies rather than CSRF tokens: every browser the pages support sends
`Origin` on POST, and a strict session cookie is never attached to a request another *site* starts, so
such a forged form post arrives anonymous; and it names another origin, so it is refused here with 403 —
no hidden field to forget in a template. A page of the same site on another port or a sibling subdomain
does get the cookie sent along (same site, other origin): there this check is the only defence
(`tests/web/browser/test_browser_permissions.py` posts from another port). Requests without either
header (curl, API clients with a Bearer token) carry no ambient credential a third site could abuse, so
they pass to the permission checks like any other.
"""

import json
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Receive, Scope, Send

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return str(value.decode("latin-1"))
    return None


def _origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


class SameOriginWrites:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in SAFE_METHODS:
            await self.app(scope, receive, send)
            return
        claimed = _header(scope, b"origin") or _header(scope, b"referer")
        host = _header(scope, b"host")
        if claimed is None or host is None:
            await self.app(scope, receive, send)
            return
        own = {f"{scheme}://{host}".lower() for scheme in ("http", "https")}
        if claimed == "null" or _origin_of(claimed) not in own:
            body = json.dumps(
                {"detail": f"cross-site request refused (origin {claimed[:100]})", "errors": []}
            )
            content = body.encode()
            headers = [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(content)).encode()),
            ]
            await send({"type": "http.response.start", "status": 403, "headers": headers})
            await send({"type": "http.response.body", "body": content, "more_body": False})
            return
        await self.app(scope, receive, send)
