"""The production profile on a throw-away PostgreSQL cluster: `make prod`, and benchmarks/load.py's server.

Starts a PostgreSQL server with the throw-away cluster of benchmarks/registry.py (as the `postgres` user
when run as root, on a free port of 127.0.0.1), loads the bundled registry into it (plus `--zones`
synthetic zones from registry.py's generator), and runs deploy/run-production.sh against it — N uvicorn
workers behind nginx — until Ctrl-C; then stops the profile and deletes the cluster. For trying the
profile and for load tests only: nothing written to that database survives.

    python benchmarks/production.py [--port 8080] [--workers N] [--zones 0]
"""

import argparse
import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from registry import free_port, load, postgres_cluster, synthetic_registry
from sqlalchemy import Engine

from sezatlas.registry.bootstrap import init_database
from sezatlas.standard.zone import Zone
from sezatlas.store.database import make_engine

ROOT = Path(__file__).resolve().parent.parent
RUN_PRODUCTION = ROOT / "deploy" / "run-production.sh"
START_TIMEOUT_S = 120.0
STOP_TIMEOUT_S = 60.0


def fill(engine: Engine, backend: str, synthetic_zones: list[Zone]) -> None:
    """The bundled registry, plus synthetic zones (registry.py's generator) through registry.py's loader."""
    if synthetic_zones:
        load(engine, backend, synthetic_zones, upsert_sample=2_000)  # bulk-inserts past a time budget
    init_database(engine)


def _ready(process: subprocess.Popen[bytes], probe: str, deadline: float) -> None:
    import httpx

    while True:
        if process.poll() is not None:
            raise RuntimeError(f"deploy/run-production.sh exited with {process.returncode}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(probe, timeout=5).status_code == 200:
                return
        if time.monotonic() > deadline:
            raise RuntimeError(f"{probe} did not answer in {START_TIMEOUT_S:.0f} s")
        time.sleep(0.2)


def stop(process: subprocess.Popen[bytes]) -> int:
    """SIGTERM to the script (it stops nginx, then the workers); the whole group is killed if it hangs."""
    with contextlib.suppress(ProcessLookupError):
        process.send_signal(signal.SIGTERM)
    try:
        return process.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
        raise RuntimeError("deploy/run-production.sh did not stop in time; killed") from None


@contextlib.contextmanager
def production_profile(database_url: str, port: int, workers: int, access_log: Path | str,
                       output: IO[bytes] | None = None) -> Iterator[subprocess.Popen[bytes]]:  # fmt: skip
    """deploy/run-production.sh in its own process group, from ready (/readyz through nginx) to stopped."""
    command = [str(RUN_PRODUCTION), "--database-url", database_url, "--port", str(port), "--workers",
               str(workers), "--access-log", str(access_log), "--python", sys.executable]  # fmt: skip
    process = subprocess.Popen(command, stdout=output, stderr=output, start_new_session=True)
    try:
        _ready(process, f"http://127.0.0.1:{port}/readyz", time.monotonic() + START_TIMEOUT_S)
        yield process
    finally:
        if process.poll() is None:
            stop(process)


def _interrupt(_signal: int, _frame: object) -> None:
    raise KeyboardInterrupt


def stop_on_signals() -> None:
    """Ctrl-C, or SIGTERM from a supervisor, unwinds the `with` blocks: servers stop, the cluster goes."""
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _interrupt)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    parser.add_argument("--port", type=int, default=8080, help="nginx's port on 127.0.0.1")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="app worker processes")
    parser.add_argument("--zones", type=int, default=0, help="synthetic zones beside the bundled ones")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    stop_on_signals()
    with postgres_cluster(free_port()) as url:
        if url is None:
            print("error: no PostgreSQL server to start (apt-get install postgresql)", file=sys.stderr)
            return 1
        engine = make_engine(url)
        fill(engine, "PostgreSQL", synthetic_registry(args.zones, args.seed)[0] if args.zones else [])
        engine.dispose()
        with tempfile.TemporaryDirectory(prefix="sezatlas-prod-") as folder:
            access_log = Path(folder) / "access.log"
            with production_profile(url, args.port, args.workers, access_log):
                print(f"Production profile at http://127.0.0.1:{args.port}/ on {url}; JSON access log: "
                      f"{access_log}. Ctrl-C stops it and deletes the database.", flush=True)  # fmt: skip
                with contextlib.suppress(KeyboardInterrupt):
                    while True:
                        time.sleep(3600)
    return 0


if __name__ == "__main__":
    sys.exit(main())
