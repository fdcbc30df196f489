"""The one error contract of the API: every refusal is JSON of one shape, whichever layer caught it.

```json
{"detail": "parameter limit: Input should be less than or equal to 1000",
 "errors": [{"parameter": "limit", "field": null, "message": "Input should be less than or equal to 1000"}]}
```

`detail` is one line a user can act on; `errors` lists each bad parameter (query or path) or body
field. Status: 400 for a bad parameter, 422 for a body that is well-formed JSON but not a valid
request, 404 for what does not exist, 409 for a conflict with what is stored, 413 for a body over the
limit. Domain code raises its own exceptions; `sezatlas/errors.py` is the one table that gives each its
status (`web/error_handlers.py` renders it as JSON for the API and as an error page for the pages).
"""

from collections.abc import Iterable

from pydantic import BaseModel, Field

from sezatlas.errors import refusal_of
from sezatlas.regimes.errors import FieldInputError
from sezatlas.registry.zone_query import BadQueryValue


class ErrorItem(BaseModel):
    """One bad input: a query or path `parameter`, or a body `field` (dotted path), and why."""

    parameter: str | None = None
    field: str | None = None
    message: str


class ErrorOut(BaseModel):
    detail: str = Field(description="One line saying what is wrong and, where it helps, what is accepted.")
    errors: list[ErrorItem] = Field(default_factory=list, description="Each bad parameter or field.")


class ApiError(Exception):
    """A refusal decided in the web layer itself (a bad parameter, an unknown path)."""

    def __init__(self, status_code: int, detail: str, errors: Iterable[ErrorItem] = ()) -> None:
        super().__init__(detail)
        self.status_code = status_code
        self.detail = detail
        self.errors = list(errors)

    def body(self) -> dict[str, object]:
        return ErrorOut(detail=self.detail, errors=self.errors).model_dump(mode="json")

    def ogc_body(self) -> dict[str, object]:
        """The one shape plus the exception of OGC API – Common (`code`, `description`), for `/ogc`."""
        code = OGC_EXCEPTION_CODES.get(
            self.status_code, "ServerError" if self.status_code >= 500 else "Error"
        )
        return {"code": code, "description": self.detail, **self.body()}


OGC_EXCEPTION_CODES = {
    400: "InvalidParameterValue",
    404: "NotFound",
    406: "NotAcceptable",
    500: "ServerError",
    503: "ServiceUnavailable",
}


def not_found(what: str) -> ApiError:
    return ApiError(404, f"{what} not found")


def bad_parameter(name: str, reason: str) -> ApiError:
    return ApiError(400, f"parameter {name}: {reason}", [ErrorItem(parameter=name, message=reason)])


def bad_parameters(problems: Iterable[tuple[str, str]]) -> ApiError:
    """Several bad parameters at once (a page's form, sent as a GET query), each with its reason."""
    items = [ErrorItem(parameter=name, message=reason) for name, reason in problems]
    detail = "; ".join(f"parameter {item.parameter}: {item.message}" for item in items)
    return ApiError(400, detail or "bad parameters", items)


def api_error_of(error: Exception) -> ApiError:
    """A domain error as the API's refusal (a `BadQueryValue` or any error with a `parameter` also names its
    parameter, a `FieldInputError` its body field)."""
    if isinstance(error, ApiError):
        return error
    if isinstance(error, BadQueryValue):
        return bad_parameter(error.parameter, error.reason)
    refusal = refusal_of(error)
    status = refusal.status if refusal is not None else 500
    detail = str(error.args[0]) if error.args else str(error)
    if isinstance(error, FieldInputError) and error.path is not None:  # a body field, named by its path
        return ApiError(status, detail, [ErrorItem(field=error.path, message=error.reason)])
    parameter = getattr(error, "parameter", None)  # a domain error that knows which parameter is at fault
    if isinstance(parameter, str) and status < 500:
        return ApiError(status, detail, [ErrorItem(parameter=parameter, message=detail)])
    return ApiError(status, detail)
