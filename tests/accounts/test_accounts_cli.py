"""`sezatlas users …` and `sezatlas audit` on a fresh database: create, list, token, disable, read."""

from pathlib import Path

from typer.testing import CliRunner

from sezatlas.cli import app

runner = CliRunner()
PASSWORD = "correct horse battery staple"


def run(database_url: str, *args: str) -> str:
    result = runner.invoke(
        app, [*args, "--database-url", database_url], env={"SEZATLAS_NEW_PASSWORD": PASSWORD}
    )
    assert result.exit_code == 0, result.output + result.stderr
    return result.output


def test_an_administrator_is_created_listed_given_a_token_disabled_and_all_of_it_audited(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'accounts.sqlite3'}"
    assert "Created admin@example.org (secretariat)" in run(url, "users", "create-admin", "admin@example.org")
    run(url, "users", "add", "olga@example.org", "--name", "Olga", "--role", "organiser:itc-2027")
    listed = run(url, "users", "list")
    assert "olga@example.org" in listed and "organiser:itc-2027" in listed
    assert run(url, "users", "token", "olga@example.org").startswith("sza_")
    run(url, "users", "disable", "olga@example.org")
    trail = run(url, "audit")
    assert trail.count("command line") >= 4 and "disable" in trail and "api_token" in trail


def test_a_bad_role_is_a_usage_error_naming_the_roles(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'accounts.sqlite3'}"
    result = runner.invoke(app, ["users", "add", "x@example.org", "--role", "king", "--database-url", url],
                           env={"SEZATLAS_NEW_PASSWORD": PASSWORD})  # fmt: skip
    assert result.exit_code == 2 and "roles: investor" in result.stderr
