"""Reading offers: the public list and one offer, an organisation's own offers, and the offers that match a
zone or a chain (the rule is `offers/matching.py`).

The public sees published offers within their validity; an offer past `valid_until` (or before
`valid_from`) or withdrawn is shown only to its author's side, marked as such, and to the secretariat.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from sezatlas.accounts.roles import Actor, kept_zones, may_administer, require
from sezatlas.offers.actions import is_author_side
from sezatlas.offers.matching import offer_codes, question_codes
from sezatlas.offers.model import HsText, IsicText, Offer, OfferKind, OfferNotFoundError, OfferState
from sezatlas.standard.zone import CountryCode
from sezatlas.stewardship.versions import aware
from sezatlas.store.accounts_tables import OrganisationRow
from sezatlas.store.models import ZoneIsicRow, ZoneRow
from sezatlas.store.offers_tables import OfferRow, OfferSectorRow

MATCH_LIMIT = 20


def _upper(text: str) -> str:
    return text.strip().upper()


class OfferQuery(BaseModel):
    """The public list's filters; each left empty filters nothing."""

    model_config = ConfigDict(extra="forbid")

    kind: OfferKind | None = None
    isic: IsicText | None = Field(default=None, description="Offers of this ISIC code or anything under it.")
    hs: HsText | None = Field(default=None, description="Offers of this HS code, or of its ISIC classes.")
    country: CountryCode | None = None
    zone: Annotated[str, AfterValidator(_upper), Field(max_length=64)] | None = None
    limit: Annotated[int, Field(ge=1, le=500)] = 50
    offset: Annotated[int, Field(ge=0, le=10_000_000)] = 0


@dataclass(frozen=True, slots=True)
class OfferPage:
    total: int
    offers: list[Offer]


def today() -> date:
    return datetime.now(UTC).date()


def _current(on: date) -> ColumnElement[bool]:
    """Published, and within its validity on `on`."""
    return and_(
        OfferRow.state == OfferState.PUBLISHED.value,
        or_(OfferRow.valid_from.is_(None), OfferRow.valid_from <= on),
        or_(OfferRow.valid_until.is_(None), OfferRow.valid_until >= on),
    )


def _is_expired(row: OfferRow, on: date) -> bool:
    return row.valid_until is not None and row.valid_until < on


def _about(codes: Iterable[str]) -> ColumnElement[bool]:
    """Offers one of whose codes (or their ancestors) is asked: the matching rule as one equality."""
    asked = sorted(question_codes(codes))
    return OfferRow.offer_id.in_(select(OfferSectorRow.offer_id).where(OfferSectorRow.isic_code.in_(asked)))


def _offers(session: Session, rows: Sequence[OfferRow], on: date) -> list[Offer]:
    """Rows as `Offer`s, with their own ISIC codes, zone names and organisation names in three queries."""
    if not rows:  # most zones have no offers: a zone page asks twice
        return []
    ids = [row.offer_id for row in rows]
    own: dict[int, list[str]] = defaultdict(list)
    sector_rows = select(OfferSectorRow.offer_id, OfferSectorRow.isic_code).where(
        OfferSectorRow.offer_id.in_(ids), OfferSectorRow.is_own
    )
    for offer_id, code in session.execute(sector_rows.order_by(OfferSectorRow.isic_code)):
        own[offer_id].append(code)
    zone_ids = {row.zone_id for row in rows if row.zone_id}
    zone_query = select(ZoneRow.zone_id, ZoneRow.name_en).where(ZoneRow.zone_id.in_(zone_ids))
    zones = {str(zone_id): str(name) for zone_id, name in session.execute(zone_query)}
    org_ids = {row.organisation_id for row in rows}
    org_query = select(OrganisationRow.organisation_id, OrganisationRow.name).where(
        OrganisationRow.organisation_id.in_(org_ids)
    )
    orgs = {int(organisation_id): str(name) for organisation_id, name in session.execute(org_query)}
    return [
        Offer(
            offer_id=row.offer_id,
            kind=OfferKind(row.kind),
            isic_code=row.isic_code,
            hs_code=row.hs_code,
            isic_classes=tuple(own[row.offer_id]),
            title=row.title,
            description=row.description,
            volume=row.volume,
            volume_unit=row.volume_unit,
            zone_id=row.zone_id,
            zone_name=zones.get(row.zone_id) if row.zone_id else None,
            country_iso3=row.country_iso3,
            organisation_id=row.organisation_id,
            organisation_name=orgs.get(row.organisation_id, ""),
            valid_from=row.valid_from,
            valid_until=row.valid_until,
            state=OfferState(row.state),
            is_expired=_is_expired(row, on),
            created_at=aware(row.created_at),
            updated_at=aware(row.updated_at),
        )
        for row in rows
    ]


def _filters(query: OfferQuery) -> list[ColumnElement[bool]]:
    found: list[ColumnElement[bool]] = []
    if query.kind is not None:
        found.append(OfferRow.kind == query.kind.value)
    if query.isic is not None:
        found.append(_about([query.isic]))
    if query.hs is not None:
        by_hs = OfferRow.hs_code.startswith(query.hs)
        classes = offer_codes(None, query.hs)
        found.append(or_(by_hs, _about(classes)) if classes else by_hs)
    if query.country is not None:
        found.append(OfferRow.country_iso3 == query.country)
    if query.zone is not None:
        found.append(OfferRow.zone_id == query.zone)
    return found


def find_offers(session: Session, query: OfferQuery, *, on: date | None = None) -> OfferPage:
    """Published offers within their validity matching every filter, newest first, a page at a time."""
    day = on or today()
    where = [_current(day), *_filters(query)]
    total = session.scalar(select(func.count()).select_from(OfferRow).where(*where)) or 0
    rows = session.scalars(
        select(OfferRow).where(*where).order_by(OfferRow.created_at.desc(), OfferRow.offer_id.desc())
        .limit(query.limit).offset(query.offset)
    ).all()  # fmt: skip
    return OfferPage(total, _offers(session, rows, day))


def read_offer(session: Session, actor: Actor, offer_id: int, *, on: date | None = None) -> Offer:
    """One offer: published and current for anyone; withdrawn or out of date for its author's side and the
    secretariat only (anyone else is told there is no such offer)."""
    day = on or today()
    row = session.get(OfferRow, offer_id)
    if row is None:
        raise OfferNotFoundError(f"no offer {offer_id}")
    is_current = session.scalar(select(OfferRow.offer_id).where(OfferRow.offer_id == offer_id, _current(day)))
    if is_current is None and not (
        is_author_side(actor, row.organisation_id, row.zone_id) or may_administer(actor)
    ):
        raise OfferNotFoundError(f"no offer {offer_id}")
    return _offers(session, [row], day)[0]


def my_offers(session: Session, actor: Actor, *, on: date | None = None) -> list[Offer]:
    """The offers of the person's organisation and of the zones they operate, withdrawn and expired ones too
    (each marked), newest first."""
    require(actor, actor.person_id is not None, "list your offers")
    mine: list[ColumnElement[bool]] = [OfferRow.zone_id.in_(kept_zones(actor))]
    if actor.organisation_id is not None:
        mine.append(OfferRow.organisation_id == actor.organisation_id)
    rows = session.scalars(select(OfferRow).where(or_(*mine)).order_by(OfferRow.created_at.desc())).all()
    day = on or today()
    return [
        offer
        for offer in _offers(session, rows, day)
        if is_author_side(actor, offer.organisation_id, offer.zone_id)
    ]


@dataclass(frozen=True, slots=True)
class ZoneOffers:
    own: list[Offer]  # offers made for this zone
    needs: list[Offer]  # others' `need` offers the zone's declared sectors cover


def zone_codes(session: Session, zone_id: str) -> list[str]:
    """The ISIC codes a zone declared itself (not the ancestors the registry adds)."""
    query = select(ZoneIsicRow.isic_code).where(ZoneIsicRow.zone_id == zone_id, ZoneIsicRow.declared)
    return sorted(session.scalars(query))


def offers_for_zone(session: Session, zone_id: str, *, on: date | None = None) -> ZoneOffers:
    """A zone's own current offers, and the current `need` offers of other zones and organisations whose
    codes the zone's declared sectors cover (`offers.matching`): who could buy what the zone makes."""
    day = on or today()
    own = session.scalars(
        select(OfferRow)
        .where(_current(day), OfferRow.zone_id == zone_id)
        .order_by(OfferRow.created_at.desc())
    ).all()
    codes = zone_codes(session, zone_id)
    needs: Sequence[OfferRow] = []
    if question_codes(codes):
        needs = session.scalars(
            select(OfferRow)
            .where(_current(day), OfferRow.kind == OfferKind.NEED.value, _about(codes),
                   or_(OfferRow.zone_id.is_(None), OfferRow.zone_id != zone_id))
            .order_by(OfferRow.created_at.desc()).limit(MATCH_LIMIT)
        ).all()  # fmt: skip
    return ZoneOffers(_offers(session, own, day), _offers(session, needs, day))


@dataclass(frozen=True, slots=True)
class ChainOffers:
    inputs_made: list[Offer]  # `make` and `capacity` offers of the chain's inputs
    product_needed: list[Offer]  # `need` offers of the chain's product


def offers_for_chain(
    session: Session, product: Iterable[str], inputs: Iterable[str], *, on: date | None = None
) -> ChainOffers:
    """For a chain page: who offers to make (or host the making of) the inputs, and who needs the product."""
    day = on or today()

    def matching(codes: Iterable[str], kinds: tuple[OfferKind, ...]) -> list[Offer]:
        if not question_codes(codes):
            return []
        rows = session.scalars(
            select(OfferRow)
            .where(_current(day), OfferRow.kind.in_([kind.value for kind in kinds]), _about(codes))
            .order_by(OfferRow.created_at.desc()).limit(MATCH_LIMIT)
        ).all()  # fmt: skip
        return _offers(session, rows, day)

    return ChainOffers(
        matching(list(inputs), (OfferKind.MAKE, OfferKind.CAPACITY)),
        matching(list(product), (OfferKind.NEED,)),
    )
