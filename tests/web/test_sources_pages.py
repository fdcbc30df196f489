"""`/sources`, `/sources/{name}` and the zone page's harvest block (issue 21, item 4)."""

import csv
import html
import io
import json
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from sezatlas.accounts.roles import Grant, Role
from sezatlas.federation.actions import add_source, run_source
from sezatlas.federation.harvest import RunStatus
from sezatlas.federation.sources import Source, SourceKind
from sezatlas.registry.datapackage import zones_table_schema
from sezatlas.registry.formats import zones_csv
from sezatlas.store.database import session_factory
from sezatlas.web.app import create_app
from tests.accounts.people import log_in_as
from tests.federation.node_fixtures import NODE_URL, SECRETARIAT, national_platform, node_engine, node_fetcher
from tests.registry.zone_files import sample_zones


def _client(engine: Engine) -> TestClient:
    return TestClient(create_app(engine), follow_redirects=False)


def _bad_package(folder: Path) -> Path:
    """A national data package whose second zone has a latitude off the globe."""
    folder.mkdir()
    rows = list(csv.DictReader(io.StringIO(zones_csv(sample_zones(2)))))
    rows[1]["latitude"] = "123.0"
    with (folder / "zones.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    descriptor = {"resources": [{"name": "zones", "path": "zones.csv", "schema": zones_table_schema()}]}
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    return folder


def _harvested(engine: Engine, tmp_path: Path) -> None:
    """Two sources: a node run once (five new zones) and a data package whose run fails on a bad row."""
    node = tmp_path / "node"
    node.mkdir()
    with session_factory(engine)() as session:
        organisation = national_platform(engine)
        add_source(
            session,
            SECRETARIAT,
            Source("zaf-node", organisation, SourceKind.SEZATLAS, NODE_URL, "CC-BY-4.0", 24.0),
        )
        add_source(session, SECRETARIAT,
                   Source("zaf-package", organisation, SourceKind.DATAPACKAGE,
                          str(_bad_package(tmp_path / "package")), "CC-BY-4.0", None))  # fmt: skip
    assert (
        run_source(engine, SECRETARIAT, "zaf-node", fetcher=node_fetcher(node_engine(node))).status
        is RunStatus.OK
    )
    assert run_source(engine, SECRETARIAT, "zaf-package").status is RunStatus.FAILED


def test_an_anonymous_visitor_is_sent_to_log_in_and_others_are_refused(empty_engine: Engine) -> None:
    assert _client(empty_engine).get("/sources").headers["location"] == "/login?next=%2Fsources"
    participant = log_in_as(_client(empty_engine), empty_engine, Grant(Role.PARTICIPANT, "itc-2027/p1"))
    assert participant.get("/sources").status_code == 403
    assert participant.get("/sources/zaf-node").status_code == 403


def test_the_secretariat_sees_each_source_with_its_last_run(empty_engine: Engine, tmp_path: Path) -> None:
    _harvested(empty_engine, tmp_path)
    client = log_in_as(_client(empty_engine), empty_engine, Grant(Role.SECRETARIAT))

    page = client.get("/sources").text

    node_row = page[page.index('data-source="zaf-node"') :].split("</tr>")[0]
    package_row = page[page.index('data-source="zaf-package"') :].split("</tr>")[0]
    assert "SEZ Atlas node" in node_row and "succeeded" in node_row and "<td>5, 0, 0, 0</td>" in node_row
    assert "Ministry of Economic Development" in node_row and "CC-BY-4.0" in node_row
    assert "Frictionless data package" in package_row and "failed, nothing written" in package_row
    assert "only when run by hand" in package_row


def test_a_failed_run_lists_each_rejected_record_by_place_field_and_reason(
    empty_engine: Engine, tmp_path: Path
) -> None:
    _harvested(empty_engine, tmp_path)
    client = log_in_as(_client(empty_engine), empty_engine, Grant(Role.SECRETARIAT))

    page = html.unescape(client.get("/sources/zaf-package").text)

    rejected = page[
        page.index('data-testid="run-rejected"') : page.index("</table>", page.index("run-rejected"))
    ]
    assert (
        "row 3 of zones.csv" in rejected and "latitude" in rejected and "123.0 is outside -90..90" in rejected
    )
    assert 'data-status="failed"' in page


def test_a_node_run_lists_the_zones_it_added(empty_engine: Engine, tmp_path: Path) -> None:
    _harvested(empty_engine, tmp_path)
    client = log_in_as(_client(empty_engine), empty_engine, Grant(Role.SECRETARIAT))

    page = client.get("/sources/zaf-node").text

    assert all(f'href="/zones/{zone.zone_id}"' in page for zone in sample_zones(5))
    assert client.get("/sources/nowhere").status_code == 404


def test_a_harvested_zone_page_names_its_source_and_when_it_was_last_harvested(
    empty_engine: Engine, tmp_path: Path
) -> None:
    _harvested(empty_engine, tmp_path)

    page = _client(empty_engine).get("/zones/ZAF-001").text

    block = page[
        page.index('data-testid="zone-harvest"') : page.index("</section>", page.index("zone-harvest"))
    ]
    assert "zaf-node" in block and "Ministry of Economic Development" in block
    assert 'data-testid="zone-last-harvested"' in block and "UTC" in block
    facts = block[block.index('data-testid="zone-harvested-facts"') :].split("</span>")[0]
    assert "Name (English)" in facts and "Latitude" in facts and "As of" in facts  # what the source gave
    assert 'href="/sources/zaf-node"' not in block  # the link is the secretariat's only
    secretariat = log_in_as(_client(empty_engine), empty_engine, Grant(Role.SECRETARIAT))
    assert 'href="/sources/zaf-node"' in secretariat.get("/zones/ZAF-001").text
