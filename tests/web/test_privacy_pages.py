"""What an investor controls of their personal data through the pages (issue 17, privacy): whether the zones
see their name on an inquiry, a download of everything held about them, and the erasure of their account;
on SQLite and PostgreSQL."""

import re

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from sezatlas.accounts.roles import Grant, Role
from sezatlas.web.app import create_app
from tests.accounts.people import PASSWORD
from tests.web.test_profile_pages import SAME_SITE, _person

INVESTOR = Grant(Role.INVESTOR)
OPERATOR = Grant(Role.ZONE_OPERATOR, "RUS-001")
MESSAGE = "Is a serviced plot of 40 ha with 120 MW free next year for a Quillfeather cell plant?"


def _send(investor: TestClient, **fields: str) -> int:
    """An inquiry to RUS-001 from the send form; its thread (the newest)."""
    form = {"zone": "RUS-001", "offered": "RUS-001", "message": MESSAGE, **fields}
    sent = investor.post("/inquiries/new", data=form, headers=SAME_SITE)
    assert sent.status_code == 303, sent.text[:500]
    return max(line["thread_id"] for line in investor.get("/inquiries?f=json").json()["inquiries"])


def _investor_line(page: str) -> str:
    [line] = re.findall(r'<p class="zone-meta" data-testid="investor">(.*?)</p>', page, re.DOTALL)
    return line


def test_the_zone_sees_an_investor_without_a_name_when_the_investor_hides_it(registry_engine: Engine) -> None:
    investor, email = _person(registry_engine, INVESTOR)
    name = email.split("@")[0]
    form = investor.get("/inquiries/new?zone=RUS-001").text
    assert re.search(r'name="show_identity" value="on"[^>]*checked', form)  # shown unless unticked
    hidden = _send(investor)  # the box unticked: a browser leaves it out of the post
    operator, _ = _person(registry_engine, OPERATOR)
    seen_by_zone = operator.get(f"/inquiries/{hidden}").text
    assert "An investor (name not shown)" in _investor_line(seen_by_zone) and name not in seen_by_zone
    assert operator.get(f"/inquiries/{hidden}?f=json").json()["investor_name"] is None
    own = _investor_line(investor.get(f"/inquiries/{hidden}").text)
    assert name in own and "not your name" in own
    shown = _send(investor, show_identity="on")
    assert f"From {name}" in _investor_line(operator.get(f"/inquiries/{shown}").text)


def test_a_person_downloads_their_data_with_the_message_of_their_inquiry(registry_engine: Engine) -> None:
    investor, email = _person(registry_engine, INVESTOR)
    _send(investor)
    page = investor.get("/account")
    assert page.status_code == 200 and f'data-testid="account-email">{email}<' in page.text
    assert 'href="/account/data.json"' in page.text and 'href="/account"' in page.text  # the menu's entry
    download = investor.get("/account/data.json")
    assert download.status_code == 200 and download.headers["content-type"] == "application/json"
    assert download.headers["content-disposition"].startswith("attachment;")
    assert download.headers["cache-control"] == "private, no-store"
    data = download.json()
    assert data["account"]["email"] == email
    assert [sent["message"] for sent in data["inquiries_sent"]] == [MESSAGE]
    anonymous = TestClient(create_app(registry_engine), follow_redirects=False)
    assert anonymous.get("/account/data.json").headers["location"] == "/login?next=%2Faccount%2Fdata.json"


def test_erasing_through_the_page_logs_out_and_the_address_no_longer_logs_in(registry_engine: Engine) -> None:
    investor, email = _person(registry_engine, INVESTOR)
    _send(investor)
    mistyped = investor.post(
        "/account/erase", data={"confirm_email": "someone@example.org"}, headers=SAME_SITE
    )
    assert mistyped.status_code == 422 and 'data-testid="erase-problem"' in mistyped.text
    assert investor.get("/account").status_code == 200  # nothing erased, still logged in
    erased = investor.post("/account/erase", data={"confirm_email": email.upper()}, headers=SAME_SITE)
    assert erased.status_code == 303 and erased.headers["location"] == "/?erased=1"
    home = investor.get(erased.headers["location"]).text
    assert 'data-testid="home-notice"' in home and "you are logged out" in home
    assert investor.get("/account").headers["location"] == "/login?next=%2Faccount"
    again = investor.post("/api/v1/session", json={"email": email, "password": PASSWORD})
    assert again.status_code == 401
    anonymous = TestClient(create_app(registry_engine), follow_redirects=False)
    refused = anonymous.post("/account/erase", data={"confirm_email": email}, headers=SAME_SITE)
    assert refused.status_code == 303 and refused.headers["location"].startswith("/login")
