"""Publishing, editing and withdrawing offers: who may, and the audit trail of each change.

Who writes an offer: a logged-in person of the organisation that publishes it — a MEMBER of it, or the
operator of the zone the offer is for (`roles.may_keep_zone`). The zone must be one the organisation keeps
(`OrganisationZoneRow`): nobody offers land in a zone they do not run. The secretariat may withdraw any
offer (moderation), but does not write offers in an organisation's name. Each write and its audit row are
committed together (`accounts/audit.record`).
"""

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import ColumnElement, delete, or_, select
from sqlalchemy.orm import Session

from sezatlas.accounts.audit import RequestContext, record
from sezatlas.accounts.roles import Actor, Grant, Role, may_administer, require
from sezatlas.offers.matching import indexed_codes, offer_codes
from sezatlas.offers.model import OfferDraft, OfferError, OfferNotFoundError, OfferState, checked_draft
from sezatlas.store.accounts_tables import OrganisationRow, OrganisationZoneRow
from sezatlas.store.models import ZoneRow
from sezatlas.store.offers_tables import OfferRow, OfferSectorRow

EDITABLE = frozenset(OfferDraft.model_fields)


def is_author_side(actor: Actor, organisation_id: int, zone_id: str | None) -> bool:
    """A member of the offering organisation, or the operator of the offer's zone (the secretariat's
    blanket grant does not count: it moderates offers, it does not write them)."""
    if actor.person_id is None:
        return False
    is_member = Grant(Role.MEMBER) in actor.grants and actor.organisation_id == organisation_id
    return is_member or (zone_id is not None and Grant(Role.ZONE_OPERATOR, zone_id) in actor.grants)


def _publisher(session: Session, actor: Actor, draft: OfferDraft) -> tuple[int, str | None]:
    """The organisation that publishes the draft, and the country it is listed under: the zone's operator
    publishes for the organisation keeping the zone, a member for their own organisation."""
    require(actor, actor.person_id is not None, "publish an offer")
    zone_id = draft.zone_id
    if zone_id is not None and Grant(Role.ZONE_OPERATOR, zone_id) in actor.grants:
        keepers = session.scalars(
            select(OrganisationZoneRow.organisation_id).where(OrganisationZoneRow.zone_id == zone_id)
        ).all()
        if not keepers:
            raise OfferError(
                f"zone_id: no organisation keeps {zone_id} on SEZ Atlas yet (the secretariat links them)"
            )
        own = actor.organisation_id
        organisation_id = own if own is not None and own in keepers else min(keepers)
    else:
        allowed = actor.organisation_id is not None and Grant(Role.MEMBER) in actor.grants
        require(actor, allowed, "publish an offer")
        assert actor.organisation_id is not None
        organisation_id = actor.organisation_id
    return organisation_id, _country(session, organisation_id, zone_id)


def _country(session: Session, organisation_id: int, zone_id: str | None) -> str | None:
    """The zone's country (the zone must be the organisation's), else the organisation's."""
    if zone_id is None:
        organisation = session.get(OrganisationRow, organisation_id)
        return organisation.country_iso3 if organisation is not None else None
    if session.get(OrganisationZoneRow, (organisation_id, zone_id)) is None:
        raise OfferError(f"zone_id: {zone_id} is not a zone your organisation keeps")
    zone = session.get(ZoneRow, zone_id)
    return zone.country_iso3 if zone is not None else None


def _write(row: OfferRow, draft: OfferDraft) -> None:
    row.kind, row.isic_code, row.hs_code = draft.kind.value, draft.isic_code, draft.hs_code
    row.title, row.description = draft.title, draft.description
    row.volume, row.volume_unit, row.zone_id = draft.volume, draft.volume_unit, draft.zone_id
    row.valid_from, row.valid_until = draft.valid_from, draft.valid_until


def _index(session: Session, row: OfferRow) -> None:
    """The offer's ISIC codes with their ancestors (`offers.matching`), replacing what was there."""
    own = offer_codes(row.isic_code, row.hs_code)
    if not own:
        raise OfferError(
            f"hs_code: HS {row.hs_code} has no ISIC class in the bundled concordance; add isic_code"
        )
    session.execute(delete(OfferSectorRow).where(OfferSectorRow.offer_id == row.offer_id))
    session.add_all(
        OfferSectorRow(offer_id=row.offer_id, isic_code=code, is_own=code in own)
        for code in sorted(indexed_codes(own) | own)
    )


def facts(row: OfferRow) -> dict[str, Any]:
    """The offer as the audit trail keeps it, before and after a change."""
    values = {name: getattr(row, name) for name in (*sorted(EDITABLE), "state")}
    return {name: value.isoformat() if isinstance(value, date) else value for name, value in values.items()}


def publish_offer(
    session: Session, actor: Actor, draft: OfferDraft, *, context: RequestContext | None = None
) -> int:
    """A member (or the zone's operator) publishes an offer in their organisation's name; its id."""
    organisation_id, country_iso3 = _publisher(session, actor, draft)
    row = OfferRow(organisation_id=organisation_id, person_id=actor.person_id, country_iso3=country_iso3,
                   state=OfferState.PUBLISHED.value)  # fmt: skip
    _write(row, draft)
    session.add(row)
    session.flush()
    _index(session, row)
    record(session, actor, "publish offer", "offer", str(row.offer_id), after=facts(row), context=context)
    session.commit()
    return row.offer_id


def _row(session: Session, offer_id: int) -> OfferRow:
    row = session.get(OfferRow, offer_id)
    if row is None:
        raise OfferNotFoundError(f"no offer {offer_id}")
    return row


def edit_offer(
    session: Session,
    actor: Actor,
    offer_id: int,
    changes: dict[str, object],
    *,
    context: RequestContext | None = None,
) -> None:
    """Its author's side changes some fields (the others stay); a withdrawn offer stays withdrawn."""
    require(actor, actor.is_authenticated, "edit an offer")
    row = _row(session, offer_id)
    require(actor, is_author_side(actor, row.organisation_id, row.zone_id), "edit an offer")
    unknown = sorted(set(changes) - EDITABLE)
    if unknown:
        raise OfferError(f"{unknown[0]}: not a field of an offer (fields: {', '.join(sorted(EDITABLE))})")
    before = facts(row)
    current = {name: before[name] for name in EDITABLE}
    draft = checked_draft({**current, **changes})
    row.country_iso3 = _country(session, row.organisation_id, draft.zone_id)
    _write(row, draft)
    row.updated_at = datetime.now(UTC)
    _index(session, row)
    record(session, actor, "edit offer", "offer", str(offer_id), before=before, after=facts(row),
           context=context)  # fmt: skip
    session.commit()


def withdraw_offer(
    session: Session, actor: Actor, offer_id: int, *, context: RequestContext | None = None
) -> None:
    """Its author's side or the secretariat takes an offer down; withdrawing twice changes nothing."""
    require(actor, actor.is_authenticated, "withdraw an offer")
    row = _row(session, offer_id)
    allowed = is_author_side(actor, row.organisation_id, row.zone_id) or may_administer(actor)
    require(actor, allowed, "withdraw an offer")
    if row.state == OfferState.WITHDRAWN.value:
        return
    row.state, row.updated_at = OfferState.WITHDRAWN.value, datetime.now(UTC)
    record(session, actor, "withdraw offer", "offer", str(offer_id), before={"state": "published"},
           after={"state": row.state}, context=context)  # fmt: skip
    session.commit()


def publishable_zones(session: Session, actor: Actor) -> list[tuple[str, str]]:
    """The zones (id, name) the actor may publish offers for — their organisation's, if a member, and the
    ones they operate (if linked to an organisation); the form's choices, and its permission check."""
    require(actor, actor.person_id is not None, "publish an offer")
    operated = [grant.scope for grant in actor.grants if grant.role is Role.ZONE_OPERATOR and grant.scope]
    is_member = actor.organisation_id is not None and Grant(Role.MEMBER) in actor.grants
    require(actor, is_member or bool(operated), "publish an offer")
    keeps: list[ColumnElement[bool]] = [OrganisationZoneRow.zone_id.in_(operated)]
    if is_member:
        keeps.append(OrganisationZoneRow.organisation_id == actor.organisation_id)
    query = (
        select(OrganisationZoneRow.zone_id, ZoneRow.name_en)
        .join(ZoneRow, ZoneRow.zone_id == OrganisationZoneRow.zone_id)
        .where(or_(*keeps))
        .distinct()
        .order_by(OrganisationZoneRow.zone_id)
    )
    return [(str(zone_id), str(name)) for zone_id, name in session.execute(query)]
