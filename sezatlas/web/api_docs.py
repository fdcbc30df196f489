"""`/docs` (Swagger UI) and `/redoc`, built from the vendored assets so that they work offline.

FastAPI's own pages load their scripts from a CDN and are blank without a network; these are the same pages
(FastAPI's helpers) pointed at `/static/vendor/`. No OAuth2 redirect route: the API declares no OAuth2
security scheme, so Swagger UI never starts an OAuth2 flow.
"""

from fastapi import APIRouter, FastAPI, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse

router = APIRouter(include_in_schema=False)

VENDOR = "/static/vendor"
NO_FAVICON = "data:,"  # as on the pages: the browser asks for no icon, here or anywhere else


def _root_path(request: Request) -> str:
    """The prefix a proxy serves the app under ("" when served at the root), as FastAPI's pages use it."""
    return str(request.scope.get("root_path", "")).rstrip("/")


def _openapi_url(request: Request) -> str:
    app: FastAPI = request.app
    return _root_path(request) + (app.openapi_url or "/openapi.json")


def _title(request: Request, viewer: str) -> str:
    app: FastAPI = request.app
    return f"{app.title} - {viewer}"


@router.get("/docs")
async def swagger_ui(request: Request) -> HTMLResponse:
    """The interactive API documentation (Swagger UI), with its script and style served from here."""
    vendor = _root_path(request) + VENDOR
    return get_swagger_ui_html(
        openapi_url=_openapi_url(request),
        title=_title(request, "Swagger UI"),
        swagger_js_url=f"{vendor}/swagger-ui-dist/swagger-ui-bundle.js",
        swagger_css_url=f"{vendor}/swagger-ui-dist/swagger-ui.css",
        swagger_favicon_url=NO_FAVICON,
    )


@router.get("/redoc")
async def redoc(request: Request) -> HTMLResponse:
    """The API reference (Redoc), with its standalone script served from here and no web fonts."""
    return get_redoc_html(
        openapi_url=_openapi_url(request),
        title=_title(request, "ReDoc"),
        redoc_js_url=f"{_root_path(request)}{VENDOR}/redoc/redoc.standalone.js",
        redoc_favicon_url=NO_FAVICON,
        with_google_fonts=False,
    )
