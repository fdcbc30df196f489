"""Issue 21, acceptance 2: a node's Frictionless data package and its OGC API collection, each registered as
a source (the OGC one with a field mapping), harvest the same zones as the node's REST change feed.

The node is a real second server on 127.0.0.1 (uvicorn, as `sezatlas serve`), read over real sockets by
the real fetcher; each form is harvested into a database of its own, because a zone belongs to one source.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from sezatlas.federation.actions import add_source, run_source
from sezatlas.federation.harvest import RunStatus
from sezatlas.federation.sources import Source, SourceKind
from sezatlas.standard.flat import flat_column_names
from sezatlas.standard.zone import Zone
from sezatlas.store.database import make_engine, session_factory, transaction, upgrade
from sezatlas.store.zones import all_zones
from tests.federation.node_fixtures import SECRETARIAT, national_platform, node_engine
from tests.web.conftest import serving

ZONES_AT_NODE = 12  # the first bundled zones: three of them (ZAF-007, -010, -012) have no point

# The OGC collection's properties, each named for the standard column it is: the mapping a secretariat
# writes for an OGC source, explicit field by field (its point arrives as the geometry, read into
# latitude/longitude by the reader).
OGC_MAPPING = {column: column for column in flat_column_names()}


@pytest.fixture(scope="module")
def node(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[Zone]]]:
    """The national node's URL and its zones."""
    engine = node_engine(tmp_path_factory.mktemp("node"), count=ZONES_AT_NODE)
    with transaction(engine) as session:
        zones = list(all_zones(session))
    with serving(engine) as url:
        yield url, zones
    engine.dispose()


def harvested(tmp_path: Path, kind: SourceKind, location: str, mapping: dict[str, str]) -> list[Zone]:
    """Register the source on a fresh node of the association, run it once, and return its zones."""
    engine: Engine = make_engine(f"sqlite:///{tmp_path / f'{kind.value}.db'}")
    upgrade(engine)
    with session_factory(engine)() as session:
        source = Source(
            f"zaf-{kind.value}", national_platform(engine), kind, location, "CC-BY-4.0", 24.0, mapping
        )
        add_source(session, SECRETARIAT, source)
    report = run_source(engine, SECRETARIAT, f"zaf-{kind.value}")
    assert report.status is RunStatus.OK, (report.message, report.rejected[:3])
    with transaction(engine) as session:
        zones = list(all_zones(session))
    engine.dispose()
    return zones


def test_the_data_package_source_harvests_the_same_zones_as_the_rest_source(
    node: tuple[str, list[Zone]], tmp_path: Path
) -> None:
    url, zones = node

    by_rest = harvested(tmp_path, SourceKind.SEZATLAS, url, {})
    by_package = harvested(tmp_path, SourceKind.DATAPACKAGE, f"{url}/api/v1/datapackage/datapackage.json", {})

    assert by_rest == zones
    assert by_package == by_rest


def test_the_ogc_source_with_a_mapping_harvests_the_same_zones_as_the_rest_source(
    node: tuple[str, list[Zone]], tmp_path: Path
) -> None:
    """Paged five at a time, so the reader follows the server's `next` links; an OGC collection is of
    points, so a zone the node knows no point for is not in it (docs/federation.md)."""
    url, zones = node

    by_rest = harvested(tmp_path, SourceKind.SEZATLAS, url, {})
    by_ogc = harvested(tmp_path, SourceKind.OGC, f"{url}/ogc/collections/zones/items?limit=5", OGC_MAPPING)

    assert by_rest == zones
    with_point = [zone for zone in by_rest if zone.location.latitude is not None]
    assert len(with_point) == ZONES_AT_NODE - 3
    assert by_ogc == with_point
