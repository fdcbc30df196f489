"""Which registered source a harvested zone came from, and which of its facts that source gave.

A harvested zone's facts do not all come from its source: an operator's approved change or a
secretariat's import wins over a harvest (`harvest.PROTECTED_LAYERS`), and a fact the source never gave
stays as the bundled data had it. The zone page (issue 21, item 4) shows that fact by fact, read from
the marks the harvest leaves in `zone_fact_origins` and the zone's row in `harvested_zones`.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from sezatlas.accounts.organisations import operator_names
from sezatlas.store.federation_tables import HarvestedZoneRow, SourceRow
from sezatlas.store.models import ZoneFactOriginRow


@dataclass(frozen=True, slots=True)
class FactOrigin:
    column: str  # the standard's flat column
    layer: str  # "harvest", "operator", "import" or "secretariat" (`stewardship.versions.Layer`)
    since: datetime


@dataclass(frozen=True, slots=True)
class HarvestOrigin:
    source: str
    kind: str
    organisation: str | None
    licence: str
    location: str
    first_harvested_at: datetime
    last_harvested_at: datetime
    removed_at: datetime | None  # the source no longer has the zone ("removed at source", never deleted)
    facts: list[FactOrigin]  # in the standard's column order; facts with no mark are the bundled data's

    @property
    def harvested_columns(self) -> list[str]:
        return [fact.column for fact in self.facts if fact.layer == "harvest"]


def zone_harvest_origin(session: Session, zone_id: str) -> HarvestOrigin | None:
    """The zone's source and its facts' origins; None for a zone no source has given."""
    found = session.execute(
        select(HarvestedZoneRow, SourceRow)
        .join(SourceRow, SourceRow.source_id == HarvestedZoneRow.source_id)
        .where(HarvestedZoneRow.zone_id == zone_id)
    ).first()
    if found is None:
        return None
    harvested, source = found
    marks = session.scalars(select(ZoneFactOriginRow).where(ZoneFactOriginRow.zone_id == zone_id))
    facts = [FactOrigin(mark.column, mark.layer, mark.since) for mark in marks]
    return HarvestOrigin(
        source=source.name,
        kind=source.kind,
        organisation=operator_names(session, [source.organisation_id]).get(source.organisation_id),
        licence=source.licence,
        location=source.location,
        first_harvested_at=harvested.first_harvested_at,
        last_harvested_at=harvested.last_harvested_at,
        removed_at=harvested.removed_at,
        facts=facts,
    )
