"""What the zone page adds for the people who keep a zone current (issue 16): where each fact came from,
when the operator last confirmed the facts, the operator's links (edit, confirm), the history link, and
the visitors' "report an error" form.

The routes (`POST /zones/{id}/confirm`, `POST /zones/{id}/report-error`) are in `zone_page.py`, which
renders the page again when a report is refused.
"""

from collections.abc import Iterable
from typing import Any

from sqlalchemy.orm import Session

from sezatlas.accounts.roles import Actor, may_keep_zone
from sezatlas.registry.logistics import is_computed
from sezatlas.standard.zone import Zone
from sezatlas.stewardship.freshness import last_confirmed
from sezatlas.store.fact_origins import fact_layers
from sezatlas.web.pages.labels import N_
from sezatlas.web.pages.rendering import PageContext
from sezatlas.web.pages.stewardship_words import ORIGIN_TITLES, moment_text

# `?notice=` on the zone page after a POST (Post/Redirect/Get): the key → the sentence shown.
NOTICES = {
    "sent": N_("Sent for review: the secretariat checks the change before it is published."),
    "confirmed": N_("Thank you: the facts are confirmed as they stand today."),
    "reported": N_("Thank you: your report was sent to the zone's operator and the secretariat."),
}
TOO_MANY_REPORTS = N_("Too many reports from this address in the last hour. Try again later.")
BAD_REPORT = N_("Describe the error in 10 to 4,000 characters; the e-mail address is optional.")


def fact_origins(
    zone: Zone, layers: dict[str, str], computed: Iterable[str], reader: PageContext
) -> dict[str, str]:
    """Each shown fact's origin, translated: operator-confirmed, secretariat import, computed (the rest:
    public source, the template's default)."""
    _ = reader.gettext
    default, computed_title = ORIGIN_TITLES["import"], ORIGIN_TITLES["computed"]
    origins = {column: _(ORIGIN_TITLES.get(layer, default)) for column, layer in layers.items()}
    for column, provenance in zone.field_provenance.items():
        if is_computed(provenance) and column not in layers:
            origins[column] = _(computed_title)
    for column in computed:
        origins.setdefault(column, _(computed_title))
    return origins


def keeping_context(session: Session, actor: Actor, zone: Zone, computed: Iterable[str],
                    reader: PageContext, notice: str | None = None) -> dict[str, Any]:  # fmt: skip
    """The zone page's values for origins, freshness, the operator's links and the report form."""
    layers = fact_layers(session, zone.zone_id)
    public_source = ORIGIN_TITLES["bundled"]
    confirmation = last_confirmed(session, [zone.zone_id]).get(zone.zone_id)
    return {
        "origins": fact_origins(zone, layers, computed, reader),
        "origin_default": reader.gettext(public_source),
        "confirmed_at": moment_text(confirmation.at, reader.lang) if confirmation else None,
        "may_keep": may_keep_zone(actor, zone.zone_id),
        "notice": reader.gettext(NOTICES[notice]) if notice in NOTICES else None,
        "report": {"message": "", "email": "", "problem": None},
    }
