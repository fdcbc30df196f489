"""The HTML encoding of `/ogc` (Part 1, /conf/html): each JSON document shown as a page of the site.

The page gets the document itself (every fact and link of the JSON is on the page, /req/html/content) and
what the template needs besides; zone features link to the zone's own page rather than drawing a map.
"""

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse

from sezatlas.web.pages.rendering import page_context, render

NAME_PROPERTIES = ("name_en", "name")  # the property a feature is called by: zones, then the point layers


def feature_name(feature: dict[str, Any]) -> str:
    properties = feature.get("properties") or {}
    return next(
        (str(properties[name]) for name in NAME_PROPERTIES if properties.get(name)), str(feature["id"])
    )


def json_href(document: dict[str, Any]) -> str | None:
    """The document's own JSON encoding (its `self` link), for the footer."""
    return next((link["href"] for link in document.get("links", []) if link.get("rel") == "self"), None)


def render_ogc_page(request: Request, template: str, context: dict[str, Any]) -> HTMLResponse:
    document = context["document"]
    extra = {"feature_name": feature_name, "json_href": json_href(document)}
    return render(request, page_context(request), template, {**extra, **context})
