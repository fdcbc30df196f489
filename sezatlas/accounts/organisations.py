"""Organisations and the association's members directory: who the members are, and the zones they operate.

The secretariat adds organisations and links them to the zones they operate (`sezatlas orgs …`); anyone
reads the directory (`/members`, `GET /api/v1/members`). Only members are listed: an organisation known
to the platform for another reason (an investor's firm that signed up) is nobody's business. Nothing here
is filled in by the code: the bundled database holds no organisation until the secretariat adds one.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from sezatlas.accounts.actions import AccountError
from sezatlas.accounts.audit import RequestContext, record
from sezatlas.accounts.roles import Actor, may_administer, require
from sezatlas.standard.codelists import country
from sezatlas.store.accounts_tables import NAME_LENGTH, OrganisationRow, OrganisationZoneRow
from sezatlas.store.models import ZoneRow

WEBSITE = re.compile(r"https?://[^\s/$.?#][^\s]*", re.IGNORECASE)


class OrganisationKind(StrEnum):
    """What an organisation is to the association (issue 14: who it unites, and who reaches them)."""

    ASSOCIATION = "association"  # an industry association or union
    ZONE_OPERATOR = "zone_operator"
    DEVELOPMENT_INSTITUTION = "development_institution"
    CORPORATION = "corporation"
    INVESTOR = "investor"
    SECRETARIAT = "secretariat"


class OrganisationError(AccountError):
    """An organisation that cannot be added or linked as asked (a taken name, a bad date or address)."""


class OrganisationNotFoundError(LookupError):
    """No organisation of that name (or id)."""


@dataclass(frozen=True, slots=True)
class OperatedZone:
    zone_id: str
    name: str | None  # None: a zone id the registry no longer holds (kept, as the link was made)


@dataclass(frozen=True, slots=True)
class Organisation:
    organisation_id: int
    name: str
    kind: OrganisationKind
    country_iso3: str | None
    website: str | None
    is_member: bool
    member_since: str | None  # ISO date
    zones: tuple[OperatedZone, ...]


@dataclass(frozen=True, slots=True)
class NewOrganisation:
    """What the secretariat says about an organisation it adds; unknown facts stay None."""

    name: str
    kind: OrganisationKind
    country_iso3: str | None = None
    website: str | None = None
    is_member: bool = False
    member_since: str | None = None


def _checked(new: NewOrganisation) -> NewOrganisation:
    name = " ".join(new.name.split())
    if not name or len(name) > NAME_LENGTH:
        raise OrganisationError(f"name: 1 to {NAME_LENGTH} characters, not {len(name)}")
    iso3 = new.country_iso3.upper() if new.country_iso3 else None
    if iso3 is not None and country(iso3) is None:
        raise OrganisationError(f"country: {new.country_iso3!r} is not an ISO 3166-1 alpha-3 code")
    if new.website is not None and not WEBSITE.fullmatch(new.website):
        raise OrganisationError(f"website: {new.website!r} is not an http(s) address")
    if new.member_since is not None:
        try:
            date.fromisoformat(new.member_since)
        except ValueError:
            raise OrganisationError(
                f"member since: {new.member_since!r} is not a date (YYYY-MM-DD)"
            ) from None
        if not new.is_member:
            raise OrganisationError("member since: given for an organisation that is not a member")
    return NewOrganisation(name, new.kind, iso3, new.website, new.is_member, new.member_since)


def _facts(row: OrganisationRow) -> dict[str, object]:
    return {"name": row.name, "kind": row.kind, "country_iso3": row.country_iso3, "website": row.website,
            "is_member": row.is_member, "member_since": row.member_since}  # fmt: skip


def add_organisation(
    session: Session, actor: Actor, new: NewOrganisation, *, context: RequestContext | None = None
) -> Organisation:
    """The secretariat adds an organisation (a member, with the date it joined, or not)."""
    require(actor, may_administer(actor), "add an organisation")
    checked = _checked(new)
    if session.scalar(select(OrganisationRow.organisation_id).where(OrganisationRow.name == checked.name)):
        raise OrganisationError(f"name: an organisation named {checked.name!r} exists already")
    row = OrganisationRow(name=checked.name, kind=checked.kind.value, country_iso3=checked.country_iso3,
                          website=checked.website, is_member=checked.is_member,
                          member_since=checked.member_since)  # fmt: skip
    session.add(row)
    session.flush()
    record(session, actor, "create", "organisation", str(row.organisation_id), after=_facts(row),
           context=context)  # fmt: skip
    session.commit()
    return _organisation(session, row)


def _find(session: Session, name: str) -> OrganisationRow:
    row = session.scalars(
        select(OrganisationRow).where(OrganisationRow.name == " ".join(name.split()))
    ).first()
    if row is None:
        raise OrganisationNotFoundError(f"no organisation named {name!r} (see `sezatlas orgs list`)")
    return row


def link_zone(
    session: Session, actor: Actor, organisation: str, zone_id: str, *, context: RequestContext | None = None
) -> Organisation:
    """The secretariat records that `organisation` operates `zone_id` (a zone of the registry); idempotent."""
    require(actor, may_administer(actor), "link an organisation to a zone")
    row = _find(session, organisation)
    if session.get(ZoneRow, zone_id) is None:
        raise OrganisationError(f"zone: {zone_id!r} is not in the registry (see `sezatlas zones search`)")
    link = session.get(OrganisationZoneRow, (row.organisation_id, zone_id))
    if link is None:
        session.add(OrganisationZoneRow(organisation_id=row.organisation_id, zone_id=zone_id))
        record(session, actor, "link-zone", "organisation", str(row.organisation_id),
               after={"zone_id": zone_id}, context=context)  # fmt: skip
        session.commit()
    return _organisation(session, row)


def _zones(session: Session, organisation_ids: Sequence[int]) -> dict[int, list[OperatedZone]]:
    query = (
        select(OrganisationZoneRow.organisation_id, OrganisationZoneRow.zone_id, ZoneRow.name_en)
        .outerjoin(ZoneRow, ZoneRow.zone_id == OrganisationZoneRow.zone_id)
        .where(OrganisationZoneRow.organisation_id.in_(organisation_ids))
        .order_by(OrganisationZoneRow.zone_id)
    )
    zones: dict[int, list[OperatedZone]] = {}
    for organisation_id, zone_id, name in session.execute(query):
        zones.setdefault(organisation_id, []).append(OperatedZone(zone_id, name))
    return zones


def _organisation(
    session: Session, row: OrganisationRow, zones: Sequence[OperatedZone] | None = None
) -> Organisation:
    if zones is None:
        zones = _zones(session, [row.organisation_id]).get(row.organisation_id, [])
    kind = OrganisationKind(row.kind)
    return Organisation(row.organisation_id, row.name, kind, row.country_iso3, row.website, row.is_member,
                        row.member_since, tuple(zones))  # fmt: skip


def _listed(session: Session, *, members_only: bool) -> list[Organisation]:
    query = select(OrganisationRow).order_by(OrganisationRow.name)
    if members_only:
        query = query.where(OrganisationRow.is_member.is_(True))
    rows = list(session.scalars(query))
    zones = _zones(session, [row.organisation_id for row in rows])
    return [_organisation(session, row, zones.get(row.organisation_id, [])) for row in rows]


def members_directory(session: Session) -> list[Organisation]:
    """The association's members, by name, with the zones they operate: public."""
    return _listed(session, members_only=True)


def list_organisations(session: Session, actor: Actor) -> list[Organisation]:
    """Every organisation the platform knows, members or not: the secretariat's."""
    require(actor, may_administer(actor), "list all organisations")
    return _listed(session, members_only=False)


def operator_names(session: Session, organisation_ids: Sequence[int]) -> dict[int, str]:
    """Anyone: the names of these organisations, for the groups of the public response dashboard. Its
    organisations are those that operated a zone an inquiry went to, which the zone's own facts name."""
    if not organisation_ids:
        return {}
    rows = session.execute(
        select(OrganisationRow.organisation_id, OrganisationRow.name).where(
            OrganisationRow.organisation_id.in_(organisation_ids)
        )
    )
    return {int(organisation_id): str(name) for organisation_id, name in rows}
