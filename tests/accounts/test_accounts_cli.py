"""`sezatlas users …` and `sezatlas audit` on a fresh database: create, invite, list, token, disable, read."""

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from typer.testing import CliRunner

from sezatlas.accounts.actions import log_in
from sezatlas.accounts.invitations import accept_invitation
from sezatlas.accounts.roles import Role
from sezatlas.cli import app
from sezatlas.store.database import make_engine, session_factory
from tests.accounts.mailbox import catching_mail

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


def test_without_smtp_an_invitation_prints_the_link_that_lets_the_person_choose_a_password(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'accounts.sqlite3'}"
    result = runner.invoke(app, ["users", "invite", "zoe@example.org", "--name", "Zoe", "--role", "member",
                                 "--database-url", url], env={"SEZATLAS_SMTP_HOST": ""})  # fmt: skip
    assert result.exit_code == 0, result.output + result.stderr
    link = result.output.strip().splitlines()[-1]
    assert "sends no mail" in result.output and link.startswith("http://127.0.0.1:8000/invitation?token=")
    with session_factory(make_engine(url))() as session:
        accept_invitation(session, parse_qs(urlsplit(link).query)["token"][0], PASSWORD)
        _token, actor = log_in(session, "zoe@example.org", PASSWORD)
    assert actor.has(Role.MEMBER)
    assert "invite person" in run(url, "audit")


def test_with_smtp_an_invitation_is_mailed_not_printed(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'accounts.sqlite3'}"
    with catching_mail() as mailbox:
        output = run(url, "users", "invite", "zoe@example.org", "--lang", "zh")
    assert "token=" not in output and "mailed" in output
    (letter,) = mailbox.to("zoe@example.org")
    assert letter["Subject"] == "邀请您加入 SEZ Atlas"


def test_a_persons_data_is_exported_then_erased_on_request(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'accounts.sqlite3'}"
    run(url, "users", "add", "quill@example.org", "--name", "Quillfeather", "--role", "investor")
    exported = tmp_path / "quill.json"
    run(url, "users", "export-data", "quill@example.org", "--output", str(exported))
    assert '"email": "quill@example.org"' in exported.read_text(encoding="utf-8")
    assert "Erased person" in run(url, "users", "erase", "quill@example.org", "--yes")
    assert "quill" not in run(url, "users", "list").lower()
    missing = runner.invoke(app, ["users", "export-data", "quill@example.org", "--database-url", url])
    assert missing.exit_code == 1 and "no account with the address quill@example.org" in missing.stderr
