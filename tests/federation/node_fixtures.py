"""A second SEZ Atlas node for the harvest tests, reached in-process through httpx's mock transport.

The node is a real app on a real database of its own (SQLite), holding real bundled zones imported the
way a national secretariat would; the end-to-end test over a real socket is `test_federation_e2e.py`.
"""

from pathlib import Path

import httpx
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from sezatlas.accounts.organisations import NewOrganisation, OrganisationKind, add_organisation
from sezatlas.accounts.roles import Actor, Grant, Role
from sezatlas.federation.fetching import Fetcher, FetchPolicy
from sezatlas.registry.importer import import_file
from sezatlas.store.database import make_engine, session_factory, upgrade
from sezatlas.web.app import create_app
from tests.registry.zone_files import flat_rows, sample_zones, write_csv

SECRETARIAT = Actor(name="secretariat", grants=frozenset({Grant(Role.SECRETARIAT)}), is_command_line=True)
NODE_URL = "http://node.test"


def node_engine(folder: Path, count: int = 5) -> Engine:
    """A node's database holding the first `count` bundled zones, imported from a CSV."""
    engine = make_engine(f"sqlite:///{folder / 'node.db'}")
    upgrade(engine)
    import_file(engine, write_csv(folder / "node-zones.csv", flat_rows(sample_zones(count))))
    return engine


def node_fetcher(engine: Engine) -> Fetcher:
    """A fetcher whose requests to NODE_URL are answered by the node's app (no retries, no waiting)."""
    client = TestClient(create_app(engine=engine))

    def answer(request: httpx.Request) -> httpx.Response:
        response = client.get(request.url.path, params=request.url.params, headers=dict(request.headers))
        headers = {
            k: v for k, v in response.headers.items() if k not in ("content-encoding", "content-length")
        }
        return httpx.Response(response.status_code, headers=headers, content=response.content)

    return Fetcher(FetchPolicy(attempts=1), transport=httpx.MockTransport(answer), sleep=lambda _: None)


def national_platform(engine: Engine, name: str = "Ministry of Economic Development") -> int:
    with session_factory(engine)() as session:
        added = add_organisation(
            session, SECRETARIAT, NewOrganisation(name, OrganisationKind.DEVELOPMENT_INSTITUTION)
        )
        session.commit()
        return added.organisation_id
