"""What everyone reads of investment project passports (issue 17, item 4): the catalogue with its filters
(`/passports`, also `?f=csv|json`), a passport's page (`/passports/{id}`, also `?f=json`) with the
incentives the engine computes for it, and the passport as a PDF in the reader's language
(`/passports/{id}.pdf?lang=zh`).

The JSON twins are the API's shapes (`web/passports_models.py`): the standard's Passport record with its
id, country and publication time. A filter that cannot be read is the catalogue again, saying which and
why (422); the exports answer it as the API does. Drafts and withdrawn passports do not exist here (404).
"""

import re
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from sqlalchemy.orm import Session

from sezatlas.passports.authoring import may_change_passport
from sezatlas.passports.catalogue import CatalogueQueryError, Page, Published, find_passports, passports_csv
from sezatlas.passports.catalogue import published_passport as read_published
from sezatlas.passports.incentives import passport_incentives
from sezatlas.standard.passport import PASSPORT_VERSION
from sezatlas.store.zones import zone_names
from sezatlas.web.deps import ActorDep, SessionDep
from sezatlas.web.downloads import ascii_fallback, attachment
from sezatlas.web.i18n import LANGUAGES, country_name, format_number
from sezatlas.web.pages.compare_export import comparison_pdf
from sezatlas.web.pages.facts import Reader
from sezatlas.web.pages.isic_labels import isic_label
from sezatlas.web.pages.passport_filters import (
    filter_options,
    filter_problem,
    filter_query,
    filter_texts,
    parse_filters,
)
from sezatlas.web.pages.passport_incentives_view import incentives_view
from sezatlas.web.pages.passport_view import capex_text, fact_groups, need_rows
from sezatlas.web.pages.passport_words import STAGE_TITLES
from sezatlas.web.pages.rendering import PageContext, PageContextDep, render, render_text
from sezatlas.web.pages.stewardship_words import moment_text
from sezatlas.web.passports_models import CatalogueOut, LinkOut, incentives_out, published_out, site_url

router = APIRouter(include_in_schema=False)
PATH = "/passports"
CSV = "text/csv; charset=utf-8"


def _names(session: Session, zone_ids: list[str]) -> dict[str, str]:
    return {found.zone_id: found.name_en for found in zone_names(session, sorted(set(zone_ids)))}


def _item(hit: Published, names: dict[str, str], reader: Reader) -> dict[str, Any]:
    """One passport of the list: what an investor scans for (where, what, how far, how much)."""
    passport = hit.passport
    jobs = passport.jobs_expected
    return {
        "id": hit.passport_id,
        "title": passport.title,
        "zone_id": passport.zone_id,
        "zone_name": names.get(passport.zone_id, passport.zone_id),
        "country": country_name(hit.country_iso3, reader.lang),
        "stage": reader.gettext(STAGE_TITLES[passport.stage]),
        "capex": capex_text(passport, reader),
        "jobs": format_number(jobs, reader.lang, 0) if jobs is not None else None,
        "isic": [isic_label(code, reader) for code in passport.isic_codes],
    }


def _paging(texts: dict[str, Any], page: Page, limit: int, offset: int) -> dict[str, str | None]:
    after, before = offset + limit, max(offset - limit, 0)
    return {
        "next": f"{PATH}?{filter_query(texts, offset=after)}" if after < page.total else None,
        "previous": f"{PATH}?{filter_query(texts, offset=before or '')}" if offset > 0 else None,
    }


def _catalogue_json(texts: dict[str, Any], page: Page, limit: int, offset: int) -> dict[str, Any]:
    """The page's passports as the API's catalogue answers them, its links the next and previous pages."""
    paging = _paging(texts, page, limit, offset)
    pages = (("next", paging["next"]), ("prev", paging["previous"]))
    links = [LinkOut(rel=rel, href=f"{href}&f=json") for rel, href in pages if href]
    return CatalogueOut(total=page.total, limit=limit, offset=offset, passport_version=PASSPORT_VERSION,
                        passports=[published_out(hit) for hit in page.passports],
                        links=links).model_dump(mode="json")  # fmt: skip


def _export_links(texts: dict[str, Any]) -> dict[str, str]:
    """The same filters as CSV and JSON (every match up to 500, not this page)."""
    query = filter_query({**texts, "offset": "", "limit": ""})
    return {fmt: f"{PATH}?{query}{'&' if query else ''}f={fmt}" for fmt in ("csv", "json")}


def _export(texts: dict[str, Any], fmt: str, session: Session) -> Response:
    query = parse_filters(texts, lambda message: message, is_export=True)  # refused: the API's 422
    page = find_passports(session, query)
    if fmt == "csv":
        headers = {**attachment("sez-atlas-passports.csv"), "X-Total-Count": str(page.total)}
        return Response(passports_csv(page.passports, site_url()), media_type=CSV, headers=headers)
    return JSONResponse(_catalogue_json(texts, page, query.limit, query.offset))


@router.get("/passports", response_class=HTMLResponse)
def catalogue(request: Request, session: SessionDep, reader: PageContextDep) -> Response:
    """The published passports matching the filters; `f=csv|json` for the same as data."""
    texts = filter_texts(request.query_params)
    fmt = request.query_params.get("f", "")
    if fmt in {"csv", "json"}:
        return _export(texts, fmt, session)
    words = Reader(reader.gettext, reader.lang)
    values: dict[str, Any] = {"filters": texts, **filter_options(reader.lang, reader.gettext),
                              "problem": None, "items": [], "total": 0, "paging": {}, "first": 0, "last": 0,
                              "links": _export_links(texts)}  # fmt: skip
    try:
        query = parse_filters(texts, reader.gettext)
        page = find_passports(session, query)
    except CatalogueQueryError as error:
        values["problem"] = filter_problem(error, reader.gettext)
        return render(request, reader, "passports.html", values, status_code=422)
    names = _names(session, [hit.passport.zone_id for hit in page.passports])
    values |= {"items": [_item(hit, names, words) for hit in page.passports], "total": page.total,
               "paging": _paging(texts, page, query.limit, query.offset), "first": query.offset + 1,
               "last": query.offset + len(page.passports)}  # fmt: skip
    return render(request, reader, "passports.html", values)


def _passport_context(session: Session, hit: Published, reader: PageContext, *,
                      is_print: bool = False) -> dict[str, Any]:  # fmt: skip
    """What the page and the PDF show of a published passport, its incentives included."""
    passport, words = hit.passport, Reader(reader.gettext, reader.lang)
    zone_name = _names(session, [passport.zone_id]).get(passport.zone_id, passport.zone_id)
    first_isic = passport.isic_codes[0]
    base = f"{PATH}/{hit.passport_id}"
    return {
        "passport": passport,
        "is_print": is_print,
        "zone_name": zone_name,
        "country": country_name(hit.country_iso3, reader.lang),
        "groups": fact_groups(passport, zone_name, words),
        "needs": need_rows(passport, words),
        "published_at": moment_text(hit.published_at, reader.lang),
        "incentives": incentives_view(passport_incentives(session, passport), passport, words),
        "inquiry_url": "/inquiries/new?" + urlencode({"zone": passport.zone_id, "isic": first_isic}),
        "links": {
            "pdf": f"{base}.pdf?lang={reader.lang}",
            "json": f"{base}?f=json",
            "edit": f"{base}/edit",
            "investors": f"{base}/investors",
        },
    }


@router.get("/passports/{passport_id:int}", response_class=HTMLResponse)
def passport_page(passport_id: int, request: Request, session: SessionDep, reader: PageContextDep,
                  actor: ActorDep) -> Response:  # fmt: skip
    """A published passport, every field; `f=json` for the record and its incentives as data."""
    hit = read_published(session, passport_id)
    if request.query_params.get("f") == "json":
        incentives = incentives_out(passport_incentives(session, hit.passport)).model_dump(mode="json")
        return JSONResponse({**published_out(hit).model_dump(mode="json"), "incentives": incentives})
    context = _passport_context(session, hit, reader)
    context["may_change"] = may_change_passport(session, actor, passport_id)
    return render(request, reader, "passport.html", context)


def pdf_file_name(passport_id: int, title: str, lang: str) -> str:
    """`sez-atlas-passport-12-battery-cell-plant-zh.pdf`: the title's Latin letters only, so it is safe."""
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_fallback(title).lower()).strip("-")[:60].strip("-")
    return "-".join(part for part in ("sez-atlas-passport", str(passport_id), slug, lang) if part) + ".pdf"


@router.get("/passports/{passport_id:int}.pdf")
def passport_pdf(passport_id: int, request: Request, session: SessionDep, reader: PageContextDep) -> Response:
    """The passport as a PDF in the reader's language (`?lang=`): right to left in Arabic, with the Noto
    fonts for Chinese and Arabic."""
    hit = read_published(session, passport_id)
    context = _passport_context(session, hit, reader, is_print=True)
    html = render_text(request, reader, "passport_pdf.html", context)
    name = pdf_file_name(passport_id, hit.passport.title, reader.lang)
    headers = {**attachment(name), "Content-Language": LANGUAGES[reader.lang].html_lang}
    return Response(comparison_pdf(html), media_type="application/pdf", headers=headers)
