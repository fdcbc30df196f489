"""The stewardship pages over HTTP (issue 16): the edit form names each bad field, refuses others' zones
and sends the anonymous to log in, proposes nothing for an unchanged form; the review queue approves;
the history compares and reverts; the report form is rate-limited.

RUS-001 (Alabuga) is a real bundled zone; each test has a registry of its own (SQLite: the pages are the
same on both back-ends, which the use cases' own tests cover).
"""

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from sezatlas.accounts.roles import Actor, Grant, Role
from sezatlas.registry.bootstrap import init_database
from sezatlas.stewardship.review import review_queue
from sezatlas.store.database import make_engine, session_factory
from sezatlas.web.app import create_app
from tests.accounts.people import log_in_as

SECRETARIAT = Actor(name="secretariat", grants=frozenset({Grant(Role.SECRETARIAT)}), is_command_line=True)
OPERATOR = Grant(Role.ZONE_OPERATOR, "RUS-001")
EDIT = "/zones/RUS-001/edit"
SOURCE = {"source_url": "https://alabuga.ru/en/", "as_of": "2026-11"}


@pytest.fixture(scope="module")
def bundled_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled registry once per module; each test copies the file (faster than `db init` each time)."""
    path = tmp_path_factory.mktemp("registry") / "registry.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    init_database(engine)
    engine.dispose()
    return path


@pytest.fixture
def engine(bundled_file: Path, tmp_path: Path) -> Iterator[Engine]:
    copy = tmp_path / "registry.sqlite3"
    copy.write_bytes(bundled_file.read_bytes())
    engine = make_engine(f"sqlite:///{copy}")
    yield engine
    engine.dispose()


def client(engine: Engine, *grants: Grant) -> TestClient:
    made = TestClient(create_app(engine), follow_redirects=False)
    return log_in_as(made, engine, *grants) if grants else made


def pending(engine: Engine) -> list[object]:
    with session_factory(engine)() as session:
        return list(review_queue(session, SECRETARIAT))


def test_the_form_is_prefilled_and_sending_it_unchanged_proposes_nothing(engine: Engine) -> None:
    operator = client(engine, OPERATOR)
    form = operator.get(EDIT)
    assert form.status_code == 200
    assert 'name="free_area_ha"' in form.text and "Free land (ha)" in form.text
    zone = operator.get("/api/v1/zones/RUS-001").json()
    area = f"{zone['land']['area_ha']:.15g}"
    prefilled = {"name_en": zone["name_en"], "zone_type": zone["zone_type"], "area_ha": area,
                 "isic_codes": zone["specialisation"]["isic_codes"]}  # fmt: skip
    sent = operator.post(EDIT, data={**prefilled, **SOURCE})
    assert sent.status_code == 422 and "nothing to change" in sent.text
    assert pending(engine) == []


def test_a_refused_change_names_each_bad_field_and_keeps_what_was_typed(engine: Engine) -> None:
    operator = client(engine, OPERATOR)
    sent = operator.post(EDIT, data={"free_area_ha": "a lot", "as_of": "2026-13"})
    assert sent.status_code == 422
    page = sent.text
    assert 'data-testid="problem-free_area_ha"' in page and 'value="a lot"' in page
    assert 'data-testid="problem-as_of"' in page and 'data-testid="problem-source_url"' in page
    assert pending(engine) == []


def test_a_change_goes_to_review_and_the_approved_value_shows_as_operator_confirmed(engine: Engine) -> None:
    operator = client(engine, OPERATOR)
    sent = operator.post(EDIT, data={"free_area_ha": "95.5", **SOURCE, "comment": "new plots"})
    assert (sent.status_code, sent.headers["location"]) == (303, "/zones/RUS-001?notice=sent#keeping")
    assert "Sent for review" in operator.get(sent.headers["location"]).text
    secretariat = client(engine, Grant(Role.SECRETARIAT))
    queue = secretariat.get("/review")
    assert "new plots" in queue.text and "95.5" in queue.text and 'href="/review"' in queue.text
    [change] = pending(engine)
    approved = secretariat.post("/review/approve", data={"change": str(change.change_id)})  # type: ignore[attr-defined]
    assert approved.status_code == 303 and pending(engine) == []
    zone_page = operator.get("/zones/RUS-001").text
    row = zone_page[zone_page.index('data-column="free_area_ha"') :]
    row = row[: row.index("</tr>")]
    assert "95.5" in row and "operator-confirmed" in row
    assert "Last confirmed by the operator" in zone_page
    history = operator.get("/zones/RUS-001/history?a=1&b=2").text
    assert 'data-testid="comparison"' in history and "95.5" in history


def test_an_operator_of_another_zone_is_refused_and_the_anonymous_are_sent_to_log_in(engine: Engine) -> None:
    other = client(engine, Grant(Role.ZONE_OPERATOR, "CHN-001"))
    assert other.get(EDIT).status_code == 403
    assert other.post(EDIT, data={"free_area_ha": "1", **SOURCE}).status_code == 403
    assert other.get("/review").status_code == 403
    anonymous = client(engine)
    for answer in (anonymous.get(EDIT), anonymous.post(EDIT, data={"free_area_ha": "1", **SOURCE}),
                   anonymous.get("/review")):  # fmt: skip
        assert answer.status_code == 303 and answer.headers["location"].startswith("/login?next=")
    assert "Edit facts" not in anonymous.get("/zones/RUS-001").text
    assert pending(engine) == []


def test_a_rejection_needs_a_reason_and_the_secretariat_reverts_from_the_history(engine: Engine) -> None:
    operator = client(engine, OPERATOR)
    operator.post(EDIT, data={"free_area_ha": "80", **SOURCE})
    secretariat = client(engine, Grant(Role.SECRETARIAT))
    [change] = pending(engine)
    number = change.change_id  # type: ignore[attr-defined]
    assert secretariat.post(f"/review/{number}/reject", data={"reason": " "}).status_code == 422
    assert secretariat.post(f"/review/{number}/reject", data={"reason": "No such plots."}).status_code == 303
    assert "No such plots." in secretariat.get("/review?state=rejected").text
    operator.post(EDIT, data={"free_area_ha": "70", **SOURCE})
    [change] = pending(engine)
    secretariat.post("/review/approve", data={"change": str(change.change_id)})  # type: ignore[attr-defined]
    assert operator.post("/zones/RUS-001/history/revert", data={"version": "1"}).status_code == 403
    reverted = secretariat.post("/zones/RUS-001/history/revert", data={"version": "1"})
    assert reverted.headers["location"] == "/zones/RUS-001/history?reverted=3&to=1"
    assert "Reverted" in secretariat.get(reverted.headers["location"]).text


def test_the_operator_confirms_the_facts_as_they_stand(engine: Engine) -> None:
    operator = client(engine, OPERATOR)
    assert "Not yet confirmed by its operator." in operator.get("/zones/RUS-001").text
    confirmed = operator.post("/zones/RUS-001/confirm")
    assert confirmed.status_code == 303
    assert "Last confirmed by the operator" in operator.get(confirmed.headers["location"]).text
    other = client(engine, Grant(Role.ZONE_OPERATOR, "CHN-001"))
    assert other.post("/zones/RUS-001/confirm").status_code == 403


def test_the_report_form_thanks_the_visitor_and_refuses_the_sixth_report_in_an_hour(engine: Engine) -> None:
    visitor = client(engine)
    report = {"message": "The free land figure is from 2019, not 2026.", "email": "reader@example.org"}
    for _ in range(5):
        sent = visitor.post("/zones/RUS-001/report-error", data=report)
        assert sent.status_code == 303
    assert "Thank you: your report was sent" in visitor.get(sent.headers["location"]).text
    refused = visitor.post("/zones/RUS-001/report-error", data=report)
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 0
    assert "Too many reports from this address" in refused.text and report["message"] in refused.text
    short = visitor.post("/zones/RUS-001/report-error", data={"message": "wrong"})
    assert short.status_code in {422, 429}
