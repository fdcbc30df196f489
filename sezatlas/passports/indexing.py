"""The catalogue's filter columns and sector rows of a passport, kept in step with its published document
(set when the secretariat publishes, cleared when it is withdrawn)."""

from datetime import UTC, datetime

from sqlalchemy import delete
from sqlalchemy.orm import Session

from sezatlas.standard.codelists import isic_ancestors
from sezatlas.standard.passport import PASSPORT_VERSION, Passport
from sezatlas.store.passport_tables import PassportRow, PassportSectorRow


def publish_document(session: Session, row: PassportRow, passport: Passport) -> None:
    """Make `passport` the row's published document, with its filter columns and sectors."""
    row.published, row.published_version = passport.model_dump(mode="json"), PASSPORT_VERSION
    row.published_at = datetime.now(UTC)
    row.title, row.stage, row.currency = passport.title, passport.stage.value, passport.currency
    row.capex_min_m, row.capex_max_m = passport.capex_min_m, passport.capex_max_m
    row.jobs_expected = passport.jobs_expected
    session.execute(delete(PassportSectorRow).where(PassportSectorRow.passport_id == row.passport_id))
    codes = {ancestor for code in passport.isic_codes for ancestor in isic_ancestors(code)}
    session.add_all(PassportSectorRow(passport_id=row.passport_id, isic_code=code) for code in sorted(codes))


def unpublish_document(session: Session, row: PassportRow) -> None:
    """Take the published document and its filter columns and sectors away."""
    row.published = row.published_version = row.published_at = None
    row.title = row.stage = row.currency = None
    row.capex_min_m = row.capex_max_m = row.jobs_expected = None
    session.execute(delete(PassportSectorRow).where(PassportSectorRow.passport_id == row.passport_id))
