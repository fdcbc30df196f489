"""The stewardship pages (issue 16): the inbox of error reports, source document downloads, the
secretariat's import upload with its preview, and the freshness table of the statistics; on SQLite and
PostgreSQL, over HTTP with the bundled registry.
"""

import hashlib
from pathlib import Path
from urllib.parse import quote

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from sezatlas.accounts.audit import RequestContext, read_trail
from sezatlas.accounts.roles import Actor, Grant, Role
from sezatlas.stewardship.changes import ChangeSource, propose_change
from sezatlas.stewardship.documents import Upload
from sezatlas.stewardship.error_reports import error_reports, report_error
from sezatlas.stewardship.freshness import confirm_zone
from sezatlas.stewardship.history import zone_history
from sezatlas.store.database import session_factory
from sezatlas.store.zones import get_zone
from sezatlas.web.app import create_app
from tests.accounts.people import log_in_as

OPERATOR = Grant(Role.ZONE_OPERATOR, "RUS-001")
SECRETARIAT = Grant(Role.SECRETARIAT)
PARTIAL_HEADER = "zone_id,country_iso3,name_en,zone_type,area_ha,free_area_ha,source_urls,as_of"
PARTIAL_ROW = "RUS-001,RUS,Alabuga SEZ,sez,4000,321.5,https://alabuga.ru/en/,2026-12"


def _client(engine: Engine, tmp_path: Path | None = None) -> TestClient:
    app = create_app(engine)
    app.state.import_dir = tmp_path / "imports" if tmp_path is not None else None
    return TestClient(app, follow_redirects=False)


def _report(engine: Engine, zone_id: str, text: str, email: str | None = None) -> None:
    with session_factory(engine)() as session:
        report_error(
            session, zone_id, text, reporter_email=email, context=RequestContext(ip=f"198.51.100.{len(text)}")
        )


def test_the_inbox_shows_only_the_operators_zones_and_closes_a_report(registry_engine: Engine) -> None:
    _report(registry_engine, "RUS-001", "The free land figure is a year old.", "reader@example.org")
    _report(registry_engine, "CHN-001", "Wrong operator name for this zone.")
    client = log_in_as(_client(registry_engine), registry_engine, OPERATOR)
    page = client.get("/inbox").text
    assert "The free land figure is a year old." in page and "Wrong operator name" not in page
    assert 'href="mailto:reader@example.org"' in page and 'href="/zones/RUS-001"' in page
    assert 'href="/inbox"' in page and 'href="/import"' not in page  # the account menu
    assert 'data-testid="review-waiting"' not in page  # the review count is the secretariat's
    with session_factory(registry_engine)() as session:
        operator = Actor(person_id=0, grants=frozenset({OPERATOR}))
        [report] = error_reports(session, operator)
    refused = client.post(f"/inbox/{report.report_id}/close", headers={"Origin": "https://evil.example"})
    assert refused.status_code == 403
    closed = client.post(f"/inbox/{report.report_id}/close", headers={"Origin": "http://testserver"})
    assert closed.status_code == 303 and closed.headers["location"] == "/inbox"
    after = client.get("/inbox").text
    assert 'data-testid="inbox-empty"' in after and "The free land figure" in after  # under "Dealt with"
    with session_factory(registry_engine)() as session:
        trail = read_trail(session, entity="zone_error_report")
    assert any(entry.action == "close zone error report" and entry.entity_id == str(report.report_id)
               for entry in trail)  # fmt: skip


def test_the_inbox_of_the_secretariat_counts_the_changes_awaiting_review(registry_engine: Engine) -> None:
    _report(registry_engine, "CHN-001", "Wrong operator name for this zone.")
    with session_factory(registry_engine)() as session:
        operator = Actor(person_id=0, name="op", grants=frozenset({OPERATOR}))
        propose_change(
            session,
            operator,
            "RUS-001",
            {"free_area_ha": "90"},
            ChangeSource(as_of="2026-11", url="https://alabuga.ru/"),
        )
    client = log_in_as(_client(registry_engine), registry_engine, SECRETARIAT)
    page = client.get("/inbox").text
    assert "Wrong operator name" in page and "1 change waits for review." in page
    assert 'href="/review"' in page and 'href="/import"' in page
    assert client.get("/inbox?f=json").json()["changes_awaiting_review"] == 1
    anonymous = _client(registry_engine).get("/inbox")
    assert anonymous.status_code == 303 and anonymous.headers["location"].startswith("/login")
    assert log_in_as(_client(registry_engine), registry_engine).get("/inbox").status_code == 403


def test_a_source_document_downloads_as_an_attachment_of_its_stored_type(registry_engine: Engine) -> None:
    content = b"%PDF-1.4 the board's decision on free land"
    with session_factory(registry_engine)() as session:
        operator = Actor(person_id=0, name="op", grants=frozenset({OPERATOR}))
        source = ChangeSource(as_of="2026-10", document=Upload('Решение "board";.pdf', content))
        propose_change(session, operator, "RUS-001", {"free_area_ha": "70"}, source)
    digest = hashlib.sha256(content).hexdigest()
    response = _client(registry_engine).get(f"/documents/{digest}")
    assert response.status_code == 200 and response.content == content
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["x-content-type-options"] == "nosniff"
    disposition = response.headers["content-disposition"]
    assert (
        disposition.startswith('attachment; filename="')
        and quote('Решение "board";.pdf', safe="") in disposition
    )
    assert _client(registry_engine).get(f"/documents/{'0' * 64}").status_code == 404


def _upload(client: TestClient, name: str, text: str, **form: str) -> "object":
    return client.post("/import", files={"file": (name, text.encode(), "text/csv")}, data=form,
                       headers={"Origin": "http://testserver"})  # fmt: skip


def test_an_import_is_previewed_then_written_only_when_confirmed(
    registry_engine: Engine, tmp_path: Path
) -> None:
    client = log_in_as(_client(registry_engine, tmp_path), registry_engine, SECRETARIAT)
    with session_factory(registry_engine)() as session:
        before = get_zone(session, "RUS-001")
        versions_before = len(zone_history(session, "RUS-001"))
    assert before is not None and before.name_local
    preview = _upload(client, "alabuga.csv", f"{PARTIAL_HEADER}\n{PARTIAL_ROW}\n")
    assert preview.status_code == 200, preview.text  # type: ignore[attr-defined]
    page = preview.text  # type: ignore[attr-defined]
    assert 'data-zone="RUS-001"' in page and "<code>free_area_ha</code>" in page and "321.5" in page
    assert 'data-testid="will-clear"' not in page and 'data-testid="confirm-import"' in page
    with session_factory(registry_engine)() as session:
        unchanged = get_zone(session, "RUS-001")
        assert unchanged == before and len(zone_history(session, "RUS-001")) == versions_before
    digest = hashlib.sha256(f"{PARTIAL_HEADER}\n{PARTIAL_ROW}\n".encode()).hexdigest()
    done = client.post("/import/confirm", data={"sha256": digest}, headers={"Origin": "http://testserver"})
    assert done.status_code == 200 and 'data-testid="import-done"' in done.text
    assert "Updated zones: 1" in done.text
    with session_factory(registry_engine)() as session:
        after = get_zone(session, "RUS-001")
        history = zone_history(session, "RUS-001")
    assert after is not None and after.land.free_area_ha == 321.5
    assert after.name_local == before.name_local and after.location == before.location  # absent columns kept
    assert len(history) > versions_before and history[0].version.source == "alabuga.csv"  # a new version
    again = client.post("/import/confirm", data={"sha256": digest}, headers={"Origin": "http://testserver"})
    assert again.status_code == 404  # the kept file went with the import


def test_clear_empty_cells_is_previewed_in_red(registry_engine: Engine, tmp_path: Path) -> None:
    client = log_in_as(_client(registry_engine, tmp_path), registry_engine, SECRETARIAT)
    text = f"{PARTIAL_HEADER},operator\n{PARTIAL_ROW},\n"
    kept = _upload(client, "alabuga.csv", text).text  # type: ignore[attr-defined]
    assert 'data-testid="blank-kept"' in kept and 'data-testid="will-clear"' not in kept
    cleared = _upload(client, "alabuga.csv", text, clear_empty="1").text  # type: ignore[attr-defined]
    assert 'data-testid="will-clear"' in cleared and 'name="clear_empty" value="1"' in cleared


def test_a_bad_file_shows_its_problems_by_row_and_field_and_writes_nothing(
    registry_engine: Engine, tmp_path: Path
) -> None:
    client = log_in_as(_client(registry_engine, tmp_path), registry_engine, SECRETARIAT)
    with session_factory(registry_engine)() as session:
        before = get_zone(session, "RUS-001")
    bad = f"{PARTIAL_HEADER}\n{PARTIAL_ROW.replace('321.5', 'lots')}\n"
    response = _upload(client, "alabuga.csv", bad)
    assert response.status_code == 422  # type: ignore[attr-defined]
    page = response.text  # type: ignore[attr-defined]
    assert 'data-testid="import-problems"' in page and "<code>free_area_ha</code>" in page and "lots" in page
    assert 'data-testid="confirm-import"' not in page
    assert not any((tmp_path / "imports").glob("*/*"))  # a rejected file is not kept
    with session_factory(registry_engine)() as session:
        assert get_zone(session, "RUS-001") == before


def test_only_the_secretariat_imports(registry_engine: Engine, tmp_path: Path) -> None:
    operator = log_in_as(_client(registry_engine, tmp_path), registry_engine, OPERATOR)
    assert operator.get("/import").status_code == 403
    assert _upload(operator, "alabuga.csv", f"{PARTIAL_HEADER}\n{PARTIAL_ROW}\n").status_code == 403  # type: ignore[attr-defined]
    assert not any((tmp_path / "imports").glob("*/*"))
    confirm = operator.post(
        "/import/confirm", data={"sha256": "a" * 64}, headers={"Origin": "http://testserver"}
    )
    assert confirm.status_code == 403
    assert _client(registry_engine, tmp_path).get("/import").status_code == 303  # anonymous: to log in


def test_the_statistics_show_each_countrys_share_of_zones_confirmed_by_their_operator(
    registry_engine: Engine,
) -> None:
    with session_factory(registry_engine)() as session:
        confirm_zone(session, Actor(person_id=0, name="op", grants=frozenset({OPERATOR})), "RUS-001")
    page = _client(registry_engine).get("/stats?lang=en").text
    table = page[page.index('data-testid="freshness"') :]
    russia = table[table.index('data-country="RUS"') :]
    russia = russia[: russia.index("</tr>")]
    assert '<td class="number">1</td>' in russia
    assert "Confirmed by the operator" in page and "within the last 12 months" in page
