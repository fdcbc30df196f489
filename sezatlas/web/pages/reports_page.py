"""`/reports`: the secretariat makes a country's or the association's report in a browser.

A GET form (country, as-of date, exchange rates, language of the page); `f=pdf` or `f=xlsx` with the same
query returns the report or its annex in the reader's language, as `sezatlas report` writes them. The
permission is the use cases' (`reports/actions.py`): an anonymous visitor is sent to log in, anyone without
the secretariat role gets 403 (`web/errors.py`).
"""

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from sezatlas.reports.actions import association_report, country_report, report_countries
from sezatlas.reports.assemble import exchange_rates
from sezatlas.web.deps import ActorDep, SessionDep
from sezatlas.web.downloads import attachment
from sezatlas.web.i18n import country_name, sort_key
from sezatlas.web.pages.compare_export import XLSX_MEDIA_TYPE
from sezatlas.web.pages.rendering import PageContextDep, render
from sezatlas.web.pages.report_export import report_pdf, report_xlsx
from sezatlas.web.pages.report_view import report_view
from sezatlas.web.zones_api import registry_moment

router = APIRouter(include_in_schema=False)
DOCUMENTS = {"pdf": "application/pdf", "xlsx": XLSX_MEDIA_TYPE}
ASSOCIATION = "association"


@router.get("/reports")
def reports_page(
    request: Request,
    session: SessionDep,
    reader: PageContextDep,
    actor: ActorDep,
    country: Annotated[str, Query(max_length=16)] = "",
    as_of: Annotated[str, Query(max_length=40)] = "",
    fx: Annotated[str, Query(max_length=500)] = "",
    f: Annotated[str, Query(max_length=8)] = "",
) -> Response:
    """The form (secretariat); with `f=pdf|xlsx`, the report of `country` (or `association`) as a file."""
    codes = report_countries(session, actor)
    if f in DOCUMENTS and country:
        moment = registry_moment(as_of) if as_of else None
        rates = exchange_rates(fx)
        report = (association_report(session, actor, moment, rates) if country == ASSOCIATION
                  else country_report(session, actor, country, moment, rates))  # fmt: skip
        view = report_view(report, reader.lang)
        body = (report_pdf(view, reader.renderer.environments[reader.lang], reader.lang) if f == "pdf"
                else report_xlsx(view, reader.gettext))  # fmt: skip
        name = f"sez-atlas-report-{country.lower()}-{report.header.as_of:%Y-%m-%d}.{f}"
        return Response(body, media_type=DOCUMENTS[f], headers=attachment(name))
    choices = sorted(({"code": c, "name": country_name(c, reader.lang)} for c in codes),
                     key=lambda choice: sort_key(choice["name"], reader.lang))  # fmt: skip
    values = {"choices": choices, "country": country, "as_of": as_of, "fx": fx}
    return render(request, reader, "reports.html", values)
