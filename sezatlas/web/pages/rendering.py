"""Rendering pages: one Jinja2 environment per language, the reader's language, and response headers.

Each language gets its own environment with its catalog installed, built once at start-up and never
changed, so concurrent requests in different languages cannot see each other's translations.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from sezatlas import __version__
from sezatlas.web import i18n
from sezatlas.web.deps import SESSION_COOKIE
from sezatlas.web.pages.account_menu import account_menu
from sezatlas.web.pages.comparison import COOKIE_NAME as COMPARE_COOKIE
from sezatlas.web.pages.comparison import parse_zone_ids
from sezatlas.web.pages.navigation import current_entry

TEMPLATE_DIR = Path(__file__).parent.parent / "templates"

# Everything the browser loads comes from this server: no CDN, no tiles, no fonts from elsewhere.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; "
    "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


def _environment(code: str) -> Environment:
    environment = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # templates ship with the package: no stat() of each per render (10 % of a page)
    )
    environment.install_gettext_translations(i18n.translations(code), newstyle=True)  # type: ignore[attr-defined]
    environment.filters["number"] = lambda value, digits=1: i18n.format_number(value, code, digits)
    environment.filters["fixed"] = lambda value, digits: i18n.format_fixed(value, code, digits)
    environment.filters["country"] = lambda iso3: i18n.country_name(iso3, code)
    environment.filters["as_of"] = lambda value: i18n.format_as_of(value, code)
    return environment


@dataclass(frozen=True, slots=True)
class PageRenderer:
    """The environments of all languages, made when the app starts."""

    environments: dict[str, Environment]

    @classmethod
    def load(cls) -> "PageRenderer":
        return cls({code: _environment(code) for code in i18n.LANGUAGES})


@dataclass(frozen=True, slots=True)
class PageContext:
    """The reader of this request: language, and whether the language was chosen just now."""

    lang: str
    is_explicit_choice: bool
    renderer: PageRenderer

    def gettext(self, message: str) -> str:
        return i18n.translations(self.lang).gettext(message)


def page_context(request: Request) -> PageContext:
    query_lang = request.query_params.get("lang")
    lang = i18n.choose_language(query_lang, request.cookies.get(i18n.COOKIE_NAME),
                                request.headers.get("accept-language"))  # fmt: skip
    is_explicit = bool(query_lang) and query_lang == lang
    return PageContext(lang=lang, is_explicit_choice=is_explicit, renderer=request.app.state.page_renderer)


PageContextDep = Annotated[PageContext, Depends(page_context)]


def language_links(request: Request) -> list[dict[str, str]]:
    """The switcher: this page in every language (its other query parameters kept)."""
    kept = [(key, value) for key, value in request.query_params.multi_items() if key != "lang" and value]
    return [
        {"code": code, "html_lang": language.html_lang, "name": language.native_name,
         "href": f"{request.url.path}?{urlencode([*kept, ('lang', code)])}"}
        for code, language in i18n.LANGUAGES.items()
    ]  # fmt: skip


def render_text(request: Request, reader: PageContext, template: str, context: dict[str, Any]) -> str:
    """A template in the reader's language, with what every page needs (language, direction, selection)."""
    environment = reader.renderer.environments[reader.lang]
    language = i18n.LANGUAGES[reader.lang]
    return environment.get_template(template).render(
        request=request,
        lang=reader.lang,
        html_lang=language.html_lang,
        html_dir=language.direction,
        languages=language_links(request),
        version=__version__,
        compared_ids=parse_zone_ids(request.cookies.get(COMPARE_COOKIE)),
        has_session=bool(request.cookies.get(SESSION_COOKIE)),
        account=account_menu(request),
        nav=current_entry(request.url.path),
        **context,
    )


def render(
    request: Request, reader: PageContext, template: str, context: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    """A page (or an htmx fragment) in the reader's language, with the headers every page carries."""
    response = HTMLResponse(render_text(request, reader, template, context), status_code=status_code)
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response.headers["Vary"] = "Accept-Language, Cookie, HX-Request"
    response.headers["Content-Language"] = i18n.LANGUAGES[reader.lang].html_lang
    if reader.is_explicit_choice:
        response.set_cookie(i18n.COOKIE_NAME, reader.lang, max_age=i18n.COOKIE_MAX_AGE_S, samesite="lax",
                            httponly=True)  # fmt: skip
    return response


def is_htmx(request: Request) -> bool:
    """htmx asks for a fragment; a history restore (no cache) asks for the whole page."""
    headers = request.headers
    return headers.get("hx-request") == "true" and headers.get("hx-history-restore-request") != "true"


def render_form_page(
    request: Request,
    reader: PageContext,
    templates: tuple[str, str],
    context: dict[str, Any],
    status_code: int = 200,
) -> HTMLResponse:
    """A form page (`templates[0]`), or for htmx only its swapped part (`templates[1]`) with the URL to push,
    `context["links"]["self"]`, so that what the reader sees can be shared by its address."""
    page, fragment = templates
    template = fragment if is_htmx(request) else page
    context = {**context, "is_fragment": is_htmx(request)}  # a fragment also swaps the language links
    response = render(request, reader, template, context, status_code=status_code)
    if is_htmx(request):
        response.headers["HX-Push-Url"] = context["links"]["self"]
    return response
