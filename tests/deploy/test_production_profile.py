"""The production profile: deploy/run-production.sh serves through nginx, and stops cleanly on SIGTERM.

The real script runs against a fresh database on the test setup's throw-away PostgreSQL server, with
Debian's nginx (scripts/install-system-deps.sh installs it; in CI a missing nginx fails, never skips).
The server is started once for the module; the last test stops it.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from sezatlas.registry.bootstrap import init_database
from sezatlas.store.database import make_engine
from tests.postgres_cluster import free_port, new_database

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

SCRIPT = Path(__file__).resolve().parent.parent.parent / "deploy" / "run-production.sh"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
START_TIMEOUT_S = 90


@dataclass(frozen=True, slots=True)
class Running:
    base_url: str
    process: subprocess.Popen[bytes]
    access_log: Path
    output: Path

    def access_lines(self) -> list[dict[str, object]]:
        time.sleep(1.2)  # nginx writes its buffered log every second
        return [json.loads(line) for line in self.access_log.read_text(encoding="utf-8").splitlines()]


def _wait_until_serving(running: Running) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if running.process.poll() is not None:
            break
        try:
            if httpx.get(f"{running.base_url}/readyz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    pytest.fail(f"the production profile did not come up:\n{running.output.read_text(errors='replace')}")


def _group_is_gone(group: int, within_s: float = 10.0) -> bool:
    """No process left in the group (multiprocessing's resource tracker ends a moment after its parent)."""
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


@pytest.fixture(scope="module")
def production(postgres_admin_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    if not Path(NGINX).exists():
        message = "nginx not found (apt-get install nginx; scripts/install-system-deps.sh does)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    folder = tmp_path_factory.mktemp("production")
    url = new_database(postgres_admin_url)
    engine = make_engine(url)
    init_database(engine)
    engine.dispose()
    port = free_port()
    access_log, output = folder / "access.log", folder / "run-production.out"
    command = [str(SCRIPT), "--database-url", url, "--port", str(port), "--workers", "2",
               "--access-log", str(access_log), "--python", sys.executable]  # fmt: skip
    with output.open("wb") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True)
    running = Running(f"http://127.0.0.1:{port}", process, access_log, output)
    try:
        _wait_until_serving(running)
        yield running
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def test_health_and_zone_lists_come_from_the_workers_through_nginx(production: Running) -> None:
    health = httpx.get(f"{production.base_url}/healthz", timeout=10)
    assert health.json() == {"status": "ok"}
    assert health.headers["server"] == "nginx" and len(health.headers["x-request-id"]) == 32
    zones = httpx.get(f"{production.base_url}/api/v1/zones", params={"country": "RUS"}, timeout=10)
    assert zones.status_code == 200 and zones.json()["total"] > 0
    assert "x-served-by" not in zones.headers


def test_static_files_are_served_by_nginx_without_the_app(production: Running) -> None:
    response = httpx.get(f"{production.base_url}/static/css/site.css", timeout=10)
    assert response.status_code == 200 and response.headers["x-served-by"] == "nginx"
    assert response.headers["content-type"].startswith("text/css")
    request_id = response.headers["x-request-id"]
    line = next(entry for entry in production.access_lines() if entry["request_id"] == request_id)
    assert line["path"] == "/static/css/site.css" and line["upstream"] == ""  # the app never saw it


def test_a_body_over_the_limit_is_refused_by_nginx_with_413(production: Running) -> None:
    too_big = b"{" + b" " * (2 * 1024 * 1024) + b"}"  # 2 MiB, over SEZATLAS_MAX_BODY_BYTES (1 MiB)
    response = httpx.post(f"{production.base_url}/api/v1/rank", content=too_big,
                          headers={"Content-Type": "application/json"}, timeout=10)  # fmt: skip
    assert response.status_code == 413
    assert response.json() == {"detail": "request body over 1048576 bytes", "errors": []}
    request_id = response.headers["x-request-id"]
    line = next(entry for entry in production.access_lines() if entry["request_id"] == request_id)
    assert line["status"] == 413 and line["upstream"] == ""


def test_an_inquiry_with_files_passes_nginx_up_to_its_own_ceiling(production: Running) -> None:
    files = b"{" + b" " * (20 * 1024 * 1024) + b"}"  # 20 MiB: over the upload ceiling, under the inquiry's
    response = httpx.post(f"{production.base_url}/api/v1/inquiries", content=files,
                          headers={"Content-Type": "application/json"}, timeout=30)  # fmt: skip
    assert response.status_code == 422  # the app read it (an empty object is no inquiry), nginx let it by
    too_big = b" " * (73 * 1024 * 1024)  # over SEZATLAS_MAX_INQUIRY_BYTES (72 MiB)
    refused = httpx.post(f"{production.base_url}/api/v1/inquiries", content=too_big,
                         headers={"Content-Type": "application/json"}, timeout=30)  # fmt: skip
    assert refused.status_code == 413
    assert refused.json() == {"detail": f"request body over {72 * 1024 * 1024} bytes", "errors": []}


def test_every_request_is_one_json_line_in_the_access_log(production: Running) -> None:
    response = httpx.get(f"{production.base_url}/api/v1/zones?q=alabuga", timeout=10,
                         headers={"X-Request-Id": "load-balancer-id-0001"})  # fmt: skip
    assert response.headers["x-request-id"] == "load-balancer-id-0001"
    line = next(
        entry for entry in production.access_lines() if entry["request_id"] == "load-balancer-id-0001"
    )
    assert {key: line[key] for key in ("method", "path", "query", "status")} == {
        "method": "GET", "path": "/api/v1/zones", "query": "q=alabuga", "status": 200}  # fmt: skip
    assert isinstance(line["duration_ms"], int) and isinstance(line["bytes"], int) and line["bytes"] > 0
    assert str(line["upstream"]).startswith("unix:") and line["time"]


def test_sigterm_stops_nginx_and_the_workers_and_exits_0(production: Running) -> None:
    """Runs last: it stops the module's server."""
    production.process.send_signal(signal.SIGTERM)
    assert production.process.wait(timeout=60) == 0, production.output.read_text(errors="replace")
    assert _group_is_gone(production.process.pid), "processes of the profile outlived the script"
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{production.base_url}/healthz", timeout=2)
