"""`sezatlas orgs …`: the secretariat adds organisations and the zones they operate; lists them.

As `sezatlas users`, these act as the secretariat (`Actor.command_line()`) and are audited under that name.
What members the directory shows (`/members`) is exactly what was added here.
"""

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from sezatlas.accounts.organisations import NewOrganisation, Organisation, OrganisationKind
from sezatlas.accounts.roles import Actor
from sezatlas.cli_support import CommandGroup, DatabaseOption, open_engine_migrating
from sezatlas.store.database import session_factory

orgs_app = typer.Typer(
    cls=CommandGroup,
    help="Organisations, the association's members, the zones they operate.",
    no_args_is_help=True,
)
console = Console()


def _line(organisation: Organisation) -> str:
    membership = (
        f"member since {organisation.member_since or 'an unknown date'}"
        if organisation.is_member
        else "not a member"
    )
    zones = ", ".join(zone.zone_id for zone in organisation.zones) or "no zone"
    return f"{organisation.name} ({organisation.kind.value}; {membership}; {zones})"


@orgs_app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="The organisation's name, as it calls itself.")],
    kind: Annotated[OrganisationKind, typer.Option(help="What it is to the association.")],
    country: Annotated[str | None, typer.Option(help="ISO 3166-1 alpha-3 code, e.g. RUS.")] = None,
    website: Annotated[str | None, typer.Option(help="Its http(s) address.")] = None,
    member: Annotated[
        bool, typer.Option("--member/--not-member", help="A member of the association?")
    ] = False,
    member_since: Annotated[
        str | None, typer.Option(help="The date it joined, YYYY-MM-DD (members).")
    ] = None,
    database_url: DatabaseOption = None,
) -> None:
    """Add an organisation (the secretariat's); a member appears in the public directory at once."""
    from sezatlas.accounts.organisations import add_organisation

    new = NewOrganisation(name, kind, country, website, member, member_since)
    with session_factory(open_engine_migrating(database_url))() as session:
        added = add_organisation(session, Actor.command_line(), new)
    console.print(f"Added {_line(added)}.", highlight=False, soft_wrap=True)


@orgs_app.command("link-zone")
def link_zone(
    name: Annotated[str, typer.Argument(help="The organisation's name.")],
    zone_id: Annotated[str, typer.Argument(help="A zone of the registry, e.g. RUS-001.")],
    database_url: DatabaseOption = None,
) -> None:
    """Record that the organisation operates this zone (the directory links it to the zone's page)."""
    from sezatlas.accounts.organisations import link_zone as link

    with session_factory(open_engine_migrating(database_url))() as session:
        linked = link(session, Actor.command_line(), name, zone_id)
    console.print(f"Linked: {_line(linked)}.", highlight=False, soft_wrap=True)


@orgs_app.command("list")
def list_command(
    members: Annotated[
        bool, typer.Option("--members", help="Only the members (what /members shows).")
    ] = False,
    database_url: DatabaseOption = None,
) -> None:
    """Every organisation, with its kind, country, membership and zones."""
    from sezatlas.accounts.organisations import list_organisations, members_directory

    with session_factory(open_engine_migrating(database_url))() as session:
        found = members_directory(session) if members else list_organisations(session, Actor.command_line())
    if not found:
        console.print("No organisations yet: add one with `sezatlas orgs add NAME --kind KIND --member`.")
        return
    table = Table("name", "kind", "country", "member since", "zones", "website")
    for o in found:
        since = (o.member_since or "yes") if o.is_member else "no"
        zones = ", ".join(zone.zone_id for zone in o.zones)
        table.add_row(o.name, o.kind.value, o.country_iso3 or "—", since, zones or "—", o.website or "—")
    console.print(table)
