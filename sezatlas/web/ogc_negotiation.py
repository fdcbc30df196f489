"""Which encoding a request to `/ogc` asks for: `?f=` when given, else the Accept header.

A browser (Accept: text/html, no JSON type) gets the HTML pages; GDAL, QGIS and OWSLib (Accept: JSON types
or `*/*`) get JSON, as does anything that does not say. OGC API – Features Part 1, /req/core/http and
/rec/html (HTML encoding).
"""

from enum import StrEnum

from starlette.requests import Request


class Encoding(StrEnum):
    JSON = "json"
    HTML = "html"


F_VALUES = {"json": Encoding.JSON, "geojson": Encoding.JSON, "html": Encoding.HTML}


def requested_encoding(request: Request) -> Encoding:
    """The encoding asked for; an unknown `f` is left to the route's own validation (a 400)."""
    asked = request.query_params.get("f")
    if asked is not None:
        return F_VALUES.get(asked, Encoding.JSON)
    accept = request.headers.get("accept", "").lower()
    return Encoding.HTML if "text/html" in accept and "json" not in accept else Encoding.JSON


def wants_html(request: Request) -> bool:
    return request.url.path.startswith("/ogc") and requested_encoding(request) is Encoding.HTML
