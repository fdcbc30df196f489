"""SQLAlchemy tables of investment project passports (issue 17; the rules are in `sezatlas/passports/`).

A passport keeps two documents: the published one, which everyone reads, and its owner's working copy,
which the secretariat reviews; a revision under review leaves the published passport up. The columns
beside the published document are what the catalogue filters on, and `passport_sectors` holds each of
its ISIC codes with their ancestors, so a filter on a division finds a passport tagged with one of its
classes by one equality.
"""

from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from sezatlas.store.accounts_tables import NAME_LENGTH
from sezatlas.store.models import Base, utc_now


class PassportRow(Base):
    __tablename__ = "passports"

    passport_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    zone_id: Mapped[str] = mapped_column(String(64), index=True)
    country_iso3: Mapped[str] = mapped_column(String(3), index=True)
    owner_person_id: Mapped[int | None] = mapped_column(Integer)  # no foreign key: erasure keeps the row
    owner_organisation_id: Mapped[int | None] = mapped_column(Integer, index=True)
    # none_as_null: None is SQL NULL, not the JSON `null` SQLAlchemy writes by default, so that
    # `published IS NOT NULL` leaves a withdrawn passport out of the catalogue.
    draft: Mapped[dict[str, object] | None] = mapped_column(JSON(none_as_null=True))  # standard Passport
    draft_state: Mapped[str | None] = mapped_column(String(16))  # passports.review.DraftState
    rejection_reason: Mapped[str | None] = mapped_column(Text)
    published: Mapped[dict[str, object] | None] = mapped_column(JSON(none_as_null=True))
    published_version: Mapped[str | None] = mapped_column(String(16))  # its PASSPORT_VERSION
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    # Of the published document, for the catalogue's filters (null while nothing is published).
    title: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    stage: Mapped[str | None] = mapped_column(String(24), index=True)
    currency: Mapped[str | None] = mapped_column(String(3))
    capex_min_m: Mapped[float | None] = mapped_column(Float)
    capex_max_m: Mapped[float | None] = mapped_column(Float)
    jobs_expected: Mapped[int | None] = mapped_column(Integer)


class PassportSectorRow(Base):
    """A published passport's ISIC code, or an ancestor of one."""

    __tablename__ = "passport_sectors"

    passport_id: Mapped[int] = mapped_column(
        ForeignKey("passports.passport_id", ondelete="CASCADE"), primary_key=True
    )
    isic_code: Mapped[str] = mapped_column(String(8), primary_key=True, index=True)


class InvestorProfileRow(Base):
    """An investor's saved project profile (`standard.passport.InvestorProfile`), one per person."""

    __tablename__ = "investor_profiles"

    person_id: Mapped[int] = mapped_column(Integer, primary_key=True)  # no foreign key: erasure deletes it
    profile: Mapped[dict[str, object]] = mapped_column(JSON)
    # Copied out of the profile: the owners' side reads only the opted-in ones.
    shown_to_passport_owners: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
