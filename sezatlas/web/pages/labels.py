"""Words the pages show for codes (zone types, statuses, precision) and the colour of each zone type.

Titles are marked with `N_` so that `pybabel extract -k N_` finds them, and translated when a page is
rendered, in the reader's language. The colours are the Okabe–Ito palette (distinguishable with the
common colour-vision deficiencies) plus two, one per zone type, shared by the map and its legend.
"""

from sezatlas.standard.codes import Confidence, CoordinatePrecision, ZoneStatus, ZoneType


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "mark, translate later"
    """Mark a string for extraction without translating it here."""
    return message


ZONE_TYPE_TITLES: dict[str, str] = {
    ZoneType.SEZ: N_("Special economic zone"),
    ZoneType.FREE_ZONE: N_("Free zone"),
    ZoneType.FREE_TRADE_ZONE: N_("Free trade zone"),
    ZoneType.EXPORT_PROCESSING_ZONE: N_("Export processing zone"),
    ZoneType.INDUSTRIAL_PARK: N_("Industrial park"),
    ZoneType.TECHNOPARK: N_("Technopark"),
    ZoneType.TERRITORY_OF_ADVANCED_DEVELOPMENT: N_("Territory of advanced development"),
    ZoneType.CLUSTER: N_("Cluster"),
    ZoneType.ETDZ: N_("Economic and technological development zone"),
    ZoneType.HIGH_TECH_ZONE: N_("High-tech industrial development zone"),
}

ZONE_TYPE_COLOURS: dict[str, str] = {
    ZoneType.SEZ: "#0072B2",
    ZoneType.FREE_ZONE: "#E69F00",
    ZoneType.FREE_TRADE_ZONE: "#009E73",
    ZoneType.EXPORT_PROCESSING_ZONE: "#D55E00",
    ZoneType.INDUSTRIAL_PARK: "#CC79A7",
    ZoneType.TECHNOPARK: "#56B4E9",
    ZoneType.TERRITORY_OF_ADVANCED_DEVELOPMENT: "#8C564B",
    ZoneType.CLUSTER: "#7F7F7F",
    ZoneType.ETDZ: "#B8860B",
    ZoneType.HIGH_TECH_ZONE: "#6A3D9A",
}

STATUS_TITLES: dict[str, str] = {
    ZoneStatus.PROPOSED: N_("Proposed"),
    ZoneStatus.APPROVED: N_("Approved"),
    ZoneStatus.UNDER_DEVELOPMENT: N_("Under development"),
    ZoneStatus.OPERATIONAL: N_("Operational"),
    ZoneStatus.INACTIVE: N_("Inactive"),
    ZoneStatus.CLOSED: N_("Closed"),
}

PRECISION_TITLES: dict[str, str] = {
    CoordinatePrecision.SITE: N_("On the site"),
    CoordinatePrecision.APPROXIMATE: N_("Approximate (nearby town)"),
}

CONFIDENCE_TITLES: dict[str, str] = {
    Confidence.HIGH: N_("High"),
    Confidence.MEDIUM: N_("Medium"),
    Confidence.LOW: N_("Low"),
    Confidence.UNVERIFIED: N_("Unverified"),
}

CODE_TITLES: dict[str, dict[str, str]] = {
    "zone_type": ZONE_TYPE_TITLES,
    "status": STATUS_TITLES,
    "coordinate_precision": PRECISION_TITLES,
    "confidence": CONFIDENCE_TITLES,
}
