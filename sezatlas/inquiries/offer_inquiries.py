"""An inquiry about a cooperation offer (issue 19, item 5): an ordinary inquiry, on the same public
response clock (`inquiries/sending.py`), that also records which offer it is about.

Who may send one: a logged-in person who is an investor, a member of a member organisation, or a zone's
operator — the issue's "a member can send an offer-inquiry" — where a plain inquiry
(`roles.may_send_inquiry`) is for investors only: offers are how members find each other, so members
must be able to answer them. Nobody inquires about their own organisation's offer.

Where it goes: to the offer's zone. An offer without a zone (a `need` of the organisation as a whole) is
answered by the organisation through the first zone it keeps (by zone id), whose operators (else the
secretariat) answer its inbox; an organisation that keeps no zone cannot receive offer-inquiries yet, and
the sender is told so rather than the inquiry going nowhere.
"""

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from sezatlas.accounts.audit import RequestContext
from sezatlas.accounts.letters import Translate, untranslated
from sezatlas.accounts.mail import MailSettings
from sezatlas.accounts.roles import Actor, Role, require
from sezatlas.inquiries.sending import InquiryError, ProjectSummary, deliver_inquiry
from sezatlas.offers.actions import is_author_side
from sezatlas.offers.reading import read_offer
from sezatlas.stewardship.letters import notify
from sezatlas.store.accounts_tables import OrganisationZoneRow
from sezatlas.store.inquiries_tables import InquiryThreadRow
from sezatlas.store.offers_tables import OfferInquiryRow

SENDER_ROLES = (Role.INVESTOR, Role.MEMBER)


def may_send_offer_inquiry(actor: Actor) -> bool:
    """A person (the reply goes to them) who is an investor, a member, or operates some zone."""
    if actor.person_id is None:
        return False
    is_operator = any(grant.role is Role.ZONE_OPERATOR for grant in actor.grants)
    return is_operator or any(actor.has(role) for role in SENDER_ROLES)


def answering_zone(session: Session, organisation_id: int, zone_id: str | None) -> str:
    """The zone whose inbox gets the inquiry: the offer's, else the organisation's first (see the module)."""
    if zone_id is not None:
        return zone_id
    first = session.scalar(
        select(OrganisationZoneRow.zone_id)
        .where(OrganisationZoneRow.organisation_id == organisation_id)
        .order_by(OrganisationZoneRow.zone_id)
        .limit(1)
    )
    if first is None:
        raise InquiryError("offer: its organisation keeps no zone on SEZ Atlas, so nobody can answer yet")
    return first


def send_offer_inquiry(
    session: Session,
    actor: Actor,
    offer_id: int,
    message: str,
    *,
    show_identity: bool = True,
    mail: MailSettings | None = None,
    translate: Translate = untranslated,
    context: RequestContext | None = None,
    now: datetime | None = None,
) -> int:
    """Ask about a published offer; the thread's id (its inbox page is `/inquiries/{id}`)."""
    require(actor, may_send_offer_inquiry(actor), "send an inquiry about an offer")
    offer = read_offer(session, actor, offer_id)
    if is_author_side(actor, offer.organisation_id, offer.zone_id):
        raise InquiryError("offer: this is your own organisation's offer")
    if offer.is_expired or offer.state.value != "published":
        raise InquiryError("offer: it is no longer open (withdrawn or past its validity)")
    zone_id = answering_zone(session, offer.organisation_id, offer.zone_id)
    project = ProjectSummary(isic_codes=list(offer.isic_classes[:20]))
    [thread_id], letters = deliver_inquiry(
        session, actor, [zone_id], project, message, show_identity=show_identity, mail=mail,
        translate=translate, context=context, now=now,
    )  # fmt: skip
    thread = session.get(InquiryThreadRow, thread_id)
    assert thread is not None  # added just now
    session.add(OfferInquiryRow(inquiry_id=thread.inquiry_id, offer_id=offer.offer_id))
    session.commit()
    notify(mail, letters)
    return thread_id
