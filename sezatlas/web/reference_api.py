"""Countries, code lists, statistics and the standard's JSON Schema."""

from enum import StrEnum
from functools import cache
from typing import Annotated, Any

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel, Field

from sezatlas import __version__
from sezatlas.registry.statistics import CountryStats, RegistryStats, registry_overview
from sezatlas.standard.codelists import Code, data_path, fold_text, hs_codes, isic_codes
from sezatlas.standard.country import Country
from sezatlas.standard.schema import STANDARD_VERSION, standard_json_schema
from sezatlas.stewardship.freshness import FRESH_MONTHS, CountryFreshness, confirmation_shares
from sezatlas.store.models import CountryRow
from sezatlas.web.deps import SessionDep

router = APIRouter(prefix="/api/v1")


class CodeOut(BaseModel):
    code: str
    level: str
    parent: str | None
    description: str


class CodeListOut(BaseModel):
    total: int
    items: list[CodeOut]


def _filter_codes(table: dict[str, Code], q: str | None, level: str | None, limit: int) -> CodeListOut:
    """A query that looks like a code (digits, or one section letter) matches codes by prefix; else words."""
    text = (q or "").strip()
    is_code = text.isdigit() or (len(text) == 1 and text.isalpha())
    wanted = fold_text(text)
    matches = [
        code
        for code in table.values()
        if (level is None or code.level == level)
        and (
            not text
            or (is_code and code.code.startswith(text.upper()))
            or (not is_code and wanted in fold_text(code.description))
        )
    ]
    items = [CodeOut(code=c.code, level=c.level, parent=c.parent, description=c.description) for c in matches]
    return CodeListOut(total=len(items), items=items[:limit])


@router.get("/countries", response_model=list[Country], tags=["reference"])
def list_countries(session: SessionDep) -> list[Country]:
    """The member and partner countries known to the registry."""
    rows = session.query(CountryRow).order_by(CountryRow.iso3).all()
    return [Country.model_validate(row, from_attributes=True) for row in rows]


class ShapeResolution(StrEnum):
    COARSE = "110m"
    DETAILED = "50m"


@cache
def _shapes(resolution: ShapeResolution) -> bytes:
    return data_path("geo", f"ne_{resolution.value}_countries.geojson").read_bytes()


@router.get(
    "/countries/shapes",
    tags=["reference"],
    response_class=Response,
    responses={200: {"content": {"application/geo+json": {}}}},
)
def country_shapes(resolution: ShapeResolution = ShapeResolution.COARSE) -> Response:
    """Country borders (Natural Earth, public domain; de facto lines), for offline base maps."""
    return Response(_shapes(resolution), media_type="application/geo+json",
                    headers={"Cache-Control": "public, max-age=86400"})  # fmt: skip


@router.get("/codes/isic", response_model=CodeListOut, tags=["reference"])
def isic_list(
    q: Annotated[str | None, Query(max_length=100, description="Code prefix or words")] = None,
    level: Annotated[str | None, Query(pattern="^(section|division|group|class)$")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 1000,
) -> CodeListOut:
    """ISIC Rev.4 (UN Statistics Division), the activity codes zones specialise in."""
    return _filter_codes(isic_codes(), q, level, limit)


@router.get("/codes/hs", response_model=CodeListOut, tags=["reference"])
def hs_list(
    q: Annotated[str | None, Query(max_length=100, description="Code prefix or words")] = None,
    level: Annotated[str | None, Query(pattern="^(chapter|heading|subheading)$")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> CodeListOut:
    """HS 2022 product codes (UN Comtrade wording)."""
    return _filter_codes(hs_codes(), q, level, limit)


class CountryStatsOut(CountryStats):
    """A country's statistics and how fresh its zones' facts are (stewardship/freshness.py)."""

    confirmed_12m: int = Field(
        description=f"Zone records (parts too) their operators confirmed in the last {FRESH_MONTHS} months"
    )
    confirmed_share_12m: float = Field(
        description="confirmed_12m over the country's zone records, parts included (0–1; 0 without any)"
    )


class RegistryStatsOut(RegistryStats):
    countries: list[CountryStatsOut]  # type: ignore[assignment]  # pydantic narrows it; a list is invariant


def _with_freshness(entry: CountryStats, fresh: CountryFreshness | None) -> CountryStatsOut:
    confirmed = fresh.confirmed if fresh is not None else 0
    share = round(fresh.share, 4) if fresh is not None else 0.0
    return CountryStatsOut(**dict(entry), confirmed_12m=confirmed, confirmed_share_12m=share)


@router.get("/stats", response_model=RegistryStatsOut, tags=["reference"])
def stats(session: SessionDep) -> RegistryStatsOut:
    """Zones per country and type; per regime one headline figure (official when a government or legal
    source gives one, else reported), the registry's coverage of it with the reason for any excess, and
    the other figures as history; per country the share of zones their operator confirmed in the last 12
    months; the zones without a point."""
    overview = registry_overview(session)
    fresh = {entry.country_iso3: entry for entry in confirmation_shares(session)}
    countries = [_with_freshness(entry, fresh.get(entry.iso3)) for entry in overview.countries]
    return RegistryStatsOut(**{**dict(overview), "countries": countries})


@router.get("/schema", tags=["reference"])
def schema() -> dict[str, Any]:
    """The JSON Schema of the SEZ Atlas data standard, with its version."""
    return standard_json_schema()


@router.get("", tags=["reference"])
def index() -> dict[str, Any]:
    """What this API offers."""
    return {
        "name": "SEZ Atlas API",
        "version": __version__,
        "standard_version": STANDARD_VERSION,
        "links": {
            "zones": "/api/v1/zones",
            "countries": "/api/v1/countries",
            "country_shapes": "/api/v1/countries/shapes",
            "isic": "/api/v1/codes/isic",
            "hs": "/api/v1/codes/hs",
            "stats": "/api/v1/stats",
            "schema": "/api/v1/schema",
            "passports": "/api/v1/passports",
            "ogc": "/ogc",
            "openapi": "/openapi.json",
        },
    }
