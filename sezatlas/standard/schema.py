"""The published JSON Schema of the data standard, versioned so that consumers can pin to it."""

from typing import Any

from pydantic import BaseModel

from sezatlas.standard.country import Country, OfficialCount
from sezatlas.standard.passport import PASSPORT_VERSION, Passport
from sezatlas.standard.regime import RegimeRef
from sezatlas.standard.zone import Zone

# Bump the minor version for added optional fields, the major version for anything that breaks readers.
STANDARD_VERSION = "1.1.0"  # 1.1: parent_zone_id, possibly_same_as; Country.brics_*
SCHEMA_BASE_URI = "https://sezatlas.org/schema"

_MODELS: dict[str, type[BaseModel]] = {
    "Zone": Zone,
    "Country": Country,
    "OfficialCount": OfficialCount,
    "RegimeRef": RegimeRef,
    "Passport": Passport,  # an investment project passport (standard/passport.py, PASSPORT_VERSION)
}


def standard_json_schema() -> dict[str, Any]:
    """One JSON Schema document holding every record type of the standard under `$defs`."""
    defs: dict[str, Any] = {}
    for name, model in _MODELS.items():
        schema = model.model_json_schema(ref_template="#/$defs/{model}")
        defs.update(schema.pop("$defs", {}))
        defs[name] = schema
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_BASE_URI}/{STANDARD_VERSION}/sezatlas.json",
        "title": "SEZ Atlas data standard",
        "version": STANDARD_VERSION,
        "passport_version": PASSPORT_VERSION,  # the Passport record has its own (standard/passport.py)
        "description": "Harmonized records of preferential territories (SEZs, free zones, industrial parks, "
        "technoparks) with per-fact provenance. Unknown facts are null.",
        "$ref": "#/$defs/Zone",
        "$defs": defs,
    }


def passport_json_schema() -> dict[str, Any]:
    """The Passport record's JSON Schema on its own, under its own version (`PASSPORT_VERSION`): what a
    passport file is checked against, and what `GET /api/v1/passports/schema` serves."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_BASE_URI}/passport/{PASSPORT_VERSION}/passport.json",
        "version": PASSPORT_VERSION,
        **Passport.model_json_schema(),
    }
