"""An investor's project profile and the passports that fit it, and a passport's owner writing to the
investors who opted in (issue 17, item 5): through the pages, on SQLite and PostgreSQL."""

import html
import re

from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from sezatlas.accounts.roles import Grant, Role
from sezatlas.store.accounts_tables import PersonRow
from sezatlas.store.database import session_factory
from sezatlas.web.app import create_app
from tests.accounts.mailbox import catching_mail
from tests.accounts.people import PASSWORD, account
from tests.passports.test_matching import published

INVESTOR = Grant(Role.INVESTOR)
OPERATOR = Grant(Role.ZONE_OPERATOR, "RUS-001")
SAME_SITE = {"Origin": "http://testserver"}
# Electrical equipment (ISIC division 27) in Russia, in roubles: the battery-cell passport fits it.
PROFILE = {"name": "Cells for buses", "isic": "27", "hs": "850760", "land_ha": "30", "currency": "RUB",
           "capex_min_m": "20000", "capex_max_m": "40000", "stage": ["feasibility", "permits"],
           "only": ["RUS"], "shown": "on"}  # fmt: skip
LETTER = "We have a serviced plot of 40 ha ready for your cell plant; shall we talk?"


def _person(engine: Engine, *grants: Grant) -> tuple[TestClient, str]:
    """A client logged in as a new person holding `grants`, and the person's address."""
    email = account(engine, *grants)
    client = TestClient(create_app(engine), follow_redirects=False)
    assert client.post("/api/v1/session", json={"email": email, "password": PASSWORD}).status_code == 200
    return client, email


def _person_id(engine: Engine, email: str) -> int:
    with session_factory(engine)() as session:
        found = session.scalar(select(PersonRow.person_id).where(PersonRow.email == email))
    assert found is not None
    return int(found)


def _publish(engine: Engine) -> tuple[int, int]:
    """The battery-cell passport in RUS-001 and a cocoa one, both published."""
    with session_factory(engine)() as session:
        cells = published(session)
        cocoa = published(session, title="Cocoa processing", isic_codes=["1073"], hs_codes=["1805"])
    return cells, cocoa


def test_an_investor_saves_a_profile_and_finds_the_passport_that_fits_with_reasons(
    registry_engine: Engine,
) -> None:
    cells, cocoa = _publish(registry_engine)
    investor, _ = _person(registry_engine, INVESTOR)
    empty = investor.get("/profile")
    assert empty.status_code == 200 and 'data-testid="matches-link"' not in empty.text
    assert 'href="/profile"' in empty.text and "My project profile" in empty.text  # the menu's entry
    refused = investor.post("/profile", data={**PROFILE, "name": "", "isic": "27x", "land_ha": "-3"},
                            headers=SAME_SITE)  # fmt: skip
    assert refused.status_code == 422
    for name in ("name", "isic", "land_ha"):
        assert f'data-testid="problem-{name}"' in refused.text, name
    assert 'value="27x"' in refused.text and 'value="-3"' in refused.text  # what was typed is kept
    upside_down = investor.post("/profile", data={**PROFILE, "capex_min_m": "50000"}, headers=SAME_SITE)
    assert upside_down.status_code == 422 and 'data-testid="problem-capex_min_m"' in upside_down.text
    assert "The lower end of the capex range is above its upper end." in upside_down.text
    saved = investor.post("/profile", data=PROFILE, headers=SAME_SITE)
    assert saved.status_code == 303 and saved.headers["location"] == "/profile?saved=1"
    form = investor.get(saved.headers["location"]).text
    assert 'data-testid="profile-notice"' in form and 'value="Cells for buses"' in form
    assert re.search(r'name="shown" value="on"[^>]*checked', form)
    assert re.search(r'name="stage" value="permits" checked', form)
    [rank_url] = re.findall(r'href="(/rank\?[^"]+)" data-testid="rank-link"', form)
    assert html.unescape(rank_url) == "/rank?name=Cells+for+buses&isic=27&land_ha=30&only=RUS"
    ranked = investor.get(html.unescape(rank_url)).text  # the rank form reads the profile and ranks
    assert 'name="isic" value="27"' in ranked and 'id="rank-results"' in ranked

    page = investor.get("/profile/matches")
    assert page.status_code == 200
    assert f'<a href="/passports/{cells}"><bdi>Battery-cell plant, 20 GWh</bdi></a>' in page.text
    assert f'href="/passports/{cocoa}"' not in page.text
    [reasons] = re.findall(
        r'<ul class="match-reasons" data-testid="match-reasons">(.*?)</ul>', page.text, re.S
    )
    assert 'Both work in <bdi>HS 8507.60</bdi> (<bdi lang="en">Electric accumulators; lithium-ion' in reasons
    assert re.search(r"Site selection ranks <bdi>RUS-001</bdi> \d+ of \d+ zones for your project", reasons)
    assert "Its capex, <bdi>RUB 30,000–45,000 million</bdi>, is within your range" in reasons
    assert "It is at a stage you join at: Feasibility study" in reasons
    assert "It has 55 ha of land available for the 30 ha you need" in reasons
    assert 'href="/inquiries/new?zone=RUS-001&amp;isic=2720"' in page.text
    assert re.search(r"Fit: \d+%", page.text)
    in_russian = investor.get("/profile/matches?lang=ru").text
    assert "Оба работают в <bdi>HS 8507.60</bdi>" in in_russian and "Both work in" not in in_russian
    twin = investor.get("/profile/matches?f=json").json()
    [match] = twin["matches"]
    assert match["published"]["passport_id"] == cells and match["reasons"][0]["kind"] == "shared_sector"


def test_a_zone_operator_keeps_no_project_profile(registry_engine: Engine) -> None:
    operator, _ = _person(registry_engine, OPERATOR)
    assert operator.get("/profile").status_code == 403
    assert operator.post("/profile", data=PROFILE, headers=SAME_SITE).status_code == 403
    assert 'href="/profile"' not in operator.get("/account").text  # no menu entry leading to a refusal
    anonymous = TestClient(create_app(registry_engine), follow_redirects=False)
    assert anonymous.get("/profile/matches").headers["location"] == "/login?next=%2Fprofile%2Fmatches"


def test_the_passports_operator_sees_the_opted_in_investor_and_writes_to_them(
    registry_engine: Engine,
) -> None:
    cells, _ = _publish(registry_engine)
    open_investor, open_email = _person(registry_engine, INVESTOR)
    shy_investor, shy_email = _person(registry_engine, INVESTOR)
    assert open_investor.post("/profile", data=PROFILE, headers=SAME_SITE).status_code == 303
    shy = {key: value for key, value in PROFILE.items() if key != "shown"}  # not ticked: not shown
    assert shy_investor.post("/profile", data=shy, headers=SAME_SITE).status_code == 303
    operator, _ = _person(registry_engine, OPERATOR)
    investors = f"/passports/{cells}/investors"
    assert f'href="{investors}"' in operator.get(f"/passports/{cells}").text
    assert f'href="{investors}"' not in open_investor.get(f"/passports/{cells}").text
    assert open_investor.get(investors).status_code == 403

    page = operator.get(investors).text
    open_name, shy_name = open_email.split("@")[0], shy_email.split("@")[0]
    assert f"<bdi>{open_name}</bdi>" in page and f"<bdi>{shy_name}</bdi>" not in page
    assert "The passport&#39;s capex, <bdi>RUB 30,000–45,000 million</bdi>, is within their range" in page
    assert "They need 30 ha of land; the site has 55 ha available" in page
    open_id, shy_id = _person_id(registry_engine, open_email), _person_id(registry_engine, shy_email)
    with catching_mail() as mailbox:
        too_short = operator.post(f"{investors}/{open_id}/letter", data={"message": "Hi"}, headers=SAME_SITE)
        assert too_short.status_code == 422 and 'data-testid="letter-problem"' in too_short.text
        assert ">Hi</textarea>" in too_short.text
        not_shown = operator.post(f"{investors}/{shy_id}/letter", data={"message": LETTER}, headers=SAME_SITE)
        assert not_shown.status_code == 422
        sent = operator.post(f"{investors}/{open_id}/letter", data={"message": LETTER}, headers=SAME_SITE)
        assert sent.status_code == 303 and sent.headers["location"] == f"{investors}?written=1"
        assert 'data-testid="letter-notice"' in operator.get(sent.headers["location"]).text
    assert mailbox.last_link(open_email) == f"/passports/{cells}"
    assert LETTER in mailbox.to(open_email)[-1].get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert mailbox.to(shy_email) == []
    twin = operator.get(f"{investors}?f=json").json()
    assert [found["person_id"] for found in twin["investors"]] == [open_id]
