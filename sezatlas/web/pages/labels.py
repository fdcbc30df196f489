"""Words the pages show for codes (zone types, statuses, precision) and the colour of each zone type.

Titles are marked with `N_` so that `pybabel extract -k N_` finds them, and translated when a page is
rendered, in the reader's language. The colours, one per zone type, are shared by the map, its legend and
the statistics charts, and stay distinguishable with the common colour-vision deficiencies.
"""

from sezatlas.standard.codes import Confidence, CoordinatePrecision, ZoneStatus, ZoneType

# The language of the registry's own text (zone names `name_en`, regions, localities) and of the cores'
# sentences: shown as recorded on every page, and marked `lang="en"` where the page speaks another.
SOURCE_LANGUAGE = "en"


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

# Okabe & Ito (2008), "Color Universal Design (CUD): how to make figures and presentations that are
# friendly to colorblind people" (jfly.uni-koeln.de/color): its eight colours, plus Paul Tol's "wine"
# (#882255, personal.sron.nl/~pault) and a light grey for the tenth type. Every two of the ten stay apart
# (CIELAB ΔE ≥ 16) as people with protanopia, deuteranopia or tritanopia see them (Machado, Oliveira &
# Fernandes 2009 simulation); tests/web/test_chart_colours.py checks it. Cluster, which no zone of the
# bundled registry has, gets the grey.
ZONE_TYPE_COLOURS: dict[str, str] = {
    ZoneType.SEZ: "#0072B2",  # blue
    ZoneType.FREE_ZONE: "#CC79A7",  # reddish purple
    ZoneType.FREE_TRADE_ZONE: "#F0E442",  # yellow
    ZoneType.EXPORT_PROCESSING_ZONE: "#882255",  # wine (Tol)
    ZoneType.INDUSTRIAL_PARK: "#56B4E9",  # sky blue
    ZoneType.TECHNOPARK: "#000000",  # black
    ZoneType.TERRITORY_OF_ADVANCED_DEVELOPMENT: "#D55E00",  # vermillion
    ZoneType.CLUSTER: "#DDDDDD",  # light grey
    ZoneType.ETDZ: "#E69F00",  # orange
    ZoneType.HIGH_TECH_ZONE: "#009E73",  # bluish green
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
