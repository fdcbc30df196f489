"""A project in, a ranked, explained shortlist out — on the real bundled registry."""

import json
from datetime import date
from pathlib import Path

import pytest

from sezatlas.registry.bundled import load_bundled_registry
from sezatlas.siting.columns import zone_columns
from sezatlas.siting.constraints import Screening, Verdict, screen
from sezatlas.siting.criteria import criteria_in, sector_fit, stated_value
from sezatlas.siting.request import rank_request, read_rank_request
from sezatlas.siting.shortlist import rank_zones
from sezatlas.standard.project import ProjectProfile
from sezatlas.standard.zone import Zone

TODAY = date(2026, 11, 25)
ZONES = load_bundled_registry().zones


def zone(**changes: object) -> Zone:
    base = {"zone_id": "RUS-900", "country_iso3": "RUS", "name_en": "Test", "zone_type": "sez"}
    return Zone.model_validate({**base, **changes})


def screen_zone(one: Zone, wanted: ProjectProfile) -> Screening:
    return screen(zone_columns([one]), wanted).of(0)


def project(**changes: object) -> ProjectProfile:
    return ProjectProfile.model_validate({"name": "Auto components plant", "isic_code": "2930", **changes})


def test_an_excluded_zone_carries_its_reason() -> None:
    small = zone(land={"area_ha": 5, "free_area_ha": 2})
    screening = screen_zone(small, project(land_need_ha=20))
    assert screening.verdict == Verdict.EXCLUDED
    assert screening.reasons == ["free land 2 ha is less than the 20 ha needed"]


def test_a_zone_too_small_in_total_is_excluded_even_with_free_land_unknown() -> None:
    screening = screen_zone(zone(land={"area_ha": 10}), project(land_need_ha=20))
    assert screening.verdict == Verdict.EXCLUDED and "total land 10 ha" in screening.reasons[0]


def test_unknown_power_needs_confirmation_when_power_is_required() -> None:
    screening = screen_zone(zone(), project(power_need_mw=10))
    assert screening.verdict == Verdict.NEEDS_CONFIRMATION
    assert screening.to_confirm == ["free power (MW): at least 10 needed"]
    assert screen_zone(zone(), project()).verdict == Verdict.ELIGIBLE  # no need, no question


def test_exclusion_wins_over_a_question() -> None:
    screening = screen_zone(
        zone(logistics={"has_rail_siding": False}), project(needs_rail_siding=True, power_need_mw=5)
    )
    assert screening.verdict == Verdict.EXCLUDED and screening.to_confirm


@pytest.mark.parametrize(
    ("codes", "fit"),
    [
        (["2930"], 1.0),
        (["29"], None),  # only a broader code: a possible match, to confirm (scored as the median)
        (["C"], None),
        (["C", "2930"], 1.0),
        (["2910"], 0.5),
        (["1050"], 0.25),
        (["62"], 0.0),
        ([], None),
    ],
)
def test_sector_fit_follows_the_isic_tree(codes: list[str], fit: float | None) -> None:
    assert sector_fit(codes, "2930") == fit


def test_sector_fit_within_the_same_group() -> None:
    assert sector_fit(["2811"], "2812") == 0.75  # engines and turbines vs fluid power: both in group 281


def test_automotive_zones_rank_first_for_an_auto_components_project() -> None:
    shortlist = rank_zones(ZONES, project(zone_types=["sez"]), today=TODAY, samples=2000)
    assert shortlist.ranked and not shortlist.needs_confirmation
    assert shortlist.eligible_count == 243 and shortlist.excluded_count == 654
    assert shortlist.exclusions_by_rule["zone type not accepted"] == 654  # a zone can fail several rules
    top = shortlist.ranked[0]
    assert top.contributions["sector_fit"] > 0
    assert any(
        code.startswith("29")
        for z in ZONES
        if z.zone_id == top.zone_id
        for code in z.specialisation.isic_codes
    )
    assert top.explanation[0].startswith("Sector fit (ISIC)")
    assert all(s.reasons for s in shortlist.excluded)
    assert any("left out of the score" in note.text for note in shortlist.notes)  # nobody states free power
    assert shortlist.stability and "plausible weightings" in shortlist.stability[0].text


def test_acceptability_sums_to_one_per_rank_across_the_shortlist() -> None:
    shortlist = rank_zones(
        ZONES, project(excluded_countries=["CHN"]), today=TODAY, samples=1000, shortlist_size=10_000
    )
    for rank in range(3):
        assert sum(z.acceptability[rank] for z in shortlist.ranked) == pytest.approx(1.0)


def test_a_port_requirement_ranks_zones_without_distances_with_less_evidence() -> None:
    shortlist = rank_zones(ZONES, project(max_distance_to_seaport_km=50), today=TODAY, samples=100)
    unknown = {zone.zone_id for zone in ZONES if zone.logistics.distance_to_seaport_km is None}
    for ranked in shortlist.ranked:
        confirmed = 0 if ranked.zone_id in unknown else 1
        assert (ranked.evidence.confirmed, ranked.evidence.required) == (confirmed, 1)
    assert shortlist.ranked_count == shortlist.eligible_count + shortlist.needs_confirmation_count


def test_only_confirmed_fit_sends_zones_without_distances_to_confirmation() -> None:
    wanted = project(max_distance_to_seaport_km=50, only_confirmed_fit=True)
    shortlist = rank_zones(ZONES, wanted, today=TODAY, samples=100)
    unknown = {zone.zone_id for zone in ZONES if zone.logistics.distance_to_seaport_km is None}
    assert shortlist.ranked and {zone.zone_id for zone in shortlist.ranked}.isdisjoint(unknown)
    assert shortlist.ranked_count == shortlist.eligible_count
    assert shortlist.needs_confirmation and {s.zone_id for s in shortlist.needs_confirmation} <= unknown
    assert shortlist.needs_confirmation[0].to_confirm == [
        "distance to the nearest seaport (km): at most 50 wanted"
    ]


@pytest.mark.parametrize(
    "example",
    sorted(
        path
        for path in (Path(__file__).parents[2] / "docs" / "examples").glob("*.json")
        if not path.name.startswith("passport-")
    ),
)
def test_the_documented_example_projects_are_valid_and_rank(example: Path) -> None:
    request = read_rank_request(json.loads(example.read_text(encoding="utf-8")))
    shortlist = rank_request(zone_columns(ZONES), request, today=TODAY, samples=200)
    assert shortlist.eligible_count + shortlist.needs_confirmation_count + shortlist.excluded_count == len(
        ZONES
    )


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (1.0, "0–1", "1.00 of 1"),
        (31.0, "days", "31 days"),
        (1.2, "days", "1 day"),
        (26.66, "USD m", "USD 26.7m"),
        (2.5, "× need", "2.5 × need"),
        (45.2, "km", "45 km"),
        (4.5, "km", "4.5 km"),
    ],
)
def test_a_criterion_value_is_written_as_its_unit_reads(value: float, unit: str, text: str) -> None:
    assert stated_value(value, unit) == text


def test_free_land_without_a_stated_need_is_in_hectares_not_times_the_need() -> None:
    units = {c.name: c.unit for c in criteria_in("USD", project(land_need_ha=None, power_need_mw=None))}
    assert units["land_headroom"] == "ha" and units["power_headroom"] == "MW"


def twins(zones: list[Zone], zone_id: str, count: int) -> list[Zone]:
    """Copies of one zone under other ids: zones no criterion can tell apart."""
    zone = next(zone for zone in zones if zone.zone_id == zone_id)
    return [
        zone.model_copy(update={"zone_id": f"{zone_id}-T{n}", "name_en": f"{zone.name_en} (twin {n})"})
        for n in range(1, count + 1)
    ]


def test_a_tie_for_first_place_is_said_as_a_tie() -> None:
    example = Path(__file__).parents[2] / "docs" / "examples" / "pharmaceutical-plant.json"
    request = read_rank_request(json.loads(example.read_text(encoding="utf-8")))
    first = rank_request(zone_columns(ZONES), request, today=TODAY, samples=500).ranked[0].zone_id
    tied = [*ZONES, *twins(ZONES, first, 6)]
    shortlist = rank_request(zone_columns(tied), request, today=TODAY, samples=500)
    assert shortlist.tied_for_first == 7
    tie = shortlist.stability[0]
    assert tie.kind == "tie_for_first" and tie.params["count"] == 7 and tie.params["more"] == 4
    assert tie.text.startswith("7 zones tie for first place under these weights (")
    assert (
        "and 4 more): their scores are equal to three decimals" in tie.text and "each is first in" in tie.text
    )
    assert [zone.tied_ranks for zone in shortlist.ranked[:7]] == [[1, 7]] * 7
