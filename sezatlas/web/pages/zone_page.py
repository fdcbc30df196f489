"""The zone page: every fact of one zone, grouped as the standard groups it, with sources and dates,
where each fact came from, and for its keepers the links to edit and confirm it (`zone_keeping.py`).

`?f=json` gives the same record as `/api/v1/zones/{zone_id}`.
"""

from dataclasses import replace
from datetime import date, timedelta
from typing import Annotated, Any
from urllib.parse import urlencode

from babel.dates import format_timedelta
from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from sezatlas.accounts.rate_limits import TooManyAttemptsError
from sezatlas.accounts.roles import Actor
from sezatlas.federation.zone_origins import zone_harvest_origin
from sezatlas.inquiries.dashboard import GroupBy, response_dashboard
from sezatlas.standard.zone import Zone
from sezatlas.stewardship.error_reports import ErrorReportInvalidError, report_error
from sezatlas.stewardship.freshness import confirm_zone
from sezatlas.store.zones import ZoneName, get_zone, parts_of, zone_names
from sezatlas.web.deps import ActorDep, ContextDep, SessionDep
from sezatlas.web.errors import not_found
from sezatlas.web.i18n import LANGUAGES, country_name, format_as_of
from sezatlas.web.pages.facts import FactGroup, Reader, zone_fact_groups
from sezatlas.web.pages.labels import CONFIDENCE_TITLES, ZONE_TYPE_COLOURS, ZONE_TYPE_TITLES
from sezatlas.web.pages.offer_pages import zone_offers_view
from sezatlas.web.pages.rendering import PageContext, PageContextDep, render
from sezatlas.web.pages.response_figures import Figures, group_figures
from sezatlas.web.pages.stewardship_words import mail_settings
from sezatlas.web.pages.zone_harvest import harvest_context
from sezatlas.web.pages.zone_keeping import BAD_REPORT, TOO_MANY_REPORTS, keeping_context
from sezatlas.web.pages.zone_logistics import DISTANCE_NOTE, computed_distances, logistics_facts, map_features
from sezatlas.web.pages.zone_passports import zone_passports
from sezatlas.web.pages.zone_sources import group_sources, source_host
from sezatlas.web.zones_api import confirmed_at, zone_out

router = APIRouter(include_in_schema=False)
STALE_AFTER_DAYS = 365


def source_label(url: str) -> str:
    """A source link's visible text: its host (the compare, incentives and statistics pages show it)."""
    return source_host(url)


def data_age_text(age_days: int, lang: str) -> str:
    """'3 weeks', '2 года', '1年': a data age a person reads at a glance, in their language."""
    return format_timedelta(timedelta(days=age_days), granularity="day", threshold=1.0,
                            locale=LANGUAGES[lang].locale)  # fmt: skip


def _record_provenance(zone_json: dict[str, Any], reader: PageContext) -> dict[str, Any]:
    provenance = zone_json["provenance"]
    confidence = provenance.get("confidence")
    return {
        "source_urls": provenance["source_urls"],
        "source_citation": provenance.get("source_citation"),
        "as_of": format_as_of(provenance["as_of"], reader.lang) if provenance.get("as_of") else None,
        "confidence": reader.gettext(CONFIDENCE_TITLES[confidence]) if confidence else None,
    }


def _relations(session: SessionDep, zone: Zone) -> dict[str, ZoneName | list[ZoneName] | None]:
    """The whole this zone is part of, its parts, and the zones that may be the same (`_zone_parts.html`)."""
    parent = zone_names(session, [zone.parent_zone_id]) if zone.parent_zone_id else []
    return {
        "parent": parent[0] if parent else None,
        "parts": parts_of(session, zone.zone_id),
        "possibly_same": zone_names(session, zone.possibly_same_as),
    }


def _fact_groups(zone: Zone, reader: Reader) -> list[FactGroup]:
    """The standard's groups; the Logistics group names the feature each computed distance reaches."""
    return [
        replace(group, facts=logistics_facts(zone, group.facts, reader))
        if group.key == "logistics"
        else group
        for group in zone_fact_groups(zone, reader)
    ]


def _map_and_sources(
    zone: Zone, groups: list[FactGroup], record: dict[str, Any], reader: Reader
) -> dict[str, Any]:
    """The sources once per host with the facts they support; the computed distances, for the Logistics
    note and the map's nearest seaport and airport."""
    distances = computed_distances(zone, reader)
    return {
        "sources": group_sources(groups, record["source_urls"], record["as_of"]),
        "computed": {found.key: found for found in distances},
        "distance_note": reader.gettext(DISTANCE_NOTE),
        "map_features": map_features(distances, reader),
    }


@router.get("/zones/{zone_id}", response_class=HTMLResponse)
def zone_page(zone_id: str, request: Request, session: SessionDep, reader: PageContextDep,
              actor: ActorDep) -> Response:  # fmt: skip
    zone = get_zone(session, zone_id.upper())
    if zone is None:
        raise not_found(f"zone {zone_id}")
    if request.query_params.get("f") == "json":
        confirmed = confirmed_at(session, [zone]).get(zone.zone_id)
        return JSONResponse(
            zone_out(zone, today=date.today(), last_confirmed_at=confirmed).model_dump(mode="json")
        )
    return _zone_response(request, session, reader, actor, zone, notice=request.query_params.get("notice"))


def _response_figures(session: Session, zone: Zone, reader: PageContext) -> Figures | None:
    """The zone's public answer figures (issue 17): counts and days, none of any inquiry's content."""
    found = response_dashboard(session, GroupBy.ZONE, only=zone.zone_id)
    return group_figures(found, zone.zone_id, reader.lang)


def _zone_response(request: Request, session: Session, reader: PageContext, actor: Actor, zone: Zone, *,
                   notice: str | None = None, report: dict[str, Any] | None = None,
                   status_code: int = 200) -> Response:  # fmt: skip
    record = zone_out(zone, today=date.today())
    age = record.data_age_days
    words = Reader(reader.gettext, reader.lang)
    groups = _fact_groups(zone, words)
    provenance = _record_provenance(record.model_dump(mode="json"), reader)
    parts = _map_and_sources(zone, groups, provenance, words)
    keeping = keeping_context(session, actor, zone, parts["computed"], reader, notice)
    context = {
        "zone": zone,
        "country": country_name(zone.country_iso3, reader.lang),
        "type_title": reader.gettext(ZONE_TYPE_TITLES[zone.zone_type]),
        "colour": ZONE_TYPE_COLOURS[zone.zone_type],
        "groups": groups,
        "record": provenance,
        "data_age": data_age_text(age, reader.lang) if age is not None else None,
        "is_stale": age is not None and age > STALE_AFTER_DAYS,
        "relations": _relations(session, zone),
        **parts,
        **keeping,
        "report": report or keeping["report"],
        "inquiry_url": "/inquiries/new?" + urlencode({"zone": zone.zone_id}),
        "response_figures": _response_figures(session, zone, reader),
        "zone_passports": zone_passports(session, actor, zone.zone_id, words),
        "zone_offers": zone_offers_view(session, zone.zone_id, reader),
        "harvest": harvest_context(zone_harvest_origin(session, zone.zone_id), actor, words),
        "links": {"json": f"/zones/{zone.zone_id}?f=json", "api": f"/api/v1/zones/{zone.zone_id}"},
    }
    return render(request, reader, "zone.html", context, status_code=status_code)


@router.post("/zones/{zone_id}/confirm")
def confirm(zone_id: str, session: SessionDep, actor: ActorDep, context: ContextDep) -> Response:
    """The zone's operator (or the secretariat): the facts are true as they stand today."""
    confirm_zone(session, actor, zone_id.upper(), context=context)
    return RedirectResponse(f"/zones/{zone_id.upper()}?notice=confirmed#keeping", status_code=303)


@router.post("/zones/{zone_id}/report-error")
def report(
    zone_id: str,
    request: Request,
    session: SessionDep,
    reader: PageContextDep,
    actor: ActorDep,
    context: ContextDep,
    message: Annotated[str, Form(max_length=4000)],
    email: Annotated[str, Form(max_length=320)] = "",
) -> Response:
    """Anyone: a wrong fact reported to the zone's operator and the secretariat. Refused past five an hour
    from one address (429) or when too short or the address is malformed (422): the page again, saying so,
    with what was typed."""
    try:
        report_error(session, zone_id.upper(), message, reporter_email=email or None, mail=mail_settings(),
                     translate=reader.gettext, context=context)  # fmt: skip
    except (TooManyAttemptsError, ErrorReportInvalidError) as error:
        session.rollback()
        zone = get_zone(session, zone_id.upper())
        if zone is None:
            raise not_found(f"zone {zone_id}") from error
        too_many = isinstance(error, TooManyAttemptsError)
        problem = reader.gettext(TOO_MANY_REPORTS if too_many else BAD_REPORT)
        typed = {"message": message, "email": email, "problem": problem}
        page = _zone_response(request, session, reader, actor, zone, report=typed,
                              status_code=429 if too_many else 422)  # fmt: skip
        if isinstance(error, TooManyAttemptsError):
            page.headers["Retry-After"] = str(error.retry_after_s)
        return page
    return RedirectResponse(f"/zones/{zone_id.upper()}?notice=reported#report-error", status_code=303)
