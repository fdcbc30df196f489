"""SQLAlchemy tables of federation (issue 21; the rules are in `sezatlas/federation/`).

A source row is the registered source with what its next run needs to ask for only what changed (the
ETag and Last-Modified of its last answer, a node's change-feed cursor); a run row is the report of one
harvest, kept for the secretariat's pages; a harvested-zone row says which source a zone came from, when
it was last harvested and whether the source still has it ("removed at source" is a mark, never a delete).
"""

from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from sezatlas.store.models import Base, utc_now
from sezatlas.store.stewardship_tables import ZoneVersionRow

SOURCE_NAME_LENGTH = 64


class SourceRow(Base):
    __tablename__ = "federation_sources"

    source_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(SOURCE_NAME_LENGTH), unique=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.organisation_id"))
    kind: Mapped[str] = mapped_column(String(16))  # federation.sources.SourceKind
    location: Mapped[str] = mapped_column(Text)  # a URL or a path on the server
    schedule_hours: Mapped[float | None] = mapped_column(Float)  # None: run by hand only
    licence: Mapped[str] = mapped_column(String(64))
    mapping: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)  # source field -> flat column
    is_enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    cursor: Mapped[str | None] = mapped_column(Text)  # a node's change-feed cursor after the last good run
    last_run_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class HarvestRunRow(Base):
    """One run of a source: how it ended and what it changed (the report's details are JSON)."""

    __tablename__ = "harvest_runs"
    __table_args__ = (Index("ix_harvest_runs_source_started", "source_id", "started_at"),)

    run_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("federation_sources.source_id", ondelete="CASCADE"))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    duration_s: Mapped[float] = mapped_column(Float, default=0.0)
    status: Mapped[str] = mapped_column(String(16))  # federation.harvest.RunStatus
    actor: Mapped[str] = mapped_column(String(200))
    new: Mapped[int] = mapped_column(Integer, default=0)
    changed: Mapped[int] = mapped_column(Integer, default=0)
    removed: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)
    review_items: Mapped[int] = mapped_column(Integer, default=0)
    report: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)  # zones' facts old -> new, errors


class HarvestedZoneRow(Base):
    """Which source a zone came from; a zone belongs to one source (a second one's record is rejected)."""

    __tablename__ = "harvested_zones"

    zone_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    source_id: Mapped[int] = mapped_column(
        ForeignKey("federation_sources.source_id", ondelete="CASCADE"), index=True
    )
    first_harvested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    last_harvested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    removed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


# The change feed reads versions in (at, zone_id, number) order from a cursor (`web/changes_api.py`).
FEED_INDEX = Index("ix_zone_versions_feed", ZoneVersionRow.at, ZoneVersionRow.zone_id, ZoneVersionRow.number)
