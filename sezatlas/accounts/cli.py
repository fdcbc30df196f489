"""`sezatlas users …` and `sezatlas audit`: accounts and the audit trail from the server's command line.

Whoever runs these holds the database already, so the commands act as the secretariat
(`Actor.command_line()`); what they change is audited under that name like any other change.
"""

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from sezatlas.accounts.roles import Actor, Grant, Role
from sezatlas.cli_support import CommandError, CommandGroup, DatabaseOption, open_engine_migrating
from sezatlas.store.database import session_factory

users_app = typer.Typer(
    cls=CommandGroup, help="Accounts: people, their roles, API tokens.", no_args_is_help=True
)
console = Console()
PasswordOption = Annotated[
    str,
    typer.Option(prompt=True, confirmation_prompt=True, hide_input=True, envvar="SEZATLAS_NEW_PASSWORD",
                 help="At least 12 characters; asked for when not given (or SEZATLAS_NEW_PASSWORD)."),
]  # fmt: skip


def _grants(values: list[str]) -> tuple[Grant, ...]:
    grants = []
    for value in values:
        role, _, scope = value.partition(":")
        try:
            grants.append(Grant(Role(role), scope))
        except ValueError as error:
            roles = ", ".join(r.value for r in Role)
            raise CommandError(
                f"--role {value}: {error} (roles: {roles}; scoped ones as role:scope)", code=2
            ) from None
    return tuple(grants)


@users_app.command("create-admin")
def create_admin(
    email: Annotated[str, typer.Argument(help="The administrator's e-mail, used to log in.")],
    password: PasswordOption,
    name: Annotated[str, typer.Option(help="Display name.")] = "",
    database_url: DatabaseOption = None,
) -> None:
    """Create a secretariat account (every permission)."""
    add(email, password, name, ["secretariat"], database_url)


@users_app.command("add")
def add(
    email: Annotated[str, typer.Argument(help="E-mail, used to log in.")],
    password: PasswordOption,
    name: Annotated[str, typer.Option(help="Display name.")] = "",
    role: Annotated[
        list[str] | None,
        typer.Option("--role", help="investor, member, secretariat, organiser:EVENT, participant:EVENT/ID, "
                     "zone_operator:ZONE_ID; repeatable."),
    ] = None,
    database_url: DatabaseOption = None,
) -> None:  # fmt: skip
    """Create an account with its roles."""
    from sezatlas.accounts.actions import create_person

    grants = _grants(role or [])
    with session_factory(open_engine_migrating(database_url))() as session:
        person = create_person(session, Actor.command_line(), email, name, password, grants)
    console.print(f"Created {person.email} ({', '.join(str(g) for g in person.grants) or 'no role'}).")


@users_app.command("invite")
def invite(
    email: Annotated[str, typer.Argument(help="E-mail of the person invited; the link goes there.")],
    name: Annotated[str, typer.Option(help="Display name.")] = "",
    role: Annotated[
        list[str] | None,
        typer.Option("--role", help="As for `users add`; repeatable."),
    ] = None,
    lang: Annotated[str, typer.Option(help="Language of the letter: en, ru, zh, pt, ar.")] = "en",
    database_url: DatabaseOption = None,
) -> None:
    """Invite someone: an account with its roles and a link to choose a password, mailed when SMTP is
    configured (SEZATLAS_SMTP_*), otherwise printed here for you to pass on."""
    from sezatlas.accounts.invitations import invite_person
    from sezatlas.accounts.mail import MailSettings
    from sezatlas.web.i18n import LANGUAGES, translations

    if lang not in LANGUAGES:
        raise CommandError(f"--lang {lang}: one of {', '.join(LANGUAGES)}", code=2)
    grants = _grants(role or [])
    with session_factory(open_engine_migrating(database_url))() as session:
        mail, translate = MailSettings.configured(), translations(lang).gettext
        invitation = invite_person(session, Actor.command_line(), email, name, grants, mail=mail,
                                   translate=translate)  # fmt: skip
    if invitation.is_mailed:
        console.print(f"Invited {invitation.email}: the link to choose a password is mailed.")
        return
    console.print(f"Invited {invitation.email}. This server sends no mail: pass on this link (14 days):")
    typer.echo(invitation.link)


@users_app.command("list")
def list_command(database_url: DatabaseOption = None) -> None:
    """Every account with its roles."""
    from sezatlas.accounts.actions import list_people

    with session_factory(open_engine_migrating(database_url))() as session:
        people = list_people(session, Actor.command_line())
    table = Table("e-mail", "name", "roles", "active")
    for person in people:
        table.add_row(
            person.email,
            person.name,
            ", ".join(str(g) for g in person.grants),
            "yes" if person.is_active else "no",
        )
    console.print(table)


@users_app.command("disable")
def disable(email: str, database_url: DatabaseOption = None) -> None:
    """Disable an account: it cannot log in, and its sessions and API tokens stop working at once."""
    from sezatlas.accounts.actions import disable_person

    with session_factory(open_engine_migrating(database_url))() as session:
        disable_person(session, Actor.command_line(), email)
    console.print(f"Disabled {email}.")


@users_app.command("token")
def token(
    email: str,
    name: Annotated[str, typer.Option(help="What the token is for, shown in lists.")] = "api",
    database_url: DatabaseOption = None,
) -> None:
    """Issue an API token for the account (sent as `Authorization: Bearer …`); it is shown only now."""
    from sezatlas.accounts.actions import issue_api_token

    with session_factory(open_engine_migrating(database_url))() as session:
        issued = issue_api_token(session, Actor.command_line(), email, name)
    typer.echo(issued)


def audit(
    entity: Annotated[
        str | None, typer.Option(help="Only changes of this entity, e.g. person, meeting_request.")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, max=10_000, help="How many, newest first.")] = 50,
    database_url: DatabaseOption = None,
) -> None:
    """The audit trail: who changed what, when, from where, before and after (newest first)."""
    from sezatlas.accounts.audit import audit_trail

    with session_factory(open_engine_migrating(database_url))() as session:
        entries = audit_trail(session, Actor.command_line(), entity=entity, limit=limit)
    for e in entries:  # one line each, nothing cut: a trail is read for its details
        change = f" {_json(e.before)} → {_json(e.after)}" if e.before or e.after else ""
        where = f" from {e.ip}" if e.ip else ""
        typer.echo(f"{e.at:%Y-%m-%d %H:%M:%S}  {e.actor}: {e.action} {e.entity} {e.entity_id}{change}{where}")


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True) if value is not None else "—"


@users_app.command("export-data")
def export_data(
    email: str,
    output: Annotated[Path | None, typer.Option(help="Write the JSON here instead of printing it.")] = None,
    database_url: DatabaseOption = None,
) -> None:
    """Everything held about a person, as one JSON document (their request for a copy; docs/privacy.md)."""
    from sezatlas.accounts.personal_data import export_personal_data

    with session_factory(open_engine_migrating(database_url))() as session:
        document = export_personal_data(session, Actor.command_line(), email)
    text = json.dumps(document, ensure_ascii=False, indent=2)
    if output is None:
        typer.echo(text)
        return
    output.write_text(text + "\n", encoding="utf-8")
    console.print(f"Wrote the personal data of {email} to {output}.")


@users_app.command("erase")
def erase(
    email: str,
    yes: Annotated[bool, typer.Option("--yes", help="Erase without asking (it cannot be undone).")] = False,
    database_url: DatabaseOption = None,
) -> None:
    """Erase a person on their request: the account, their inquiries' contents, their profile; the public
    figures and the trail's record that things happened stay (docs/privacy.md)."""
    from sezatlas.accounts.personal_data import erase_personal_data

    if not yes:
        typer.confirm(f"Erase {email} for good? This cannot be undone", abort=True)
    with session_factory(open_engine_migrating(database_url))() as session:
        done = erase_personal_data(session, Actor.command_line(), email)
    console.print(
        f"Erased person {done.person_id}: {done.inquiries} inquiries' contents, {done.attachments} files, "
        f"{done.step_texts} step texts, {done.error_reports} error-report addresses, "
        f"{done.audit_entries} audit entries cleared."
    )
