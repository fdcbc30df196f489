"""The HTML encoding of `/ogc` (Part 1, /conf/html): each JSON document shown as a page of the site.

The page gets the document itself (every fact and link of the JSON is on the page, /req/html/content) and
what the template needs besides; zone features also link to the zone's own page. The items, item and
collection pages draw a small map (`static/js/map.js`, the site's offline land layer): the page's features
as points, or the collection's extent as a rectangle.
"""

from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse

from sezatlas.web.pages.labels import ZONE_TYPE_COLOURS
from sezatlas.web.pages.rendering import page_context, render

NAME_PROPERTIES = ("name_en", "name")  # the property a feature is called by: zones, then the point layers
POINT_COLOUR = "#333333"  # a feature with no zone type (a seaport, an airport, or `properties` left it out)


def feature_name(feature: dict[str, Any]) -> str:
    properties = feature.get("properties") or {}
    return next(
        (str(properties[name]) for name in NAME_PROPERTIES if properties.get(name)), str(feature["id"])
    )


def map_points(features: list[dict[str, Any]], items_href: str) -> list[list[object]]:
    """[id, name, latitude, longitude, colour, is_approximate, href] of each point feature (map.js): zones in
    their type's colour, approximate points (a nearby town) hollow, as on the site's other maps."""
    points: list[list[object]] = []
    for feature in features:
        geometry = feature.get("geometry") or {}
        if geometry.get("type") != "Point":
            continue
        longitude, latitude = geometry["coordinates"][:2]
        properties = feature.get("properties") or {}
        colour = ZONE_TYPE_COLOURS.get(str(properties.get("zone_type")), POINT_COLOUR)
        is_approximate = properties.get("coordinate_precision") not in (None, "site")
        item_href = f"{items_href}/{quote(str(feature['id']), safe='')}?f=html"
        name = feature_name(feature)
        points.append([feature["id"], name, latitude, longitude, colour, is_approximate, item_href])
    return points


def json_href(document: dict[str, Any]) -> str | None:
    """The document's own JSON encoding (its `self` link), for the footer."""
    return next((link["href"] for link in document.get("links", []) if link.get("rel") == "self"), None)


def render_ogc_page(request: Request, template: str, context: dict[str, Any]) -> HTMLResponse:
    document = context["document"]
    extra = {"feature_name": feature_name, "map_points": map_points, "json_href": json_href(document)}
    return render(request, page_context(request), template, {**extra, **context})
