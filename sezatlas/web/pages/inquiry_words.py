"""The words of the inquiry pages (issue 17): each status, step, outcome and side in the reader's language,
and what a refused inquiry or step means for the field it names.

The use cases word their refusals in English, "field: reason" (`InquiryError`); the pages show, under the
named field, a sentence of their own in the reader's language with that reason after it, so the figures
in it ("not 3") still reach the reader.
"""

from collections.abc import Callable

from sezatlas.inquiries.clock import Outcome, Status, Step
from sezatlas.inquiries.sending import MAX_ATTACHMENTS, MAX_ZONES, MESSAGE_LENGTH
from sezatlas.inquiries.steps import NEEDS_TEXT, TEXT_LENGTH
from sezatlas.stewardship.documents import MAX_DOCUMENT_BYTES
from sezatlas.web.pages.labels import N_

STATUS_TITLES: dict[Status, str] = {
    Status.NEW: N_("New"),
    Status.ACKNOWLEDGED: N_("Acknowledged"),
    Status.CLARIFICATION_REQUESTED: N_("Clarification requested"),
    Status.ANSWERED: N_("Answered"),
    Status.CLOSED: N_("Closed"),
}
# What each step is called where the thread lists it, and on the button that takes it.
STEP_TITLES: dict[Step, str] = {
    Step.SEND: N_("Sent"),
    Step.ACKNOWLEDGE: N_("Acknowledged"),
    Step.REQUEST_CLARIFICATION: N_("Asked for a clarification"),
    Step.CLARIFY: N_("Clarified"),
    Step.ANSWER: N_("Answered"),
    Step.CLOSE: N_("Closed"),
}
STEP_BUTTONS: dict[Step, str] = {
    Step.ACKNOWLEDGE: N_("Acknowledge"),
    Step.REQUEST_CLARIFICATION: N_("Ask for a clarification"),
    Step.CLARIFY: N_("Send the clarification"),
    Step.ANSWER: N_("Send the answer"),
    Step.CLOSE: N_("Close"),
}
STEP_TEXT_LABELS: dict[Step, str] = {
    Step.REQUEST_CLARIFICATION: N_("Your question to the investor"),
    Step.CLARIFY: N_("Your clarification"),
    Step.ANSWER: N_("Your answer"),
}
OUTCOME_TITLES: dict[Outcome, str] = {
    Outcome.SITE_VISIT: N_("Site visit"),
    Outcome.PROPOSAL_SENT: N_("Proposal sent"),
    Outcome.NOT_A_FIT: N_("Not a fit"),
    Outcome.WITHDRAWN: N_("Withdrawn"),
}
SIDE_TITLES: dict[str, str] = {
    "investor": N_("Sent by you"),
    "zone": N_("To your zone"),
    "secretariat": N_("For the secretariat"),
}

# A refused inquiry or step: the field its reason names → what the reader should do (with its limits).
FIELD_HINTS: dict[str, str] = {
    "zone": N_("Choose from 1 to %(most)s zones of the registry."),
    "message": N_("Write a message of %(least)s to %(most)s characters, as plain text."),
    "attachments": N_("Attach at most %(most)s files: PDF, PNG, JPEG, DOCX or XLSX, %(mb)s MB each at most."),
    "isic_codes": N_("Give ISIC Rev.4 codes such as 2720, separated by commas or spaces."),
    "investment_usd_m": N_("Give the investment in millions of US dollars: a number above 0."),
    "jobs": N_("Give the jobs as a whole number, 0 or more."),
    "land_ha": N_("Give the land in hectares: a number above 0."),
    "power_mw": N_("Give the power in megawatts: a number above 0."),
    "timeline": N_("Describe the timeline in at most 200 characters of plain text."),
    "text": N_("Write a text for the other side, up to %(most)s characters."),
    "outcome": N_("Choose how the inquiry ended; an investor closes an inquiry by withdrawing it."),
}
HINT_VALUES: dict[str, dict[str, int]] = {
    "zone": {"most": MAX_ZONES},
    "message": {"least": MESSAGE_LENGTH[0], "most": MESSAGE_LENGTH[1]},
    "attachments": {"most": MAX_ATTACHMENTS, "mb": MAX_DOCUMENT_BYTES // (1024 * 1024)},
    "text": {"most": TEXT_LENGTH},
}
FIELD_OF_REASON = {"zones": "zone"}  # the use case's word → the form's field
STEP_OVERTAKEN = N_(
    "This step is not possible now: the inquiry has moved on since the page was loaded. Read it again below."
)
NOT_SENT = N_("The inquiry was not sent. Correct the fields marked below.")
FILES_AGAIN = N_("Files cannot be kept when a form comes back: choose them again.")


def needs_text(step: Step) -> bool:
    return step in NEEDS_TEXT


def field_problem(reason: str, gettext: Callable[[str], str]) -> tuple[str, str]:
    """("message", "Write a message of 20 to 5000 characters… (message: 20 to 5000 characters, not 3)")
    from a use case's "field: reason"; a reason naming no known field is the field "" (the form as a
    whole), shown as it is."""
    name, _, detail = reason.partition(": ")
    field = FIELD_OF_REASON.get(name, name)
    if field not in FIELD_HINTS or not detail:
        return "", reason
    hint = gettext(FIELD_HINTS[field]) % HINT_VALUES.get(field, {})
    return field, f"{hint} ({detail})"
