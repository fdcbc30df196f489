"""An investor's data on request, hidden identity, and the retention period (issue 17, privacy).

Erasure is checked by looking for the person's distinctive strings everywhere they could be left: every
text column of every table, after it — not by trusting the counts the erasure reports.
"""

from datetime import timedelta

import pytest
from sqlalchemy import Engine, String, Text, select
from sqlalchemy.orm import Session

from sezatlas.accounts.personal_data import erase_personal_data, export_personal_data
from sezatlas.accounts.roles import Grant, PermissionDeniedError, Role
from sezatlas.inquiries.clock import Outcome, Step
from sezatlas.inquiries.dashboard import GroupBy, response_dashboard
from sezatlas.inquiries.reading import read_thread
from sezatlas.inquiries.retention import RETENTION, purge_settled_inquiries
from sezatlas.inquiries.sending import ProjectSummary, send_inquiry
from sezatlas.inquiries.steps import take_step
from sezatlas.stewardship.documents import Upload
from sezatlas.store.database import session_factory
from sezatlas.store.models import Base
from tests.inquiries.test_inquiries import SECRETARIAT, SENT, day, person

SECRET = "Zanzibar-cobalt refinery of Quillfeather Holdings"
EMAIL = "quillfeather@example.org"


def _strings_left(session: Session, needle: str) -> list[str]:
    """Every table.column whose text holds `needle` (JSON columns read as text too)."""
    found = []
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            if isinstance(column.type, String | Text) or column.type.__class__.__name__ == "JSON":
                rows = session.execute(select(column).select_from(table)).scalars()
                if any(needle.lower() in str(value).lower() for value in rows if value is not None):
                    found.append(f"{table.name}.{column.name}")
    return found


def _inquiry(session: Session) -> tuple[int, int]:
    investor = person(session, EMAIL, Grant(Role.INVESTOR))
    keeper = person(session, "keeper@example.org", Grant(Role.ZONE_OPERATOR, "RUS-001"))
    project = ProjectSummary(isic_codes=["2420"], timeline=SECRET)
    [thread] = send_inquiry(session, investor, ["RUS-001"], project, f"We plan a {SECRET}.", now=SENT,
                            attachments=[Upload("quillfeather.pdf", b"%PDF-1.4 Quillfeather")])  # fmt: skip
    take_step(session, keeper, thread, Step.REQUEST_CLARIFICATION, text="How much power?", now=day(1))
    take_step(session, investor, thread, Step.CLARIFY, text=f"40 MW for the {SECRET}", now=day(2))
    take_step(session, keeper, thread, Step.ANSWER, text="Plot 7 fits.", now=day(3))
    assert investor.person_id is not None
    return investor.person_id, thread


def test_a_person_exports_their_data_and_erasing_it_leaves_no_trace_but_the_figures(
    registry_engine: Engine,
) -> None:
    with session_factory(registry_engine)() as session:
        person_id, thread = _inquiry(session)
        investor = person(session, "other@example.org", Grant(Role.INVESTOR))
        with pytest.raises(PermissionDeniedError):
            export_personal_data(session, investor, EMAIL)  # nobody else's data
        exported = export_personal_data(session, SECRETARIAT, EMAIL)
        [sent] = exported["inquiries_sent"]
        assert SECRET in sent["message"] and sent["attachments"][0]["file_name"] == "quillfeather.pdf"
        assert exported["account"]["email"] == EMAIL
        before = response_dashboard(session, GroupBy.ZONE, only="RUS-001", now=day(9))
        assert set(_strings_left(session, "quillfeather")) >= {"people.email", "inquiries.message"}
        erasure = erase_personal_data(session, SECRETARIAT, EMAIL)
        assert (erasure.person_id, erasure.inquiries, erasure.attachments) == (person_id, 1, 1)
        assert _strings_left(session, "quillfeather") == []
        assert _strings_left(session, "Zanzibar") == []
        assert response_dashboard(session, GroupBy.ZONE, only="RUS-001", now=day(9)) == before
        keeper_view = read_thread(session, SECRETARIAT, thread)
        assert keeper_view.investor_name is None and keeper_view.message == ""
        assert [step.text for step in keeper_view.steps] == [None] * 4


def test_zones_see_the_investors_name_only_when_the_investor_shows_it(registry_engine: Engine) -> None:
    with session_factory(registry_engine)() as session:
        investor = person(session, "shy@example.org", Grant(Role.INVESTOR))
        keeper = person(session, "k@example.org", Grant(Role.ZONE_OPERATOR, "RUS-001"))
        message = "A discreet inquiry about forty hectares of serviced land."
        [hidden] = send_inquiry(
            session, investor, ["RUS-001"], ProjectSummary(), message, show_identity=False
        )
        [shown] = send_inquiry(session, investor, ["RUS-001"], ProjectSummary(), message)
        assert read_thread(session, keeper, hidden).investor_name is None
        assert read_thread(session, investor, hidden).investor_name == "shy"  # the investor sees their own
        assert read_thread(session, keeper, shown).investor_name == "shy"


def test_settled_inquiries_lose_their_content_after_the_retention_period(registry_engine: Engine) -> None:
    with session_factory(registry_engine)() as session:
        _, thread = _inquiry(session)
        other = person(session, "o@example.org", Grant(Role.INVESTOR))
        [still_open] = send_inquiry(
            session, other, ["RUS-002"], ProjectSummary(), f"Still open: {SECRET}.", now=SENT
        )
        take_step(session, SECRETARIAT, still_open, Step.ACKNOWLEDGE, now=day(1))
        assert purge_settled_inquiries(session, SECRETARIAT, now=day(3) + RETENTION - timedelta(days=1)) == 0
        assert purge_settled_inquiries(session, SECRETARIAT, now=day(3) + RETENTION + timedelta(days=1)) == 1
        assert read_thread(session, SECRETARIAT, thread).message == ""
        assert SECRET in read_thread(session, SECRETARIAT, still_open).message
        take_step(session, SECRETARIAT, still_open, Step.CLOSE, outcome=Outcome.NOT_A_FIT, now=day(4))
        assert purge_settled_inquiries(session, SECRETARIAT, now=day(4) + RETENTION + timedelta(days=1)) == 1
        assert _strings_left(session, "Zanzibar") == []
