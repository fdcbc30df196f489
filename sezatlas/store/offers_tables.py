"""SQLAlchemy tables of cooperation offers between members (issue 19, item 5; the rules are in
`sezatlas/offers/`).

An offer names what a member organisation makes, needs, or has room for, with an ISIC and/or HS code.
`offer_sectors` holds the ISIC classes the offer is about with their ancestors (an HS code through the
bridge the chains use), so "offers of division 27" is one equality, as for passports
(`store/passport_tables.py`). `offer_inquiries` records which inquiry was about which offer: the inquiry
itself is an ordinary one (`store/inquiries_tables.py`), so it runs on the same public response clock.
"""

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from sezatlas.store.accounts_tables import NAME_LENGTH
from sezatlas.store.models import Base, utc_now


class OfferRow(Base):
    __tablename__ = "offers"

    offer_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(16), index=True)  # offers.model.OfferKind
    isic_code: Mapped[str | None] = mapped_column(String(8))  # as the author gave it
    hs_code: Mapped[str | None] = mapped_column(String(12))  # as the author gave it
    title: Mapped[str] = mapped_column(String(NAME_LENGTH))
    description: Mapped[str] = mapped_column(Text)
    volume: Mapped[float | None] = mapped_column(Float)  # null: not stated
    volume_unit: Mapped[str | None] = mapped_column(String(32))
    zone_id: Mapped[str | None] = mapped_column(String(64), index=True)  # null only for a `need`
    # The zone's country, else the organisation's: the list's country filter reads one column.
    country_iso3: Mapped[str | None] = mapped_column(String(3), index=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.organisation_id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int | None] = mapped_column(Integer)  # no foreign key: erasure keeps the offer
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date, index=True)
    state: Mapped[str] = mapped_column(String(16), index=True)  # offers.model.OfferState
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class OfferSectorRow(Base):
    """An ISIC code of an offer, or an ancestor of one (`is_own`: the offer's own class, not an ancestor)."""

    __tablename__ = "offer_sectors"

    offer_id: Mapped[int] = mapped_column(ForeignKey("offers.offer_id", ondelete="CASCADE"), primary_key=True)
    isic_code: Mapped[str] = mapped_column(String(8), primary_key=True, index=True)
    is_own: Mapped[bool] = mapped_column(Boolean, default=False)


class OfferInquiryRow(Base):
    """An inquiry sent about an offer (the inquiry and its threads are ordinary ones)."""

    __tablename__ = "offer_inquiries"

    inquiry_id: Mapped[int] = mapped_column(
        ForeignKey("inquiries.inquiry_id", ondelete="CASCADE"), primary_key=True
    )
    offer_id: Mapped[int] = mapped_column(ForeignKey("offers.offer_id", ondelete="CASCADE"), index=True)
