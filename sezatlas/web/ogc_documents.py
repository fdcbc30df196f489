"""The JSON documents of `/ogc`: landing page, conformance, collections, items and item, with their links.

Plain functions of the base URL and the use cases' answers; the HTML pages (`ogc_pages`) show the same
documents, so every link and fact is in both encodings (Part 1, /req/html/content).
"""

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote, urlencode

from sezatlas.registry.features.catalog import COLLECTIONS, ZONES, Collection
from sezatlas.registry.features.feature_query import CRS84, Extent, FeaturePage

GEOJSON = "application/geo+json"
JSON = "application/json"
HTML = "text/html"
OPENAPI_JSON = "application/vnd.oai.openapi+json;version=3.0"
SCHEMA_JSON = "application/schema+json"
GREGORIAN = "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian"

_FEATURES = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/"
_FILTERING = "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/"
_CQL2 = "http://www.opengis.net/spec/cql2/1.0/conf/"
CONFORMANCE = [
    f"{_FEATURES}core",
    f"{_FEATURES}geojson",
    f"{_FEATURES}html",
    f"{_FEATURES}oas30",
    f"{_FILTERING}queryables",
    f"{_FILTERING}queryables-query-parameters",
    f"{_FILTERING}filter",
    f"{_FILTERING}features-filter",
    f"{_CQL2}cql2-text",
    f"{_CQL2}cql2-json",
    f"{_CQL2}basic-cql2",
    f"{_CQL2}advanced-comparison-operators",
    f"{_CQL2}basic-spatial-functions",
]


def link(href: str, rel: str, media_type: str = JSON, title: str | None = None) -> dict[str, str]:
    found = {"href": href, "rel": rel, "type": media_type}
    if title:
        found["title"] = title
    return found


def with_query(href: str, items: Iterable[tuple[str, str]]) -> str:
    query = urlencode(list(items))
    return f"{href}?{query}" if query else href


def _encodings(href: str, media_type: str = JSON) -> list[dict[str, str]]:
    """self (JSON) and alternate (HTML) of a resource without query parameters."""
    return [link(with_query(href, [("f", "json")]), "self", media_type, "This document"),
            link(with_query(href, [("f", "html")]), "alternate", HTML, "This document as HTML")]  # fmt: skip


def landing_document(base: str, root: str) -> dict[str, Any]:
    return {
        "title": "SEZ Atlas – OGC API Features",
        "description": "The registry of the preferential territories of the BRICS countries, and the "
        "seaports and airports their logistics distances are measured to, as OGC API – Features.",
        "links": [
            *_encodings(base),
            link(f"{base}/api", "service-desc", OPENAPI_JSON, "The API definition (OpenAPI 3.0)"),
            link(f"{root}/docs", "service-doc", HTML, "The API documentation"),
            link(f"{base}/conformance", "conformance", JSON, "Conformance classes"),
            link(f"{base}/collections", "data", JSON, "Collections"),
        ],
    }


def conformance_document(base: str) -> dict[str, Any]:
    return {"conformsTo": CONFORMANCE, "links": _encodings(f"{base}/conformance")}


def _extent(extent: Extent) -> dict[str, Any]:
    found: dict[str, Any] = {}
    if extent.box is not None:
        box = extent.box
        found["spatial"] = {"bbox": [[box.west, box.south, box.east, box.north]], "crs": CRS84}
    if extent.dates is not None:
        start, end = extent.dates.start, extent.dates.end
        interval = [f"{start.isoformat()}T00:00:00Z" if start else None,
                    f"{end.isoformat()}T23:59:59Z" if end else None]  # fmt: skip
        found["temporal"] = {"interval": [interval], "trs": GREGORIAN}
    return found


def collection_document(base: str, collection: Collection, extent: Extent) -> dict[str, Any]:
    href = f"{base}/collections/{collection.collection_id}"
    return {
        "id": collection.collection_id,
        "title": collection.title,
        "description": collection.description,
        "itemType": "feature",
        "crs": [CRS84],
        "storageCrs": CRS84,
        "extent": _extent(extent),
        "links": [
            *_encodings(href),
            link(f"{href}/items", "items", GEOJSON, "The features as GeoJSON"),
            link(with_query(f"{href}/items", [("f", "html")]), "items", HTML, "The features as HTML"),
            link(f"{href}/queryables", "http://www.opengis.net/def/rel/ogc/1.0/queryables", SCHEMA_JSON,
                 "What the features can be filtered by"),
        ],
    }  # fmt: skip


def collections_document(base: str, extents: dict[str, Extent]) -> dict[str, Any]:
    return {
        "links": _encodings(f"{base}/collections"),
        "collections": [collection_document(base, c, extents[c.collection_id]) for c in COLLECTIONS],
    }


def _page_href(href: str, query: list[tuple[str, str]], **changes: str) -> str:
    """The page's URL with `changes`; a next or previous page leaves the encoding to the Accept header."""
    dropped = {*changes, "f"} if "offset" in changes else set(changes)
    kept = [(name, value) for name, value in query if name not in dropped]
    return with_query(href, [*kept, *changes.items()])


def items_document(
    base: str,
    collection: Collection,
    page: FeaturePage,
    query: list[tuple[str, str]],
    limit: int,
    offset: int,
) -> dict[str, Any]:
    """A page of features; `next` and `prev` keep every other parameter (filters, sortby, properties)."""
    href = f"{base}/collections/{collection.collection_id}/items"
    links = [
        link(_page_href(href, query, f="json"), "self", GEOJSON, "This page"),
        link(_page_href(href, query, f="html"), "alternate", HTML, "This page as HTML"),
        link(f"{base}/collections/{collection.collection_id}", "collection", JSON, "The collection"),
    ]
    if offset + limit < page.number_matched:
        following = _page_href(href, query, offset=str(offset + limit), limit=str(limit))
        links.append(link(following, "next", GEOJSON, "Next page"))
    if offset > 0:
        preceding = _page_href(href, query, offset=str(max(0, offset - limit)), limit=str(limit))
        links.append(link(preceding, "prev", GEOJSON, "Previous page"))
    return {
        "type": "FeatureCollection",
        "timeStamp": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "numberMatched": page.number_matched,
        "numberReturned": len(page.features),
        "features": page.features,
        "links": links,
    }


def item_document(base: str, root: str, collection: Collection, feature: dict[str, Any]) -> dict[str, Any]:
    collection_href = f"{base}/collections/{collection.collection_id}"
    href = f"{collection_href}/items/{quote(str(feature['id']))}"
    links = [
        link(with_query(href, [("f", "json")]), "self", GEOJSON, "This feature"),
        link(with_query(href, [("f", "html")]), "alternate", HTML, "This feature as HTML"),
        link(collection_href, "collection", JSON, "The collection"),
    ]
    if collection.collection_id == ZONES:
        links.append(
            link(f"{root}/zones/{quote(str(feature['id']))}", "related", HTML, "The zone's page in SEZ Atlas")
        )
    return {**feature, "links": links}
