"""Matching over the API (issue 17, item 5): an investor's profile and its passports, a passport's opted-in
investors and a letter to one of them; who may do which; on SQLite and PostgreSQL."""

from sqlalchemy import Engine

from sezatlas.accounts.roles import Grant, Role
from tests.accounts.mailbox import catching_mail
from tests.web.test_profile_pages import LETTER, _person, _person_id, _publish

INVESTOR = Grant(Role.INVESTOR)
OPERATOR = Grant(Role.ZONE_OPERATOR, "RUS-001")
PROFILE = {
    "project": {"name": "Cells", "isic_code": "2720", "land_need_ha": 30},
    "currency": "RUB",
    "capex_min_m": 20_000,
    "capex_max_m": 40_000,
    "shown_to_passport_owners": True,
}


def test_an_investor_keeps_a_profile_and_reads_the_passports_that_fit_it(registry_engine: Engine) -> None:
    cells, _ = _publish(registry_engine)
    investor, _ = _person(registry_engine, INVESTOR)
    assert investor.get("/api/v1/profile").status_code == 404  # none saved yet
    assert investor.get("/api/v1/profile/matches").status_code == 404
    bad = investor.put("/api/v1/profile", json={**PROFILE, "capex_min_m": 50_000})
    assert bad.status_code == 422
    saved = investor.put("/api/v1/profile", json=PROFILE)
    assert saved.status_code == 200 and saved.json()["project"]["name"] == "Cells"
    assert investor.get("/api/v1/profile").json() == saved.json()
    [match] = investor.get("/api/v1/profile/matches").json()["matches"]
    assert match["published"]["passport_id"] == cells and 0 < match["score"] <= 1
    kinds = [reason["kind"] for reason in match["reasons"]]
    assert kinds[:2] == ["shared_sector", "zone_ranked"] and "capex_fits" in kinds
    assert match["reasons"][0]["params"]["code"] == "ISIC 2720"
    operator, _ = _person(registry_engine, OPERATOR)
    assert operator.put("/api/v1/profile", json=PROFILE).status_code == 403
    operator.cookies.clear()
    assert operator.get("/api/v1/profile").status_code == 401


def test_the_passports_operator_reads_the_opted_in_investors_and_writes_to_one(
    registry_engine: Engine,
) -> None:
    cells, _ = _publish(registry_engine)
    shown, shown_email = _person(registry_engine, INVESTOR)
    hidden, hidden_email = _person(registry_engine, INVESTOR)
    assert shown.put("/api/v1/profile", json=PROFILE).status_code == 200
    assert (
        hidden.put("/api/v1/profile", json={**PROFILE, "shown_to_passport_owners": False}).status_code == 200
    )
    operator, _ = _person(registry_engine, OPERATOR)
    investors = f"/api/v1/passports/{cells}/investors"
    listed = operator.get(investors).json()
    shown_id, hidden_id = _person_id(registry_engine, shown_email), _person_id(registry_engine, hidden_email)
    assert [found["person_id"] for found in listed["investors"]] == [shown_id]
    assert listed["investors"][0]["profile"]["project"]["name"] == "Cells"
    assert shown.get(investors).status_code == 403
    assert operator.get("/api/v1/passports/999999/investors").status_code == 404
    with catching_mail() as mailbox:
        written = operator.post(f"{investors}/{shown_id}/letters", json={"message": LETTER})
        assert written.status_code == 200 and written.json()["is_mailed"] is True
        assert operator.post(f"{investors}/{hidden_id}/letters", json={"message": LETTER}).status_code == 422
        assert operator.post(f"{investors}/{shown_id}/letters", json={"message": "Hi"}).status_code == 422
    assert mailbox.last_link(shown_email) == f"/passports/{cells}"
    assert mailbox.to(hidden_email) == []
