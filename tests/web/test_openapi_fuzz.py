"""Schemathesis fuzzes the whole OpenAPI contract of a live server: no input may cause a 5xx.

The server has a database of its own (sign-ups and failed log-ins write) and a mail server, so the
endpoints that send letters answer as on a configured site; without one they answer 503 on purpose.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import Engine

from tests.accounts.mailbox import catching_mail
from tests.web.conftest import serving


@pytest.mark.slow
def test_schemathesis_finds_no_server_error(registry_engine: Engine) -> None:
    with catching_mail(), serving(registry_engine) as live_server:
        _fuzz(live_server)


def _fuzz(live_server: str) -> None:
    binary = Path(sys.executable).with_name("schemathesis")
    if not binary.exists() and shutil.which("schemathesis") is None:
        pytest.fail("schemathesis is a test dependency: pip install -e '.[test]'")
    result = subprocess.run(
        [str(binary) if binary.exists() else "schemathesis", "run", f"{live_server}/openapi.json",
         "--checks", "not_a_server_error", "--max-examples", "40", "--seed", "1", "--workers", "1"],
        capture_output=True, text=True, timeout=600, check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-6000:]
