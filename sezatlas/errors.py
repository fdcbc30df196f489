"""The one table of errors a user can act on, and how each adapter reports them.

Domain code raises its own exceptions (pretix's habit: `OrderError` in the domain, one mapping at the
edge). Each is listed here once with the HTTP status the API and the pages answer and the exit code of
the CLI: `web/errors.py` and `cli_support.py` both read this table, so a new domain error is one edit.
An exception not listed is a bug: a 500 with no detail, a traceback in the terminal.
"""

from collections.abc import Mapping
from typing import NamedTuple

from sezatlas.accounts.actions import AccountError, LoginFailedError
from sezatlas.accounts.mail import MailNotConfiguredError, MailNotSentError
from sezatlas.accounts.organisations import OrganisationNotFoundError
from sezatlas.accounts.personal_data import ErasureNotConfirmedError, PersonNotFoundError
from sezatlas.accounts.rate_limits import TooManyAttemptsError
from sezatlas.accounts.roles import NotAuthenticatedError, PermissionDeniedError
from sezatlas.accounts.tokens import InvalidLinkError
from sezatlas.chains.io_tables import IoTableError
from sezatlas.chains.product_space import CountryNotCoveredError, NotInProductSpaceError, ProductCodeError
from sezatlas.chains.recipe import RecipeRequestError, UnknownProductError
from sezatlas.chains.relatedness import TradeMatrixError
from sezatlas.chains.trade_files import TradeFileRejectedError
from sezatlas.congress.event_import import CongressImportRejected
from sezatlas.congress.events import NotAParticipantError
from sezatlas.congress.files.event_file import EventFileError
from sezatlas.congress.matching.codes import UnknownCodeError
from sezatlas.congress.storage.events import CongressNotFoundError, RequestConflictError
from sezatlas.congress.storage.published import NoScheduleError
from sezatlas.federation.actions import SourceExistsError, SourceNotFoundError
from sezatlas.federation.change_feed import BadCursorError
from sezatlas.federation.fetching import FetchError
from sezatlas.federation.node import NodeAnswerError
from sezatlas.federation.readers import UnreadableSource
from sezatlas.federation.sources import SourceInvalidError
from sezatlas.inquiries.clock import StepNotAllowedError
from sezatlas.inquiries.sending import InquiryError
from sezatlas.inquiries.steps import ThreadNotFoundError
from sezatlas.jobs.queue import JobNotFoundError
from sezatlas.offers.model import OfferError, OfferNotFoundError
from sezatlas.passports.authoring import PassportError, PassportNotFoundError
from sezatlas.passports.catalogue import CatalogueQueryError
from sezatlas.passports.matching import ProfileNotFoundError
from sezatlas.regimes.comparison import UnknownRegimeError
from sezatlas.regimes.errors import IncentiveInputError, RegimeDataError
from sezatlas.registry.bundled_rows import CorrectionOutOfDateError
from sezatlas.registry.zone_query import BadQueryValue
from sezatlas.stewardship.changes import ZoneNotFoundError
from sezatlas.stewardship.documents import DocumentRefusedError
from sezatlas.stewardship.error_reports import ErrorReportInvalidError, ErrorReportNotFoundError
from sezatlas.stewardship.history import VersionNotFoundError
from sezatlas.stewardship.review import ChangeNotFoundError, ChangeNotPendingError, ReasonRequiredError
from sezatlas.stewardship.versions import BadMomentError, NoRecordOnDateError
from sezatlas.store.connection_budget import ConnectionBudgetError
from sezatlas.tabular.report import ImportRejected


class Refusal(NamedTuple):
    status: int  # HTTP
    exit_code: int  # CLI: 2 for a bad value on the command line, 1 for a refusal of files or state


BAD_VALUE = Refusal(400, 2)
NOT_LOGGED_IN = Refusal(401, 1)
FORBIDDEN = Refusal(403, 1)
NOT_FOUND = Refusal(404, 1)
CONFLICT = Refusal(409, 1)
INVALID = Refusal(422, 1)
TOO_MANY = Refusal(429, 1)  # the answer carries Retry-After (web/error_handlers.py)
BROKEN_DATA = Refusal(500, 1)  # bundled data that fails its own checks: the installation, not the user
UNAVAILABLE = Refusal(503, 1)  # a service the action needs (the mail server) is not there now

USER_ERRORS: Mapping[type[Exception], Refusal] = {
    BadQueryValue: BAD_VALUE,
    BadMomentError: BAD_VALUE,
    UnknownRegimeError: BAD_VALUE,
    RecipeRequestError: BAD_VALUE,
    ProductCodeError: BAD_VALUE,
    TradeMatrixError: INVALID,
    ConnectionBudgetError: BAD_VALUE,
    NotAuthenticatedError: NOT_LOGGED_IN,
    LoginFailedError: NOT_LOGGED_IN,
    TooManyAttemptsError: TOO_MANY,
    PermissionDeniedError: FORBIDDEN,
    AccountError: INVALID,
    InvalidLinkError: INVALID,
    MailNotConfiguredError: UNAVAILABLE,
    MailNotSentError: UNAVAILABLE,
    CongressNotFoundError: NOT_FOUND,
    NoScheduleError: NOT_FOUND,
    JobNotFoundError: NOT_FOUND,
    UnknownProductError: NOT_FOUND,
    NotInProductSpaceError: NOT_FOUND,
    CountryNotCoveredError: NOT_FOUND,
    OrganisationNotFoundError: NOT_FOUND,
    RequestConflictError: CONFLICT,
    IncentiveInputError: INVALID,
    NotAParticipantError: INVALID,
    UnknownCodeError: INVALID,
    EventFileError: INVALID,
    ImportRejected: INVALID,
    CongressImportRejected: INVALID,
    TradeFileRejectedError: INVALID,
    ZoneNotFoundError: NOT_FOUND,
    ChangeNotFoundError: NOT_FOUND,
    VersionNotFoundError: NOT_FOUND,
    NoRecordOnDateError: NOT_FOUND,
    ErrorReportNotFoundError: NOT_FOUND,
    ChangeNotPendingError: CONFLICT,
    DocumentRefusedError: INVALID,
    ErrorReportInvalidError: INVALID,
    ReasonRequiredError: INVALID,
    InquiryError: INVALID,
    ThreadNotFoundError: NOT_FOUND,
    StepNotAllowedError: CONFLICT,
    OfferError: INVALID,
    OfferNotFoundError: NOT_FOUND,
    PassportError: INVALID,
    PassportNotFoundError: NOT_FOUND,
    CatalogueQueryError: INVALID,
    PersonNotFoundError: NOT_FOUND,
    ErasureNotConfirmedError: INVALID,
    ProfileNotFoundError: NOT_FOUND,
    RegimeDataError: BROKEN_DATA,
    IoTableError: BROKEN_DATA,
    CorrectionOutOfDateError: BROKEN_DATA,
    SourceInvalidError: BAD_VALUE,
    BadCursorError: BAD_VALUE,
    SourceNotFoundError: NOT_FOUND,
    SourceExistsError: CONFLICT,
    UnreadableSource: INVALID,
    NodeAnswerError: INVALID,
    FetchError: UNAVAILABLE,  # the source, not this server: a dry run can be tried again later
}


def refusal_of(error: BaseException) -> Refusal | None:
    """How `error` is reported (its nearest listed class wins), or None for an unexpected error."""
    return next((USER_ERRORS[kind] for kind in type(error).__mro__ if kind in USER_ERRORS), None)
