"""The FastAPI application: JSON API, OGC API – Features, and the pages, over one store."""

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio.to_thread
from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware
from sqlalchemy import Engine

from sezatlas import __version__
from sezatlas.chains.recipe import precompute_recipes
from sezatlas.registry.search_lexicon import lexicon
from sezatlas.settings import get_settings
from sezatlas.store.database import make_engine, session_factory
from sezatlas.web import (
    accounts_api,
    api_docs,
    chains_api,
    changes_api,
    congress_api,
    datapackage_api,
    harvest_api,
    health,
    incentives_api,
    inquiries_api,
    jobs_api,
    localization_api,
    matching_api,
    matrix_api,
    members_api,
    offers_api,
    ogc,
    passports_api,
    personal_data_api,
    rank_api,
    reference_api,
    relatedness_api,
    scenario_api,
    stewardship_api,
    zones_api,
)
from sezatlas.web.admission import HeavyRequestAdmission
from sezatlas.web.body_limit import BodyLimitMiddleware
from sezatlas.web.deps import StrictParameters
from sezatlas.web.error_handlers import install_error_handlers
from sezatlas.web.errors import ErrorOut
from sezatlas.web.head_requests import HeadAsGetMiddleware
from sezatlas.web.job_workers import running_job_workers
from sezatlas.web.json_bodies import FiniteJsonBodies
from sezatlas.web.pages import members_page
from sezatlas.web.pages.import_page import IMPORT_PATH
from sezatlas.web.pages.inquiry_form_page import SEND_PATH as INQUIRY_FORM_PATH
from sezatlas.web.pages.mount import mount_pages
from sezatlas.web.pages.zone_edit_page import EDIT_PATH_PATTERN
from sezatlas.web.process_tuning import set_aside_from_collector, tune_server_process
from sezatlas.web.request_queue import RequestQueue
from sezatlas.web.same_origin import SameOriginWrites
from sezatlas.web.security_headers import SecurityHeadersMiddleware
from sezatlas.web.url_guard import ControlCharacterUrlMiddleware
from sezatlas.web.warm_start import build_registry_values
from sezatlas.web.write_limits import WriteRateLimit
from sezatlas.web.zone_list_cache import ZoneListCache


def _threads_for(engine: Engine) -> int:
    """As many request threads as the engine has connections: a thread never queues for a connection
    while holding none, and a burst of requests queues in the event loop, where waiting costs nothing."""
    size = getattr(engine.pool, "size", None)
    return max(4, int(size())) if callable(size) else 40


def create_app(engine: Engine | None = None, database_url: str | None = None) -> FastAPI:
    """An app bound to `engine` (or to a new engine for `database_url`, or the configured one)."""
    settings = get_settings()
    if engine is None:
        engine = make_engine(database_url or settings.database_url, connections=settings.connections,
                             statement_timeout_s=settings.statement_timeout_s)  # fmt: skip
    threads = _threads_for(engine)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        tune_server_process()
        await anyio.to_thread.run_sync(lexicon)  # the search words' dictionaries (~0.7 s), before any search
        await anyio.to_thread.run_sync(precompute_recipes)  # the Leontief inverse (~0.3 s), before any recipe
        if settings.warm_start:  # before the first request, not in it (web/warm_start.py)
            await anyio.to_thread.run_sync(build_registry_values, app.state.sessions)
        set_aside_from_collector()  # what start-up loaded stays for the process's life
        with running_job_workers(app):  # the scheduler's runs, off the requests (jobs/worker.py)
            yield

    app = FastAPI(
        title="SEZ Atlas API",
        version=__version__,
        description="Open registry of the preferential territories of the BRICS countries: zones with a "
        "source and a date on every fact. Unknown facts are null.",
        responses={
            400: {"model": ErrorOut, "description": "Bad parameter (unknown, malformed or out of range)"},
            422: {"model": ErrorOut, "description": "Body not a valid request; `errors` names each field"},
            503: {"model": ErrorOut, "description": "Database unavailable; retry after `Retry-After` s"},
        },
        lifespan=lifespan,
        docs_url=None,  # /docs and /redoc are served from vendored assets by api_docs
        redoc_url=None,
    )
    # Text (pages, JSON, scripts, the base map's GeoJSON) shrinks ~4x: each page stays well under 1 MB.
    # Level 6, not Starlette's 9: 1 % bigger, 2.5x less CPU (the 10,000-zone map points: 23 vs 58 ms).
    # Innermost: a request refused outside never queues.
    turns = min(settings.requests_at_once, threads)
    app.add_middleware(RequestQueue, turns=turns, max_wait_s=settings.queue_wait_s)
    app.add_middleware(FiniteJsonBodies)
    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=6)
    app.add_middleware(HeadAsGetMiddleware)  # outside gzip: HEAD carries GET's encoded length
    # Added last runs first: the body limit wraps the JSON check, nosniff lands on every answer.
    app.add_middleware(BodyLimitMiddleware, max_body_bytes=settings.max_body_bytes,
                       upload_limits={re.escape(IMPORT_PATH): settings.max_upload_bytes,
                                      EDIT_PATH_PATTERN: settings.max_upload_bytes,
                                      re.escape(inquiries_api.SEND_PATH): settings.max_inquiry_bytes,
                                      re.escape(INQUIRY_FORM_PATH): settings.max_inquiry_bytes,
                                      })  # fmt: skip
    app.add_middleware(ControlCharacterUrlMiddleware)
    app.add_middleware(WriteRateLimit, writes_per_minute=settings.writes_per_minute)  # after the origin check
    app.add_middleware(SameOriginWrites)
    app.add_middleware(HeavyRequestAdmission, limit=settings.heavy_requests, wait_s=settings.heavy_wait_s)
    app.add_middleware(SecurityHeadersMiddleware)
    app.state.engine = engine
    app.state.sessions = session_factory(engine)
    app.state.zone_list_cache = ZoneListCache(settings.answer_cache_mb * 1024 * 1024)

    install_error_handlers(app)
    app.include_router(health.router)
    for api in (zones_api, stewardship_api, reference_api, rank_api, incentives_api, matrix_api, congress_api,
                accounts_api, jobs_api, members_api, inquiries_api, passports_api, matching_api,
                personal_data_api, scenario_api, chains_api, relatedness_api, offers_api, changes_api,
                datapackage_api, localization_api, harvest_api):  # fmt: skip
        app.include_router(api.router, dependencies=[StrictParameters])
    app.include_router(ogc.router)  # its own parameter check: a collection's queryables are parameters too
    app.include_router(api_docs.router)
    mount_pages(app)
    app.include_router(members_page.router)
    return app
