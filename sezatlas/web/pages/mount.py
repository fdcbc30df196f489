"""Adds the pages and `/static` to the app (called once by the app factory)."""

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from sezatlas.web.pages import (
    account_pages,
    audit_page,
    chain_page,
    compare_page,
    congress_page,
    document_download,
    history_page,
    home,
    import_page,
    inbox_page,
    incentives_page,
    inquiry_form_page,
    inquiry_pages,
    localization_page,
    login_page,
    map_layers,
    matrix_page,
    my_account_page,
    offer_pages,
    organiser_page,
    passport_edit_page,
    passport_investors_page,
    passport_pages,
    passport_review_page,
    profile_pages,
    rank_page,
    reports_page,
    responses_page,
    review_page,
    scenario_page,
    sources_page,
    stats_pages,
    zone_edit_page,
    zone_page,
)
from sezatlas.web.pages.rendering import PageRenderer

STATIC_DIR = Path(__file__).parent.parent / "static"


def mount_pages(app: FastAPI) -> None:
    """Add the pages and `/static` to the app; the catalogs are compiled here, once, at start-up."""
    app.state.page_renderer = PageRenderer.load()
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.include_router(home.router)
    app.include_router(map_layers.router)
    app.include_router(zone_page.router)
    app.include_router(zone_edit_page.router)
    app.include_router(history_page.router)
    app.include_router(review_page.router)
    app.include_router(compare_page.router)
    app.include_router(stats_pages.router)
    app.include_router(rank_page.router)
    app.include_router(scenario_page.router)  # /incentives/scenario, beside the incentives page
    app.include_router(localization_page.router)  # /chains/localization, before any /chains router
    app.include_router(chain_page.router)  # /chains: where a product's inputs are made
    app.include_router(incentives_page.router)
    app.include_router(matrix_page.router)
    app.include_router(congress_page.router)
    app.include_router(organiser_page.router)
    app.include_router(login_page.router)
    app.include_router(account_pages.router)
    app.include_router(audit_page.router)
    app.include_router(sources_page.router)
    app.include_router(reports_page.router)
    app.include_router(inbox_page.router)
    app.include_router(import_page.router)
    app.include_router(document_download.router)
    app.include_router(inquiry_form_page.router)  # before inquiry_pages: /inquiries/new is not a thread
    app.include_router(inquiry_pages.router)
    app.include_router(responses_page.router)
    app.include_router(offer_pages.router)  # /offers/new and /mine before an offer's id, in the module
    app.include_router(passport_edit_page.router)  # /passports/new and /mine before a passport's id
    app.include_router(passport_review_page.router)
    app.include_router(passport_pages.router)
    app.include_router(passport_investors_page.router)
    app.include_router(profile_pages.router)
    app.include_router(my_account_page.router)
