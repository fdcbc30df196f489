"""OGC API – Features at `/ogc` (Part 1: Core, GeoJSON, HTML, OpenAPI 3.0; Part 3: queryables and CQL2
filters), so GIS users can add the registry, its seaports and its airports as layers.

QGIS and GDAL (`ogrinfo OAPIF:http://host/ogc`) find the collections from the landing page, page through
the items by `next` links and send their attribute filters as CQL2; OWSLib reads the queryables. Each
route parses, calls one use case of `registry.features.catalog` and renders JSON or, for `f=html` or a
browser, a page (`ogc_pages`). An unknown query parameter is a 400 (/req/core/query-param-unknown): the
items route also knows the collection's queryables, which are property filters (`?country_iso3=RUS`).
"""

from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.routing import APIRoute

from sezatlas.registry.features.catalog import (
    COLLECTIONS,
    Collection,
    collection_extent,
    feature_by_id,
    feature_page,
    find_collection,
)
from sezatlas.registry.features.feature_query import MAX_LIMIT, ItemsParameters
from sezatlas.registry.features.queryables import queryables_schema
from sezatlas.web.deps import SessionDep, reject_parameters_unknown_to_route
from sezatlas.web.errors import ErrorOut, not_found
from sezatlas.web.ogc_documents import (
    GEOJSON,
    JSON,
    OPENAPI_JSON,
    SCHEMA_JSON,
    collection_document,
    collections_document,
    conformance_document,
    item_document,
    items_document,
    landing_document,
)
from sezatlas.web.ogc_negotiation import Encoding, requested_encoding
from sezatlas.web.ogc_openapi import ogc_openapi
from sezatlas.web.ogc_pages import render_ogc_page


async def _reject_unknown_parameters(request: Request) -> None:
    """Known: the route's parameters, `lang` (the pages' language switcher) and, for items, the queryables."""
    route = request.scope.get("route")
    collection = find_collection(str(request.path_params.get("collection_id", "")))
    is_items = isinstance(route, APIRoute) and route.path.endswith("/items")
    queryables = collection.queryables.names() if is_items and collection is not None else []
    reject_parameters_unknown_to_route(request, frozenset(["lang", *queryables]))


router = APIRouter(
    prefix="/ogc", tags=["OGC API – Features"], dependencies=[Depends(_reject_unknown_parameters)]
)
ERRORS: dict[int | str, dict[str, Any]] = {400: {"model": ErrorOut}, 404: {"model": ErrorOut}}


class OgcFormat(StrEnum):
    JSON = "json"
    GEOJSON = "geojson"
    HTML = "html"


FormatQuery = Annotated[
    OgcFormat | None, Query(description="json (GeoJSON for features) or html; else by Accept")
]
LanguageQuery = Annotated[str | None, Query(description="Language of the HTML page: en, ru, zh, pt, ar")]


def _base(request: Request) -> str:
    return _root(request) + "/ogc"


def _root(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def _collection(collection_id: str) -> Collection:
    collection = find_collection(collection_id)
    if collection is None:
        raise not_found(f"collection {collection_id}")
    return collection


def _answer(
    request: Request, document: dict[str, Any], template: str, media_type: str = JSON, **context: Any
) -> Response:
    if requested_encoding(request) is Encoding.HTML:
        return render_ogc_page(request, template, {"document": document, **context})
    return JSONResponse(document, media_type=media_type)


@router.get("", summary="Landing page", responses=ERRORS)
def landing(request: Request, f: FormatQuery = None, lang: LanguageQuery = None) -> Response:
    return _answer(request, landing_document(_base(request), _root(request)), "ogc_landing.html")


@router.get("/api", summary="The OGC API's definition (OpenAPI 3.0)", responses=ERRORS)
def api_definition(request: Request, f: FormatQuery = None) -> Response:
    """The `service-desc` of the landing page; in HTML, the interactive documentation (`service-doc`)."""
    if requested_encoding(request) is Encoding.HTML:
        return RedirectResponse(f"{_root(request)}/docs", status_code=303)
    return JSONResponse(ogc_openapi(_base(request)), media_type=OPENAPI_JSON)


@router.get("/conformance", summary="Conformance classes", responses=ERRORS)
def conformance(request: Request, f: FormatQuery = None, lang: LanguageQuery = None) -> Response:
    return _answer(request, conformance_document(_base(request)), "ogc_conformance.html")


@router.get("/collections", summary="Feature collections", responses=ERRORS)
def collections(
    request: Request, session: SessionDep, f: FormatQuery = None, lang: LanguageQuery = None
) -> Response:
    extents = {c.collection_id: collection_extent(session, c) for c in COLLECTIONS}
    return _answer(request, collections_document(_base(request), extents), "ogc_collections.html")


@router.get("/collections/{collection_id}", summary="A feature collection", responses=ERRORS)
def collection(
    collection_id: str,
    request: Request,
    session: SessionDep,
    f: FormatQuery = None,
    lang: LanguageQuery = None,
) -> Response:
    found = _collection(collection_id)
    document = collection_document(_base(request), found, collection_extent(session, found))
    return _answer(request, document, "ogc_collection.html", queryables=found.queryables.properties)


@router.get("/collections/{collection_id}/queryables", summary="What a collection can be filtered by",
            responses=ERRORS)  # fmt: skip
def queryables(
    collection_id: str, request: Request, f: FormatQuery = None, lang: LanguageQuery = None
) -> Response:
    found = _collection(collection_id)
    url = f"{_base(request)}/collections/{collection_id}/queryables"
    schema = queryables_schema(found.queryables, url, found.title)
    return _answer(request, schema, "ogc_queryables.html", SCHEMA_JSON, collection=found,
                   queryables=found.queryables.properties)  # fmt: skip


@router.get(
    "/collections/{collection_id}/items",
    summary="Features of a collection",
    responses={200: {"content": {GEOJSON: {}}}, **ERRORS},
)
def items(
    collection_id: str,
    request: Request,
    session: SessionDep,
    bbox: Annotated[str | None, Query(description="west,south,east,north (CRS84)")] = None,
    bbox_crs: Annotated[str | None, Query(alias="bbox-crs", description="Only CRS84")] = None,
    datetime_: Annotated[
        str | None,
        Query(alias="datetime", description="RFC 3339 instant or interval: the as-of date meets it"),
    ] = None,
    filter_: Annotated[str | None, Query(alias="filter", description="A CQL2 filter expression")] = None,
    filter_lang: Annotated[
        str | None, Query(alias="filter-lang", description="cql2-text (default), cql2-json")
    ] = None,
    filter_crs: Annotated[str | None, Query(alias="filter-crs", description="Only CRS84")] = None,
    sortby: Annotated[
        str | None, Query(description="Queryables, `-` for descending: -area_ha,name_en")
    ] = None,
    properties: Annotated[str | None, Query(description="Only these properties: name_en,zone_type")] = None,
    limit: Annotated[int, Query(ge=1, description="Features per page; over 10,000 is taken as 10,000")] = 100,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    f: FormatQuery = None,
    lang: LanguageQuery = None,
) -> Response:
    """Features in the order of `sortby`, then by id; the collection's queryables are property filters."""
    found = _collection(collection_id)
    names = set(found.queryables.names())
    parameters = ItemsParameters(
        bbox=bbox, bbox_crs=bbox_crs, datetime=datetime_, filter=filter_, filter_lang=filter_lang,
        filter_crs=filter_crs, sortby=sortby, properties=properties, limit=limit, offset=offset,
        property_filters={name: ",".join(request.query_params.getlist(name)) for name in request.query_params
                          if name in names},
    )  # fmt: skip
    page = feature_page(session, found, parameters)
    query = [(name, value) for name, value in request.query_params.multi_items() if name != "lang"]
    document = items_document(_base(request), found, page, query, min(limit, MAX_LIMIT), offset)
    return _answer(request, document, "ogc_items.html", GEOJSON, collection=found, offset=offset)


@router.get("/collections/{collection_id}/items/{feature_id}", summary="One feature", responses=ERRORS)
def item(
    collection_id: str,
    feature_id: str,
    request: Request,
    session: SessionDep,
    f: FormatQuery = None,
    lang: LanguageQuery = None,
) -> Response:
    found = _collection(collection_id)
    feature = feature_by_id(session, found, feature_id)
    if feature is None:
        raise not_found(f"feature {feature_id} in collection {collection_id}")
    document = item_document(_base(request), _root(request), found, feature)
    return _answer(request, document, "ogc_item.html", GEOJSON, collection=found)
