"""SQLAlchemy tables of the registry.

The `zones` table holds the standard's flat columns one to one (a test keeps them equal), plus a folded
`search_text` for substring search in any script. ISIC codes are also exploded, with their ancestors,
into `zone_isic`, so that "division 29" finds a zone declared under class 2930.
"""

from datetime import UTC, datetime

from sqlalchemy import JSON, Boolean, DateTime, Float, ForeignKey, Index, Integer, String, Text, false, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utc_now() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


HAS_POINT = text("latitude IS NOT NULL AND longitude IS NOT NULL")  # the zones that are OGC API features


class ZoneRow(Base):
    __tablename__ = "zones"

    zone_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    country_iso3: Mapped[str] = mapped_column(String(3))
    name_en: Mapped[str] = mapped_column(Text)
    name_local: Mapped[str | None] = mapped_column(Text)
    zone_type: Mapped[str] = mapped_column(String(48), index=True)
    zone_type_label: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str | None] = mapped_column(String(32), index=True)
    status_detail: Mapped[str | None] = mapped_column(Text)
    operator: Mapped[str | None] = mapped_column(Text)
    website: Mapped[str | None] = mapped_column(Text)
    year_established: Mapped[int | None] = mapped_column(Integer)
    parent_zone_id: Mapped[str | None] = mapped_column(String(64), index=True)  # no foreign key: an
    # import may name a parent that a later import brings
    possibly_same_as: Mapped[str | None] = mapped_column(Text)
    admin1: Mapped[str | None] = mapped_column(Text)
    locality: Mapped[str | None] = mapped_column(Text)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    coordinate_precision: Mapped[str | None] = mapped_column(String(16))
    coordinate_method: Mapped[str | None] = mapped_column(Text)
    geonames_id: Mapped[int | None] = mapped_column(Integer)
    geonames_place: Mapped[str | None] = mapped_column(Text)
    area_ha: Mapped[float | None] = mapped_column(Float)
    free_area_ha: Mapped[float | None] = mapped_column(Float, index=True)
    power_mw_total: Mapped[float | None] = mapped_column(Float)
    power_mw_free: Mapped[float | None] = mapped_column(Float)
    gas_m3_per_hour_total: Mapped[float | None] = mapped_column(Float)
    gas_m3_per_hour_free: Mapped[float | None] = mapped_column(Float)
    water_m3_per_day_total: Mapped[float | None] = mapped_column(Float)
    water_m3_per_day_free: Mapped[float | None] = mapped_column(Float)
    distance_to_seaport_km: Mapped[float | None] = mapped_column(Float)
    distance_to_airport_km: Mapped[float | None] = mapped_column(Float)
    distance_to_rail_station_km: Mapped[float | None] = mapped_column(Float)
    distance_to_highway_km: Mapped[float | None] = mapped_column(Float)
    has_rail_siding: Mapped[bool | None] = mapped_column(Boolean)
    isic_codes: Mapped[str | None] = mapped_column(Text)
    sectors_text: Mapped[str | None] = mapped_column(Text)
    regime_id: Mapped[str | None] = mapped_column(String(64))
    legal_regime: Mapped[str | None] = mapped_column(Text)
    residents_count: Mapped[int | None] = mapped_column(Integer)
    jobs_count: Mapped[int | None] = mapped_column(Integer)
    investment_usd_m: Mapped[float | None] = mapped_column(Float)
    occupancy_pct: Mapped[float | None] = mapped_column(Float)
    source_urls: Mapped[str | None] = mapped_column(Text)
    source_citation: Mapped[str | None] = mapped_column(Text)
    as_of: Mapped[str | None] = mapped_column(String(10))
    confidence: Mapped[str | None] = mapped_column(String(16))
    field_provenance: Mapped[str | None] = mapped_column(Text)
    dataset: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)

    search_text: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now, onupdate=utc_now)

    __table_args__ = (
        Index("ix_zones_lat_lon", "latitude", "longitude"),
        Index("ix_zones_country_type", "country_iso3", "zone_type"),
        # The default list order (country, then zone_id): pages are read off the index, not sorted.
        Index("ix_zones_country_zone_id", "country_iso3", "zone_id"),
        # Country + free land (+ ISIC, probed per zone): counted off this index without reading rows.
        Index("ix_zones_country_free_area", "country_iso3", "free_area_ha", "zone_id"),
        # The OGC API's features are the zones with a point, counted for `numberMatched`. With the point in
        # the index (or only zones with one in it), a country's features, each probed in zone_isic in
        # zone_id order or filtered by status, and its features by area (in area order for
        # `sortby=-area_ha`) are counted and paged without reading a zone row (migration 0016).
        Index("ix_zones_country_zone_point", "country_iso3", "zone_id", "status", "latitude", "longitude"),
        Index("ix_zones_country_area_point", "country_iso3", "area_ha", "zone_id",
              sqlite_where=HAS_POINT, postgresql_where=HAS_POINT),
        # A name substring (CQL2 `name_en LIKE '%word%'`) seeks no B-tree: on PostgreSQL this is pg_trgm's
        # trigram index (when the extension could be created), on SQLite a plain one whose names are read
        # instead of every wide row (`registry.features.zone_features`).
        Index("ix_zones_name_en", "name_en", postgresql_using="gin",
              postgresql_ops={"name_en": "gin_trgm_ops"}),
        # A country's zones by name, and by area or free land, largest first, unknown last (`zone_search`'s
        # ORDER BY, expression for expression): a page is read off the index instead of sorting all the
        # country's zones for each page (migration 0023).
        Index("ix_zones_country_name", "country_iso3", "name_en", "zone_id"),
        Index("ix_zones_country_area_desc", "country_iso3", text("(area_ha IS NULL)"), text("area_ha DESC"),
              "zone_id"),
        Index("ix_zones_country_free_area_desc", "country_iso3", text("(free_area_ha IS NULL)"),
              text("free_area_ha DESC"), "zone_id"),
    )  # fmt: skip


class ZoneIsicRow(Base):
    __tablename__ = "zone_isic"

    zone_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("zones.zone_id", ondelete="CASCADE"), primary_key=True
    )
    isic_code: Mapped[str] = mapped_column(String(8), primary_key=True)
    # the zone names this code itself (not only a narrower one): a zone declared only with a broader
    # code than the one searched is a "possible" match (migration 0013)
    declared: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    # Covering: the sector probe of a search (zone, code, declared?) reads no table rows.
    __table_args__ = (
        Index("ix_zone_isic_zone_code_declared", "zone_id", "isic_code", "declared"),
        # A code's zones in zone_id order, from the index alone: PostgreSQL joins them with a country's
        # features without visiting the table (migration 0016; it replaced the index on the code alone).
        Index("ix_zone_isic_code_zone", "isic_code", "zone_id"),
        # Only the codes zones declared themselves: a "possible" sector match asks for a broad code (C) that
        # most zones hold as an ancestor and few declared (migration 0020; PostgreSQL reads 1 row in 4).
        Index(
            "ix_zone_isic_declared_code_zone",
            "isic_code",
            "zone_id",
            sqlite_where=text("declared"),
            postgresql_where=text("declared"),
        ),
    )


class ZoneDocumentRow(Base):
    """The zone as the API serialises it, written with the zone.

    Why: a list page joins 50 stored documents instead of rebuilding and re-validating 50 zones
    (three quarters of a list request's time). A table of its own keeps `zones` rows narrow for the
    filters that scan them. Read only when `standard` is the running standard's version;
    `sezatlas.store.database.upgrade` rewrites the others.
    """

    __tablename__ = "zone_documents"

    zone_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("zones.zone_id", ondelete="CASCADE"), primary_key=True
    )
    standard: Mapped[str] = mapped_column(String(16))
    document: Mapped[str] = mapped_column(Text)


class CountryRow(Base):
    __tablename__ = "countries"

    iso3: Mapped[str] = mapped_column(String(3), primary_key=True)
    iso2: Mapped[str] = mapped_column(String(2))
    numeric: Mapped[str] = mapped_column(String(3))
    name: Mapped[str] = mapped_column(Text)
    official_name: Mapped[str | None] = mapped_column(Text)
    is_brics_member: Mapped[bool] = mapped_column(Boolean)
    brics_relation: Mapped[str | None] = mapped_column(String(16))
    brics_since: Mapped[str | None] = mapped_column(String(10))
    brics_source_url: Mapped[str | None] = mapped_column(Text)


class OfficialCountRow(Base):
    __tablename__ = "official_counts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    country_iso3: Mapped[str] = mapped_column(String(3), index=True)
    admin1: Mapped[str | None] = mapped_column(Text)
    regime: Mapped[str] = mapped_column(Text)
    zone_type: Mapped[str | None] = mapped_column(String(48))
    metric: Mapped[str] = mapped_column(Text)
    value: Mapped[str] = mapped_column(Text)
    count: Mapped[int | None] = mapped_column(Integer)
    as_of: Mapped[str | None] = mapped_column(Text)
    source_url: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)


class ImportRunRow(Base):
    """One import: what came in, when, and what it changed (an audit trail of the registry)."""

    __tablename__ = "import_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    source: Mapped[str] = mapped_column(Text)
    inserted: Mapped[int] = mapped_column(Integer)
    updated: Mapped[int] = mapped_column(Integer)
    unchanged: Mapped[int] = mapped_column(Integer)
    report: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)


class ZoneFactOriginRow(Base):
    """A fact a user's import set or cleared: `db init` refreshes the bundled layer around it, not over it.

    Why a table and not the import log: the question "may the bundled data change this?" is asked for
    every zone on every start-up, and has to be one indexed read (`store/fact_origins.py`).
    """

    __tablename__ = "zone_fact_origins"

    zone_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    column: Mapped[str] = mapped_column(String(64), primary_key=True)
    # "operator" (an approved operator change), "import" (a secretariat's file), "secretariat" (a revert)
    layer: Mapped[str] = mapped_column(String(16))
    since: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class RegistryMetaRow(Base):
    """Key/value facts about the registry, e.g. its version, bumped on every write (cache key)."""

    __tablename__ = "registry_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
