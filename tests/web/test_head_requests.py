"""HEAD is answered wherever GET is: the same status and headers, and no body."""

import pytest
from fastapi import FastAPI
from fastapi.routing import RouteContext, iter_route_contexts
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from sezatlas.web.app import create_app
from sezatlas.web.head_requests import HeadAsGetMiddleware

pytestmark = pytest.mark.parametrize("bundled_engine", ["sqlite"], indirect=True)

SAME_HEADERS = ("content-type", "content-length", "content-encoding", "content-language", "vary")


@pytest.fixture(scope="module")
def app(bundled_engine: Engine) -> FastAPI:
    return create_app(bundled_engine)


@pytest.fixture(scope="module")
def head_client(app: FastAPI) -> TestClient:
    """The app behind the middleware (wrapping it twice, once wired in `create_app`, changes nothing)."""
    return TestClient(HeadAsGetMiddleware(app))


def paths_without_parameters(app: FastAPI, methods: set[str]) -> list[str]:
    """Paths of the routes (included routers walked as FastAPI walks them for OpenAPI) whose methods
    include `methods`."""
    return sorted(route.path for route in iter_route_contexts(app.routes) if _has_methods(route, methods))


def _has_methods(route: RouteContext, methods: set[str]) -> bool:
    return route.path is not None and "{" not in route.path and methods <= (route.methods or set())


def test_head_answers_every_get_route_with_the_same_status_and_no_body(
    app: FastAPI, head_client: TestClient
) -> None:
    paths = paths_without_parameters(app, {"GET"})
    assert {"/", "/api/v1/zones", "/docs", "/openapi.json"} <= set(paths)
    for path in paths:
        got = head_client.get(path)
        head = head_client.head(path)
        assert head.status_code == got.status_code, path
        assert head.content == b"", path
        assert head.headers.get("content-type") == got.headers.get("content-type"), path


def test_head_keeps_the_headers_of_a_gzipped_get(head_client: TestClient) -> None:
    gzip = {"Accept-Encoding": "gzip"}
    got = head_client.get("/api/v1/zones", headers=gzip)
    head = head_client.head("/api/v1/zones", headers=gzip)
    assert got.headers["content-encoding"] == "gzip"
    for name in SAME_HEADERS:
        assert head.headers.get(name) == got.headers.get(name), name
    assert head.content == b""


def test_head_on_a_static_file_keeps_its_length(head_client: TestClient) -> None:
    script = "/static/vendor/htmx.org/htmx.min.js"
    got = head_client.get(script, headers={"Accept-Encoding": "identity"})
    head = head_client.head(script, headers={"Accept-Encoding": "identity"})
    assert head.status_code == 200
    assert int(head.headers["content-length"]) == len(got.content) > 0 and head.content == b""


def test_head_on_a_post_only_route_is_still_refused(app: FastAPI, head_client: TestClient) -> None:
    post_only = next(path for path in paths_without_parameters(app, {"POST"})
                     if path not in paths_without_parameters(app, {"GET"}))  # fmt: skip
    assert head_client.head(post_only).status_code == 405
