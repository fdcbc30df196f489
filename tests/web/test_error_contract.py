"""One error shape for every refusal: `{"detail": str, "errors": [{"parameter"|"field", "message"}]}`.

400 for a bad or unknown parameter, 422 for a body that is not a valid request, 404 for what does not
exist; never a 500 for bad input (NaN and 1e999 in a JSON body used to be one on every POST).
"""

import httpx
import pytest
from fastapi.testclient import TestClient

from sezatlas.web.errors import ErrorOut


def refusal(response: httpx.Response, status: int) -> ErrorOut:
    """The body as the one error model (extra keys are refused, but for the OGC API's own `code` and
    `description`), after checking the status."""
    assert response.status_code == status, response.text
    body = response.json()
    ogc_exception = {"code", "description"} if response.url.path.startswith("/ogc") else set()
    assert set(body) == {"detail", "errors"} | ogc_exception
    return ErrorOut.model_validate({key: body[key] for key in ("detail", "errors")})


@pytest.mark.parametrize(("params", "parameter"), [
    ({"limit": 5000}, "limit"),
    ({"sort": "foo"}, "sort"),
    ({"f": "xml"}, "f"),
    ({"min_free_area_ha": "abc"}, "min_free_area_ha"),
    ({"country": "RU"}, "country"),
])  # fmt: skip
def test_a_bad_zone_parameter_is_a_400_naming_it(client: TestClient, params: dict[str, object],
                                                 parameter: str) -> None:  # fmt: skip
    error = refusal(client.get("/api/v1/zones", params=params), 400)
    assert [item.parameter for item in error.errors] == [parameter]
    assert parameter in error.detail


def test_a_misspelt_parameter_is_refused_with_the_closest_known_name(client: TestClient) -> None:
    error = refusal(client.get("/api/v1/zones", params={"contry": "RUS"}), 400)
    assert error.errors[0].parameter == "contry" and "did you mean 'country'" in error.errors[0].message


@pytest.mark.parametrize("path", [
    "/api/v1/countries?x=1",
    "/api/v1/codes/isic?limt=3",
    "/api/v1/regimes?country=RUS",
    "/api/v1/congress/events?page=2",
    "/ogc/collections/zones/items?bbox=1,2,3,4&color=red",
])  # fmt: skip
def test_every_api_family_refuses_unknown_parameters(client: TestClient, path: str) -> None:
    refusal(client.get(path), 400)


def test_ogc_bad_bbox_and_unknown_collection(client: TestClient) -> None:
    assert refusal(client.get("/ogc/collections/zones/items?bbox=1,2,3"), 400).errors[0].parameter == "bbox"
    assert "collection nope" in refusal(client.get("/ogc/collections/nope/items"), 404).detail


JSON_POSTS = ["/api/v1/rank", "/api/v1/incentives/project", "/api/v1/incentives/synthetic",
              "/api/v1/congress/events/any/requests"]  # fmt: skip


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e999"])
@pytest.mark.parametrize("path", JSON_POSTS)
def test_a_non_finite_number_in_a_json_body_is_a_422_not_a_500(client: TestClient, path: str,
                                                               number: str) -> None:  # fmt: skip
    body = f'{{"project": {{"isic_code": "2930", "land_ha": {number}}}, "real_rate": {number}}}'
    error = refusal(client.post(path, content=body, headers={"content-type": "application/json"}), 422)
    assert "finite" in error.detail or "too large" in error.detail


def test_a_body_that_is_not_a_valid_request_names_each_field(client: TestClient) -> None:
    error = refusal(client.post("/api/v1/rank", json={"project": {"isic_code": 7}}), 422)
    assert error.errors and all(item.field and item.parameter is None for item in error.errors)


def test_malformed_json_is_a_422(client: TestClient) -> None:
    response = client.post(
        "/api/v1/rank", content=b'{"project": ', headers={"content-type": "application/json"}
    )
    refusal(response, 422)


def test_an_unknown_regime_is_a_400_on_post_and_a_404_on_get(client: TestClient) -> None:
    body = {"regime_ids": ["XXX-nowhere"]}
    assert "XXX-nowhere" in refusal(client.post("/api/v1/incentives/synthetic", json=body), 400).detail
    refusal(client.get("/api/v1/regimes/XXX-nowhere"), 404)


def test_an_unknown_path_is_a_404_of_the_same_shape(client: TestClient) -> None:
    refusal(client.get("/api/v1/nothing-here"), 404)


def test_a_page_that_does_not_exist_is_an_html_page_and_its_json_twin_the_shape(client: TestClient) -> None:
    page = client.get("/zones/XXX-999")
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "XXX-999" in page.text
    refusal(client.get("/zones/XXX-999?f=json"), 404)


def test_the_openapi_documents_the_error_shape(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    zones = spec["paths"]["/api/v1/zones"]["get"]["responses"]
    assert zones["400"]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorOut")
    assert set(spec["components"]["schemas"]["ErrorOut"]["properties"]) == {"detail", "errors"}
