"""`GET /api/v1/members`: the association's members directory, the JSON twin of `/members`."""

from fastapi import APIRouter
from pydantic import BaseModel, Field

from sezatlas.accounts.organisations import Organisation, OrganisationKind, members_directory
from sezatlas.web.deps import SessionDep

router = APIRouter(prefix="/api/v1", tags=["members"])


class OperatedZoneOut(BaseModel):
    zone_id: str
    name: str | None = Field(description="The zone's English name; null if the registry no longer holds it")
    url: str = Field(description="The zone in the API")
    page: str = Field(description="The zone's page")


class MemberOut(BaseModel):
    name: str
    kind: OrganisationKind
    country_iso3: str | None
    member_since: str | None = Field(description="The date it joined the association (ISO 8601), if known")
    website: str | None
    zones: list[OperatedZoneOut] = Field(description="The zones it operates")


def member_out(organisation: Organisation) -> MemberOut:
    zones = [
        OperatedZoneOut(
            zone_id=z.zone_id, name=z.name, url=f"/api/v1/zones/{z.zone_id}", page=f"/zones/{z.zone_id}"
        )
        for z in organisation.zones
    ]
    return MemberOut(
        name=organisation.name,
        kind=organisation.kind,
        country_iso3=organisation.country_iso3,
        member_since=organisation.member_since,
        website=organisation.website,
        zones=zones,
    )


@router.get("/members", response_model=list[MemberOut])
def members(session: SessionDep) -> list[MemberOut]:
    """The members of the association, by name, with their kind, country, date of joining, website and the
    zones they operate. The secretariat lists them (`sezatlas orgs add … --member`); none are invented."""
    return [member_out(o) for o in members_directory(session)]
