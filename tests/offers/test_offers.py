"""Cooperation offers between members (issue 19, item 5): who may publish, edit and withdraw them, what the
public sees, which offers match a zone or a chain, and inquiries about an offer on the inquiry clock.

Every test runs on SQLite and on PostgreSQL (`registry_engine`).
"""

from datetime import date

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from sezatlas.accounts.roles import Actor, Grant, NotAuthenticatedError, PermissionDeniedError, Role
from sezatlas.inquiries.offer_inquiries import send_offer_inquiry
from sezatlas.inquiries.reading import inbox, read_thread
from sezatlas.inquiries.sending import InquiryError
from sezatlas.offers.actions import edit_offer, publish_offer, withdraw_offer
from sezatlas.offers.model import OfferDraft, OfferError, OfferKind, OfferNotFoundError, OfferState
from sezatlas.offers.reading import (
    OfferQuery,
    find_offers,
    my_offers,
    offers_for_chain,
    offers_for_zone,
    read_offer,
    zone_codes,
)
from sezatlas.store.accounts_tables import AuditRow
from sezatlas.store.database import session_factory
from sezatlas.store.offers_tables import OfferInquiryRow
from tests.offers.people import SECRETARIAT, organisation, person

TODAY = date(2026, 12, 4)
BATTERY_CELLS = OfferDraft(
    kind=OfferKind.MAKE,
    isic_code="2720",
    title="LFP battery cells",
    description="Prismatic LFP cells, 280 Ah, for storage and buses; samples on request.",
    volume=2_000_000,
    volume_unit="cells/year",
    zone_id="RUS-001",
)
MESSAGE = "We assemble storage systems in Kazan and need about 50,000 cells a year from 2027. Prices?"


def alabuga(session: Session) -> tuple[Actor, Actor]:
    """A member of the organisation keeping RUS-001, and RUS-001's operator (of the same organisation)."""
    organisation_id = organisation(session, "JSC SEZ Alabuga", "RUS", "RUS-001")
    member = person(session, "member@alabuga.example", organisation_id, Grant(Role.MEMBER))
    operator = person(
        session, "operator@alabuga.example", organisation_id, Grant(Role.ZONE_OPERATOR, "RUS-001")
    )
    return member, operator


def test_a_member_publishes_an_offer_everyone_reads_and_the_trail_keeps_it(registry_engine: Engine) -> None:
    with session_factory(registry_engine)() as session:
        member, _ = alabuga(session)
        offer_id = publish_offer(session, member, BATTERY_CELLS)
        offer = read_offer(session, Actor.anonymous(), offer_id)
        assert (offer.kind, offer.isic_classes, offer.zone_id, offer.country_iso3) == (
            OfferKind.MAKE,
            ("2720",),
            "RUS-001",
            "RUS",
        )
        assert (offer.organisation_name, offer.volume, offer.volume_unit) == (
            "JSC SEZ Alabuga",
            2e6,
            "cells/year",
        )
        assert find_offers(session, OfferQuery(isic="27")).total == 1  # a division finds its class
        assert find_offers(session, OfferQuery(isic="2710")).total == 0
        assert find_offers(session, OfferQuery(country="CHN")).total == 0
        trail = session.scalars(select(AuditRow).where(AuditRow.entity == "offer")).all()
        assert [(row.action, row.entity_id, row.actor_name) for row in trail] == [
            ("publish offer", str(offer_id), "member")
        ]


def test_only_the_organisation_keeping_the_zone_may_publish_for_it(registry_engine: Engine) -> None:
    with session_factory(registry_engine)() as session:
        alabuga(session)
        other_org = organisation(session, "Lipetsk SEZ", "RUS", "RUS-002")
        outsider = person(session, "member@lipetsk.example", other_org, Grant(Role.MEMBER))
        investor = person(session, "investor@example.org", None, Grant(Role.INVESTOR))
        with pytest.raises(NotAuthenticatedError):
            publish_offer(session, Actor.anonymous(), BATTERY_CELLS)
        with pytest.raises(PermissionDeniedError):
            publish_offer(session, investor, BATTERY_CELLS)
        with pytest.raises(PermissionDeniedError):  # the secretariat moderates, it does not write offers
            publish_offer(session, SECRETARIAT, BATTERY_CELLS)
        with pytest.raises(OfferError, match="zone_id: RUS-001 is not a zone your organisation keeps"):
            publish_offer(session, outsider, BATTERY_CELLS)
        assert find_offers(session, OfferQuery()).total == 0


def test_bad_input_names_the_field_and_changes_nothing(registry_engine: Engine) -> None:
    with session_factory(registry_engine)() as session:
        member, _ = alabuga(session)
        offer_id = publish_offer(session, member, BATTERY_CELLS)
        for changes, field in [
            ({"isic_code": "9999"}, "isic_code"),
            ({"isic_code": "C"}, "isic_code"),  # a section says too little
            ({"hs_code": "8799"}, "hs_code"),
            ({"title": "x"}, "title"),
            ({"zone_id": None}, "zone_id"),  # a make offer is for a zone
            ({"valid_from": "2027-01-01", "valid_until": "2026-01-01"}, "valid_until"),
            ({"volume_unit": None}, "volume"),
            ({"price": 3}, "price"),
        ]:
            with pytest.raises(OfferError, match=field):
                edit_offer(session, member, offer_id, changes)
        assert read_offer(session, member, offer_id).title == BATTERY_CELLS.title


def test_edit_and_withdraw_are_for_the_author_side_and_the_secretariat_may_withdraw(
    registry_engine: Engine,
) -> None:
    with session_factory(registry_engine)() as session:
        member, operator = alabuga(session)
        other_org = organisation(session, "Lipetsk SEZ", "RUS", "RUS-002")
        outsider = person(session, "member@lipetsk.example", other_org, Grant(Role.MEMBER))
        offer_id = publish_offer(session, member, BATTERY_CELLS)
        edit_offer(session, operator, offer_id, {"volume": 3_000_000})  # the zone's operator edits too
        assert read_offer(session, member, offer_id).volume == 3e6
        with pytest.raises(PermissionDeniedError):
            edit_offer(session, outsider, offer_id, {"volume": 1})
        with pytest.raises(PermissionDeniedError):
            withdraw_offer(session, outsider, offer_id)
        withdraw_offer(session, SECRETARIAT, offer_id)
        with pytest.raises(OfferNotFoundError):  # gone for the public
            read_offer(session, Actor.anonymous(), offer_id)
        [mine] = my_offers(session, member)
        assert mine.state is OfferState.WITHDRAWN


def test_an_expired_offer_leaves_the_list_and_is_marked_expired_to_its_author(
    registry_engine: Engine,
) -> None:
    with session_factory(registry_engine)() as session:
        member, _ = alabuga(session)
        ended = BATTERY_CELLS.model_copy(update={"valid_until": date(2026, 12, 31)})
        offer_id = publish_offer(session, member, ended)
        assert find_offers(session, OfferQuery(), on=TODAY).total == 1
        assert find_offers(session, OfferQuery(), on=date(2027, 1, 1)).total == 0
        with pytest.raises(OfferNotFoundError):
            read_offer(session, Actor.anonymous(), offer_id, on=date(2027, 1, 1))
        [mine] = my_offers(session, member, on=date(2027, 1, 1))
        assert mine.is_expired and mine.state is OfferState.PUBLISHED


def test_an_hs_offer_is_matched_through_the_bridge_to_its_isic_classes(registry_engine: Engine) -> None:
    with session_factory(registry_engine)() as session:
        member, _ = alabuga(session)
        car_parts = OfferDraft(
            kind=OfferKind.MAKE,
            hs_code="8708",
            title="Car body parts",
            description="Stamped steel body parts for passenger cars.",
            zone_id="RUS-001",
        )
        offer_id = publish_offer(session, member, car_parts)
        assert "2930" in read_offer(session, member, offer_id).isic_classes
        assert find_offers(session, OfferQuery(isic="29")).total == 1
        assert find_offers(session, OfferQuery(hs="87")).total == 1


def test_a_zone_sees_its_own_offers_and_the_needs_its_sectors_cover(registry_engine: Engine) -> None:
    with session_factory(registry_engine)() as session:
        member, _ = alabuga(session)
        lipetsk = organisation(session, "Lipetsk SEZ", "RUS", "RUS-002")
        buyer = person(session, "buyer@lipetsk.example", lipetsk, Grant(Role.MEMBER))
        declared = [code for code in zone_codes(session, "RUS-001") if code[:1].isdigit()]
        assert declared, "RUS-001 declares sectors in the bundled registry"
        covered = declared[0]
        own_id = publish_offer(session, member, BATTERY_CELLS)
        need = OfferDraft(kind=OfferKind.NEED, isic_code=covered, title="Suppliers wanted",
                          description="We need a regular supplier for our plant in Lipetsk.")  # fmt: skip
        need_id = publish_offer(session, buyer, need)
        unrelated = need.model_copy(update={"isic_code": "0111", "title": "Wheat wanted"})
        publish_offer(session, buyer, unrelated)
        found = offers_for_zone(session, "RUS-001")
        assert [offer.offer_id for offer in found.own] == [own_id]
        assert [offer.offer_id for offer in found.needs] == [need_id]


def test_a_chain_shows_makers_of_its_inputs_and_buyers_of_its_product(registry_engine: Engine) -> None:
    with session_factory(registry_engine)() as session:
        member, _ = alabuga(session)
        lipetsk = organisation(session, "Lipetsk SEZ", "RUS", "RUS-002")
        buyer = person(session, "buyer@lipetsk.example", lipetsk, Grant(Role.MEMBER))
        cells = publish_offer(session, member, BATTERY_CELLS)
        wants_buses = OfferDraft(kind=OfferKind.NEED, isic_code="2910", title="Electric buses wanted",
                                 description="Our city fleet needs 40 electric buses a year.")  # fmt: skip
        bus_need = publish_offer(session, buyer, wants_buses)
        chain = offers_for_chain(session, product=["2910"], inputs=["2720", "2211"])
        assert [o.offer_id for o in chain.inputs_made] == [cells]
        assert [o.offer_id for o in chain.product_needed] == [bus_need]
        assert offers_for_chain(session, product=["C"], inputs=["C"]) == type(chain)([], [])


def test_a_member_asks_about_an_offer_and_the_zone_answers_on_the_clock(registry_engine: Engine) -> None:
    with session_factory(registry_engine)() as session:
        member, operator = alabuga(session)
        lipetsk = organisation(session, "Lipetsk SEZ", "RUS", "RUS-002")
        buyer = person(session, "buyer@lipetsk.example", lipetsk, Grant(Role.MEMBER))
        no_role = person(session, "nobody@example.org", None)
        offer_id = publish_offer(session, member, BATTERY_CELLS)
        with pytest.raises(NotAuthenticatedError):
            send_offer_inquiry(session, Actor.anonymous(), offer_id, MESSAGE)
        with pytest.raises(PermissionDeniedError):
            send_offer_inquiry(session, no_role, offer_id, MESSAGE)
        with pytest.raises(InquiryError, match="your own"):
            send_offer_inquiry(session, member, offer_id, MESSAGE)
        thread_id = send_offer_inquiry(session, buyer, offer_id, MESSAGE)
        [received] = inbox(session, operator)
        assert (received.thread_id, received.zone_id, received.side) == (thread_id, "RUS-001", "zone")
        assert read_thread(session, operator, thread_id).message == MESSAGE
        assert session.scalar(select(func.count()).select_from(OfferInquiryRow)) == 1
        withdraw_offer(session, member, offer_id)
        with pytest.raises(OfferNotFoundError):
            send_offer_inquiry(session, buyer, offer_id, MESSAGE)


def test_a_need_without_a_zone_is_answered_through_the_organisations_first_zone(
    registry_engine: Engine,
) -> None:
    with session_factory(registry_engine)() as session:
        organisation_id = organisation(session, "Two zones", "RUS", "RUS-003", "RUS-002")
        member = person(session, "m@two.example", organisation_id, Grant(Role.MEMBER))
        investor = person(session, "i@example.org", None, Grant(Role.INVESTOR))
        need = OfferDraft(kind=OfferKind.NEED, isic_code="2720", title="Cells wanted",
                          description="Our plants need battery cells for forklifts.")  # fmt: skip
        offer_id = publish_offer(session, member, need)
        assert read_offer(session, investor, offer_id).country_iso3 == "RUS"  # the organisation's country
        thread_id = send_offer_inquiry(session, investor, offer_id, MESSAGE)
        assert read_thread(session, investor, thread_id).summary.zone_id == "RUS-002"
        nowhere = organisation(session, "No zone", "BRA")
        lonely = person(session, "m@nozone.example", nowhere, Grant(Role.MEMBER))
        lonely_id = publish_offer(session, lonely, need)
        with pytest.raises(InquiryError, match="keeps no zone"):
            send_offer_inquiry(session, investor, lonely_id, MESSAGE)
