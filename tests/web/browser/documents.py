"""Reading downloaded documents in tests: a PDF's text, as a person copying from it would get it."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest


def pdf_text(pdf: bytes, folder: Path) -> str:
    """The PDF's text as poppler's pdftotext reads it (poppler-utils, from install-system-deps.sh)."""
    if shutil.which("pdftotext") is None:
        if os.environ.get("CI"):
            pytest.fail("pdftotext not found (apt-get install poppler-utils)")
        pytest.skip("pdftotext not found (apt-get install poppler-utils)")
    path = folder / "comparison.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout  # fmt: skip
