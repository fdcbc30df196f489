"""Migration 0021 creates exactly the offer tables of the models, and goes down and up again cleanly
(SQLite and PostgreSQL)."""

from alembic import command
from sqlalchemy import Engine, inspect

from sezatlas.store.database import alembic_config
from sezatlas.store.offers_tables import OfferInquiryRow, OfferRow, OfferSectorRow
from tests.schema_differences import schema_differences

TABLES = {OfferRow.__tablename__, OfferSectorRow.__tablename__, OfferInquiryRow.__tablename__}


def _offer_differences(engine: Engine) -> list[object]:
    with engine.connect() as connection:
        found = schema_differences(connection)
    return [d for d in found if any(table in repr(d) for table in TABLES)]


def test_migration_0021_makes_the_offer_tables_of_the_models_and_reverts(empty_engine: Engine) -> None:
    assert _offer_differences(empty_engine) == []
    command.downgrade(alembic_config(empty_engine), "0020")
    assert TABLES.isdisjoint(inspect(empty_engine).get_table_names())
    command.upgrade(alembic_config(empty_engine), "0021")
    assert set(inspect(empty_engine).get_table_names()) >= TABLES
    assert _offer_differences(empty_engine) == []
