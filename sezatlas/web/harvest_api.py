"""`GET /api/v1/zones/{zone_id}/harvest`: which registered source a zone came from, when it was last
harvested, whether the source still has it, and which of its facts the source gave (issue 21).

Public, like the zone page that shows the same (`federation/zone_origins.py`): a fact's source is part
of the fact. A zone no source gave answers `harvested: false`.
"""

from datetime import datetime

from fastapi import APIRouter
from pydantic import BaseModel, Field

from sezatlas.federation.zone_origins import zone_harvest_origin
from sezatlas.store.zones import get_zone
from sezatlas.web.deps import SessionDep
from sezatlas.web.errors import ErrorOut, not_found

router = APIRouter(prefix="/api/v1", tags=["federation"])


class HarvestOriginOut(BaseModel):
    zone_id: str
    harvested: bool = Field(description="False: no registered source gave this zone.")
    source: str | None = None
    kind: str | None = Field(default=None, description="sezatlas, datapackage, ogc or tabular.")
    organisation: str | None = None
    licence: str | None = None
    location: str | None = Field(default=None, description="The source's URL (or the server's path).")
    first_harvested_at: datetime | None = None
    last_harvested_at: datetime | None = None
    removed_at_source_at: datetime | None = Field(
        default=None, description="When the source stopped having the zone (it is kept, never deleted)."
    )
    harvested_facts: list[str] = Field(
        default_factory=list, description="The flat columns whose value is the source's now."
    )


@router.get(
    "/zones/{zone_id}/harvest",
    response_model=HarvestOriginOut,
    responses={404: {"model": ErrorOut}},
    summary="Which registered source a zone came from, and when it was last harvested",
)
def zone_harvest(zone_id: str, session: SessionDep) -> HarvestOriginOut:
    if get_zone(session, zone_id) is None:
        raise not_found(f"zone {zone_id}")
    origin = zone_harvest_origin(session, zone_id)
    if origin is None:
        return HarvestOriginOut(zone_id=zone_id, harvested=False)
    return HarvestOriginOut(
        zone_id=zone_id,
        harvested=True,
        source=origin.source,
        kind=origin.kind,
        organisation=origin.organisation,
        licence=origin.licence,
        location=origin.location,
        first_harvested_at=origin.first_harvested_at,
        last_harvested_at=origin.last_harvested_at,
        removed_at_source_at=origin.removed_at,
        harvested_facts=origin.harvested_columns,
    )
