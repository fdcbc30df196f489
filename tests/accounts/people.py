"""Test helper: an account with given roles, logged in on a test client (its cookie kept by the client)."""

import itertools

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from sezatlas.accounts.actions import create_person
from sezatlas.accounts.roles import Actor, Grant
from sezatlas.store.database import session_factory

PASSWORD = "correct horse battery staple"
_numbers = itertools.count(1)


def account(engine: Engine, *grants: Grant) -> str:
    """A new account holding `grants`; returns its e-mail."""
    email = f"person{next(_numbers)}@example.org"
    with session_factory(engine)() as session:
        create_person(session, Actor.command_line(), email, email.split("@", maxsplit=1)[0], PASSWORD, grants)
    return email


def log_in_as(client: TestClient, engine: Engine, *grants: Grant) -> TestClient:
    """The client, now logged in as a new person holding `grants` (an empty tuple: no role at all)."""
    response = client.post("/api/v1/session", json={"email": account(engine, *grants), "password": PASSWORD})
    assert response.status_code == 200, response.text
    return client
