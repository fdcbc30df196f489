"""Errors the API returns: always JSON with a `detail` a user can act on."""

from pydantic import BaseModel


class ErrorOut(BaseModel):
    detail: str


class ApiError(Exception):
    def __init__(self, status_code: int, detail: str) -> None:
        super().__init__(detail)
        self.status_code = status_code
        self.detail = detail


def not_found(what: str) -> ApiError:
    return ApiError(404, f"{what} not found")


def bad_parameter(name: str, reason: str) -> ApiError:
    return ApiError(400, f"parameter {name}: {reason}")
