"""The zone page's block for a harvested zone: its source, when it was last harvested, and fact by fact
whether the source gave it or another layer kept it (issue 21, item 4; `federation/zone_origins.py`).

Shown to everyone, like the zone's other sources: a reader weighs a fact by where it came from. Only the
secretariat gets the link to the source's runs (`/sources/{name}`), the page only it may open.
"""

from sezatlas.accounts.roles import Actor, may_administer
from sezatlas.federation.zone_origins import HarvestOrigin
from sezatlas.web.pages.facts import Reader, fact_specs
from sezatlas.web.pages.labels import N_
from sezatlas.web.pages.stewardship_words import ORIGIN_TITLES, moment_text

# The record's own columns, which the zone page shows under "Sources" rather than as facts.
_RECORD_LABELS = {"as_of": N_("As of"), "confidence": N_("Confidence"), "dataset": N_("Dataset"),
                  "notes": N_("Notes"), "source_urls": N_("Sources"), "source_citation": N_("Citation"),
                  "field_provenance": N_("Sources")}  # fmt: skip


def _label(column: str, reader: Reader) -> str:
    spec = fact_specs().get(column)
    if spec is not None:
        return reader.gettext(spec.label)
    return reader.gettext(_RECORD_LABELS.get(column, column))


def harvest_context(origin: HarvestOrigin | None, actor: Actor, reader: Reader) -> dict[str, object] | None:
    """What `_zone_harvest.html` shows; None for a zone no source has given (the block is left out)."""
    if origin is None:
        return None
    order = list(fact_specs())
    facts = sorted(origin.facts, key=lambda f: order.index(f.column) if f.column in order else len(order))
    from_source = list(dict.fromkeys(_label(f.column, reader) for f in facts if f.layer == "harvest"))
    default = ORIGIN_TITLES["import"]
    kept = [
        {"label": _label(f.column, reader), "layer": reader.gettext(ORIGIN_TITLES.get(f.layer, default)),
         "since": moment_text(f.since, reader.lang)}
        for f in facts if f.layer != "harvest"
    ]  # fmt: skip
    return {
        "source": origin.source,
        "source_url": f"/sources/{origin.source}" if may_administer(actor) else None,
        "organisation": origin.organisation,
        "licence": origin.licence,
        "last_harvested": moment_text(origin.last_harvested_at, reader.lang),
        "first_harvested": moment_text(origin.first_harvested_at, reader.lang),
        "removed": moment_text(origin.removed_at, reader.lang) if origin.removed_at else None,
        "from_source": from_source,
        "kept": kept,
    }
