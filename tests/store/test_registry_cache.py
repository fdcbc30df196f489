"""A value read from the whole registry is built once per registry version and database, then shared."""

from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from sezatlas.store.database import make_engine, transaction, upgrade
from sezatlas.store.registry_cache import PerRegistryVersion
from sezatlas.store.zones import bump_version


@pytest.mark.parametrize("empty_engine", ["sqlite"], indirect=True)
def test_the_value_is_rebuilt_when_the_registry_changes_and_only_then(
    empty_engine: Engine, tmp_path: Path
) -> None:
    builds: list[str] = []

    def build(session: Session) -> int:
        builds.append(str(session.get_bind().engine.url))
        return len(builds)

    cache = PerRegistryVersion(build)
    with transaction(empty_engine) as session:
        assert cache.get(session) == 1 and cache.get(session) == 1  # read twice, built once
    with transaction(empty_engine) as session:
        bump_version(session)
    with transaction(empty_engine) as session:
        assert cache.get(session) == 2
    other = make_engine(f"sqlite:///{tmp_path / 'other.sqlite3'}")
    upgrade(other)
    with transaction(other) as session:
        bump_version(session)
    with transaction(other) as session:  # the same version number, another database: not its value
        assert cache.get(session) == 3
    other.dispose()
