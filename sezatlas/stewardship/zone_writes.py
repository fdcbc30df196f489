"""Writing reviewed facts into a zone: the zone row, its version, and which layer now holds each fact.

The one write path of the stewardship use cases (approvals, a bundled release let through, reverts), so
that no change to a zone's facts can skip its version or its layer mark (`versions.py`,
`store/fact_origins.py`). The caller holds the writer's lock and commits.
"""

from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from sezatlas.accounts.roles import Actor
from sezatlas.standard.flat import JSON_COLUMNS, flat_to_nested, zone_to_flat
from sezatlas.standard.provenance import Provenance
from sezatlas.standard.zone import Zone
from sezatlas.stewardship.versions import Layer, VersionedWrite, changed_columns, record_versions
from sezatlas.store.fact_origins import forget_user_columns, set_fact_layer
from sezatlas.store.zones import upsert_zones

# The layer a fact's mark in `zone_fact_origins` records, per version layer (bundled: no mark at all).
_FACT_LAYER = {Layer.OPERATOR: "operator", Layer.REVERT: "secretariat", Layer.IMPORT: "import",
               Layer.HARVEST: "harvest"}  # fmt: skip


def write_facts(
    session: Session,
    actor: Actor,
    stored: Zone,
    values: Mapping[str, Any],
    provenance: Provenance | None,
    *,
    layer: Layer,
    source: str | None,
    change_id: int | None = None,
) -> int:
    """Set `values` (flat column → value) on the stored zone, each filled one sourced by `provenance` and
    each cleared one losing its own source; returns the version number written."""
    before = zone_to_flat(stored)
    sources = dict(stored.field_provenance)
    for name, value in values.items():
        if value is None or provenance is None:
            sources.pop(name, None)
        else:
            sources[name] = provenance
    nested = flat_to_nested({**before, **values})
    zone = Zone.model_validate(nested).model_copy(update={"field_provenance": dict(sorted(sources.items()))})
    return write_zone(session, actor, stored, zone, layer=layer, source=source, change_id=change_id)


def write_zone(
    session: Session,
    actor: Actor,
    stored: Zone,
    zone: Zone,
    *,
    layer: Layer,
    source: str | None,
    change_id: int | None = None,
) -> int:
    """Replace the stored zone by `zone`, with its version and layer marks; returns the version number."""
    write = VersionedWrite(zone_to_flat(stored), zone_to_flat(zone))
    numbers = record_versions(
        session, {zone.zone_id: write}, layer=layer, actor=actor, source=source, change_id=change_id
    )
    upsert_zones(session, [zone])
    changed = [name for name in changed_columns(write.before, write.after) if name not in JSON_COLUMNS]
    if layer in _FACT_LAYER:
        set_fact_layer(session, zone.zone_id, changed, _FACT_LAYER[layer])
    elif layer is Layer.BUNDLED:
        forget_user_columns(session, zone.zone_id, changed)
    return numbers.get(zone.zone_id, 0)
