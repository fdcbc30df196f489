"""The offer pages (`sezatlas/web/pages/offer_pages.py`): a member publishes through the form, the offer
shows on the list, its page and the zone page; a refused form names the field; another member's inquiry
lands in the zone's inbox; every page renders in the five languages."""

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from sezatlas.accounts.roles import Grant, Role
from sezatlas.store.database import session_factory
from sezatlas.web.app import create_app
from tests.offers.people import organisation, person

FORM = {
    "kind": "make",
    "isic_code": "2720",
    "hs_code": "",
    "title": "LFP battery cells",
    "description": "Prismatic LFP cells, 280 Ah, for storage and buses.",
    "volume": "2000000",
    "volume_unit": "cells/year",
    "zone_id": "RUS-001",
    "valid_from": "",
    "valid_until": "2030-12-31",
}
PASSWORD = "a long pass phrase"  # tests/offers/people.py


def member_client(engine: Engine, email: str, organisation_name: str, zone_id: str) -> TestClient:
    with session_factory(engine)() as session:
        keeper = organisation(session, organisation_name, "RUS", zone_id)
        person(session, email, keeper, Grant(Role.MEMBER))
    client = TestClient(create_app(engine), follow_redirects=False)
    assert client.post("/api/v1/session", json={"email": email, "password": PASSWORD}).status_code == 200
    return client


def test_a_member_publishes_through_the_form_and_another_asks_about_it(registry_engine: Engine) -> None:
    alabuga = member_client(registry_engine, "m@alabuga.example", "JSC SEZ Alabuga", "RUS-001")
    assert 'name="zone_id"' in alabuga.get("/offers/new").text
    refused = alabuga.post("/offers/new", data={**FORM, "isic_code": "9999"})
    assert refused.status_code == 422 and 'data-testid="problem-isic_code"' in refused.text
    assert "LFP battery cells" in refused.text  # what was typed is kept
    created = alabuga.post("/offers/new", data=FORM)
    assert created.status_code == 303
    offer_path = created.headers["location"]
    public = TestClient(create_app(registry_engine))
    assert "LFP battery cells" in public.get("/offers?isic=27").text
    assert "LFP battery cells" in public.get("/zones/RUS-001").text
    assert "Log in to send an inquiry" in public.get(offer_path).text

    lipetsk = member_client(registry_engine, "m@lipetsk.example", "Lipetsk SEZ", "RUS-002")
    too_short = lipetsk.post(f"{offer_path}/inquiry", data={"message": "Price?"})
    assert too_short.status_code == 422 and 'data-testid="inquiry-problem"' in too_short.text
    sent = lipetsk.post(f"{offer_path}/inquiry", data={"message": "We need 50,000 cells a year; terms?"})
    assert sent.status_code == 303 and re.fullmatch(r"/inquiries/\d+", sent.headers["location"])
    assert "LFP battery cells" in alabuga.get("/offers/mine").text
    withdrawn = alabuga.post(f"{offer_path}/withdraw")
    assert withdrawn.status_code == 303
    assert "LFP battery cells" not in public.get("/offers").text


@pytest.mark.parametrize("lang", ["en", "ru", "zh", "pt", "ar"])
def test_the_offer_pages_render_in_every_language(registry_engine: Engine, lang: str) -> None:
    alabuga = member_client(registry_engine, f"{lang}@alabuga.example", "JSC SEZ Alabuga", "RUS-001")
    offer_path = alabuga.post("/offers/new", data=FORM).headers["location"]
    for path in ("/offers", offer_path, "/offers/new", "/offers/mine", f"{offer_path}/edit"):
        page = alabuga.get(path, params={"lang": lang})
        assert page.status_code == 200, (path, page.text[:300])
        assert f'lang="{"zh-Hans" if lang == "zh" else "pt-BR" if lang == "pt" else lang}"' in page.text


def test_the_chain_page_shows_the_members_needs_of_its_product(registry_engine: Engine) -> None:
    alabuga = member_client(registry_engine, "chain@alabuga.example", "JSC SEZ Alabuga", "RUS-001")
    need = {
        **FORM,
        "kind": "need",
        "title": "Battery cells wanted for buses",
        "volume": "",
        "volume_unit": "",
    }
    assert alabuga.post("/offers/new", data=need).status_code == 303
    page = TestClient(create_app(registry_engine)).get("/chains", params={"code": "2720", "zone": "RUS-002"})
    assert page.status_code == 200
    block = page.text.split('data-testid="matching-offers"', 1)[1]
    assert "Battery cells wanted for buses" in block.split('data-testid="offers-product"', 1)[1]
