"""What everyone reads of passports: the catalogue with its filters, one published passport, and the
same as CSV rows; and what an owner reads of their own (drafts included).

Filters are on the published document's columns (`store/passport_tables.py`): an ISIC filter matches a
passport tagged with that code or anything under it; a capex filter matches ranges that overlap the asked
one, in the currency asked (amounts in different currencies are not converted: no exchange rate is
invented for them).
"""

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from sezatlas.accounts.roles import Actor, kept_zones, require
from sezatlas.passports.authoring import DraftState, PassportNotFoundError, may_change, passport_row
from sezatlas.standard.passport import OfferedBy, Passport, Stage
from sezatlas.standard.zone import CountryCode, IsicCode
from sezatlas.stewardship.versions import aware
from sezatlas.store.passport_tables import PassportRow, PassportSectorRow
from sezatlas.tabular.safe_cells import csv_row

MATCH_BATCH = 500  # rows read at a time by `every_published`


class Order(StrEnum):
    NEWEST = "newest"
    CAPEX = "capex"  # the largest ranges first
    JOBS = "jobs"


class PassportQuery(BaseModel):
    """The catalogue's filters; each left empty filters nothing."""

    model_config = ConfigDict(extra="forbid")

    country: list[CountryCode] = Field(default_factory=list)
    zone_id: Annotated[str, Field(max_length=64)] | None = None
    isic: IsicCode | None = None
    stage: list[Stage] = Field(default_factory=list)
    offered_by: OfferedBy | None = None
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] | None = None
    capex_min_m: Annotated[float, Field(ge=0)] | None = None  # needs `currency`
    capex_max_m: Annotated[float, Field(ge=0)] | None = None  # needs `currency`
    jobs_min: Annotated[int, Field(ge=0, le=1_000_000)] | None = None  # bounded: a larger int overflows SQL
    q: Annotated[str, Field(max_length=100)] | None = None  # in the title
    order: Order = Order.NEWEST
    limit: Annotated[int, Field(ge=1, le=500)] = 50
    offset: Annotated[int, Field(ge=0, le=10_000_000)] = 0


@dataclass(frozen=True, slots=True)
class Published:
    passport_id: int
    country_iso3: str
    published_at: datetime
    passport: Passport


@dataclass(frozen=True, slots=True)
class Page:
    total: int
    passports: list[Published]


def _published(row: PassportRow) -> Published:
    assert row.published is not None and row.published_at is not None
    return Published(row.passport_id, row.country_iso3, aware(row.published_at),
                     Passport.model_validate(row.published))  # fmt: skip


def _conditions(query: PassportQuery) -> list[Any]:
    p = PassportRow
    conditions: list[Any] = [p.published.is_not(None)]
    if query.country:
        conditions.append(p.country_iso3.in_(query.country))
    if query.zone_id:
        conditions.append(p.zone_id == query.zone_id.strip().upper())
    if query.isic:
        tagged = select(PassportSectorRow.passport_id).where(PassportSectorRow.isic_code == query.isic)
        conditions.append(p.passport_id.in_(tagged))
    if query.stage:
        conditions.append(p.stage.in_([stage.value for stage in query.stage]))
    if query.offered_by is not None:
        conditions.append(func.coalesce(p.published["offered_by"].as_string(), "") == query.offered_by.value)
    if query.currency:
        conditions.append(p.currency == query.currency)
    if query.capex_min_m is not None:
        conditions.append(p.capex_max_m >= query.capex_min_m)
    if query.capex_max_m is not None:
        conditions.append(p.capex_min_m <= query.capex_max_m)
    if query.jobs_min is not None:
        conditions.append(p.jobs_expected >= query.jobs_min)
    if query.q and query.q.strip():
        words = query.q.strip().lower().replace("\\", "").replace("%", "").replace("_", " ").split()
        conditions.extend(func.lower(p.title).like(f"%{word}%") for word in words)
    return conditions


class CatalogueQueryError(ValueError):
    """Filters that cannot be read together (a capex range without its currency): HTTP 422."""


def find_passports(session: Session, query: PassportQuery) -> Page:
    """Anyone: published passports matching every filter, a page at a time, with how many match."""
    if (query.capex_min_m is not None or query.capex_max_m is not None) and query.currency is None:
        raise CatalogueQueryError("currency: a capex filter is in one currency; name it (e.g. USD)")
    p = PassportRow
    conditions = _conditions(query)
    total = session.scalar(select(func.count()).select_from(p).where(*conditions)) or 0
    orders: dict[Order, list[Any]] = {
        Order.NEWEST: [p.published_at.desc()],
        Order.CAPEX: [p.capex_max_m.desc()],
        Order.JOBS: [func.coalesce(p.jobs_expected, -1).desc()],
    }
    order = orders[query.order]
    rows = session.scalars(
        select(p).where(*conditions).order_by(*order, p.passport_id).limit(query.limit).offset(query.offset)
    )
    return Page(int(total), [_published(row) for row in rows])


def every_published(session: Session, *, stages: list[Stage] | None = None) -> Iterator[Published]:
    """Every published passport (of these stages, when named), read a batch at a time: for matching,
    which must see all of them rather than a catalogue page."""
    p = PassportRow
    conditions = [p.published.is_not(None)]
    if stages:
        conditions.append(p.stage.in_([stage.value for stage in stages]))
    rows = session.scalars(
        select(p).where(*conditions).order_by(p.passport_id).execution_options(yield_per=MATCH_BATCH)
    )
    return (_published(row) for row in rows)


def published_passport(session: Session, passport_id: int) -> Published:
    """Anyone: a published passport (unpublished ones do not exist for the public)."""
    row = session.get(PassportRow, passport_id)
    if row is None or row.published is None:
        raise PassportNotFoundError(f"no published passport {passport_id}")
    return _published(row)


@dataclass(frozen=True, slots=True)
class Owned:
    """A passport as its owner (or the zone, or the secretariat) sees it: both texts, where the draft is."""

    passport_id: int
    zone_id: str
    draft: Passport | None
    draft_state: DraftState | None
    rejection_reason: str | None
    published: Passport | None


def _owned(row: PassportRow) -> Owned:
    return Owned(
        row.passport_id, row.zone_id,
        Passport.model_validate(row.draft) if row.draft is not None else None,
        DraftState(row.draft_state) if row.draft_state else None, row.rejection_reason,
        Passport.model_validate(row.published) if row.published is not None else None,
    )  # fmt: skip


def owned_passport(session: Session, actor: Actor, passport_id: int) -> Owned:
    row = passport_row(session, passport_id)
    require(actor, may_change(actor, row), f"edit passport {passport_id}")
    return _owned(row)


def my_passports(session: Session, actor: Actor) -> list[Owned]:
    """A logged-in person's passports: their own, their organisation's and their zones'."""
    require(actor, actor.is_authenticated, "list your passports")
    p = PassportRow
    kept = kept_zones(actor)
    mine = [
        p.owner_person_id == actor.person_id if actor.person_id is not None else None,
        p.owner_organisation_id == actor.organisation_id if actor.organisation_id is not None else None,
        p.zone_id.in_(kept) if kept else None,
    ]
    conditions = [condition for condition in mine if condition is not None]
    if not conditions:
        return []
    rows = session.scalars(select(p).where(or_(*conditions)).order_by(p.updated_at.desc(), p.passport_id))
    return [_owned(row) for row in rows]


CSV_COLUMNS = (
    "passport_id", "title", "zone_id", "country_iso3", "offered_by", "isic_codes", "hs_codes", "stage",
    "currency", "capex_min_m", "capex_max_m", "jobs_expected", "land_ha_needed", "land_ha_available",
    "power_mw_needed", "power_mw_available", "contact_names", "contact_emails", "source_urls", "as_of",
    "published_at", "url",
)  # fmt: skip


def passports_csv(hits: list[Published], site_url: str = "") -> str:
    """The catalogue as CSV, one row per passport, safe to open in a spreadsheet (no live formulas)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for hit in hits:
        p = hit.passport
        writer.writerow(csv_row({
            "passport_id": hit.passport_id, "title": p.title, "zone_id": p.zone_id,
            "country_iso3": hit.country_iso3, "offered_by": p.offered_by.value,
            "isic_codes": ";".join(p.isic_codes), "hs_codes": ";".join(p.hs_codes), "stage": p.stage.value,
            "currency": p.currency, "capex_min_m": p.capex_min_m, "capex_max_m": p.capex_max_m,
            "jobs_expected": p.jobs_expected, "land_ha_needed": p.needs.land_ha.needed,
            "land_ha_available": p.needs.land_ha.available, "power_mw_needed": p.needs.power_mw.needed,
            "power_mw_available": p.needs.power_mw.available,
            "contact_names": ";".join(c.name for c in p.contacts),
            "contact_emails": ";".join(c.email or "" for c in p.contacts),
            "source_urls": ";".join(p.provenance.source_urls), "as_of": p.provenance.as_of,
            "published_at": hit.published_at.isoformat(), "url": f"{site_url}/passports/{hit.passport_id}",
        }))  # fmt: skip
    return out.getvalue()
