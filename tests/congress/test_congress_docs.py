"""docs/congress.md stays true: its command walk-through runs, and it lists every key and endpoint."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sezatlas.cli import app
from sezatlas.congress.files.event_file import EVENT_FILE_KEYS
from sezatlas.web.congress_api import router

ROOT = Path(__file__).parents[2]
DOCS = (ROOT / "docs" / "congress.md").read_text(encoding="utf-8")


def walk_through() -> list[list[str]]:
    """The `$ sezatlas congress …` lines of the docs, in order, with the example paths made absolute."""
    commands = []
    for line in DOCS.splitlines():
        if line.startswith("$ sezatlas congress "):
            words = shlex.split(line.removeprefix("$ sezatlas "))
            commands.append([str(ROOT / w) if w.startswith("docs/") else w for w in words])
    return commands


def test_the_command_line_walk_through_runs_as_documented(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # the agenda files of the walk-through are written here
    database = ["--database-url", f"sqlite:///{tmp_path / 'walk.sqlite3'}"]
    commands = walk_through()
    assert len(commands) >= 10 and commands[0][1] == "import"
    for command in commands:
        result = CliRunner().invoke(app, [*command, *database])
        assert result.exit_code == 0, f"{' '.join(command)}\n{result.output}"
        first_line = result.output.splitlines()[0] if result.output else ""
        if command[1] in ("import", "request", "answer", "must-meet"):
            assert first_line in DOCS, first_line
    assert (tmp_path / "p10.ics").exists() and (tmp_path / "p10.pdf").exists()


def test_every_event_file_key_is_documented() -> None:
    for key in EVENT_FILE_KEYS:
        assert f"| `{key}` |" in DOCS, key


def test_every_endpoint_is_documented() -> None:
    for route in router.routes:
        for method in getattr(route, "methods", ()):
            assert f"| `{method} {getattr(route, 'path', '')}` |" in DOCS, route
