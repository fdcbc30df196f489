"""Harmonization of national wording onto the standard's code lists.

The source files word zone types, statuses and sectors in their own way ("SEZ - industrial-production
type", "operating, sub-optimal (2021 report)", "car components"). These rules map them onto codes; the
original words are always kept beside the code, and anything the rules do not recognise maps to null
(unknown), never to a guess.
"""

import re

from sezatlas.standard.codelists import isic_ancestors
from sezatlas.standard.codes import CoordinatePrecision, ZoneStatus, ZoneType
from sezatlas.standard.sectors import sector_rules

# Ordered: the first pattern that matches wins, so "SEZ (converted EPZ)" is an SEZ, not an EPZ.
_ZONE_TYPE_RULES: tuple[tuple[str, ZoneType], ...] = (
    (r"high-tech", ZoneType.HIGH_TECH_ZONE),
    (r"economic and technological development|\betdz\b", ZoneType.ETDZ),
    (r"^sez\b|^special economic zone|^kek\b", ZoneType.SEZ),
    # Uzbekistan's and Belarus's "free economic zone" (FEZ, СЭЗ) is a special regime for investors, an SEZ
    # by meaning, not a customs free zone; so are Thailand's special border economic zones, Cuba's
    # "zona especial de desarrollo" and Vietnam's coastal economic zones (khu kinh tế ven biển).
    (r"^fez\b|free (industrial )?economic zone", ZoneType.SEZ),
    (r"special border economic zone|special development zone|coastal economic zone", ZoneType.SEZ),
    # Malaysia's Free Zones Act 1990: a free zone is a free industrial (FIZ) or free commercial zone (FCZ).
    (r"free (industrial|commercial) zone|free commercial and industrial zone", ZoneType.FREE_ZONE),
    (r"warehousing zone|ftwz", ZoneType.FREE_ZONE),
    (r"^ftz\b|free[- ]trade", ZoneType.FREE_TRADE_ZONE),
    (r"\bzpe\b|export processing", ZoneType.EXPORT_PROCESSING_ZONE),
    (r"free zone", ZoneType.FREE_ZONE),
    (r"industrial (and business )?park|agro-industrial park", ZoneType.INDUSTRIAL_PARK),
    (r"technopark|technology park", ZoneType.TECHNOPARK),
    (r"advanced development|\btor\b|\btosed\b", ZoneType.TERRITORY_OF_ADVANCED_DEVELOPMENT),
    (r"cluster", ZoneType.CLUSTER),
)

_STATUS_RULES: tuple[tuple[str, ZoneStatus], ...] = (
    (r"^historic", ZoneStatus.INACTIVE),
    (r"liquidated|abolished|closed", ZoneStatus.CLOSED),
    (r"^proposed|^planned", ZoneStatus.PROPOSED),
    (
        r"under development|development postponed|first industrial project approved",
        ZoneStatus.UNDER_DEVELOPMENT,
    ),
    (r"^approved|creation approved|^authorised|customs-cleared", ZoneStatus.APPROVED),
    # Listed on the KEK portal = designated by regulation; the listing does not say the zone operates.
    (r"^active \(listed", ZoneStatus.APPROVED),
    (r"^operational|^operating|^active|^in force", ZoneStatus.OPERATIONAL),
)


class UnknownZoneTypeError(ValueError):
    pass


def zone_type_from_label(label: str) -> ZoneType:
    """The harmonized type of a national label; raises when no rule knows the label."""
    text = label.strip().lower()
    for value in ZoneType:
        if text == value.value:
            return value
    for pattern, zone_type in _ZONE_TYPE_RULES:
        if re.search(pattern, text):
            return zone_type
    raise UnknownZoneTypeError(f"zone type {label!r} matches no code of the standard ({', '.join(ZoneType)})")


def status_from_text(text: str) -> ZoneStatus | None:
    """The life-cycle code a status text states, or None when it states none we can rely on."""
    lowered = text.strip().lower()
    for pattern, status in _STATUS_RULES:
        if re.search(pattern, lowered):
            return status
    return None


def coordinate_precision(text: str) -> tuple[CoordinatePrecision | None, str | None]:
    """Split 'approximate: GeoNames centroid of …' into the code and the method."""
    head, _, method = text.partition(":")
    codes = {"site": CoordinatePrecision.SITE, "approximate": CoordinatePrecision.APPROXIMATE}
    return codes.get(head.strip().lower()), (method.strip() or None)


def isic_from_sectors(sectors_text: str) -> list[str]:
    """ISIC codes for the sectors a source names; the most specific code wins over its own ancestors.

    The rules are the shared sector keywords (`sezatlas/standard/sectors.py`).
    """
    found: list[str] = []
    for term in (t.strip().lower() for t in sectors_text.split(";")):
        for rule in sector_rules():
            if term and rule.pattern.search(term):
                found.extend(code for code in rule.isic_codes if code not in found)
    covered = {ancestor for code in found for ancestor in isic_ancestors(code)[1:]}
    return [code for code in found if code not in covered]
