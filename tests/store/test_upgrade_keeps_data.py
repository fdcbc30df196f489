"""A database from before accounts (revision 0005: the bundled zones and a Congress event with its
participants and requests) upgrades to the current schema without losing a row, on both back-ends."""

from alembic import command
from sqlalchemy import Engine, text

from sezatlas.congress.storage.schedules import load_congress
from sezatlas.store.database import alembic_config, session_factory, upgrade
from tests.web.browser.congress_example import EVENT_ID, import_example

ZONE_FACTS = text("SELECT zone_id, name_en, latitude, longitude, source_urls FROM zones ORDER BY zone_id")


def test_upgrading_from_before_accounts_keeps_every_zone_and_the_congress(registry_engine: Engine) -> None:
    import_example(registry_engine)
    with registry_engine.connect() as connection:
        zones = connection.execute(ZONE_FACTS).all()
    with session_factory(registry_engine)() as session:
        congress = load_congress(session, EVENT_ID)
    command.downgrade(alembic_config(registry_engine), "0005")  # as the database was before accounts
    with registry_engine.connect() as connection:
        kept = connection.execute(text("SELECT count(*) FROM zones")).scalar_one()
    assert kept == len(zones)
    upgrade(registry_engine)
    with registry_engine.connect() as connection:
        assert connection.execute(ZONE_FACTS).all() == zones
    with session_factory(registry_engine)() as session:
        again = load_congress(session, EVENT_ID)
    assert again == congress and len(again.participants) == 12 and len(again.requests) == 7
