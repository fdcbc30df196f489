"""An investor's inquiry to three zones, answered on a clock the public dashboard reads (issue 17, domain).

The clock's figure is checked against one computed here from the time-stamps alone: the zone's time is
from sending to asking, plus from the investor's clarification to the answer.
"""

import random
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from sezatlas.accounts.actions import create_person
from sezatlas.accounts.mail import MailSettings
from sezatlas.accounts.roles import Actor, Grant, NotAuthenticatedError, PermissionDeniedError, Role
from sezatlas.inquiries import dashboard
from sezatlas.inquiries.clock import (
    Outcome,
    Status,
    Step,
    StepNotAllowedError,
    advance,
    allowed_steps,
    due_at,
    reading_at,
    started,
)
from sezatlas.inquiries.dashboard import GroupBy, response_dashboard
from sezatlas.inquiries.response_stats import summarise
from sezatlas.inquiries.sending import InquiryError, ProjectSummary, send_inquiry, set_response_target
from sezatlas.inquiries.steps import ThreadNotFoundError, escalate_overdue, state_of, take_step
from sezatlas.store.database import session_factory
from sezatlas.store.inquiries_tables import InquiryRow, InquiryThreadRow
from tests.accounts.mailbox import catching_mail

SENT = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
MESSAGE = "We plan a battery-cell plant of 40 ha and 120 MW; is serviced land available next year?"
PROJECT = ProjectSummary(isic_codes=["2720"], investment_usd_m=450, jobs=900, land_ha=40, power_mw=120)
SECRETARIAT = Actor.command_line()


def person(session: Session, email: str, *grants: Grant) -> Actor:
    created = create_person(
        session, SECRETARIAT, email, email.partition("@")[0], "a long pass phrase", grants
    )
    return Actor(person_id=created.person_id, name=created.name, grants=frozenset(grants))


def day(n: float) -> datetime:
    return SENT + timedelta(days=n)


def test_a_clarification_pauses_the_zones_clock_and_the_dashboard_shows_its_days(
    registry_engine: Engine,
) -> None:
    with catching_mail() as mailbox, session_factory(registry_engine)() as session:
        mail = MailSettings.configured()
        investor = person(session, "investor@example.org", Grant(Role.INVESTOR))
        alabuga = person(session, "alabuga@example.org", Grant(Role.ZONE_OPERATOR, "RUS-001"))
        threads = send_inquiry(session, investor, ["RUS-001", "RUS-002", "RUS-003"], PROJECT, MESSAGE,
                               mail=mail, now=SENT)  # fmt: skip
        assert len(threads) == 3 and mailbox.to("alabuga@example.org")  # the operator is told
        first = threads[0]
        asked, clarified, answered = day(1.25), day(3.5), day(4)
        ask = "Which cell chemistry?"
        take_step(session, alabuga, first, Step.REQUEST_CLARIFICATION, text=ask, now=asked, mail=mail)
        assert mailbox.to("investor@example.org")  # the investor is told there is a question
        take_step(
            session, investor, first, Step.CLARIFY, text="LFP, 20 GWh a year.", now=clarified, mail=mail
        )
        assert take_step(session, alabuga, first, Step.ANSWER, text="Yes: plots 7 and 9.", now=answered) is (
            Status.ANSWERED
        )
        expected_days = ((asked - SENT) + (answered - clarified)) / timedelta(days=1)
        zone = response_dashboard(session, GroupBy.ZONE, only="RUS-001", now=day(30))["RUS-001"]
        assert (zone.received, zone.answered, zone.median_days, zone.share_within_target) == (
            1,
            1,
            expected_days,
            1,
        )
        russia = response_dashboard(session, GroupBy.COUNTRY, now=day(30))["RUS"]
        # the other two zones never answered: past the 7-day target they count as missed
        assert (russia.received, russia.answered, russia.settled, russia.within_target) == (3, 1, 3, 1)
        published = repr(response_dashboard(session, GroupBy.ZONE, now=day(30)))
        assert "battery" not in published and "investor" not in published and "LFP" not in published


def test_only_the_zone_answers_only_the_investor_clarifies_and_steps_follow_the_pipeline(
    registry_engine: Engine,
) -> None:
    with session_factory(registry_engine)() as session:
        investor = person(session, "i@example.org", Grant(Role.INVESTOR))
        other_zone = person(session, "o@example.org", Grant(Role.ZONE_OPERATOR, "RUS-002"))
        with pytest.raises(NotAuthenticatedError):
            send_inquiry(session, Actor.anonymous(), ["RUS-001"], PROJECT, MESSAGE)
        with pytest.raises(InquiryError, match="no zone XXX-999"):
            send_inquiry(session, investor, ["RUS-001", "XXX-999"], PROJECT, MESSAGE)
        [thread] = send_inquiry(session, investor, ["RUS-001"], PROJECT, MESSAGE, now=SENT)
        with pytest.raises(ThreadNotFoundError):  # another zone is not told the inquiry exists
            take_step(session, other_zone, thread, Step.ANSWER, text="Not ours to say.")
        with pytest.raises(PermissionDeniedError):
            take_step(session, investor, thread, Step.ANSWER, text="I answer myself.")
        with pytest.raises(StepNotAllowedError):
            take_step(session, investor, thread, Step.CLARIFY, text="Nobody asked.", now=day(1))
        with pytest.raises(InquiryError, match="withdrawing"):
            take_step(session, investor, thread, Step.CLOSE, outcome=Outcome.SITE_VISIT, now=day(1))
        assert take_step(session, investor, thread, Step.CLOSE, outcome=Outcome.WITHDRAWN, now=day(1)) is (
            Status.CLOSED
        )


def test_an_inquiry_past_its_target_is_escalated_once(registry_engine: Engine) -> None:
    with session_factory(registry_engine)() as session:
        investor = person(session, "late@example.org", Grant(Role.INVESTOR))
        set_response_target(session, SECRETARIAT, "country", "RUS", 3)
        send_inquiry(session, investor, ["RUS-001"], PROJECT, MESSAGE, now=SENT)
        assert escalate_overdue(session, SECRETARIAT, now=day(2.9)) == []
        [late] = escalate_overdue(session, SECRETARIAT, now=day(3.1))
        assert late.zone_id == "RUS-001" and late.reading.days == pytest.approx(3.1)
        assert escalate_overdue(session, SECRETARIAT, now=day(9)) == []


@pytest.mark.parametrize("seek_groups", [50, 0], ids=["sought-by-rank", "numbered-in-one-pass"])
def test_the_dashboards_sql_figures_equal_the_clock_read_thread_by_thread(
    registry_engine: Engine, seek_groups: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The SQL counts and quantiles — each sought by rank, or every group's numbered at once — against
    `summarise` over each thread's own reading."""
    monkeypatch.setattr(dashboard, "SEEK_GROUPS", seek_groups)
    rng = random.Random(11)
    zones = [("RUS-001", "RUS"), ("RUS-002", "RUS"), ("RUS-003", "RUS"), ("CHN-001", "CHN")]
    now = day(60)
    with session_factory(registry_engine)() as session:
        session.add(InquiryRow(inquiry_id=1, sent_at=SENT, project={}, message="-"))
        for number in range(1, 300):
            zone_id, country = rng.choice(zones)
            target = timedelta(days=rng.choice([3, 7, 15]))
            state = started(SENT + timedelta(days=rng.uniform(0, 50)))
            for step in rng.sample([Step.ACKNOWLEDGE, Step.REQUEST_CLARIFICATION, Step.CLARIFY, Step.ANSWER,
                                    Step.CLOSE], k=rng.randint(0, 3)):  # fmt: skip
                at = min(state.mark + timedelta(days=rng.uniform(0, 12)), now)
                if step in allowed_steps(state.status):
                    state = advance(state, step, at)
            session.add(InquiryThreadRow(
                thread_id=number, inquiry_id=1, zone_id=zone_id, country_iso3=country,
                status=state.status.value, target_s=target.total_seconds(), sent_at=SENT, mark_at=state.mark,
                running_s=state.running.total_seconds(), paused_s=state.paused.total_seconds(),
                first_answer_at=state.first_answer_at, is_stopped=state.is_stopped,
                due_at=due_at(state, target),
            ))  # fmt: skip
        session.commit()
        threads = session.scalars(select(InquiryThreadRow)).all()
        for by, key in ((GroupBy.ZONE, "zone_id"), (GroupBy.COUNTRY, "country_iso3")):
            expected = {
                group: summarise([(reading_at(state_of(t), now), timedelta(seconds=t.target_s))
                                  for t in threads if getattr(t, key) == group])
                for group in {getattr(t, key) for t in threads}
            }  # fmt: skip
            found = response_dashboard(session, by, now=now)
            assert found.keys() == expected.keys()
            for group, stats in found.items():
                want = expected[group]
                assert (stats.received, stats.answered, stats.settled, stats.within_target) == (
                    want.received, want.answered, want.settled, want.within_target)  # fmt: skip
                assert stats.median_days == pytest.approx(want.median_days)
                assert stats.p90_days == pytest.approx(want.p90_days)
