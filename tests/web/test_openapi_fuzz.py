"""Schemathesis fuzzes the whole OpenAPI contract of a live server: no input may cause a 5xx."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.slow
def test_schemathesis_finds_no_server_error(live_server: str) -> None:
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
