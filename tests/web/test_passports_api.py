"""Investment project passports over HTTP (issue 17, item 4): a zone's operator offers one, the secretariat
publishes it, anyone finds it by filters, reads it as JSON or CSV and reads the incentives the engine
computes for it; a draft stays its keepers' business. On SQLite and PostgreSQL with the bundled registry.

Which role may make each write (401 anonymous, 403 without the role) is also held for every write route by
`test_write_protection.py`.
"""

import csv
import io
from dataclasses import asdict
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from sezatlas.accounts.roles import Grant, Role
from sezatlas.passports.incentives import passport_incentives
from sezatlas.standard.passport import PASSPORT_VERSION, Passport
from sezatlas.standard.schema import passport_json_schema, standard_json_schema
from sezatlas.store.database import session_factory
from sezatlas.web.app import create_app
from tests.accounts.mailbox import catching_mail, configured_settings
from tests.passports.test_passports import CELLS
from tests.web.test_error_contract import refusal
from tests.web.test_stewardship_api import logged_in

API = "/api/v1/passports"
OPERATOR = Grant(Role.ZONE_OPERATOR, "RUS-001")


def offered(client: TestClient, **changes: object) -> int:
    """A new draft of the battery-cell passport (with `changes`), by `client`; returns its id."""
    created = client.post(API, json={**CELLS, **changes})
    assert created.status_code == 201, created.text
    assert created.json()["draft_state"] == "editing"
    return int(created.json()["passport_id"])


def published(operator: TestClient, secretariat: TestClient, **changes: object) -> int:
    passport_id = offered(operator, **changes)
    assert operator.post(f"{API}/{passport_id}/submit").json()["draft_state"] == "submitted"
    done = secretariat.post(f"{API}/{passport_id}/publish")
    assert done.status_code == 200, done.text
    return passport_id


def found(client: TestClient, **params: Any) -> list[int]:
    listed = client.get(API, params=params)
    assert listed.status_code == 200, listed.text
    return [hit["passport_id"] for hit in listed.json()["passports"]]


def test_a_passport_is_offered_submitted_published_and_found_by_its_filters(registry_engine: Engine) -> None:
    operator, operator_email = logged_in(registry_engine, OPERATOR)
    secretariat, secretariat_email = logged_in(registry_engine, Grant(Role.SECRETARIAT))
    public = TestClient(create_app(registry_engine))
    passport_id = offered(operator)
    with catching_mail() as mailbox:
        assert operator.post(f"{API}/{passport_id}/submit").status_code == 200
        [waiting] = secretariat.get(f"{API}/review").json()["items"]
        assert (waiting["passport_id"], waiting["published"]) == (passport_id, None)
        assert waiting["draft"]["title"] == CELLS["title"]
        done = secretariat.post(f"{API}/{passport_id}/publish")
    assert mailbox.to(secretariat_email) and mailbox.last_link(operator_email) == f"/passports/{passport_id}"
    assert (done.json()["draft_state"], done.json()["url"]) == (None, f"/passports/{passport_id}")

    one = public.get(f"{API}/{passport_id}").json()
    assert one["passport"] == Passport.model_validate(CELLS).model_dump(mode="json")
    assert (one["country_iso3"], one["url"]) == ("RUS", f"/passports/{passport_id}")
    listing = public.get(API).json()
    assert (listing["total"], listing["passport_version"], listing["links"]) == (1, PASSPORT_VERSION, [])
    assert listing["passports"] == [one]
    for params, hits in [
        ({"isic": "27"}, [passport_id]),  # the division finds its class
        ({"isic": "2910"}, []),
        (
            {"country": ["CHN", "RUS"], "stage": ["idea", "feasibility"]},
            [passport_id],
        ),  # repeated: any of them
        ({"stage": "permits"}, []),
        ({"currency": "RUB", "capex_min_m": 40_000, "capex_max_m": 60_000}, [passport_id]),  # ranges overlap
        ({"currency": "USD", "capex_min_m": 1}, []),  # RUB is not converted
        ({"offered_by": "development_institution"}, []),
        ({"q": "battery GWh", "jobs_min": 900}, [passport_id]),
    ]:
        assert found(public, **params) == hits, params


def test_the_catalogue_pages_with_next_and_prev_links_that_keep_the_filters(registry_engine: Engine) -> None:
    operator, _ = logged_in(registry_engine, OPERATOR)
    secretariat, _ = logged_in(registry_engine, Grant(Role.SECRETARIAT))
    ids = [published(operator, secretariat, title=f"Battery-cell plant, line {n}") for n in (1, 2, 3)]
    first = operator.get(API, params={"country": "RUS", "order": "newest", "limit": 2}).json()
    assert first["total"] == 3 and [p["passport_id"] for p in first["passports"]] == ids[:0:-1]
    [following] = first["links"]
    assert following["rel"] == "next" and "country=RUS" in following["href"]
    second = operator.get(following["href"]).json()
    assert [p["passport_id"] for p in second["passports"]] == [ids[0]]
    assert [link["rel"] for link in second["links"]] == ["prev"]
    back = operator.get(second["links"][0]["href"]).json()
    assert back["passports"] == first["passports"]


def test_the_csv_is_a_download_inert_in_a_spreadsheet_with_absolute_links(registry_engine: Engine) -> None:
    operator, _ = logged_in(registry_engine, OPERATOR)
    secretariat, _ = logged_in(registry_engine, Grant(Role.SECRETARIAT))
    passport_id = published(operator, secretariat, title='=HYPERLINK("http://x","click")')
    with configured_settings(public_url="https://atlas.example.org"):
        download = operator.get(API, params={"f": "csv", "isic": "2720"})
        listed = operator.get(API).json()
    assert download.status_code == 200
    assert download.headers["content-type"] == "text/csv; charset=utf-8"
    assert download.headers["content-disposition"] == 'attachment; filename="passports.csv"'
    [row] = list(csv.DictReader(io.StringIO(download.text)))
    assert row["title"].startswith("'=HYPERLINK") and ",=HYPERLINK" not in download.text
    assert row["url"] == listed["passports"][0]["url"] == f"https://atlas.example.org/passports/{passport_id}"


def test_the_incentives_are_what_the_engine_computes_for_the_passport(registry_engine: Engine) -> None:
    operator, _ = logged_in(registry_engine, OPERATOR)
    secretariat, _ = logged_in(registry_engine, Grant(Role.SECRETARIAT))
    passport_id = published(operator, secretariat)
    answer = operator.get(f"{API}/{passport_id}/incentives")
    assert answer.status_code == 200, answer.text
    with session_factory(registry_engine)() as session:
        computed = asdict(passport_incentives(session, Passport.model_validate(CELLS)))
    assert answer.json() == {**computed, "reasons": list(computed["reasons"])}
    assert answer.json()["npv_of_incentives"] is not None and "incentive engine" in answer.json()["method"]
    without = published(operator, secretariat, reference_case=None)
    reasons = operator.get(f"{API}/{without}/incentives").json()["reasons"]
    assert "no reference case" in reasons[0]


def test_a_draft_is_invisible_on_every_public_endpoint(registry_engine: Engine) -> None:
    operator, _ = logged_in(registry_engine, OPERATOR)
    secretariat, _ = logged_in(registry_engine, Grant(Role.SECRETARIAT))
    other, _ = logged_in(registry_engine, Grant(Role.ZONE_OPERATOR, "CHN-001"))
    public = TestClient(create_app(registry_engine))
    passport_id = offered(operator, title="A secret plan, not yet published")
    refusal(public.get(f"{API}/{passport_id}"), 404)
    refusal(public.get(f"{API}/{passport_id}/incentives"), 404)
    assert public.get(API).json()["total"] == 0
    assert "secret plan" not in public.get(API, params={"f": "csv"}).text
    refusal(public.get(f"{API}/{passport_id}/draft"), 401)
    refusal(other.get(f"{API}/{passport_id}/draft"), 403)
    assert operator.get(f"{API}/{passport_id}/draft").json()["draft"]["title"].startswith("A secret")
    assert [item["passport_id"] for item in operator.get(f"{API}/mine").json()["items"]] == [passport_id]
    assert other.get(f"{API}/mine").json()["items"] == []

    # Published, then revised: the public keeps reading the published text until the revision is.
    operator.post(f"{API}/{passport_id}/submit")
    secretariat.post(f"{API}/{passport_id}/publish")
    revised = operator.put(f"{API}/{passport_id}", json={**CELLS, "title": "A revised plan"})
    assert revised.status_code == 200 and revised.json()["draft_state"] == "editing"
    assert public.get(f"{API}/{passport_id}").json()["passport"]["title"].startswith("A secret")
    withdrawn = operator.post(f"{API}/{passport_id}/withdraw")
    assert (withdrawn.json()["published"], withdrawn.json()["url"]) == (None, None)
    refusal(public.get(f"{API}/{passport_id}"), 404)
    assert public.get(API).json()["total"] == 0  # withdrawn: out of the catalogue too


def test_refusals_name_what_is_wrong(registry_engine: Engine) -> None:
    operator, _ = logged_in(registry_engine, OPERATOR)
    secretariat, _ = logged_in(registry_engine, Grant(Role.SECRETARIAT))
    investor, _ = logged_in(registry_engine, Grant(Role.INVESTOR))
    anonymous = TestClient(create_app(registry_engine))
    refusal(anonymous.post(API, json=CELLS), 401)
    refusal(investor.post(API, json=CELLS), 403)
    refusal(anonymous.get(f"{API}/mine"), 401)
    refusal(operator.get(f"{API}/review"), 403)
    missing = refusal(operator.post(API, json={**CELLS, "title": None, "colour": "red"}), 422)
    assert {item.field for item in missing.errors} == {"title", "colour"}
    assert "capex_min_m" in refusal(operator.post(API, json={**CELLS, "capex_min_m": 50_000}), 422).detail
    nowhere = refusal(operator.post(API, json={**CELLS, "zone_id": "RUS-999"}), 422)
    assert "zone_id: no zone RUS-999" in nowhere.detail
    passport_id = offered(operator)
    assert "nothing submitted" in refusal(secretariat.post(f"{API}/{passport_id}/publish"), 422).detail
    operator.post(f"{API}/{passport_id}/submit")
    reject = f"{API}/{passport_id}/reject"
    assert "reason" in refusal(secretariat.post(reject, json={"reason": " no "}), 422).detail
    reason = "Name the source of the land."
    rejected = secretariat.post(reject, json={"reason": reason}).json()
    assert (rejected["draft_state"], rejected["rejection_reason"]) == ("rejected", reason)
    refusal(operator.post(f"{API}/{passport_id}/withdraw"), 422)  # nothing published to withdraw
    refusal(anonymous.get(f"{API}/999999"), 404)
    assert refusal(anonymous.get(f"{API}/abc"), 400).errors[0].parameter == "passport_id"
    assert refusal(anonymous.get(API, params={"contry": "RUS"}), 400).errors[0].parameter == "contry"
    assert refusal(anonymous.get(API, params={"stage": "dream"}), 400).errors[0].parameter == "stage.0"
    assert "currency" in refusal(anonymous.get(API, params={"capex_min_m": 5}), 422).detail


def test_the_fixed_paths_are_not_read_as_ids_and_the_schema_is_the_standards(client: TestClient) -> None:
    schema = client.get(f"{API}/schema")
    assert schema.status_code == 200 and schema.json() == passport_json_schema()
    assert schema.json()["version"] == PASSPORT_VERSION == standard_json_schema()["passport_version"]
    assert set(schema.json()["properties"]) == set(standard_json_schema()["$defs"]["Passport"]["properties"])
    assert client.get(f"{API}/mine").status_code == 401  # not "passport id 'mine'"
    assert client.get(f"{API}/review").status_code == 401


def test_the_openapi_documents_every_passport_route_with_the_error_shape(client: TestClient) -> None:
    paths = {
        path: ops for path, ops in client.get("/openapi.json").json()["paths"].items() if path.startswith(API)
    }
    assert len(paths) == 13  # the catalogue's 11, and matching's investors and letters (matching_api.py)
    for path, operations in paths.items():
        for method, operation in operations.items():
            errors = {code: answer for code, answer in operation["responses"].items() if code >= "400"}
            assert errors, (method, path)
            for answer in errors.values():
                assert answer["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorOut")
