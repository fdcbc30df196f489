"""The layers a page's map fetches for its view: place names, seaports and airports, detailed land.

Both answer a view (`bbox=min_lon,min_lat,max_lon,max_lat`, as the API's zone search takes it) and are
the same for every reader of that view, so a browser may keep them a day. `static/js/map.js` asks again
when the map settles on a view its last answer does not cover.
"""

import json
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from sezatlas.registry.map_context import compact, map_context
from sezatlas.registry.map_land import countries_in
from sezatlas.registry.zone_query import parse_bbox
from sezatlas.store.zone_search import BBox
from sezatlas.web.errors import bad_parameter
from sezatlas.web.i18n import LANGUAGES

router = APIRouter(include_in_schema=False)
CACHED_FOR_A_DAY = {"Cache-Control": "public, max-age=86400"}
BBoxQuery = Annotated[str, Query(description="min_lon,min_lat,max_lon,max_lat (WGS84)", max_length=100)]


def _view(bbox: str) -> BBox:
    view = parse_bbox(bbox)
    assert view is not None  # the parameter is required
    return view


def _json(body: object, media_type: str = "application/json") -> Response:
    text = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    return Response(text, media_type=media_type, headers=CACHED_FOR_A_DAY)


@router.get("/map/context")
def context_layer(
    bbox: BBoxQuery,
    zoom: Annotated[float, Query(ge=0, le=20)],
    lang: Annotated[str, Query(max_length=10)] = "en",
) -> Response:
    """`{"places": [[name, lat, lon, size]], "seaports": [[name, lat, lon]], "airports": [[name, iata,
    lat, lon]]}` in the view, as many as `zoom` shows, names in `lang` where the layer has them."""
    if lang not in LANGUAGES:
        raise bad_parameter("lang", f"{lang!r} is not one of {', '.join(LANGUAGES)}")
    return _json(compact(map_context(_view(bbox), zoom), lang))


@router.get("/map/land")
def land_layer(bbox: BBoxQuery) -> Response:
    """The Natural Earth 1:50m country polygons that meet the view (GeoJSON), for a map zoomed in."""
    return _json(countries_in(_view(bbox)), media_type="application/geo+json")
