"""Before an inquiry is sent: the zones a send form offers, named, and only to someone who may send it.

The form is reached from a zone page, a comparison or a `/rank` shortlist with the zones in its address.
Asking for it is already the start of sending, so the rule is `send_inquiry`'s own (`may_send_inquiry`):
an anonymous visitor is sent to log in first, not shown a form they cannot send. Ids that name no zone of
the registry are left out here; `send_inquiry` checks again what is really sent.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from sezatlas.accounts.roles import Actor, may_send_inquiry, require
from sezatlas.inquiries.sending import MAX_ZONES
from sezatlas.store.zones import zone_names

OFFERED_MOST = 5 * MAX_ZONES  # a hand-made address could name thousands; a form of 50 boxes is plenty


@dataclass(frozen=True, slots=True)
class ZoneChoice:
    zone_id: str
    name: str


def inquiry_zones(session: Session, actor: Actor, zone_ids: Sequence[str]) -> list[ZoneChoice]:
    """A logged-in investor: the registry's zones among `zone_ids`, each once, in the order asked."""
    require(actor, may_send_inquiry(actor), "send an inquiry")
    wanted = list(dict.fromkeys(zone_id.strip().upper() for zone_id in zone_ids if zone_id.strip()))
    wanted = wanted[:OFFERED_MOST]
    names = {zone.zone_id: zone.name_en for zone in zone_names(session, wanted)}
    return [ZoneChoice(zone_id, names[zone_id]) for zone_id in wanted if zone_id in names]
