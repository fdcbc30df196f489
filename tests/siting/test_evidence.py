"""Unknown facts lower the confidence of a zone's place, not its presence; ties are said to be ties."""

from datetime import date

from sezatlas.siting.columns import zone_columns
from sezatlas.siting.constraints import Verdict, screen
from sezatlas.siting.shortlist import rank_zones
from sezatlas.standard.project import ProjectProfile
from sezatlas.standard.zone import Zone

TODAY = date(2026, 11, 25)


def zone(zone_id: str, **changes: object) -> Zone:
    base = {"zone_id": zone_id, "country_iso3": "BRA", "name_en": zone_id, "zone_type": "sez"}
    return Zone.model_validate({**base, **changes})


def battery_plant(**changes: object) -> ProjectProfile:
    needs = {"power_need_mw": 60, "needs_rail_siding": True}
    return ProjectProfile.model_validate({"name": "Battery plant", "isic_code": "2720", **needs, **changes})


POWERED = zone("BRA-901", utilities={"power_mw": {"free": 80}}, logistics={"has_rail_siding": True})
SILENT = zone("BRA-902")  # states nothing the project needs
NO_RAIL = zone("BRA-903", logistics={"has_rail_siding": False})


def test_a_zone_whose_facts_are_unknown_is_ranked_with_its_evidence_and_a_known_misfit_is_not() -> None:
    shortlist = rank_zones([POWERED, SILENT, NO_RAIL], battery_plant(), today=TODAY, samples=0)
    evidence = {ranked.zone_id: ranked.evidence for ranked in shortlist.ranked}
    assert set(evidence) == {"BRA-901", "BRA-902"}  # no rail siding is known: excluded
    assert (evidence["BRA-901"].confirmed, evidence["BRA-901"].required) == (2, 2)
    assert (evidence["BRA-902"].confirmed, evidence["BRA-902"].unconfirmed) == (0, ["power", "rail_siding"])
    assert shortlist.ranked_count == 2 and shortlist.eligible_count == 1 and shortlist.excluded_count == 1
    assert [note.kind for note in shortlist.notes][-1] == "unconfirmed_ranked"


def test_only_confirmed_fit_ranks_only_the_zones_whose_data_confirm_every_need() -> None:
    strict = battery_plant(only_confirmed_fit=True)
    shortlist = rank_zones([POWERED, SILENT, NO_RAIL], strict, today=TODAY, samples=0)
    assert [ranked.zone_id for ranked in shortlist.ranked] == ["BRA-901"]
    assert [s.zone_id for s in shortlist.needs_confirmation] == ["BRA-902"]
    assert shortlist.needs_confirmation[0].unconfirmed == ["power", "rail_siding"]


def test_within_a_tie_more_evidence_comes_first_and_every_tied_zone_says_its_places() -> None:
    confirmed_rail = zone("BRA-905", logistics={"has_rail_siding": True})
    unknown_rail = zone("BRA-904")  # first in the registry, but its rail siding is unknown
    wanted = ProjectProfile(name="Battery plant", isic_code="2720", needs_rail_siding=True)
    shortlist = rank_zones([unknown_rail, confirmed_rail], wanted, today=TODAY, samples=0)
    assert [ranked.zone_id for ranked in shortlist.ranked] == ["BRA-905", "BRA-904"]
    assert [ranked.tied_ranks for ranked in shortlist.ranked] == [[1, 2], [1, 2]]
    assert shortlist.tied_for_first == 2 and shortlist.stability[0].kind == "tie_for_first"


def test_only_these_countries_excludes_the_others_with_the_reason() -> None:
    russian = zone("RUS-901", country_iso3="RUS")
    screening = screen(zone_columns([POWERED, russian]), battery_plant(only_countries=["BRA"]))
    assert screening.of(0).verdict == Verdict.ELIGIBLE
    assert screening.of(1).reasons == ["RUS is not among the countries the project chose"]
    assert screening.exclusion_counts() == {"country not chosen": 1}
