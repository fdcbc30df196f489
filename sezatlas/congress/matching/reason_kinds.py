"""The kinds of reason a recommendation gives, each with its English template, and `Reason` itself.

A reason is a kind and its parameters (code labels and keys, nomenclature titles, zone ids, role names,
languages, a participant's own words), so the web can say it in any language from a template per kind
(`web/pages/congress_labels.py`); `text` is the English sentence, for the command line and the API.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from sezatlas.congress.model import Role


class ReasonKind(StrEnum):
    NEED_MET = "need_met"
    NEED_MET_BY_RELATED = "need_met_by_related"
    OFFER_NEEDED = "offer_needed"
    OFFER_NEEDED_AS_RELATED = "offer_needed_as_related"
    OPERATES_LISTED_ZONE = "operates_listed_zone"
    ZONE_FITS_YOU = "zone_fits_you"
    YOUR_ZONE_FITS_THEM = "your_zone_fits_them"
    OFFER_FITS_LISTED_ZONE = "offer_fits_listed_zone"
    SIMILAR_NEED_DESCRIPTION = "similar_need_description"
    SIMILAR_OFFER_DESCRIPTION = "similar_offer_description"
    SHARED_SECTOR = "shared_sector"
    THEIR_OFFER = "their_offer"
    THEIR_NEED = "their_need"
    SHARED_LANGUAGES = "shared_languages"
    ROLE_FIT = "role_fit"


TEMPLATES: dict[ReasonKind, str] = {
    ReasonKind.NEED_MET: "You need {code} ({title}); they offer it",
    ReasonKind.NEED_MET_BY_RELATED: "You need {code} ({title}); they offer {other} ({other_title})",
    ReasonKind.OFFER_NEEDED: "They need {code} ({title}); you offer it",
    ReasonKind.OFFER_NEEDED_AS_RELATED: "They need {code} ({title}); you offer {other} ({other_title})",
    ReasonKind.OPERATES_LISTED_ZONE: "They operate {zone}, which you listed",
    ReasonKind.ZONE_FITS_YOU: "They operate {zone}, specialised in {code} ({title}), which fits what you do",
    ReasonKind.YOUR_ZONE_FITS_THEM: "Your zone {zone} specialises in {code} ({title}), which they work in",
    ReasonKind.OFFER_FITS_LISTED_ZONE: (
        "They offer {code} ({title}), a specialisation of {zone}, which you listed"
    ),
    ReasonKind.SIMILAR_NEED_DESCRIPTION: "What you need and what they offer are described alike: {terms}",
    ReasonKind.SIMILAR_OFFER_DESCRIPTION: "What you offer and what they need are described alike: {terms}",
    ReasonKind.SHARED_SECTOR: "Both work in {code} ({title})",
    ReasonKind.THEIR_OFFER: "They offer: “{words}”",
    ReasonKind.THEIR_NEED: "They are looking for: “{words}”",
    ReasonKind.SHARED_LANGUAGES: "You can talk without an interpreter: you both speak {languages}",
    ReasonKind.ROLE_FIT: "{you} ↔ {them}",
}

ROLE_TITLES: dict[Role, str] = {
    Role.INVESTOR: "investor",
    Role.ZONE_OPERATOR: "zone operator",
    Role.ASSOCIATION: "association",
    Role.DEVELOPMENT_INSTITUTION: "development institution",
    Role.MANUFACTURER: "manufacturer",
    Role.AGENCY: "agency",
}


@dataclass(frozen=True)
class Reason:
    """One reason: its kind and parameters for any language, and the English sentence (a field, so that
    `dataclasses.asdict` and the JSON API carry it; other languages fill their template from `params`)."""

    kind: ReasonKind
    params: Mapping[str, str] = field(default_factory=dict)
    text: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", TEMPLATES[self.kind].format(**self.params))
