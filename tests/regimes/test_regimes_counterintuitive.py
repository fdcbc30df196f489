"""docs/incentives.md, "When an incentive raises the tax": its examples run as written, and every figure
its text quotes is one they print.

The section's ```pycon blocks are doctests run in order with shared names (a reader runs them the same
way, from the repository's root); the engine computes every output line, so a change in the engine or in
the docs that makes them disagree fails here, naming the example.
"""

import doctest
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
DOCS = (ROOT / "docs" / "incentives.md").read_text(encoding="utf-8")
TITLE = "## When an incentive raises the tax"
BLOCK = re.compile(r"^```pycon\n(.*?)^```", re.MULTILINE | re.DOTALL)
DECIMAL_FIGURE = re.compile(r"(?<![§\w.])\d[\d,]*\.\d+")  # 46.6, 1,000.5; not §1.5 or a version


def section() -> tuple[str, int]:
    """The section's text and the line of the docs it starts on (0-based, as doctest counts)."""
    start = DOCS.index(TITLE)
    end = DOCS.find("\n## ", start + len(TITLE))
    return DOCS[start : end if end >= 0 else None], DOCS.count("\n", 0, start)


def run_examples(text: str, first_line: int = 0) -> list[str]:
    """Each block's examples, in order, sharing their names; the failures as doctest reports them."""
    parser, names = doctest.DocTestParser(), {"__name__": "docs_incentives"}
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    failures: list[str] = []
    for block in BLOCK.finditer(text):
        line = first_line + text.count("\n", 0, block.start(1))
        test = parser.get_doctest(block[1], names, TITLE[3:], "docs/incentives.md", line)
        runner.run(test, out=failures.append, clear_globs=False)
        names = test.globs  # the next block sees what this one defined
    return failures


def test_the_section_has_an_example_for_each_case() -> None:
    text, _ = section()
    for case in ("raise the METR", "forfeited in a holiday raise the AETR", "timing conventions"):
        heading = next(line for line in text.splitlines() if line.startswith("### ") and case in line)
        assert "```pycon" in text.split(heading)[1].split("\n### ")[0], heading


def test_the_examples_print_what_the_docs_show(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the examples read docs/examples/… as a reader at the root does
    failures = run_examples(*section())
    assert not failures, "\n".join(failures)


def test_every_figure_in_the_text_is_printed_by_an_example() -> None:
    text, _ = section()
    printed = "\n".join(BLOCK.findall(text))
    prose = BLOCK.sub("", text)
    quoted = {figure.replace(",", "") for figure in DECIMAL_FIGURE.findall(prose)}
    assert quoted, "the section quotes no figure"
    missing = sorted(f for f in quoted if not re.search(rf"(?<![\d.]){re.escape(f)}(?![\d])", printed))
    assert not missing, f"quoted in the text but printed by no example: {missing}"


def test_a_changed_output_fails_the_examples(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    text, _ = section()
    changed = text.replace("AETR 63.4%", "AETR 58.6%", 1)
    assert changed != text and run_examples(changed)
