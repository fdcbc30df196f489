"""The home page's filters: read from the query string, checked like the API's, written back as a URL.

The page and `/api/v1/zones` must answer the same question with the same count, so the values are
checked by the API's own parsers and turned into the same `ZoneQuery`.
"""

from dataclasses import dataclass, replace
from urllib.parse import urlencode

from starlette.datastructures import QueryParams

from sezatlas.registry.query_words import meaning_of
from sezatlas.registry.zone_query import BadQueryValue, parse_countries, parse_enum_values, parse_isic
from sezatlas.standard.codes import ZoneStatus, ZoneType
from sezatlas.standard.membership import BricsRelation
from sezatlas.store.zone_search import ZoneQuery, ZoneSort

PAGE_SIZE = 20
MAX_PAGE_NUMBER = 100_000
MAX_TEXT = 200


@dataclass(frozen=True, slots=True)
class ZoneFilters:
    """What a visitor asked for; empty strings from the form mean 'any'. Countries and BRICS relations
    (members, partners: shortcuts for their countries) together mean any of them."""

    countries: tuple[str, ...] = ()
    brics: tuple[str, ...] = ()
    zone_type: str | None = None
    status: str | None = None
    isic: str | None = None
    min_free_area_ha: float | None = None
    q: str | None = None
    page: int = 1

    def api_params(self) -> dict[str, str]:
        """The filters as `/api/v1/zones` parameters (no paging)."""
        pairs = {
            "country": ",".join(self.countries) or None,
            "brics": ",".join(self.brics) or None,
            "zone_type": self.zone_type,
            "status": self.status,
            "isic": self.isic,
            "min_free_area_ha": _plain_number(self.min_free_area_ha),
            "q": self.q,
        }
        return {key: value for key, value in pairs.items() if value is not None}

    def query_string(self, page: int | None = None) -> str:
        """The canonical query string of this search (empty filters left out), for sharing."""
        params = self.api_params()
        number = self.page if page is None else page
        if number > 1:
            params["page"] = str(number)
        return urlencode(params, safe=",")

    def moved_to_filters(
        self, *, countries: tuple[str, ...] = (), isic: str | None = None, q: str
    ) -> "ZoneFilters":
        """This search with words of the text moved into the filters (the text keeps the rest), page 1."""
        return replace(self, countries=tuple(sorted({*self.countries, *countries})),
                       isic=isic or self.isic, q=q or None, page=1)  # fmt: skip

    @property
    def sort(self) -> ZoneSort:
        """Best matches first for a text or sector search (exact sector matches before possible ones);
        otherwise by country, then name."""
        return ZoneSort.RELEVANCE if self.q or self.isic else ZoneSort.COUNTRY

    def list_query(self) -> ZoneQuery:
        """This page of the list."""
        return self._query(limit=PAGE_SIZE, offset=(self.page - 1) * PAGE_SIZE, has_coordinates=None)

    def map_query(self, limit: int) -> ZoneQuery:
        """Every matching zone that has a point, for the map (paging does not apply to the map)."""
        return self._query(limit=limit, offset=0, has_coordinates=True)

    def _query(self, *, limit: int, offset: int, has_coordinates: bool | None) -> ZoneQuery:
        return ZoneQuery(
            countries=list(self.countries),
            brics_relations=list(self.brics),
            zone_types=[self.zone_type] if self.zone_type else [],
            statuses=[self.status] if self.status else [],
            isic=[self.isic] if self.isic else [],
            min_free_area_ha=self.min_free_area_ha,
            text=self.q,
            meaning=meaning_of(self.q),
            has_coordinates=has_coordinates,
            sort=self.sort,
            limit=limit,
            offset=offset,
        )


def _plain_number(value: float | None) -> str | None:
    if value is None:
        return None
    return str(int(value)) if value == int(value) else str(value)


def _one(params: QueryParams, name: str) -> str | None:
    value = params.get(name, "").strip()
    return value or None


def _number(params: QueryParams, name: str) -> float | None:
    text = _one(params, name)
    if text is None:
        return None
    try:
        value = float(text)
    except ValueError:
        raise BadQueryValue(name, f"{text!r} is not a number") from None
    if not 0 <= value <= 1e9:
        raise BadQueryValue(name, f"{text} is outside 0..1000000000")
    return value


def _page(params: QueryParams) -> int:
    text = _one(params, "page") or "1"
    if not text.isdigit() or not 1 <= int(text) <= MAX_PAGE_NUMBER:
        raise BadQueryValue("page", f"{text!r} is not a page number 1..{MAX_PAGE_NUMBER}")
    return int(text)


def parse_filters(params: QueryParams) -> ZoneFilters:
    """Filters from a query string; a bad value raises `BadQueryValue` naming the parameter (a 400)."""
    zone_type = _one(params, "zone_type")
    status = _one(params, "status")
    isic = _one(params, "isic")
    text = _one(params, "q")
    if text is not None and len(text) > MAX_TEXT:
        raise BadQueryValue("q", f"longer than {MAX_TEXT} characters")
    return ZoneFilters(
        countries=tuple(sorted(set(parse_countries(params.getlist("country"))))),  # one URL per search
        brics=tuple(sorted(set(parse_enum_values("brics", params.getlist("brics"), BricsRelation)))),
        zone_type=parse_enum_values("zone_type", [zone_type], ZoneType)[0] if zone_type else None,
        status=parse_enum_values("status", [status], ZoneStatus)[0] if status else None,
        isic=parse_isic([isic])[0] if isic else None,
        min_free_area_ha=_number(params, "min_free_area_ha"),
        q=text,
        page=_page(params),
    )
