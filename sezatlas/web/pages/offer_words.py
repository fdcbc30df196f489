"""The words the offer pages show for an offer's kind, state and fields (issue 19, item 5); marked with
`N_` for extraction and translated when a page is rendered."""

from sezatlas.offers.model import OfferKind
from sezatlas.web.pages.labels import N_

KIND_TITLES: dict[str, str] = {
    OfferKind.MAKE: N_("We make"),
    OfferKind.NEED: N_("We need"),
    OfferKind.CAPACITY: N_("We offer land or capacity for"),
}
FIELD_LABELS: dict[str, str] = {
    "kind": N_("Kind of offer"),
    "isic_code": N_("Activity (ISIC Rev.4 code)"),
    "hs_code": N_("Product (HS 2022 code)"),
    "title": N_("Title"),
    "description": N_("Description"),
    "volume": N_("Volume"),
    "volume_unit": N_("Unit of the volume"),
    "zone_id": N_("Zone"),
    "valid_from": N_("Valid from"),
    "valid_until": N_("Valid until"),
}
NOT_SAVED = N_("The offer was not saved: see the problems below.")
NOT_SENT = N_("The inquiry was not sent: see the problem below.")
WITHDRAWN = N_("Withdrawn")
EXPIRED = N_("Expired")
PUBLISHED = N_("Published")
