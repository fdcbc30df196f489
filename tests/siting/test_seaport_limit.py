"""A limit on the distance to a seaport: far zones are excluded, zones of unknown distance are asked about.

The distances are the registry's computed ones (great-circle from the zone's point, `registry/logistics.py`).
"""

import json
from pathlib import Path

from typer.testing import CliRunner

from sezatlas.cli import app
from sezatlas.registry.bundled import load_bundled_registry
from sezatlas.siting.columns import zone_columns
from sezatlas.siting.constraints import Verdict, screen
from sezatlas.siting.request import RankRequest, read_rank_request
from sezatlas.standard.project import ProjectProfile

ZONES = load_bundled_registry().zones
NEAR, FAR, UNKNOWN = "CHN-ETDZ-085", "RUS-001", "ETH-017"  # 35.1 km to Qingdao; 1,161 km; no port in Ethiopia


def _verdicts(project: ProjectProfile) -> dict[str, tuple[Verdict, list[str], list[str]]]:
    columns = zone_columns(ZONES)
    result = screen(columns, project)
    out = {}
    for i, zone_id in enumerate(columns.zone_id):
        screening = result.of(i)
        out[str(zone_id)] = (screening.verdict, screening.reasons, screening.to_confirm)
    return out


def test_a_zone_beyond_the_seaport_limit_is_excluded_and_one_of_unknown_distance_is_asked_about() -> None:
    verdicts = _verdicts(ProjectProfile(name="Exporter", isic_code="1311", max_distance_to_seaport_km=50))
    assert verdicts[NEAR][0] == Verdict.ELIGIBLE
    assert verdicts[FAR][0] == Verdict.EXCLUDED
    assert "the nearest seaport is 1161.2 km away, more than 50 km" in verdicts[FAR][1]
    assert verdicts[UNKNOWN][0] == Verdict.NEEDS_CONFIRMATION
    assert "distance to the nearest seaport (km): at most 50 wanted" in verdicts[UNKNOWN][2]


def test_the_command_line_limit_overrides_the_project_files_value() -> None:
    request = read_rank_request({"name": "Exporter", "isic_code": "1311", "max_distance_to_seaport_km": 500})
    limited = request.with_project(max_distance_to_seaport_km=50)
    assert limited.project.max_distance_to_seaport_km == 50 and limited.project.isic_code == "1311"
    assert isinstance(limited, RankRequest) and request.project.max_distance_to_seaport_km == 500


def test_rank_with_max_seaport_km_excludes_the_far_zone(tmp_path: Path) -> None:
    database_url = f"sqlite:///{tmp_path / 'rank.sqlite3'}"
    picked = [zone.model_dump(mode="json") for zone in ZONES if zone.zone_id in (NEAR, FAR, UNKNOWN)]
    zones_file = tmp_path / "zones.json"
    zones_file.write_text(json.dumps({"zones": picked}), encoding="utf-8")
    runner = CliRunner()
    imported = runner.invoke(app, ["import", str(zones_file), "--database-url", database_url])
    assert imported.exit_code == 0, imported.output
    project = tmp_path / "project.json"
    project.write_text(json.dumps({"name": "Exporter", "isic_code": "1311"}), encoding="utf-8")
    output = tmp_path / "shortlist.json"
    args = ["rank", "-p", str(project), "--samples", "0", "-o", str(output), "--database-url", database_url]
    ranked = runner.invoke(app, [*args, "--max-seaport-km", "50", "--only-confirmed"])
    assert ranked.exit_code == 0, ranked.output
    shortlist = json.loads(output.read_text(encoding="utf-8"))
    assert [zone["zone_id"] for zone in shortlist["ranked"]] == [NEAR]
    assert [zone["zone_id"] for zone in shortlist["excluded"]] == [FAR]
    assert [zone["zone_id"] for zone in shortlist["needs_confirmation"]] == [UNKNOWN]
    with_unknown = runner.invoke(app, [*args, "--max-seaport-km", "50"])  # the unknown distance is ranked too
    assert with_unknown.exit_code == 0, with_unknown.output
    ranked_too = json.loads(output.read_text(encoding="utf-8"))["ranked"]
    assert {zone["zone_id"]: zone["evidence"]["confirmed"] for zone in ranked_too} == {NEAR: 1, UNKNOWN: 0}
    only_ethiopia = runner.invoke(app, [*args, "--only-country", "eth"])
    assert only_ethiopia.exit_code == 0, only_ethiopia.output
    assert [zone["zone_id"] for zone in json.loads(output.read_text(encoding="utf-8"))["ranked"]] == [UNKNOWN]
    without = runner.invoke(app, args)
    assert without.exit_code == 0 and not json.loads(output.read_text(encoding="utf-8"))["excluded"]
