"""OGC API – Features (Part 1: Core, GeoJSON) at `/ogc`, so GIS users can add the registry as a layer.

QGIS and GDAL (`ogrinfo OAPIF:http://host/ogc`) find the `zones` collection from the landing page and
page through its items by following `next` links.
"""

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from sezatlas.registry.formats import zone_feature
from sezatlas.registry.zone_query import parse_bbox
from sezatlas.store.zone_search import ZoneQuery, ZoneSort, search_zones
from sezatlas.store.zones import get_zone
from sezatlas.web.deps import SessionDep
from sezatlas.web.errors import ErrorOut, not_found

router = APIRouter(prefix="/ogc", tags=["OGC API – Features"])

GEOJSON = "application/geo+json"
CONFORMANCE = [
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
]
CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
MAX_LIMIT = 10_000


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/") + "/ogc"


def _link(
    href: str, rel: str, media_type: str = "application/json", title: str | None = None
) -> dict[str, str]:
    link = {"href": href, "rel": rel, "type": media_type}
    if title:
        link["title"] = title
    return link


def _zones_collection(base: str) -> dict[str, Any]:
    return {
        "id": "zones",
        "title": "Preferential territories (SEZs, free zones, industrial parks, technoparks)",
        "description": "SEZ Atlas registry. Points are often approximate (see coordinate_precision); "
        "every feature carries its source URLs and as-of date.",
        "itemType": "feature",
        "crs": [CRS84],
        "extent": {"spatial": {"bbox": [[-180.0, -90.0, 180.0, 90.0]], "crs": CRS84}},
        "links": [
            _link(f"{base}/collections/zones", "self"),
            _link(f"{base}/collections/zones/items", "items", GEOJSON, "Zones as GeoJSON"),
        ],
    }


@router.get("", summary="Landing page")
def landing(request: Request) -> dict[str, Any]:
    base = _base(request)
    root = str(request.base_url).rstrip("/")
    return {
        "title": "SEZ Atlas – OGC API Features",
        "description": "The registry of BRICS preferential territories as OGC API – Features.",
        "links": [
            _link(base, "self"),
            _link(f"{root}/openapi.json", "service-desc", "application/vnd.oai.openapi+json;version=3.0"),
            _link(f"{root}/docs", "service-doc", "text/html"),
            _link(f"{base}/conformance", "conformance"),
            _link(f"{base}/collections", "data"),
        ],
    }


@router.get("/conformance", summary="Conformance classes")
def conformance() -> dict[str, list[str]]:
    return {"conformsTo": CONFORMANCE}


@router.get("/collections", summary="Feature collections")
def collections(request: Request) -> dict[str, Any]:
    base = _base(request)
    return {"links": [_link(f"{base}/collections", "self")], "collections": [_zones_collection(base)]}


@router.get("/collections/{collection_id}", responses={404: {"model": ErrorOut}})
def collection(collection_id: str, request: Request) -> dict[str, Any]:
    if collection_id != "zones":
        raise not_found(f"collection {collection_id}")
    return _zones_collection(_base(request))


@router.get(
    "/collections/{collection_id}/items",
    responses={200: {"content": {GEOJSON: {}}}, 400: {"model": ErrorOut}, 404: {"model": ErrorOut}},
)
def items(
    collection_id: str,
    request: Request,
    session: SessionDep,
    bbox: Annotated[str | None, Query(description="min_lon,min_lat,max_lon,max_lat (CRS84)")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    f: Annotated[str, Query(pattern="^(json|geojson)$")] = "json",
) -> JSONResponse:
    """Zones with a known point, in zone_id order; features without coordinates are not map features."""
    if collection_id != "zones":
        raise not_found(f"collection {collection_id}")
    query = ZoneQuery(
        bbox=parse_bbox(bbox), has_coordinates=True, sort=ZoneSort.COUNTRY, limit=limit, offset=offset
    )
    page = search_zones(session, query)
    href = f"{_base(request)}/collections/zones/items"
    keep = f"&bbox={bbox}" if bbox else ""
    links = [_link(f"{href}?limit={limit}&offset={offset}{keep}", "self", GEOJSON)]
    if offset + limit < page.total:
        links.append(_link(f"{href}?limit={limit}&offset={offset + limit}{keep}", "next", GEOJSON))
    body = {
        "type": "FeatureCollection",
        "numberMatched": page.total,
        "numberReturned": len(page.zones),
        "features": [zone_feature(zone) for zone in page.zones],
        "links": links,
    }
    return JSONResponse(body, media_type=GEOJSON)


@router.get("/collections/{collection_id}/items/{feature_id}", responses={404: {"model": ErrorOut}})
def item(collection_id: str, feature_id: str, session: SessionDep) -> JSONResponse:
    zone = get_zone(session, feature_id) if collection_id == "zones" else None
    if zone is None:
        raise not_found(f"feature {feature_id} in collection {collection_id}")
    return JSONResponse(zone_feature(zone), media_type=GEOJSON)
