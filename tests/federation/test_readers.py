"""Readers of published forms: a Frictionless data package, OGC API – Features pages, CSV and XLSX files."""

import json
from pathlib import Path

import pytest
from openpyxl import Workbook

from sezatlas.federation.mapping import apply
from sezatlas.federation.readers import (
    UnreadableSource,
    datapackage_records,
    folder_opener,
    ogc_records,
    tabular_records,
    tabular_records_from_bytes,
)
from sezatlas.registry.datapackage import zones_table_schema
from sezatlas.registry.formats import feature_collection, zones_csv
from sezatlas.standard.flat import flat_to_nested
from sezatlas.standard.zone import Zone
from tests.registry.zone_files import sample_zones


def write_package(folder: Path, zones: list[Zone], resource: str = "zones") -> Path:
    """A data package as `sezatlas export -f datapackage` lays it out: descriptor beside its CSV."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{resource}.csv").write_text(zones_csv(zones), encoding="utf-8", newline="")
    descriptor = {
        "name": "national-parks",
        "resources": [
            {"name": "countries", "path": "countries.csv"},
            {"name": resource, "path": f"{resource}.csv", "schema": zones_table_schema()},
        ],
    }
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    return folder


def as_zone(flat: object) -> Zone:
    assert isinstance(flat, dict), flat
    return Zone.model_validate(flat_to_nested(flat))


def test_a_data_package_gives_back_the_zones_it_was_written_from(tmp_path: Path) -> None:
    zones = sample_zones(5)
    package = write_package(tmp_path / "package", zones)

    records = list(datapackage_records(folder_opener(package)))

    assert [record.position for record in records][:2] == ["row 2 of zones.csv", "row 3 of zones.csv"]
    assert [as_zone(apply({}, record)) for record in records] == zones


def test_the_resource_a_source_names_is_read_and_a_missing_one_is_named(tmp_path: Path) -> None:
    package = write_package(tmp_path / "package", sample_zones(2), resource="parks")

    assert len(list(datapackage_records(folder_opener(package), "parks"))) == 2
    with pytest.raises(
        UnreadableSource, match=r"no resource named 'zones' \(the package has: countries, parks\)"
    ):
        list(datapackage_records(folder_opener(package)))


def test_a_package_path_may_not_leave_its_folder(tmp_path: Path) -> None:
    (tmp_path / "secret.csv").write_text("zone_id\nRUS-001\n", encoding="utf-8")
    package = tmp_path / "package"
    package.mkdir()
    descriptor = {"resources": [{"name": "zones", "path": "../secret.csv"}]}
    (package / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")

    with pytest.raises(UnreadableSource, match="must stay inside its folder"):
        list(datapackage_records(folder_opener(package)))


def test_a_package_csv_that_is_not_utf8_is_refused_by_name(tmp_path: Path) -> None:
    package = write_package(tmp_path / "package", sample_zones(1))
    (package / "zones.csv").write_bytes("zone_id,name_en\nRUS-001,Алабуга\n".encode("cp1251"))

    with pytest.raises(UnreadableSource, match=r"zones\.csv: not UTF-8 text"):
        list(datapackage_records(folder_opener(package)))


def ogc_pages(zones: list[Zone], per_page: int) -> dict[str, bytes]:
    """Items pages as a node's `/ogc/collections/zones/items` serves them, linked by `next`."""
    url = "http://node/ogc/collections/zones/items"
    pages = {}
    for start in range(0, len(zones), per_page):
        here = f"{url}?offset={start}" if start else url
        links = [{"rel": "self", "href": here}]
        if start + per_page < len(zones):
            links.append({"rel": "next", "href": f"{url}?offset={start + per_page}"})
        page = feature_collection(zones[start : start + per_page], links=links)
        pages[here] = json.dumps(page).encode()
    return pages


def test_ogc_items_are_read_page_after_page_by_their_next_links() -> None:
    zones = sample_zones(5)
    pages = ogc_pages(zones, per_page=2)
    asked: list[str] = []

    def get_page(url: str) -> bytes:
        asked.append(url)
        return pages[url]

    records = list(ogc_records("http://node/ogc/collections/zones/items", get_page))

    assert len(asked) == 3
    assert records[4].position == "feature 1 of page 3"
    assert [as_zone(apply({}, record)) for record in records] == zones


def test_an_ogc_point_gives_latitude_and_longitude_and_the_feature_id_is_offered() -> None:
    page = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": "EGY-900",
                "geometry": {"type": "Point", "coordinates": [32.3, 30.6]},
                "properties": {"title": "Suez Canal Economic Zone", "kind": "sez"},
            }
        ],
    }

    (record,) = ogc_records("http://gis/items", lambda url: json.dumps(page).encode())

    assert record.values == {"title": "Suez Canal Economic Zone", "kind": "sez", "id": "EGY-900",
                             "longitude": 32.3, "latitude": 30.6}  # fmt: skip


def test_a_next_link_leading_back_is_refused_instead_of_looping() -> None:
    page = {
        "type": "FeatureCollection",
        "features": [],
        "links": [{"rel": "next", "href": "http://gis/items"}],
    }

    with pytest.raises(UnreadableSource, match="leads back to a page already read"):
        list(ogc_records("http://gis/items", lambda url: json.dumps(page).encode()))


def test_an_ogc_page_that_is_not_geojson_names_its_url() -> None:
    with pytest.raises(UnreadableSource, match=r"http://gis/items: expected a GeoJSON FeatureCollection"):
        list(ogc_records("http://gis/items", lambda url: b'{"items": []}'))


def test_a_csv_keeps_the_sources_own_column_names(tmp_path: Path) -> None:
    path = tmp_path / "parks.csv"
    path.write_text(
        "Park ID,Park name,Lat\nIND-900,Sricity,13.55\n\nIND-901,Mahindra World City,\n", encoding="utf-8"
    )

    records = list(tabular_records(path))

    assert [r.position for r in records] == ["row 2 of parks.csv", "row 4 of parks.csv"]
    assert records[1].values == {"Park ID": "IND-901", "Park name": "Mahindra World City", "Lat": None}


def test_an_xlsx_from_a_url_is_read_like_a_csv(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Park ID", "Lat"])
    sheet.append(["IND-900", 13.55])
    workbook.save(tmp_path / "parks.xlsx")

    (record,) = tabular_records_from_bytes("parks.xlsx", (tmp_path / "parks.xlsx").read_bytes())

    assert record.values == {"Park ID": "IND-900", "Lat": "13.55"}
    assert record.position == "row 2 of parks.xlsx"


def test_a_header_naming_a_column_twice_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "parks.csv"
    path.write_text("Park ID,Lat,Lat\nIND-900,13.55,13.6\n", encoding="utf-8")

    with pytest.raises(UnreadableSource, match=r"parks\.csv, row 1, field Lat: column appears twice"):
        list(tabular_records(path))
