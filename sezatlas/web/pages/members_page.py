"""`/members`: the association's members directory — what "uniting" the zones looks like to an outsider.

Each member with its kind, country, the date it joined, its website and the zones it operates (linked to
their pages). `?f=json` gives what `GET /api/v1/members` gives. An empty directory says how members get
listed: the secretariat adds them (`sezatlas orgs add`); the page invents none.
"""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from sezatlas.accounts.organisations import OrganisationKind, members_directory
from sezatlas.web.deps import SessionDep
from sezatlas.web.i18n import country_name
from sezatlas.web.members_api import member_out
from sezatlas.web.pages.labels import N_
from sezatlas.web.pages.rendering import PageContextDep, render

router = APIRouter(include_in_schema=False)
KIND_TITLES = {
    OrganisationKind.ASSOCIATION: N_("Association or union"),
    OrganisationKind.ZONE_OPERATOR: N_("Zone operator"),
    OrganisationKind.DEVELOPMENT_INSTITUTION: N_("Development institution"),
    OrganisationKind.CORPORATION: N_("Corporation"),
    OrganisationKind.INVESTOR: N_("Investor"),
    OrganisationKind.SECRETARIAT: N_("Secretariat"),
}


@router.get("/members", response_class=HTMLResponse)
def members_page(request: Request, session: SessionDep, reader: PageContextDep) -> Response:
    """The directory, by name; `?f=json` for the JSON twin."""
    members = [member_out(o) for o in members_directory(session)]
    if request.query_params.get("f") == "json":
        return JSONResponse([m.model_dump(mode="json") for m in members])
    rows = [
        {
            **member.model_dump(),
            "kind_title": reader.gettext(KIND_TITLES[member.kind]),
            "country": country_name(member.country_iso3, reader.lang) if member.country_iso3 else None,
        }
        for member in members
    ]
    return render(request, reader, "members.html", {"members": rows})
