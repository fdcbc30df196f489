"""The passport pages (issue 17, item 4): a zone's operator offers a passport through the form, the
secretariat sends it back once and then publishes it from the review page, investors find it by the
catalogue's filters, its page shows the incentives the engine computes for it, and the catalogue exports
it as CSV and JSON. On SQLite and PostgreSQL, over HTTP with the bundled registry.
"""

import csv
import io
import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from sezatlas.accounts.roles import Grant, Role
from sezatlas.passports.incentives import passport_incentives
from sezatlas.standard.passport import Passport
from sezatlas.store.database import session_factory
from sezatlas.web.app import create_app
from sezatlas.web.i18n import format_number
from tests.accounts.people import log_in_as
from tests.passports.test_passports import CELLS

OPERATOR = Grant(Role.ZONE_OPERATOR, "RUS-001")
TITLE = "Kama lithium-cell works, 20 GWh"
FORM = {
    "title": TITLE,
    "summary": "A gigafactory of lithium iron phosphate cells on 40 ha of serviced land with 120 MW.",
    "offered_by": "zone", "zone_id": "RUS-001", "stage": "feasibility", "isic_codes": "2720",
    "hs_codes": "850760", "currency": "RUB", "capex_min_m": "30000", "capex_max_m": "45000",
    "jobs_expected": "900", "needs.land_ha.needed": "40", "needs.land_ha.available": "55",
    "needs.power_mw.needed": "120", "needs.power_mw.available": "150",
    "reference_case.start_year": "2027", "reference_case.horizon_years": "15",
    "reference_case.capex_buildings_m": "12000", "reference_case.capex_machinery_m": "24000",
    "reference_case.revenue_m_per_year": "30000", "reference_case.opex_m_per_year": "21000",
    "reference_case.payroll_m_per_year": "2000", "reference_case.export_share_pct": "30",
    "contacts.0.name": "", "contacts.0.email": "",  # an empty row before the filled one is no contact
    "contacts.1.name": "Investor desk", "contacts.1.email": "invest@example.org",
    "documents.0.title": "Site plan", "documents.0.url": "https://alabuga.ru/en/plan.pdf",
    "provenance.source_urls": "https://alabuga.ru/en/", "provenance.as_of": "2026-11",
}  # fmt: skip


def _client(engine: Engine, *grants: Grant) -> TestClient:
    client = TestClient(create_app(engine), follow_redirects=False)
    return log_in_as(client, engine, *grants) if grants else client


def _offered(engine: Engine) -> tuple[TestClient, int]:
    """The operator's passport, submitted for review through the form; its id."""
    operator = _client(engine, OPERATOR)
    assert operator.get("/passports/new?zone=RUS-001").status_code == 200
    sent = operator.post("/passports/new", data={**FORM, "action": "submit"})
    assert sent.status_code == 303, sent.text
    found = re.fullmatch(r"/passports/(\d+)/edit\?notice=submitted", sent.headers["location"])
    assert found is not None
    return operator, int(found.group(1))


def _total(client: TestClient, query: str) -> int:
    found = re.search(r'data-testid="passport-total">(\d+) passport', client.get(f"/passports?{query}").text)
    assert found is not None, query
    return int(found.group(1))


def test_a_passport_is_offered_sent_back_published_and_found_by_filters(registry_engine: Engine) -> None:
    operator, passport_id = _offered(registry_engine)
    secretariat = _client(registry_engine, Grant(Role.SECRETARIAT))
    queue = secretariat.get("/passports/review").text
    assert f'data-passport="{passport_id}"' in queue and TITLE in queue  # a first text: every field is new
    back = secretariat.post(
        f"/passports/review/{passport_id}/reject", data={"reason": "Name the land's source."}
    )
    assert back.status_code == 303
    assert "Name the land&#39;s source." in operator.get(f"/passports/{passport_id}/edit").text
    revised = operator.post(
        f"/passports/{passport_id}/edit", data={**FORM, "stage": "permits", "action": "submit"}
    )
    assert revised.status_code == 303
    assert secretariat.post(f"/passports/review/{passport_id}/publish").status_code == 303
    visitor = _client(registry_engine)
    assert TITLE in visitor.get("/passports").text
    for query, hits in [
        ("isic=27", 1),  # the division finds its class
        ("isic=29", 0),
        ("country=RUS&stage=permits", 1),
        ("country=CHN", 0),
        ("stage=idea&stage=feasibility", 0),
        ("currency=RUB&capex_min_m=40000&capex_max_m=60000", 1),  # the ranges overlap
        ("currency=RUB&capex_min_m=46000", 0),
        ("currency=USD&capex_min_m=1", 0),  # roubles are not converted
        ("jobs_min=900&q=lithium", 1),
    ]:
        assert _total(visitor, query) == hits, query
    zone_page = operator.get("/zones/RUS-001").text
    assert (
        f'href="/passports/{passport_id}"' in zone_page and 'data-testid="offer-passport-link"' in zone_page
    )
    assert 'data-testid="offer-passport-link"' not in visitor.get("/zones/RUS-001").text


def test_the_passport_page_shows_every_field_and_the_engines_incentives(registry_engine: Engine) -> None:
    operator, passport_id = _offered(registry_engine)
    secretariat = _client(registry_engine, Grant(Role.SECRETARIAT))
    assert secretariat.post(f"/passports/review/{passport_id}/publish").status_code == 303
    visitor = _client(registry_engine)
    page = visitor.get(f"/passports/{passport_id}").text
    with session_factory(registry_engine)() as session:
        # The same figures, written as the standard's record (not read by the form's parser).
        expected = passport_incentives(session, Passport.model_validate({**CELLS, "title": TITLE}))
    assert expected.npv_of_incentives is not None and expected.npv_of_incentives > 0
    npv_text = format_number(expected.npv_of_incentives / 1e6, "en", 3)
    assert f'data-testid="incentives-npv"><bdi>RUB {npv_text} million</bdi>' in page
    shown = ("2720 — Manufacture of batteries and accumulators", "850760 — ", "RUB 30,000–45,000 million",
             "Investor desk", "mailto:invest@example.org", "Site plan", "Feasibility study",
             'href="/zones/RUS-001"', "/inquiries/new?zone=RUS-001&amp;isic=2720",
             f"/passports/{passport_id}.pdf?lang=en")  # fmt: skip
    for text in shown:
        assert text in page, text
    assert 'data-testid="passport-edit-link"' not in page  # a visitor does not keep it
    assert 'data-testid="passport-edit-link"' in operator.get(f"/passports/{passport_id}").text
    twin = visitor.get(f"/passports/{passport_id}?f=json").json()
    assert twin["passport"]["title"] == TITLE and twin["passport_id"] == passport_id
    assert twin["incentives"]["npv_of_incentives"] == pytest.approx(expected.npv_of_incentives)
    # The link to the incentives form carries the same figures: the form computes the same NPV.
    form_link = re.search(r'href="(/incentives\?[^"]+)" data-testid="incentives-form-link"', page)
    assert form_link is not None
    compared = visitor.get(form_link.group(1).replace("&amp;", "&") + "&f=json").json()
    [regime] = compared["regimes"]
    assert regime["comparison"]["npv_of_incentives"] == pytest.approx(expected.npv_of_incentives)


def test_the_catalogue_exports_csv_and_json_and_names_a_bad_filter(registry_engine: Engine) -> None:
    _, passport_id = _offered(registry_engine)
    secretariat = _client(registry_engine, Grant(Role.SECRETARIAT))
    assert secretariat.post(f"/passports/review/{passport_id}/publish").status_code == 303
    visitor = _client(registry_engine)
    page = visitor.get("/passports?country=RUS").text
    assert (
        'href="/passports?country=RUS&amp;f=csv"' in page
        and 'href="/passports?country=RUS&amp;f=json"' in page
    )
    exported = visitor.get("/passports?country=RUS&f=csv")
    assert exported.headers["content-type"].startswith("text/csv")
    assert "attachment" in exported.headers["content-disposition"]
    [row] = list(csv.DictReader(io.StringIO(exported.text)))
    assert row["title"] == TITLE and row["passport_id"] == str(passport_id) and row["currency"] == "RUB"
    data = visitor.get("/passports?country=RUS&f=json").json()
    assert data["total"] == 1 and data["passports"][0]["passport"]["capex_max_m"] == 45000
    assert data["passports"][0]["passport_id"] == passport_id and data["passports"][0]["published_at"]
    refused = visitor.get("/passports?capex_min_m=10")
    assert refused.status_code == 422 and "Currency: A capex filter is in one currency" in refused.text
    bad_stage = visitor.get("/passports?stage=someday")
    assert bad_stage.status_code == 422 and "Stage:" in bad_stage.text
    assert visitor.get("/passports?capex_min_m=10&f=json").status_code == 422


def test_a_refused_form_comes_back_with_each_problem_under_its_field(registry_engine: Engine) -> None:
    operator = _client(registry_engine, OPERATOR)
    typed = {**FORM, "capex_min_m": "lots", "contacts.1.email": "not an address", "summary": "Too short."}
    refused = operator.post("/passports/new", data={**typed, "action": "save"})
    assert refused.status_code == 422
    page = refused.text
    assert 'data-testid="problem-capex_min_m">Enter a number.' in page
    assert 'data-testid="problem-summary">Write at least 20 characters.' in page
    # The empty first contact row is dropped: the problem lands under the row the address was typed in,
    # now the first one, and what was typed stays.
    assert 'data-testid="problem-contacts.0.email">Enter an e-mail address' in page
    assert 'name="contacts.0.email" value="not an address"' in page and 'value="lots"' in page
    upside_down = operator.post("/passports/new", data={**FORM, "capex_min_m": "50000", "action": "save"})
    assert upside_down.status_code == 422
    assert 'data-testid="problem-capex_min_m">The lower end of the capex range is above' in upside_down.text
    nowhere = operator.post("/passports/new", data={**FORM, "zone_id": "RUS-999", "action": "save"})
    assert nowhere.status_code == 403  # an operator of RUS-001 does not offer in another zone


def test_who_may_see_the_forms_and_the_review(registry_engine: Engine) -> None:
    anonymous = _client(registry_engine)
    asked = anonymous.get("/passports/new?zone=RUS-001")
    assert asked.status_code == 303 and asked.headers["location"].startswith("/login?next=")
    investor = _client(registry_engine, Grant(Role.INVESTOR))
    assert investor.get("/passports/new?zone=RUS-001").status_code == 403
    assert investor.get("/passports/review").status_code == 403
    operator, passport_id = _offered(registry_engine)
    assert (
        _client(registry_engine, Grant(Role.ZONE_OPERATOR, "CHN-001"))
        .get(f"/passports/{passport_id}/edit")
        .status_code
        == 403
    )
    assert operator.post(f"/passports/review/{passport_id}/publish").status_code == 403
    mine = operator.get("/passports/mine").text
    assert TITLE in mine and "Submitted, waiting for review" in mine
    assert anonymous.get(f"/passports/{passport_id}").status_code == 404  # not published yet
