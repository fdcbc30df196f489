"""How the command line reports a database that goes away while a command runs: one line, no traceback."""

import socket

import typer
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError
from typer.testing import CliRunner

from sezatlas.cli_support import CommandGroup


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def lost_connection() -> OperationalError:
    """A real driver error: PostgreSQL on a port where no server listens (as after a server stop)."""
    engine = create_engine(f"postgresql+psycopg://sezatlas:secret-value@127.0.0.1:{closed_port()}/x")
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 'row data that must not be printed'"))
    except OperationalError as error:
        return error
    raise AssertionError("expected the connection to fail")


def test_a_database_lost_mid_command_is_one_line_and_exit_code_1() -> None:
    app = typer.Typer(cls=CommandGroup)
    error = lost_connection()

    @app.command()
    def write() -> None:
        raise error

    @app.command()
    def other() -> None:  # two commands, so typer keeps the group (and its error handling)
        pass

    result = CliRunner().invoke(app, ["write"])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error: the database became unavailable during the command")
    assert "can be run again" in lines[0]
    assert "Traceback" not in result.output and "secret-value" not in result.output
