"""Test helper: member organisations keeping zones, and their people as actors."""

from sqlalchemy.orm import Session

from sezatlas.accounts.actions import create_person
from sezatlas.accounts.organisations import NewOrganisation, OrganisationKind, add_organisation, link_zone
from sezatlas.accounts.roles import Actor, Grant
from sezatlas.store.accounts_tables import PersonRow

SECRETARIAT = Actor.command_line()


def organisation(session: Session, name: str, country_iso3: str, *zone_ids: str) -> int:
    """A member organisation keeping these zones; its id."""
    added = add_organisation(
        session,
        SECRETARIAT,
        NewOrganisation(
            name, OrganisationKind.ZONE_OPERATOR, country_iso3, is_member=True, member_since="2025-01-01"
        ),
    )
    for zone_id in zone_ids:
        link_zone(session, SECRETARIAT, name, zone_id)
    return added.organisation_id


def person(session: Session, email: str, organisation_id: int | None, *grants: Grant) -> Actor:
    """An account with these grants, belonging to the organisation, as the actor a request would carry."""
    created = create_person(
        session, SECRETARIAT, email, email.partition("@")[0], "a long pass phrase", grants
    )
    row = session.get(PersonRow, created.person_id)
    assert row is not None
    row.organisation_id = organisation_id
    session.commit()
    return Actor(created.person_id, created.name, organisation_id, frozenset(grants))
