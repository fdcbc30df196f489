"""The harmonization matrix page: `/incentives/matrix?country=RUS&country=IND&dimension=customs`.

A GET form of country and dimension boxes (works without JavaScript); the query is the matrix's address.
`f=json` gives the answer of `GET /api/v1/incentives/matrix` for the same filters, `f=xlsx|pdf` the matrix
as a document in the reader's language. A country or dimension the matrix does not know is a 400.
"""

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from sezatlas.regimes.loader import load_regimes
from sezatlas.regimes.matrix.actions import harmonization_matrix, split_values
from sezatlas.regimes.matrix.dimensions import DIMENSIONS
from sezatlas.regimes.matrix.table import matrix_as_dict
from sezatlas.web.downloads import attachment
from sezatlas.web.i18n import country_name, sort_key
from sezatlas.web.pages.compare_export import XLSX_MEDIA_TYPE
from sezatlas.web.pages.matrix_export import matrix_pdf, matrix_xlsx
from sezatlas.web.pages.matrix_view import matrix_view
from sezatlas.web.pages.rendering import PageContext, PageContextDep, render

router = APIRouter(include_in_schema=False)
PATH = "/incentives/matrix"
FILE_NAME = "sez-atlas-harmonization-matrix"
DOCUMENTS = {"xlsx": XLSX_MEDIA_TYPE, "pdf": "application/pdf"}


def _filters(request: Request) -> tuple[list[str], list[str]]:
    query = request.query_params
    return [c.upper() for c in split_values(query.getlist("country"))], split_values(
        query.getlist("dimension")
    )


def _links(countries: list[str], dimensions: list[str]) -> dict[str, str]:
    """This matrix as a page, as data and as documents: the same filters, one format each."""
    query = urlencode([*(("country", c) for c in countries), *(("dimension", d) for d in dimensions)])
    page = f"{PATH}?{query}" if query else PATH
    joiner = "&" if query else "?"
    return {"self": page, **{fmt: f"{page}{joiner}f={fmt}" for fmt in ("json", "xlsx", "pdf")}}


def _choices(countries: list[str], dimensions: list[str], reader: PageContext) -> dict[str, Any]:
    """The form's boxes: every country with a regime (in the reader's alphabet), every dimension."""
    codes = sorted({regime.country_iso3 for regime in load_regimes().values()})
    shown = [{"value": c, "label": country_name(c, reader.lang), "is_chosen": c in countries} for c in codes]
    return {
        "countries": sorted(shown, key=lambda country: sort_key(country["label"], reader.lang)),
        "dimension_choices": [
            {"value": d.key, "label": reader.gettext(d.title), "is_chosen": d.key in dimensions}
            for d in DIMENSIONS
        ],
    }


@router.get(PATH)
def matrix_page(request: Request, reader: PageContextDep) -> Response:
    """The matrix of the regimes chosen (all by default), or its JSON, XLSX or PDF twin."""
    countries, dimensions = _filters(request)
    matrix = harmonization_matrix(countries, dimensions)
    fmt = request.query_params.get("f")
    if fmt == "json":
        return JSONResponse(matrix_as_dict(matrix))
    view = matrix_view(matrix, reader.lang)
    if fmt in DOCUMENTS:
        body = (matrix_xlsx(view, reader.gettext) if fmt == "xlsx"
                else matrix_pdf(view, reader.renderer.environments[reader.lang], reader.lang))  # fmt: skip
        return Response(body, media_type=DOCUMENTS[fmt], headers=attachment(f"{FILE_NAME}.{fmt}"))
    context = {**view, **_choices(countries, dimensions, reader), "links": _links(countries, dimensions)}
    return render(request, reader, "matrix.html", context)
