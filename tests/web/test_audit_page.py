"""`/audit`: the secretariat reads the audit trail in a browser; nobody else does."""

import html
from urllib.parse import parse_qs, urlsplit

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from sezatlas.accounts.audit import RequestContext, record
from sezatlas.accounts.organisations import NewOrganisation, OrganisationKind, add_organisation
from sezatlas.accounts.roles import Actor, Grant, Role
from sezatlas.store.database import session_factory
from sezatlas.web.app import create_app
from sezatlas.web.pages.audit_page import PAGE_SIZE
from tests.accounts.people import log_in_as

SCRIPT = "<script>alert(1)</script>"


def _client(engine: Engine) -> TestClient:
    return TestClient(create_app(engine), follow_redirects=False)


def _add_organisation(engine: Engine, name: str) -> int:
    with session_factory(engine)() as session:
        added = add_organisation(session, Actor.command_line("Sofia of the secretariat"),
                                 NewOrganisation(name, OrganisationKind.ZONE_OPERATOR),
                                 context=RequestContext("req-42", "203.0.113.7"))  # fmt: skip
        return added.organisation_id


def _table(page: str) -> str:
    return page[page.index("<tbody>") : page.index("</tbody>")]


def test_an_anonymous_visitor_is_sent_to_log_in(empty_engine: Engine) -> None:
    response = _client(empty_engine).get("/audit?entity=person")
    assert response.status_code == 303
    location = urlsplit(response.headers["location"])
    assert location.path == "/login" and parse_qs(location.query) == {"next": ["/audit?entity=person"]}
    assert _client(empty_engine).get("/audit").headers["location"] == "/login?next=%2Faudit"


def test_anyone_but_the_secretariat_is_refused(empty_engine: Engine) -> None:
    for grants in [(Grant(Role.ORGANISER, "itc-2027"),), (Grant(Role.PARTICIPANT, "itc-2027/p1"),), ()]:
        response = log_in_as(_client(empty_engine), empty_engine, *grants).get("/audit")
        assert response.status_code == 403
        assert "read the audit trail" in response.text and "<tbody>" not in response.text


def test_the_secretariat_sees_who_changed_what_before_and_after(empty_engine: Engine) -> None:
    client = log_in_as(_client(empty_engine), empty_engine, Grant(Role.SECRETARIAT))
    _add_organisation(empty_engine, "Alabuga operator")
    response = client.get("/audit")
    assert response.status_code == 200
    rows = _table(response.text)
    newest = rows[: rows.index("</tr>")]  # newest first: the organisation just added
    assert "Sofia of the secretariat" in newest and "organisation" in newest
    assert "req-42" in newest and "203.0.113.7" in newest and "<details>" in newest
    assert '"name": "Alabuga operator"' in html.unescape(newest)  # after; before it did not exist
    assert '<pre dir="ltr">—</pre>' in newest
    assert "<td>login</td>" in rows  # the secretariat's own log-in, older


def test_the_entity_and_actor_filters_narrow_the_trail(empty_engine: Engine) -> None:
    client = log_in_as(_client(empty_engine), empty_engine, Grant(Role.SECRETARIAT))
    _add_organisation(empty_engine, "Alabuga operator")
    organisations = _table(client.get("/audit?entity=organisation").text)
    assert organisations.count("<tr>") == 1 and "<td>login</td>" not in organisations
    people = _table(client.get("/audit?entity=person").text)
    assert "<td>login</td>" in people and "Alabuga" not in people
    by_sofia = _table(client.get("/audit", params={"actor": "Sofia of the secretariat"}).text)
    assert by_sofia.count("<tr>") == 1 and "Alabuga operator" in by_sofia
    assert 'data-testid="audit-empty"' in client.get("/audit?actor=Sofia").text  # exact names only


def test_a_value_in_the_trail_is_escaped_never_run(empty_engine: Engine) -> None:
    client = log_in_as(_client(empty_engine), empty_engine, Grant(Role.SECRETARIAT))
    _add_organisation(empty_engine, f"Zone {SCRIPT}")
    page = client.get("/audit?entity=organisation").text
    assert SCRIPT not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_older_changes_are_on_the_next_page(empty_engine: Engine) -> None:
    client = log_in_as(_client(empty_engine), empty_engine, Grant(Role.SECRETARIAT))
    with session_factory(empty_engine)() as session:
        for number in range(PAGE_SIZE + 5):
            record(session, Actor.command_line(), "touch", "thing", str(number))
        session.commit()
    first = client.get("/audit?entity=thing").text
    assert _table(first).count("<tr>") == PAGE_SIZE and "<bdi>thing 104</bdi>" in first
    href = html.unescape(first.split('<a href="/audit?')[-1].split('"')[0])
    assert parse_qs(href)["entity"] == ["thing"]
    second = client.get(f"/audit?{href}").text
    assert _table(second).count("<tr>") == 5 and "<bdi>thing 0</bdi>" in second
    assert 'data-testid="audit-older"' not in second


def test_the_organisation_of_whoever_acted_is_named(empty_engine: Engine) -> None:
    client = log_in_as(_client(empty_engine), empty_engine, Grant(Role.SECRETARIAT))
    organisation_id = _add_organisation(empty_engine, "Alabuga operator")
    with session_factory(empty_engine)() as session:
        record(
            session,
            Actor(person_id=7, name="Olga", organisation_id=organisation_id),
            "touch",
            "zone",
            "RUS-001",
        )
        session.commit()
    newest = _table(client.get("/audit?actor=Olga").text)
    assert "<bdi>Alabuga operator</bdi>" in newest and "<bdi>zone RUS-001</bdi>" in newest
