"""A server process runs numpy on one BLAS thread per request thread (sezatlas/web/process_tuning.py)."""

import json
import os
import subprocess
import sys

STARTED_APP = """
import json
from fastapi.testclient import TestClient
from threadpoolctl import threadpool_info
from sezatlas.store.database import make_engine
from sezatlas.web.app import create_app
before = [info["num_threads"] for info in threadpool_info() if info["user_api"] == "blas"]
with TestClient(create_app(make_engine("sqlite://"))):
    during = [info["num_threads"] for info in threadpool_info() if info["user_api"] == "blas"]
print(json.dumps({"before": before, "during": during}))
"""


def test_a_started_server_uses_one_blas_thread() -> None:
    environment = {**os.environ, "OPENBLAS_NUM_THREADS": "2"}
    run = subprocess.run([sys.executable, "-c", STARTED_APP], capture_output=True, text=True, timeout=120,
                         env=environment, check=False)  # fmt: skip
    assert run.returncode == 0, run.stderr
    threads = json.loads(run.stdout.strip().splitlines()[-1])
    assert threads["before"] and max(threads["before"]) == 2  # what numpy would use on its own here
    assert threads["during"] == [1] * len(threads["during"])
