"""The values of a zone search as a user types them (country codes, zone types, ISIC prefixes, a box, a
point), checked once for every way in: `GET /api/v1/zones`, the home page's filters and `sezatlas zones
list` give the same answer, or the same refusal, for the same value.

Each parser takes what came in (repeated and/or comma-separated text) and returns clean values, or raises
`BadQueryValue` naming the parameter and saying what would be accepted; the web turns it into a 400, the CLI
into one line and exit code 2.
"""

from enum import StrEnum

from sezatlas.standard.codelists import country, isic_codes
from sezatlas.store.zone_search import BBox, Near


class BadQueryValue(ValueError):  # noqa: N818 -- read as "bad query value for PARAMETER", like the 400 it becomes
    """A search value no zone could match because it is not a valid value at all (e.g. country `RU`)."""

    def __init__(self, parameter: str, reason: str) -> None:
        super().__init__(f"{parameter}: {reason}")
        self.parameter = parameter
        self.reason = reason


def split_values(values: list[str] | None) -> list[str]:
    """`["RUS,CHN", " IND "]` → `["RUS", "CHN", "IND"]`: repeated and comma-separated are the same."""
    return [part.strip() for value in values or [] for part in value.split(",") if part.strip()]


def parse_countries(values: list[str] | None) -> list[str]:
    codes = [code.upper() for code in split_values(values)]
    for code in codes:
        if len(code) != 3 or country(code) is None:
            raise BadQueryValue("country", f"{code!r} is not an ISO 3166-1 alpha-3 code (e.g. RUS, CHN)")
    return codes


def parse_enum_values(name: str, values: list[str] | None, allowed: type[StrEnum]) -> list[str]:
    items = split_values(values)
    valid = {member.value for member in allowed}
    for item in items:
        if item not in valid:
            raise BadQueryValue(name, f"{item!r} is not one of {', '.join(sorted(valid))}")
    return items


def parse_isic(values: list[str] | None) -> list[str]:
    codes = [code.upper() for code in split_values(values)]
    known = isic_codes()
    for code in codes:
        if not any(k.startswith(code) for k in known):
            raise BadQueryValue("isic", f"{code!r} is neither an ISIC Rev.4 code nor the start of one")
    return codes


def parse_bbox(value: str | None) -> BBox | None:
    if value is None:
        return None
    try:
        min_lon, min_lat, max_lon, max_lat = (float(part) for part in value.split(","))
    except ValueError:
        raise BadQueryValue(
            "bbox", f"{value!r} is not four numbers min_lon,min_lat,max_lon,max_lat"
        ) from None
    if not (-90 <= min_lat <= max_lat <= 90 and -180 <= min_lon <= 180 and -180 <= max_lon <= 180):
        raise BadQueryValue("bbox", f"{value!r} is outside -180..180 / -90..90 or has min_lat > max_lat")
    return BBox(min_lon, min_lat, max_lon, max_lat)


def parse_near(lat: float | None, lon: float | None, within_km: float | None) -> Near | None:
    given = [v is not None for v in (lat, lon, within_km)]
    if not any(given):
        return None
    if lat is None or lon is None or within_km is None:
        raise BadQueryValue("lat/lon/within_km", "give all three to search near a point")
    return Near(lat, lon, within_km)
