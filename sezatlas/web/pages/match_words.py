"""The words of matching (issue 17, item 5): each reason of `passports.matching` by its kind, once as the
investor reads it about a passport and once as a passport's owner reads it about an investor.

The core words its reasons for the investor ("within your range"); an owner reading "your range" would be
told the wrong party's view, so the owner's page has its own templates. The shared sector is the
Congress recommendation's reason, with its translations (`congress_labels.REASON_TEMPLATES`). Land and
power have a template each, so the unit sits where each language puts it. A kind without a template
here (added to the core later) falls back to the core's English sentence.
"""

from sezatlas.congress.matching.reasons import ReasonKind
from sezatlas.web.pages.congress_labels import REASON_TEMPLATES
from sezatlas.web.pages.labels import N_

SHARED_SECTOR = REASON_TEMPLATES[ReasonKind.SHARED_SECTOR]

# kind, or kind/unit for a need → template; the investor reads about a passport.
FOR_INVESTOR: dict[str, str] = {
    "shared_sector": SHARED_SECTOR,
    "capex_fits": N_("Its capex, %(capex)s, is within your range"),
    "capex_differs": N_("Its capex, %(capex)s, is outside your range"),
    "capex_other_currency": N_("Its capex is in %(currency)s and your range in %(yours)s: not compared"),
    "stage_fits": N_("It is at a stage you join at: %(stage)s"),
    "need_fits/ha": N_("It has %(available)s ha of land available for the %(needed)s ha you need"),
    "need_short/ha": N_("It has %(available)s ha of land available, less than the %(needed)s ha you need"),
    "need_fits/MW": N_("It has %(available)s MW of power available for the %(needed)s MW you need"),
    "need_short/MW": N_("It has %(available)s MW of power available, less than the %(needed)s MW you need"),
}
# The owner of a passport reads about an investor.
FOR_OWNER: dict[str, str] = {
    "shared_sector": SHARED_SECTOR,
    "capex_fits": N_("The passport's capex, %(capex)s, is within their range"),
    "capex_differs": N_("The passport's capex, %(capex)s, is outside their range"),
    "capex_other_currency": N_("Their range is in %(yours)s and the passport's capex in %(currency)s: "
                               "not compared"),
    "stage_fits": N_("They join projects at the passport's stage: %(stage)s"),
    "need_fits/ha": N_("They need %(needed)s ha of land; the site has %(available)s ha available"),
    "need_fits/MW": N_("They need %(needed)s MW of power; the site has %(available)s MW available"),
}  # fmt: skip

# The matching pages' own sentences.
PROFILE_SAVED = N_("Your project profile is saved.")
NOT_SAVED = N_("The profile was not saved. Correct the fields marked below.")
LETTER_SENT = N_("Your letter is on its way to the investor.")
LETTER_NOT_SENT = N_("The letter was not sent: write 20 to 3,000 characters.")
NO_SUCH_MATCH = N_("This investor is no longer among the opted-in matches of this passport.")
ISIC_CODE = N_("Enter an ISIC Rev.4 code such as 2720.")
