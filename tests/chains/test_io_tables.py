"""BEA's requirements tables, checked against the bundled CSV files with independent arithmetic.

The hand computations read the files with the csv module and use plain sums and divisions, never the
engine's matrices, so a wrong index, transposition or unit in `io_tables.py` shows as a mismatch.
"""

import csv
import shutil
from pathlib import Path

import numpy as np
import pytest

from sezatlas.chains import io_tables
from sezatlas.chains.io_tables import IoTableError, requirements
from sezatlas.standard.codelists import data_path

BATTERIES = "335911"  # Storage battery manufacturing
CARS = "336111"  # Automobile manufacturing
NONFERROUS = "331410"  # Nonferrous metal (except aluminum) smelting and refining


def _read(name: str) -> list[dict[str, str]]:
    with data_path("chains", name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _industry_output(industry: str) -> float:
    rows = _read("us_bea2017_detail_industry_totals.csv")
    return next(float(r["total_industry_output_usd_million"]) for r in rows if r["industry_code"] == industry)


def _use_column(industry: str) -> dict[str, float]:
    return {
        r["commodity_code"]: float(r["value_usd_million"])
        for r in _read("us_bea2017_detail_use.csv")
        if r["industry_code"] == industry
    }


@pytest.mark.parametrize("industry", [BATTERIES, CARS])
def test_direct_requirements_of_an_industry_match_the_use_table_by_hand(industry: str) -> None:
    output = _industry_output(industry)
    by_hand = {commodity: value / output for commodity, value in _use_column(industry).items()}
    engine = requirements()
    column = engine.commodity_by_industry[:, engine.industry_index(industry)]
    commodities = engine.tables.commodities
    assert {c: column[k] for k, c in enumerate(commodities) if column[k] != 0} == pytest.approx(
        by_hand, abs=1e-15
    )
    intermediate = next(
        float(r["total_intermediate_inputs_usd_million"])
        for r in _read("us_bea2017_detail_industry_totals.csv")
        if r["industry_code"] == industry
    )
    assert column.sum() * output == pytest.approx(intermediate, abs=15)  # BEA's T005, to its rounding


def test_an_industry_by_industry_coefficient_matches_the_make_table_by_hand() -> None:
    """A[i, j] = Σ_k W[i, k] B[k, j], W the scrap-adjusted market shares (Horowitz & Planting, ch. 12)."""
    commodity_output = {
        r["commodity_code"]: float(r["total_commodity_output_usd_million"])
        for r in _read("us_bea2017_detail_commodity_totals.csv")
    }
    made = {
        r["commodity_code"]: float(r["value_usd_million"])
        for r in _read("us_bea2017_detail_make.csv")
        if r["industry_code"] == NONFERROUS
    }
    scrap_ratio = made.get("S00401", 0.0) / _industry_output(NONFERROUS)
    used = _use_column(BATTERIES)
    by_hand = sum(
        value / commodity_output[commodity] / (1 - scrap_ratio) * used.get(commodity, 0.0)
        for commodity, value in made.items()
        if commodity != "S00401"
    ) / _industry_output(BATTERIES)
    engine = requirements()
    assert by_hand > 0.05  # smelted lead and other non-ferrous metals: a large input of batteries
    assert engine.direct[
        engine.industry_index(NONFERROUS), engine.industry_index(BATTERIES)
    ] == pytest.approx(by_hand, rel=1e-12)


def test_the_leontief_inverse_solves_i_minus_a_and_every_column_sums_to_at_least_one() -> None:
    engine = requirements()
    identity = np.eye(len(engine.tables.industries))
    assert np.abs((identity - engine.direct) @ engine.total - identity).max() < 1e-9
    assert engine.total.sum(axis=0).min() >= 1.0 - 1e-12  # a dollar of output needs at least that dollar


def test_market_shares_rebuild_industry_output_from_commodity_output() -> None:
    """W q = g: every industry's output, scrap included, is its shares of the commodities it makes."""
    tables = requirements().tables
    rebuilt = requirements().market_shares @ tables.commodity_output
    assert np.abs(rebuilt - tables.industry_output).max() <= 5  # Make and Use totals differ by ≤ 1 each


def test_special_codes_are_kept_as_published() -> None:
    engine = requirements()
    commodities = engine.tables.commodities
    for no_domestic_output in ("S00300", "S00402"):  # noncomparable imports; used and secondhand goods
        k = commodities.index(no_domestic_output)
        assert not engine.market_shares[:, k].any()  # no US industry supplies them: out of A and L
        assert engine.commodity_by_industry[k].any()  # but they stay in B, as in BEA's direct table
    used_goods = engine.commodity_by_industry[commodities.index("S00402"), engine.industry_index("483000")]
    assert used_goods == pytest.approx(-183 / _industry_output("483000"))  # a negative cell stays negative
    assert not engine.market_shares[:, commodities.index("S00401")].any()  # scrap: a by-product


def test_a_broken_table_is_refused_naming_file_line_and_field(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "chains"
    shutil.copytree(data_path("chains"), folder)
    rows = (folder / io_tables.USE_FILE).read_text(encoding="utf-8").splitlines()
    rows[3] = "1111A0,1111A0,lots"
    (folder / io_tables.USE_FILE).write_text("\n".join(rows) + "\n", encoding="utf-8")
    monkeypatch.setattr(io_tables, "data_path", tmp_path.joinpath)
    with pytest.raises(
        IoTableError, match=r"us_bea2017_detail_use\.csv, line 4, field value_usd_million: 'lots'"
    ):
        io_tables.io_tables.__wrapped__()
