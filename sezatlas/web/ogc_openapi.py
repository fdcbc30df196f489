"""`/ogc/api`: the OpenAPI 3.0 definition of the OGC API alone (the landing page's `service-desc`).

Written out per collection, as OGC API – Features Part 1 servers do (/req/oas30/oas-impl): each collection's
items path lists its own queryables as query parameters, and `filter-lang` lists the filter languages.
GDAL's OAPIF driver reads exactly these (paths relative to the landing page, `/collections/{id}/items`) to
decide which `-where` conditions it sends to the server instead of filtering on the client.
"""

from typing import Any

from sezatlas import __version__
from sezatlas.registry.features.catalog import COLLECTIONS, Collection
from sezatlas.registry.features.cql2_reading import FilterLanguage
from sezatlas.registry.features.feature_query import CRS84, MAX_LIMIT
from sezatlas.web.ogc_documents import GEOJSON, HTML, JSON, OPENAPI_JSON, SCHEMA_JSON

_REF = "#/components/parameters/"


def _parameter(name: str, description: str, schema: dict[str, Any], place: str = "query") -> dict[str, Any]:
    found = {
        "name": name,
        "in": place,
        "required": place == "path",
        "description": description,
        "schema": schema,
    }
    if place == "query":
        found.update(style="form", explode=False)  # lists are comma-separated: bbox=1,2,3,4
    return found


SHARED_PARAMETERS = {
    "f": _parameter("f", "Encoding: json (GeoJSON for features) or html; by default the Accept header's",
                    {"type": "string", "enum": ["json", "geojson", "html"]}),
    "lang": _parameter("lang", "Language of the HTML pages (en, ru, zh, pt, ar)", {"type": "string"}),
    "collectionId": _parameter("collectionId", "The collection", {"type": "string",
                               "enum": [c.collection_id for c in COLLECTIONS]}, "path"),
    "featureId": _parameter("featureId", "The feature's id", {"type": "string"}, "path"),
    "bbox": _parameter("bbox", "west,south,east,north in CRS84 (six numbers with heights); west > east "
                       "crosses the antimeridian", {"type": "array", "minItems": 4, "maxItems": 6,
                                                    "items": {"type": "number"}}),
    "bbox-crs": _parameter("bbox-crs", "Only CRS84", {"type": "string", "enum": [CRS84]}),
    "datetime": _parameter("datetime", "An RFC 3339 date-time or interval (`start/end`, `..` open): features "
                           "whose as-of date (year, month or day) meets it", {"type": "string"}),
    "limit": _parameter("limit", f"Features per page; more than {MAX_LIMIT:,} is taken as {MAX_LIMIT:,}",
                        {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": 100}),
    "offset": _parameter("offset", "Features to skip (the `next` link sets it)",
                         {"type": "integer", "minimum": 0, "default": 0}),
    "filter": _parameter("filter", "A CQL2 filter expression (OGC 21-065r2)", {"type": "string"}),
    "filter-lang": _parameter("filter-lang", "The filter's encoding (cql-text: the drafts' name of "
                              "cql2-text)", {"type": "string", "default": FilterLanguage.CQL2_TEXT.value,
                                             "enum": [language.value for language in FilterLanguage]}),
    "filter-crs": _parameter("filter-crs", "Only CRS84", {"type": "string", "enum": [CRS84]}),
    "sortby": _parameter("sortby", "Queryables to sort by, `-` for descending: `-area_ha,name_en`",
                         {"type": "array", "items": {"type": "string"}}),
    "properties": _parameter("properties", "Only these properties in each feature",
                             {"type": "array", "items": {"type": "string"}}),
}  # fmt: skip
ITEMS_PARAMETERS = ("bbox", "bbox-crs", "datetime", "limit", "offset", "filter", "filter-lang", "filter-crs",
                    "sortby", "properties", "f", "lang")  # fmt: skip


def _refs(*names: str) -> list[dict[str, str]]:
    return [{"$ref": f"{_REF}{name}"} for name in names]


def _answer(description: str, media_type: str = JSON) -> dict[str, Any]:
    return {
        "200": {"description": description, "content": {media_type: {"schema": {"type": "object"}},
                                                        HTML: {"schema": {"type": "string"}}}},
        "400": {"description": "A bad or unknown parameter", "content": {JSON: {"schema": {"$ref":
                "#/components/schemas/exception"}}}},
        "404": {"description": "No such collection or feature", "content": {JSON: {"schema": {"$ref":
                "#/components/schemas/exception"}}}},
    }  # fmt: skip


def _get(
    summary: str, parameters: list[dict[str, Any]], description: str, media_type: str = JSON
) -> dict[str, Any]:
    return {
        "get": {"summary": summary, "parameters": parameters, "responses": _answer(description, media_type)}
    }


def _items_path(collection: Collection) -> dict[str, Any]:
    own = [
        _parameter(q.name, f"{q.title}: features whose {q.name} equals the value", q.json_schema())
        for q in collection.queryables.properties
    ]
    return _get(f"Features of {collection.collection_id}", [*_refs(*ITEMS_PARAMETERS), *own],
                "A page of GeoJSON features", GEOJSON)  # fmt: skip


def ogc_openapi(base: str) -> dict[str, Any]:
    paths: dict[str, Any] = {
        "/": _get("Landing page", _refs("f", "lang"), "The landing page"),
        "/api": _get("This API definition", _refs("f"), "OpenAPI 3.0", OPENAPI_JSON),
        "/conformance": _get("Conformance classes", _refs("f", "lang"), "The conformance classes"),
        "/collections": _get("Collections", _refs("f", "lang"), "The collections"),
        "/collections/{collectionId}": _get(
            "A collection", _refs("collectionId", "f", "lang"), "The collection"
        ),
        "/collections/{collectionId}/queryables": _get(
            "Queryables", _refs("collectionId", "f", "lang"), "A JSON Schema", SCHEMA_JSON
        ),
        "/collections/{collectionId}/items/{featureId}": _get(
            "A feature", _refs("collectionId", "featureId", "f", "lang"), "A GeoJSON feature", GEOJSON
        ),
    }
    for collection in COLLECTIONS:
        paths[f"/collections/{collection.collection_id}/items"] = _items_path(collection)
    return {
        "openapi": "3.0.3",
        "info": {"title": "SEZ Atlas – OGC API Features", "version": __version__,
                 "description": "OGC API – Features Parts 1 (Core, GeoJSON, HTML, OpenAPI 3.0) and 3 "
                 "(queryables, CQL2 filters) over the SEZ Atlas registry."},
        "servers": [{"url": base}],
        "paths": paths,
        "components": {
            "parameters": SHARED_PARAMETERS,
            "schemas": {"exception": {"type": "object", "required": ["code"], "properties": {
                "code": {"type": "string"}, "description": {"type": "string"}}}},
        },
    }  # fmt: skip
