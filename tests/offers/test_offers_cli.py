"""Offers from the command line: the public list with its filters, and withdrawal by the secretariat."""

from pathlib import Path

from typer.testing import CliRunner

from sezatlas.accounts.roles import Grant, Role
from sezatlas.cli import app
from sezatlas.offers.actions import publish_offer
from sezatlas.registry.importer import import_file
from sezatlas.store.database import make_engine, session_factory, upgrade
from tests.offers.people import organisation, person
from tests.offers.test_offers import BATTERY_CELLS

runner = CliRunner()
WIDE = {"COLUMNS": "200"}


def offers(url: str, *words: str) -> tuple[int, str]:
    result = runner.invoke(app, ["offers", *words, "--database-url", url], env=WIDE)
    return result.exit_code, result.output


def test_list_filters_and_the_secretariat_withdraws(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'offers.sqlite3'}"
    engine = make_engine(url)
    upgrade(engine)
    zones = tmp_path / "zones.csv"
    header = "zone_id,country_iso3,name_en,zone_type,source_urls,as_of"
    zones.write_text(
        f"{header}\nRUS-001,RUS,Alabuga SEZ,sez,https://alabuga.ru/en/,2026-11\n", encoding="utf-8"
    )
    import_file(engine, zones)
    with session_factory(engine)() as session:
        keeper = organisation(session, "JSC SEZ Alabuga", "RUS", "RUS-001")
        member = person(session, "member@alabuga.example", keeper, Grant(Role.MEMBER))
        offer_id = publish_offer(session, member, BATTERY_CELLS)
    engine.dispose()

    code, listed = offers(url, "list", "--isic", "27")
    assert code == 0 and "LFP battery cells" in listed and "2,000,000 cells/year" in listed
    assert "LFP" not in offers(url, "list", "--kind", "need")[1]
    assert offers(url, "list", "--isic", "C")[0] == 2  # a section: a usage error
    assert offers(url, "withdraw", str(offer_id)) == (0, f"Offer {offer_id} withdrawn.\n")
    assert "LFP" not in offers(url, "list")[1]
    assert offers(url, "withdraw", "999")[0] == 1
