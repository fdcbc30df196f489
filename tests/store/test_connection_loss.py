"""Connections the database server drops (a restart, an administrator ending sessions) cost no more than
the query that was running: closing the session does not fail, and the next one gets a live connection.
"""

import pytest
from sqlalchemy import Engine, text

from sezatlas.store.database import close_session, make_engine, session_factory, transaction


def end_server_session(engine: Engine, pid: int) -> None:
    """What a restart does to each connection: the server ends it (`AdminShutdown`), and the session is
    gone before the server is back."""
    with engine.connect() as connection:
        connection.execute(text("SELECT pg_terminate_backend(:pid, 5000)"), {"pid": pid})


@pytest.mark.postgres
@pytest.mark.parametrize("empty_engine", ["postgresql"], indirect=True)
def test_closing_a_session_whose_connection_the_server_ended_does_not_fail(empty_engine: Engine) -> None:
    session = session_factory(empty_engine)()
    pid = session.scalar(text("SELECT pg_backend_pid()"))  # a read, as a request makes; then a restart
    end_server_session(empty_engine, int(pid or 0))
    close_session(session)  # rolls back on the dead connection: AdminShutdown, now discarded
    with transaction(empty_engine) as again:
        assert again.scalar(text("SELECT 1")) == 1


@pytest.mark.postgres
@pytest.mark.parametrize("empty_engine", ["postgresql"], indirect=True)
def test_a_pooled_connection_the_server_ended_is_replaced_at_checkout(empty_engine: Engine) -> None:
    engine = make_engine(empty_engine.url.render_as_string(hide_password=False), connections=1)
    with engine.connect() as connection:
        pid = int(connection.scalar(text("SELECT pg_backend_pid()")) or 0)
    end_server_session(empty_engine, pid)  # the one pooled connection is now dead
    with transaction(engine) as session:  # the hung-up socket is seen at checkout, and connected anew
        assert session.scalar(text("SELECT pg_backend_pid()")) != pid
    engine.dispose()
