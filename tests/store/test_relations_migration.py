"""Migration 0007 on a database made before it: each country gets its relation to BRICS."""

from alembic import command
from sqlalchemy import Engine, text

from sezatlas.registry.bootstrap import init_database
from sezatlas.store.database import alembic_config, upgrade

BEFORE = [("SAU", "SA", "682", True), ("KAZ", "KZ", "398", False), ("BRA", "BR", "076", True),
          ("LKA", "LK", "144", False)]  # fmt: skip
INSERT = text(
    "INSERT INTO countries (iso3, iso2, numeric, name, is_brics_member) "
    "VALUES (:iso3, :iso2, :num, :name, :member)"
)


def test_an_existing_database_learns_each_countrys_relation_and_saudi_arabia_stops_being_a_member(
    blank_engine: Engine,
) -> None:
    command.upgrade(alembic_config(blank_engine), "0006")
    with blank_engine.begin() as connection:
        for iso3, iso2, numeric, is_member in BEFORE:
            connection.execute(
                INSERT, {"iso3": iso3, "iso2": iso2, "num": numeric, "name": iso3, "member": is_member}
            )
    upgrade(blank_engine)
    with blank_engine.connect() as connection:
        rows = connection.execute(
            text("SELECT iso3, is_brics_member, brics_relation, brics_since FROM countries ORDER BY iso3")
        ).all()
        zone_columns = connection.execute(text("SELECT parent_zone_id, possibly_same_as FROM zones")).all()
    assert [tuple(row) for row in rows] == [
        ("BRA", True, "member", "2006"),
        ("KAZ", False, "partner", "2025-01-01"),
        ("LKA", False, None, None),
        ("SAU", False, "invited", "2023-08-24"),
    ]
    assert zone_columns == []


def test_loading_the_bundled_data_again_refreshes_each_countrys_relation(registry_engine: Engine) -> None:
    with registry_engine.begin() as connection:  # as a database loaded before the membership file
        connection.execute(text("UPDATE countries SET brics_relation = NULL, brics_since = NULL"))
    init_database(registry_engine)
    with registry_engine.connect() as connection:
        kaz = connection.execute(text("SELECT brics_relation FROM countries WHERE iso3 = 'KAZ'")).scalar()
    assert kaz == "partner"
