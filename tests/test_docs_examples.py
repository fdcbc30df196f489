"""Every shell example of README.md and docs/*.md (its ```sh blocks) runs as written, and reads well.

A block runs as one bash script, after the blocks above it in the same document (a reader follows them
in order), in a scratch folder that holds the repository's `docs/` and `.venv`, so that
`. .venv/bin/activate` and `docs/examples/…` work as written; the database is a fresh one
(`SEZATLAS_DATABASE_URL`) filled by `sezatlas db init`, as `make run` leaves it. An HTML comment on the
line before a block says when it is not run that way:

    <!-- doc-examples: needs a server -->    the test starts `sezatlas serve` on a free port (the block's
                                             own `sezatlas serve …` first line, when it has one) and runs
                                             the rest with `127.0.0.1:8000` and `localhost:8000` pointed there
    <!-- doc-examples: not run: REASON -->   never run here; the reason is required

Beyond the exit status, the output is held to what a new user should see: no traceback and no warning
on stderr, no figure cut off by a table ("-8,014,0…"), no "(s)" and no "1 zones". curl runs with
`--fail-with-body` (a .curlrc in the scratch HOME), so an HTTP error fails the example as it fails a
reader (a raw `q=苏州…` in a URL is a 400).
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).parent.parent
DOCUMENTS = ["README.md", *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(r"^```sh\n(.*?)^```", re.MULTILINE | re.DOTALL)
MARKER = re.compile(r"<!--\s*doc-examples:\s*(?P<kind>needs a server|not run)(?::\s*(?P<reason>.*?))?\s*-->")
RUN, SERVER, NOT_RUN = "run", "needs a server", "not run"
SHELL_WORDS = {".", "source", "cd", "export"}  # first words that are the shell's own, not a tool

CUT_FIGURE = re.compile(r"\d[.,]?…")
WRONG_PLURAL = re.compile(
    r"\w\(s\)|(?<![\d.,])\b1 (zones|meetings|participants|problems|countries|rows|regimes|days|values)\b"
)


@dataclass(frozen=True)
class Example:
    document: str
    line: int  # the block's first line, for messages
    script: str
    kind: str
    reason: str = ""

    @property
    def where(self) -> str:
        return f"{self.document}:{self.line}"


def shell_examples(document: str) -> list[Example]:
    """The ```sh blocks of a document, each with what the comment before it says (run by default)."""
    text = (ROOT / document).read_text(encoding="utf-8")
    examples = []
    for block in BLOCK.finditer(text):
        before = text[: block.start()].rstrip("\n").rpartition("\n")[2]
        marker = MARKER.search(before)
        kind = marker["kind"] if marker else RUN
        reason = (marker["reason"] or "") if marker else ""
        line = text.count("\n", 0, block.start()) + 2
        examples.append(Example(document, line, block[1], kind, reason))
    return examples


def commands(script: str) -> list[list[str]]:
    """Each command of a script as words, continuation lines joined and comments dropped."""
    joined = script.replace("\\\n", " ")
    return [words for line in joined.splitlines() if (words := shlex.split(line, comments=True))]


def test_every_shell_example_runs_or_says_why_not() -> None:
    examples = [example for document in DOCUMENTS for example in shell_examples(document)]
    assert len([e for e in examples if e.document == "README.md"]) >= 4
    for example in examples:
        assert example.kind != NOT_RUN or len(example.reason) > 10, f"{example.where}: say why it is not run"
        assert commands(example.script), f"{example.where}: an empty block"
        serves = [i for i, words in enumerate(commands(example.script)) if words[:2] == ["sezatlas", "serve"]]
        if example.kind != NOT_RUN:  # it runs until stopped: only the server the test starts may say it
            assert serves in ([], [0]) and (not serves or example.kind == SERVER), f"{example.where}: serve"


def runnable_documents() -> list[str]:
    return [d for d in DOCUMENTS if any(e.kind != NOT_RUN for e in shell_examples(d))]


@pytest.mark.slow
@pytest.mark.parametrize("document", runnable_documents())
def test_the_shell_examples_run_as_written(document: str, tmp_path: Path) -> None:
    reader = Reader.in_scratch_folder(tmp_path)
    reader.run("sezatlas db init", "(setting up)")  # the database as `make run` leaves it
    missing: list[str] = []
    for example in shell_examples(document):
        if example.kind == NOT_RUN:
            continue
        tools = {words[0] for words in commands(example.script)} - SHELL_WORDS
        absent = sorted(tool for tool in tools if shutil.which(tool, path=reader.env["PATH"]) is None)
        if absent:
            missing.append(f"{example.where} needs {', '.join(absent)}")
            continue
        if example.kind == SERVER:
            reader.run_against_a_server(example)
        else:
            reader.run(example.script, example.where)
    if missing:
        pytest.skip("not installed here: " + "; ".join(missing))


@dataclass
class Reader:
    """A new user at a terminal: a scratch folder, a fresh database, the package's `.venv`."""

    folder: Path
    env: dict[str, str]

    @classmethod
    def in_scratch_folder(cls, tmp_path: Path) -> Reader:
        if sys.prefix == sys.base_prefix:
            pytest.skip("the examples activate .venv: run the tests from a virtual environment")
        folder, home = tmp_path / "checkout", tmp_path / "home"
        folder.mkdir()
        home.mkdir()
        (folder / "docs").symlink_to(ROOT / "docs")
        (folder / ".venv").symlink_to(sys.prefix)
        (home / ".curlrc").write_text("--fail-with-body\n--silent\n--show-error\n", encoding="utf-8")
        env = {
            **os.environ,
            "HOME": str(home),
            "PATH": f"{Path(sys.prefix) / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}",
            "PYTHONPATH": str(ROOT),  # the code of this tree, even where .venv installed another copy
            "SEZATLAS_DATABASE_URL": f"sqlite:///{tmp_path / 'examples.sqlite3'}",
            "COLUMNS": "80",  # tables must not cut figures in a narrow terminal either
        }
        return cls(folder, env)

    def run(self, script: str, where: str) -> None:
        named = f"trap 'echo \"{where}: this failed: $BASH_COMMAND\" >&2' ERR\n{script}"
        done = subprocess.run(
            ["bash", "-e", "-o", "pipefail", "-c", named],
            cwd=self.folder, env=self.env, capture_output=True, text=True, timeout=600, check=False,
        )  # fmt: skip
        assert done.returncode == 0, f"{done.stderr}\n(the end of stdout: {done.stdout[-500:]})"
        assert_reads_well(where, done.stdout, done.stderr)

    def run_against_a_server(self, example: Example) -> None:
        first, _, rest = example.script.partition("\n")
        serve = first if first.startswith("sezatlas serve") else None
        with self.server(serve) as port:
            script = rest if serve else example.script
            for before in ("127.0.0.1:8000", "localhost:8000"):
                script = script.replace(before, before.replace("8000", str(port)))
            self.run(script, example.where)

    @contextmanager
    def server(self, command: str | None) -> Iterator[int]:
        """`sezatlas serve` (the example's own line, its port replaced by a free one) until the block ends."""
        port = free_port()
        words = shlex.split(command or "sezatlas serve", comments=True)
        if "--port" in words:
            words[words.index("--port") + 1] = str(port)
        else:
            words += ["--port", str(port)]
        server = subprocess.Popen(words, cwd=self.folder, env=self.env, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True)  # fmt: skip
        try:
            wait_until_ready(port, server)
            yield port
        finally:
            server.terminate()
            _, stderr = server.communicate(timeout=30)
        assert "Traceback" not in stderr, stderr


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_ready(port: int, server: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"sezatlas serve stopped: {server.communicate()[1]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    pytest.fail("sezatlas serve did not answer within 60 s")


def assert_reads_well(where: str, stdout: str, stderr: str) -> None:
    """What a new user should never see; JSON lines (data with its own wording) are not judged."""
    assert "Traceback" not in stderr and "warning" not in stderr.lower(), f"{where}:\n{stderr}"
    for line in stdout.splitlines():
        if line.lstrip().startswith(("{", "[", '"')):
            continue
        assert not CUT_FIGURE.search(line), f"{where}: a figure is cut off: {line!r}"
        assert not WRONG_PLURAL.search(line), f"{where}: a wrong plural: {line!r}"
