"""The user docs stay true to the code."""

from pathlib import Path

from sezatlas.standard.flat import flat_column_names

ROOT = Path(__file__).parent.parent


def test_the_import_column_table_documents_every_column() -> None:
    text = (ROOT / "docs" / "registry.md").read_text(encoding="utf-8")
    for name in flat_column_names():
        assert f"| `{name}` |" in text, name


def test_the_readme_opens_with_the_two_commands_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make run" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
