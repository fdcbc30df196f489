"""The registry's data package over HTTP: what another node harvests as a `datapackage` source."""

import io

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from sezatlas.federation.mapping import apply
from sezatlas.federation.readers import datapackage_records
from sezatlas.standard.flat import flat_to_nested
from sezatlas.standard.zone import Zone
from sezatlas.store.database import transaction
from sezatlas.store.zones import all_zones


def test_the_served_package_reads_back_as_every_zone_of_the_registry(
    client: TestClient, bundled_engine: Engine
) -> None:
    def open_file(path: str) -> io.BytesIO:
        answer = client.get(f"/api/v1/datapackage/{path}")
        assert answer.status_code == 200, answer.text
        return io.BytesIO(answer.content)

    read = []
    for record in datapackage_records(open_file):
        flat = apply({}, record)
        assert isinstance(flat, dict), flat
        read.append(Zone.model_validate(flat_to_nested(flat)))

    with transaction(bundled_engine) as session:
        assert read == list(all_zones(session))


def test_the_descriptor_and_tables_have_their_media_types(client: TestClient) -> None:
    descriptor = client.get("/api/v1/datapackage/datapackage.json")
    countries = client.get("/api/v1/datapackage/countries.csv")

    assert descriptor.headers["content-type"] == "application/json"
    assert [r["path"] for r in descriptor.json()["resources"]] == [
        "zones.csv", "countries.csv", "official_counts.csv"
    ]  # fmt: skip
    assert countries.headers["content-type"] == "text/csv; charset=utf-8"
    assert countries.text.startswith("iso3,")


def test_a_file_the_package_does_not_have_is_a_404_naming_the_files_it_has(client: TestClient) -> None:
    answer = client.get("/api/v1/datapackage/secrets.csv")

    assert answer.status_code == 404
    assert "datapackage.json, zones.csv, countries.csv, official_counts.csv" in answer.json()["detail"]
