"""Countries, code lists, statistics and the standard's JSON Schema."""

from enum import StrEnum
from functools import cache
from typing import Annotated, Any

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel

from sezatlas import __version__
from sezatlas.registry.statistics import RegistryStats, registry_overview
from sezatlas.standard.codelists import Code, data_path, fold_text, hs_codes, isic_codes
from sezatlas.standard.country import Country
from sezatlas.standard.schema import STANDARD_VERSION, standard_json_schema
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


@router.get("/stats", response_model=RegistryStats, tags=["reference"])
def stats(session: SessionDep) -> RegistryStats:
    """Zones per country and type; per regime one headline figure (official when a government or legal
    source gives one, else reported), the registry's coverage of it with the reason for any excess, and
    the other figures as history; the zones without a point."""
    return registry_overview(session)


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
            "ogc": "/ogc",
            "openapi": "/openapi.json",
        },
    }
