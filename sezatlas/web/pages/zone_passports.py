"""The zone page's "Investment passports" (issue 17, item 4): the zone's published passports, newest first,
and for whoever may offer one in the zone (its operators, development institutions, the secretariat) the
link to write one (`_zone_passports.html`)."""

from typing import Any
from urllib.parse import urlencode

from sqlalchemy.orm import Session

from sezatlas.accounts.roles import Actor
from sezatlas.passports.authoring import may_offer
from sezatlas.passports.catalogue import PassportQuery, find_passports
from sezatlas.web.pages.facts import Reader
from sezatlas.web.pages.passport_view import capex_text
from sezatlas.web.pages.passport_words import STAGE_TITLES

SHOWN = 5


def zone_passports(session: Session, actor: Actor, zone_id: str, reader: Reader) -> dict[str, Any]:
    page = find_passports(session, PassportQuery(zone_id=zone_id, limit=SHOWN))
    items = [
        {"id": hit.passport_id, "title": hit.passport.title, "capex": capex_text(hit.passport, reader),
         "stage": reader.gettext(STAGE_TITLES[hit.passport.stage])}
        for hit in page.passports
    ]  # fmt: skip
    return {
        "shown": items,
        "more": page.total > len(items),
        "all_url": "/passports?" + urlencode({"zone_id": zone_id}),
        "may_offer": actor.is_authenticated and may_offer(session, actor, zone_id),
        "offer_url": "/passports/new?" + urlencode({"zone": zone_id}),
    }
