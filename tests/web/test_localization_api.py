"""`GET /api/v1/chains/localization`: a product's localization share in a zone, as JSON, on both back-ends."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sezatlas.chains.recipe import PROXY_LABEL
from sezatlas.settings import get_settings

PATH = "/api/v1/chains/localization"


@pytest.fixture(autouse=True)
def no_imported_tables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """An empty SEZATLAS_CHAINS_DIR: the answers use the US proxy whatever this machine imported."""
    monkeypatch.setenv("SEZATLAS_CHAINS_DIR", str(tmp_path / "chains"))
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_batteries_in_alabuga_before_and_after_adding_chemicals(client: TestClient) -> None:
    response = client.get(PATH, params={"code": "2720", "zone": "RUS-001", "add": ["2011@RUS-001"]})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["label"] == PROXY_LABEL and body["product"] == "ISIC:2720" and body["icio"] is None
    scenario = body["scenario"]
    assert scenario["country_iso3"] == "RUS" and scenario["additions"] == [
        {"isic_code": "2011", "zone_id": "RUS-001"}
    ]
    after = scenario["shares_after"]
    assert after["in_country"] + after["in_partners"] + after["nowhere"] == pytest.approx(1.0)
    chemicals = next(i for i in scenario["after"] if i["code"] == "2011")
    assert chemicals["where"] == "country" and "RUS-001" in chemicals["top_zones"]
    assert "Hummels" not in body["method"] and "zone_isic" in body["method"]


@pytest.mark.parametrize(
    ("params", "status", "named"),
    [
        ({"code": "2720"}, 400, "parameter zone"),
        ({"code": "2720", "zone": "RUS-001", "add": "2011"}, 400, "add: '2011'"),
        ({"code": "2720", "zone": "RUS-001", "add": "27@RUS-001"}, 400, "not an ISIC Rev.4 class"),
        ({"code": "2720", "zone": "RUS-999"}, 404, "RUS-999"),
        ({"code": "9999", "zone": "RUS-001"}, 404, "ISIC 9999"),
    ],
)
def test_bad_questions_are_refused_naming_what_is_wrong(
    client: TestClient, params: dict[str, str], status: int, named: str
) -> None:
    response = client.get(PATH, params=params)
    assert response.status_code == status and named in response.text
