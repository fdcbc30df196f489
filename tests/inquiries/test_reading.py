"""Who reads what of an inquiry: its two sides see the thread and its files, nobody else learns it exists,
and a zone does not learn which other zones the investor asked (issue 17)."""

import hashlib

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from sezatlas.accounts.roles import Actor, Grant, NotAuthenticatedError, Role
from sezatlas.inquiries.clock import Status, Step
from sezatlas.inquiries.reading import inbox, read_attachment, read_thread
from sezatlas.inquiries.sending import MAX_ATTACHMENTS, InquiryError, send_inquiry
from sezatlas.inquiries.steps import ThreadNotFoundError, take_step
from sezatlas.stewardship.documents import Upload
from sezatlas.store.database import session_factory
from tests.inquiries.test_inquiries import MESSAGE, PROJECT, SECRETARIAT, SENT, day, person

PLAN = Upload("site plan.pdf", b"%PDF-1.7\n% a site plan\n")


def _three_zones(session: Session) -> tuple[Actor, Actor, list[int]]:
    investor = person(session, "reader@example.org", Grant(Role.INVESTOR))
    alabuga = person(session, "keeper@example.org", Grant(Role.ZONE_OPERATOR, "RUS-001"))
    threads = send_inquiry(session, investor, ["RUS-001", "RUS-002", "CHN-001"], PROJECT, MESSAGE,
                           attachments=[PLAN], now=SENT)  # fmt: skip
    return investor, alabuga, threads


def test_each_side_sees_its_threads_in_its_inbox(registry_engine: Engine) -> None:
    with session_factory(registry_engine)() as session:
        investor, alabuga, threads = _three_zones(session)
        mine = inbox(session, investor, now=day(2))
        assert sorted(line.thread_id for line in mine) == sorted(threads)
        assert {line.side for line in mine} == {"investor"}
        [theirs] = inbox(session, alabuga, now=day(2))
        assert (theirs.zone_id, theirs.side, theirs.status) == ("RUS-001", "zone", Status.NEW)
        assert theirs.days == pytest.approx(2) and theirs.target_days == 7 and not theirs.is_overdue
        # the secretariat answers for the two zones without an operator account
        answered_by_secretariat = {line.zone_id for line in inbox(session, SECRETARIAT, now=day(2))}
        assert answered_by_secretariat == {"RUS-002", "CHN-001"}
        with pytest.raises(NotAuthenticatedError):
            inbox(session, Actor.anonymous())


def test_a_thread_shows_its_steps_and_files_to_its_two_sides_only(registry_engine: Engine) -> None:
    with session_factory(registry_engine)() as session:
        investor, alabuga, threads = _three_zones(session)
        take_step(
            session, alabuga, threads[0], Step.REQUEST_CLARIFICATION, text="Which chemistry?", now=day(1)
        )
        seen_by_zone = read_thread(session, alabuga, threads[0], now=day(3))
        assert [step.step for step in seen_by_zone.steps] == [Step.SEND, Step.REQUEST_CLARIFICATION]
        assert seen_by_zone.message == MESSAGE and seen_by_zone.investor_name == "reader"
        assert seen_by_zone.other_threads == []  # the zone is not told whom else the investor asked
        assert seen_by_zone.may_take == [Step.CLOSE]  # the answer waits for the clarification
        assert seen_by_zone.summary.days == pytest.approx(1)  # paused since the question
        seen_by_investor = read_thread(session, investor, threads[0], now=day(3))
        assert seen_by_investor.may_take == [Step.CLARIFY, Step.CLOSE]
        assert [other.zone_id for other in seen_by_investor.other_threads] == ["RUS-002", "CHN-001"]
        [plan] = seen_by_investor.attachments
        assert (
            plan.sha256 == hashlib.sha256(PLAN.content).hexdigest() and plan.media_type == "application/pdf"
        )
        assert read_attachment(session, alabuga, threads[0], plan.attachment_id)[1] == PLAN.content
        stranger = person(session, "stranger@example.org", Grant(Role.INVESTOR))
        for reader, thread in ((stranger, threads[0]), (alabuga, threads[1])):
            with pytest.raises(ThreadNotFoundError):
                read_thread(session, reader, thread)
            with pytest.raises(ThreadNotFoundError):
                read_attachment(session, reader, thread, plan.attachment_id)


def test_attachments_are_checked_by_content_and_count_before_anything_is_stored(
    registry_engine: Engine,
) -> None:
    with session_factory(registry_engine)() as session:
        investor = person(session, "files@example.org", Grant(Role.INVESTOR))
        disguised = Upload("plan.pdf", b"MZ\x90\x00 an executable")
        with pytest.raises(InquiryError, match=r"attachments: .*plan\.pdf"):
            send_inquiry(session, investor, ["RUS-001"], PROJECT, MESSAGE, attachments=[disguised])
        with pytest.raises(InquiryError, match=f"at most {MAX_ATTACHMENTS}"):
            send_inquiry(session, investor, ["RUS-001"], PROJECT, MESSAGE, attachments=[PLAN] * 6)
        assert inbox(session, investor) == []
