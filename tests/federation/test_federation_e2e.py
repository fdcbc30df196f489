"""Acceptance point 1 of issue 21, end to end: a second SEZ Atlas server on 127.0.0.1 (its own process, its
own SQLite database, its own zones) is registered as a source, harvested, changed, harvested again through
its change feed with the diff shown, and then starts serving a bad row: the run fails with the reason and
changes nothing."""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from sqlalchemy import Engine, select
from typer.testing import CliRunner

from sezatlas.cli import app
from sezatlas.stewardship.versions import Layer, zone_versions
from sezatlas.store.database import session_factory
from sezatlas.store.stewardship_tables import ZoneVersionRow
from sezatlas.store.zones import count_zones, get_zone
from tests.federation.node_fixtures import national_platform, node_engine
from tests.federation.test_harvest import set_free_land
from tests.registry.zone_files import sample_zones

runner = CliRunner()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def national_node(database: Path) -> Iterator[str]:
    """`sezatlas serve` on the node's database in a process of its own; its base URL while it runs."""
    port = _free_port()
    env = {**os.environ, "SEZATLAS_JOB_WORKERS": "0"}
    command = [sys.executable, "-m", "sezatlas", "serve", "--database-url", f"sqlite:///{database}",
               "--host", "127.0.0.1", "--port", str(port)]  # fmt: skip
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    f"the node did not start: {process.stderr.read() if process.stderr else ''}"
                )
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


def cli(engine: Engine, *arguments: str) -> str:
    url = engine.url.render_as_string(hide_password=False)
    result = runner.invoke(app, [*arguments, "--database-url", url])
    return f"exit {result.exit_code}\n{result.output}"


def test_a_national_node_is_harvested_then_incrementally_then_refused_when_it_serves_bad_rows(
    empty_engine: Engine, tmp_path: Path
) -> None:
    (tmp_path / "node").mkdir()
    node = node_engine(tmp_path / "node")
    organisation = national_platform(empty_engine)
    changed_zone, broken_zone = sample_zones()[1], sample_zones()[3]
    with national_node(tmp_path / "node" / "node.db") as node_url:
        options = ["--kind", "sezatlas", "--url", node_url, "--organisation", str(organisation),
                   "--schedule", "24h", "--licence", "CC-BY-4.0"]  # fmt: skip
        added = cli(empty_engine, "sources", "add", "rus-node", *options)
        assert added.startswith("exit 0") and "Registered source rus-node" in added

        first = cli(empty_engine, "sources", "run", "rus-node")
        assert first.startswith("exit 0") and "5 new, 0 changed" in first

        set_free_land(node, tmp_path, changed_zone.zone_id, "42.5")  # the node's secretariat updates a fact
        second = cli(empty_engine, "sources", "run", "rus-node")
        assert second.startswith("exit 0") and "0 new, 1 changed" in second
        assert changed_zone.zone_id in second
        assert f"free_area_ha: {changed_zone.land.free_area_ha or '—'} → 42.5" in second

        set_free_land(node, tmp_path, broken_zone.zone_id, "7")
        with session_factory(node)() as session:  # the node's store goes bad behind its API
            version = session.scalars(
                select(ZoneVersionRow)
                .where(ZoneVersionRow.zone_id == broken_zone.zone_id)
                .order_by(ZoneVersionRow.number.desc())
            ).first()
            assert version is not None
            version.record = {**version.record, "country_iso3": "XXX"}
            session.commit()
        third = cli(empty_engine, "sources", "run", "rus-node")
        assert third.startswith("exit 1") and "failed" in third and "nothing was changed" in third
        assert "country_iso3" in third

    shown = cli(empty_engine, "sources", "show", "rus-node")
    assert "failed" in shown and "country_iso3" in shown
    with session_factory(empty_engine)() as session:
        assert count_zones(session) == 5
        stored = get_zone(session, broken_zone.zone_id)
        assert stored is not None and stored.land.free_area_ha == broken_zone.land.free_area_ha
        assert zone_versions(session, changed_zone.zone_id)[0].layer is Layer.HARVEST
