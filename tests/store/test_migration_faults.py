"""A schema upgrade is all or nothing on both back-ends: one that dies half-way (a crash, `kill -9`, a
full disk) leaves the database as it was, and the next upgrade completes.

On SQLite each DDL statement used to commit on its own: a first `sezatlas db init` killed during its
migrations left some tables and no version, and every later upgrade failed on "table … already exists".
"""

import pytest
from sqlalchemy import Engine, event, inspect

from sezatlas.store.database import has_schema, upgrade


class CrashError(Exception):
    """Stands for the process dying at this statement: what it began is never committed."""


def test_an_upgrade_that_dies_half_way_leaves_no_table_and_the_next_one_completes(
    blank_engine: Engine,
) -> None:
    made: list[str] = []

    def die_at_the_fourth_table(_connection: object, _cursor: object, statement: str, *_: object) -> None:
        if statement.lstrip().upper().startswith("CREATE TABLE"):
            made.append(statement)
            if len(made) == 4:
                raise CrashError

    event.listen(blank_engine, "before_cursor_execute", die_at_the_fourth_table)
    with pytest.raises(CrashError):
        upgrade(blank_engine)
    event.remove(blank_engine, "before_cursor_execute", die_at_the_fourth_table)
    blank_engine.dispose()

    assert inspect(blank_engine).get_table_names() == []
    upgrade(blank_engine)
    assert has_schema(blank_engine)
