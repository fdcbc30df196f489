"""`/reports`: the secretariat makes a report in a browser; nobody else does. SQLite only: the permission
and the documents are the same use cases on either back-end (tests/reports)."""

from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from sezatlas.accounts.roles import Grant, Role
from sezatlas.web.app import create_app
from tests.accounts.people import log_in_as

pytestmark = pytest.mark.parametrize("empty_engine", ["sqlite"], indirect=True)


def _client(engine: Engine) -> TestClient:
    return TestClient(create_app(engine), follow_redirects=False)


def test_an_anonymous_visitor_is_sent_to_log_in(empty_engine: Engine) -> None:
    response = _client(empty_engine).get("/reports?country=RUS&f=pdf")
    assert response.status_code == 303 and urlsplit(response.headers["location"]).path == "/login"


def test_anyone_but_the_secretariat_is_refused(empty_engine: Engine) -> None:
    for grants in [(Grant(Role.MEMBER),), (Grant(Role.ZONE_OPERATOR, "RUS-001"),)]:
        client = log_in_as(_client(empty_engine), empty_engine, *grants)
        assert client.get("/reports").status_code == 403
        assert 'href="/reports"' not in client.get("/").text  # not in their menu either
        assert client.get("/reports?country=RUS&f=pdf").status_code == 403


def test_the_secretariat_gets_the_form_and_the_pdf_in_its_language(empty_engine: Engine) -> None:
    client = log_in_as(_client(empty_engine), empty_engine, Grant(Role.SECRETARIAT))
    form = client.get("/reports?lang=ru")
    assert form.status_code == 200 and 'data-testid="report-form"' in form.text and "RUS" in form.text
    assert 'href="/reports" aria-current="page"' in form.text  # the secretariat's menu leads here
    pdf = client.get("/reports?country=RUS&as_of=2026-12-01&f=pdf&lang=ru")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert "sez-atlas-report-rus-2026-12-01.pdf" in pdf.headers["content-disposition"]
    annex = client.get("/reports?country=association&f=xlsx")
    assert annex.status_code == 200 and annex.content.startswith(b"PK")
    assert client.get("/reports?country=XXX&f=pdf").status_code == 400
    assert client.get("/reports?country=RUS&as_of=yesterday&f=pdf").status_code == 400
