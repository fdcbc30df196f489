"""What a map shows around the zones: few, important places on a world map, every place close in, names in
the reader's language where Natural Earth has them, only inside the view."""

from hypothesis import given
from hypothesis import strategies as st

from sezatlas.registry.map_context import (
    PLACE_LIMIT,
    all_places,
    compact,
    contains,
    map_context,
    max_place_rank,
)
from sezatlas.registry.map_land import countries_in
from sezatlas.store.zone_search import BBox

WORLD = BBox(-180, -90, 180, 90)
TATARSTAN = BBox(47.0, 54.5, 54.0, 57.0)


def _names(box: BBox, zoom: float, lang: str = "en") -> list[str]:
    return [str(place[0]) for place in compact(map_context(box, zoom), lang)["places"]]


def test_a_world_map_names_only_capitals_and_megacities() -> None:
    names = _names(WORLD, 2)
    assert {"Moscow", "Beijing", "New Delhi", "Brasília", "Pretoria"} & set(names)
    assert len(names) < 30 and "Nizhnekamsk" not in names


def test_zooming_in_names_every_town_of_the_layer() -> None:
    assert "Naberezhnye Chelny" not in _names(TATARSTAN, 6)  # Natural Earth ranks it 8
    assert {"Kazan", "Naberezhnye Chelny", "Nizhnekamsk", "Chistopol"} <= set(_names(TATARSTAN, 7))


def test_the_most_important_come_first() -> None:
    names = _names(TATARSTAN, 8)
    assert names[0] == "Kazan" and names.index("Izhevsk") < names.index("Chistopol")


def test_names_are_in_the_readers_language_where_the_layer_has_them() -> None:
    assert "Казань" in _names(TATARSTAN, 8, "ru") and "喀山" in _names(TATARSTAN, 8, "zh")
    arabic = _names(TATARSTAN, 8, "ar")
    assert "قازان" in arabic and "Chistopol" in arabic  # no Arabic name in the layer: English


def test_seaports_and_airports_appear_as_the_map_zooms_in() -> None:
    shandong = BBox(119.0, 35.5, 121.5, 37.0)
    assert compact(map_context(shandong, 3), "en")["seaports"] == []
    close = compact(map_context(shandong, 8), "en")
    assert ["Qingdao", 36.096, 120.317] in close["seaports"]
    assert any(airport[1] == "TAO" for airport in close["airports"])


def test_an_answer_never_exceeds_the_limit() -> None:
    answer = map_context(WORLD, 12)
    assert len(answer.places) == PLACE_LIMIT < len(all_places())


@given(st.floats(0, 20))
def test_the_rank_shown_never_falls_as_the_map_zooms_in(zoom: float) -> None:
    assert 1 <= max_place_rank(zoom) <= max_place_rank(zoom + 0.5) <= 10


def test_a_view_across_180_degrees_holds_both_sides() -> None:
    chukotka = BBox(170.0, 60.0, -170.0, 70.0)
    assert contains(chukotka, 65.0, 178.0) and contains(chukotka, 65.0, -175.0)
    assert not contains(chukotka, 65.0, 0.0) and not contains(chukotka, 75.0, 178.0)


def test_detailed_land_holds_only_the_polygons_the_view_meets() -> None:
    features = {feature["properties"]["name"]: feature for feature in countries_in(TATARSTAN)["features"]}
    assert "Russia" in features and "United States of America" not in features  # its Aleutians cross 180°
    russia = features["Russia"]["geometry"]["coordinates"]
    assert len(russia) == 1  # the mainland, without the islands
    ring = russia[0][0]
    assert all(round(lon, 2) == lon and round(lat, 2) == lat for lon, lat in ring)
