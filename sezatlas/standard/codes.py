"""Code lists of the data standard.

Each code list is a closed vocabulary so that zones from different national systems can be filtered and
counted on one basis. The original national wording is never thrown away: records keep it beside the code
(`zone_type_label`, `status_detail`).
"""

from enum import StrEnum


class ZoneType(StrEnum):
    """The kind of preferential territory, harmonized across national typologies."""

    SEZ = "sez"
    FREE_ZONE = "free_zone"
    FREE_TRADE_ZONE = "free_trade_zone"
    EXPORT_PROCESSING_ZONE = "export_processing_zone"
    INDUSTRIAL_PARK = "industrial_park"
    TECHNOPARK = "technopark"
    TERRITORY_OF_ADVANCED_DEVELOPMENT = "territory_of_advanced_development"
    CLUSTER = "cluster"
    ETDZ = "etdz"
    HIGH_TECH_ZONE = "high_tech_zone"


ZONE_TYPE_TITLES: dict[ZoneType, str] = {
    ZoneType.SEZ: "Special economic zone",
    ZoneType.FREE_ZONE: "Free zone",
    ZoneType.FREE_TRADE_ZONE: "Free trade zone",
    ZoneType.EXPORT_PROCESSING_ZONE: "Export processing zone",
    ZoneType.INDUSTRIAL_PARK: "Industrial park",
    ZoneType.TECHNOPARK: "Technopark",
    ZoneType.TERRITORY_OF_ADVANCED_DEVELOPMENT: "Territory of advanced development",
    ZoneType.CLUSTER: "Cluster",
    ZoneType.ETDZ: "Economic and technological development zone",
    ZoneType.HIGH_TECH_ZONE: "High-tech industrial development zone",
}


class ZoneStatus(StrEnum):
    """Life-cycle stage of a zone. Unknown is represented by null, never by a code."""

    PROPOSED = "proposed"
    APPROVED = "approved"
    UNDER_DEVELOPMENT = "under_development"
    OPERATIONAL = "operational"
    INACTIVE = "inactive"
    CLOSED = "closed"


class Confidence(StrEnum):
    """How far a fact can be relied on.

    high: confirmed by two independent sources; medium: stated by a cited source; low: a single weak
    source, or sources in conflict; unverified: entered without a source check.
    """

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    UNVERIFIED = "unverified"


class CoordinatePrecision(StrEnum):
    """Whether a zone's point is on the site or only near it (e.g. the nearest town's centroid)."""

    SITE = "site"
    APPROXIMATE = "approximate"
