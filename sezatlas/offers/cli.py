"""`sezatlas offers list|withdraw`: cooperation offers from the server's command line (issue 19, item 5).

`list` prints what `GET /api/v1/offers` lists (published offers within their validity); `withdraw` acts as
the secretariat (`Actor.command_line()`, audited under that name) and calls the same use case as the API.
"""

from typing import Annotated

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.table import Table

from sezatlas.accounts.roles import Actor
from sezatlas.cli_support import USAGE, CommandError, CommandGroup, DatabaseOption, open_engine_migrating
from sezatlas.offers.actions import withdraw_offer
from sezatlas.offers.model import Offer, OfferKind, validation_message
from sezatlas.offers.reading import OfferQuery, find_offers
from sezatlas.standard.plurals import counted
from sezatlas.store.database import session_factory

offers_app = typer.Typer(
    cls=CommandGroup,
    help="Cooperation offers between members: list the published ones, withdraw one (as the secretariat).",
    no_args_is_help=True,
)
console = Console()
UNKNOWN = "—"


def _volume(offer: Offer) -> str:
    return UNKNOWN if offer.volume is None else f"{offer.volume:,.15g} {offer.volume_unit}"


def _table(offers: list[Offer], total: int) -> Table:
    table = Table(caption=f"{counted(total, 'offer')} published; the newest {len(offers)} shown")
    for column in ("id", "kind", "ISIC", "HS", "title", "volume", "zone", "organisation", "valid until"):
        table.add_column(column)
    for offer in offers:
        table.add_row(
            str(offer.offer_id), offer.kind.value, ", ".join(offer.isic_classes), offer.hs_code or UNKNOWN,
            offer.title, _volume(offer), offer.zone_id or UNKNOWN, offer.organisation_name,
            offer.valid_until.isoformat() if offer.valid_until else UNKNOWN,
        )  # fmt: skip
    return table


@offers_app.command("list")
def list_command(
    kind: Annotated[OfferKind | None, typer.Option(help="make, need or capacity.")] = None,
    isic: Annotated[
        str | None, typer.Option(help="ISIC Rev.4 code: offers of it or anything under it.")
    ] = None,
    zone: Annotated[str | None, typer.Option(help="A zone id (RUS-001).")] = None,
    limit: Annotated[int, typer.Option(min=1, max=500)] = 50,
    database_url: DatabaseOption = None,
) -> None:
    """Published offers within their validity, newest first."""
    try:
        query = OfferQuery(kind=kind, isic=isic, zone=zone, limit=limit)
    except ValidationError as error:
        raise CommandError(f"--{validation_message(error)}", code=USAGE) from None
    with session_factory(open_engine_migrating(database_url))() as session:
        page = find_offers(session, query)
    console.print(_table(page.offers, page.total))


@offers_app.command("withdraw")
def withdraw_command(
    offer_id: Annotated[int, typer.Argument(min=1, max=2**31 - 1, help="The offer's id.")],
    database_url: DatabaseOption = None,
) -> None:
    """Take an offer down as the secretariat (moderation); the audit trail keeps it."""
    with session_factory(open_engine_migrating(database_url))() as session:
        withdraw_offer(session, Actor.command_line(), offer_id)
    console.print(f"Offer {offer_id} withdrawn.")
