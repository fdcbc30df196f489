"""`localization_for` on the bundled registry (SQLite and PostgreSQL), with the proxy and with imports.

Batteries (2720) made in Alabuga (RUS-001): the US proxy recipe; then, after importing generated ICIO and
BACI files in the published layouts, the country's own ICIO column and the RCA of its inputs.
"""

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from sezatlas.accounts.roles import Actor
from sezatlas.chains.localization import LocalizationRequestError, Where
from sezatlas.chains.localization_actions import import_baci, import_icio, localization_for
from sezatlas.chains.localization_export import localization_csv
from sezatlas.chains.recipe import PROXY_LABEL
from sezatlas.cli import app
from sezatlas.settings import get_settings
from sezatlas.stewardship.changes import ZoneNotFoundError
from tests.chains.published_layouts import baci_rows, country_rows, icio_matrices, icio_rows, write_rows

runner = CliRunner()


@pytest.fixture
def chains_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "chains"
    monkeypatch.setenv("SEZATLAS_CHAINS_DIR", str(folder))
    get_settings.cache_clear()
    yield folder
    get_settings.cache_clear()


def test_batteries_in_alabuga_under_the_proxy(bundled_engine: Engine, chains_dir: Path) -> None:
    with Session(bundled_engine) as session:
        answer = localization_for(session, "2720", "RUS-001")
    assert answer.label == PROXY_LABEL and answer.icio is None and answer.trade is None
    shares = answer.scenario.shares_before
    assert shares.in_country + shares.in_partners + shares.nowhere == pytest.approx(1.0)
    assert answer.scenario.country_iso3 == "RUS" and answer.unbridged_per_usd > 0
    assert sum(i.share for i in answer.scenario.before) == pytest.approx(1.0)


def test_adding_the_largest_missing_input_raises_the_country_share(
    bundled_engine: Engine, chains_dir: Path
) -> None:
    with Session(bundled_engine) as session:
        before = localization_for(session, "2720", "RUS-001")
        missing = max(
            (i for i in before.scenario.before if i.where is not Where.COUNTRY), key=lambda i: i.share
        )
        answer = localization_for(session, "2720", "RUS-001", [f"{missing.code}@RUS-001"])
    assert answer.scenario.change.in_country == pytest.approx(missing.share)
    assert answer.scenario.shares_before == before.scenario.shares_before


def test_unknown_zones_and_bad_additions_are_refused(bundled_engine: Engine, chains_dir: Path) -> None:
    with Session(bundled_engine) as session:
        with pytest.raises(ZoneNotFoundError, match="RUS-999"):
            localization_for(session, "2720", "RUS-999")
        with pytest.raises(LocalizationRequestError, match="ISIC@ZONE"):
            localization_for(session, "2720", "RUS-001", ["2011"])
        with pytest.raises(LocalizationRequestError, match="'XXX-1' is not in the registry"):
            localization_for(session, "2720", "RUS-001", ["2011@XXX-1"])


def test_with_icio_and_baci_imported_the_answer_uses_russias_own_column(
    bundled_engine: Engine, chains_dir: Path, tmp_path: Path
) -> None:
    secretariat = Actor.command_line()
    import_icio(secretariat, write_rows(tmp_path / "2020.csv", icio_rows()))
    flows = write_rows(tmp_path / "BACI_HS22_Y2022_V202401.csv", baci_rows())
    import_baci(secretariat, flows, write_rows(tmp_path / "country_codes_V202401.csv", country_rows()))
    with Session(bundled_engine) as session:
        answer = localization_for(session, "2610", "RUS-001")  # electronic components: ICIO industry C26
        batteries = localization_for(session, "2720", "RUS-001")  # C27: not in the generated table
    assert batteries.label == PROXY_LABEL and "has no RUS column with output" in batteries.method
    assert answer.label == "OECD ICIO 2023 (2020), RUS's own coefficients" and answer.icio is not None
    assert {i.code for i in answer.scenario.before} == {"A01_02", "C20", "C26", "G"}
    z, _tls, _va, output = icio_matrices()
    column = 2 * 4 + 2  # RUS_C26
    bought = [z[row][column] for row in range(12)]
    assert answer.icio.domestic_input_share == pytest.approx(sum(bought[8:]) / sum(bought))
    c20 = next(i for i in answer.scenario.before if i.code == "C20")
    assert c20.per_usd == pytest.approx((z[1][column] + z[5][column] + z[9][column]) / output[column])
    assert answer.trade is not None and answer.trade.label == "CEPII BACI HS22 (V202401), 2022"
    chemicals = next(r for r in answer.rca if r.code == "C20")  # HS 280519 and 382499 link to ISIC 20xx
    assert chemicals.products == 2 and chemicals.rca == pytest.approx(_hand_rca("643", {"280519", "382499"}))
    rows = list(csv.DictReader(io.StringIO(localization_csv(answer))))
    assert {row["label"] for row in rows} == {answer.label}


def _hand_rca(exporter: str, group: set[str]) -> float:
    """Balassa's RCA from the generated BACI rows, in plain Python."""
    flows = [(row[1], row[3].zfill(6), float(row[4])) for row in baci_rows()[1:]]
    mine = sum(v for i, _, v in flows if i == exporter)
    mine_in_group = sum(v for i, k, v in flows if i == exporter and k in group)
    world = sum(v for _, _, v in flows)
    world_in_group = sum(v for _, k, v in flows if k in group)
    return (mine_in_group / mine) / (world_in_group / world)


def test_cli_prints_the_shares_and_writes_json(
    bundled_engine: Engine, chains_dir: Path, tmp_path: Path
) -> None:
    url = str(bundled_engine.url.render_as_string(hide_password=False))
    out = tmp_path / "out" / "batteries.json"
    args = [
        "chains",
        "localization",
        "2720",
        "--zone",
        "RUS-001",
        "--add",
        "2420@RUS-001",
        "--database-url",
        url,
    ]
    result = runner.invoke(app, args, env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    assert "with additions" in result.output and PROXY_LABEL in result.output
    assert "change, points" in result.output and "+34.2 " in result.output and "+34.2%" not in result.output
    result = runner.invoke(app, [*args, "--output", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["label"] == PROXY_LABEL and data["scenario"]["additions"] == [
        {"isic_code": "2420", "zone_id": "RUS-001"}
    ]
    bad = [
        "chains",
        "localization",
        "2720",
        "--zone",
        "RUS-001",
        "--add",
        "20@RUS-001",
        "--database-url",
        url,
    ]
    refused = runner.invoke(app, bad)
    assert refused.exit_code == 2 and "not an ISIC Rev.4 class" in refused.output


def test_cli_imports_and_lists_them(chains_dir: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["chains", "imports"])
    assert result.exit_code == 0 and "Nothing imported" in result.output
    good = write_rows(tmp_path / "2020.csv", icio_rows())
    result = runner.invoke(app, ["chains", "import-icio", str(good), "--release", "2023"])
    assert result.exit_code == 0, result.output
    bad_rows = icio_rows()
    bad_rows[4][3] = "oops"
    bad = write_rows(tmp_path / "2021.csv", bad_rows)
    refused = runner.invoke(app, ["chains", "import-icio", str(bad)])
    assert refused.exit_code == 1 and "2021.csv: line 5" in refused.output
    result = runner.invoke(app, ["chains", "imports"], env={"COLUMNS": "200"})
    assert "ICIO" in result.output and "2020.csv" in result.output and "2021.csv" not in result.output
