"""The harmonized data standard: every other part of SEZ Atlas speaks these types."""

from sezatlas.standard.codes import Confidence, CoordinatePrecision, ZoneStatus, ZoneType
from sezatlas.standard.country import Country, OfficialCount
from sezatlas.standard.provenance import Provenance
from sezatlas.standard.schema import STANDARD_VERSION, standard_json_schema
from sezatlas.standard.zone import Zone

__all__ = [
    "STANDARD_VERSION",
    "Confidence",
    "CoordinatePrecision",
    "Country",
    "OfficialCount",
    "Provenance",
    "Zone",
    "ZoneStatus",
    "ZoneType",
    "standard_json_schema",
]
