"""Importing OECD ICIO and CEPII BACI files: what is stored, the value-added algebra, and every refusal.

The files come from `published_layouts.py`, in the published layouts; a bad file is refused with each problem
named by file, line and field, and nothing is stored.
"""

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest

from sezatlas.accounts.roles import Actor, PermissionDeniedError
from sezatlas.chains.baci import read_baci, read_country_codes
from sezatlas.chains.icio import read_icio, technical_coefficients, value_added_content
from sezatlas.chains.localization_actions import import_baci, import_icio, imported_tables
from sezatlas.chains.trade_files import TradeFileRejectedError
from sezatlas.settings import get_settings
from tests.chains.published_layouts import (
    ICIO_COUNTRIES,
    ICIO_INDUSTRIES,
    baci_rows,
    country_rows,
    icio_matrices,
    icio_rows,
    write_rows,
)

SECRETARIAT = Actor.command_line("test secretariat")


@pytest.fixture
def chains_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "chains"
    monkeypatch.setenv("SEZATLAS_CHAINS_DIR", str(folder))
    get_settings.cache_clear()
    yield folder
    get_settings.cache_clear()


def _rejected(path: Path) -> list[str]:
    with pytest.raises(TradeFileRejectedError) as refused:
        read_icio(path)
    return [str(p) for p in refused.value.problems]


def test_icio_import_stores_arrays_and_where_they_came_from(tmp_path: Path, chains_dir: Path) -> None:
    path = write_rows(tmp_path / "2020.csv", icio_rows())
    record = import_icio(SECRETARIAT, path, release="2023")
    assert record.source_file == "2020.csv" and record.year == 2020 and record.release == "2023"
    assert record.imported_by == "test secretariat" and len(record.sha256) == 64
    assert record.shape == {"countries": 3, "industries": 4}
    stored = json.loads((chains_dir / "icio.json").read_text(encoding="utf-8"))
    assert stored["arrays_file"] == record.arrays_file and (chains_dir / record.arrays_file).exists()
    assert [r.kind for r in imported_tables()] == ["icio"]
    flows, _taxes, _va, output = icio_matrices()
    with np.load(chains_dir / record.arrays_file) as arrays:
        np.testing.assert_allclose(arrays["flows"], flows)
        np.testing.assert_allclose(arrays["output"], output)
        assert list(arrays["countries"]) == list(ICIO_COUNTRIES)


def test_only_the_secretariat_imports(tmp_path: Path, chains_dir: Path) -> None:
    path = write_rows(tmp_path / "2020.csv", icio_rows())
    with pytest.raises(PermissionDeniedError):
        import_icio(Actor(person_id=7, name="a member"), path)
    assert not chains_dir.exists()


def test_split_china_is_summed_back_into_chn(tmp_path: Path) -> None:
    whole = read_icio(write_rows(tmp_path / "whole.csv", icio_rows()))
    split = read_icio(write_rows(tmp_path / "split.csv", icio_rows(split_china=True)))
    assert split.countries == whole.countries == ICIO_COUNTRIES
    np.testing.assert_allclose(split.flows, whole.flows, atol=1e-5)
    np.testing.assert_allclose(split.output, whole.output, atol=1e-5)


def test_value_added_shares_add_up_and_match_a_hand_computation(tmp_path: Path) -> None:
    """FVA of RUS_C26 by the power series L = I + A + A² + … in plain Python, not numpy's solver."""
    table = read_icio(write_rows(tmp_path / "2020.csv", icio_rows()))
    content = value_added_content(table)
    np.testing.assert_allclose(content.domestic + content.foreign + content.taxes, 1.0, atol=1e-9)
    flows, _taxes, value_added, output = icio_matrices()
    size, j = len(output), table.at("RUS", "C26")
    a = [[flows[r][c] / output[c] for c in range(size)] for r in range(size)]
    term = [1.0 if r == j else 0.0 for r in range(size)]
    column = term[:]
    for _ in range(200):
        term = [sum(a[r][c] * term[c] for c in range(size)) for r in range(size)]
        column = [x + t for x, t in zip(column, term, strict=True)]
    russia = range(2 * len(ICIO_INDUSTRIES), 3 * len(ICIO_INDUSTRIES))
    foreign = sum(value_added[r] / output[r] * column[r] for r in range(size) if r not in russia)
    assert content.foreign[j] == pytest.approx(foreign, rel=1e-9)
    assert 0 < foreign < 1
    assert technical_coefficients(table)[0, j] == pytest.approx(flows[0][j] / output[j])


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (
            lambda rows: rows[3].__setitem__(5, "12,5x"),
            "2020.csv: line 4, field CHN_A01_02: '12,5x' is not a number",
        ),
        (
            lambda rows: rows[0].__setitem__(3, "RUS_C99"),
            "line 1, field column 4 (RUS_C99): unknown country or industry label",
        ),
        (lambda rows: rows[-1].__setitem__(2, "-4"), "field BRA_C20: negative output -4"),
        (lambda rows: rows.pop(), "field OUT: missing OUT row"),
        (lambda rows: rows[6].pop(), "line 7, field CHN_C20: shape mismatch: 31 fields, the header has 32"),
        (
            lambda rows: rows[2].__setitem__(0, "BRA_C27"),
            "line 3, field V1: unknown country or industry label 'BRA_C27'",
        ),
    ],
)
def test_each_bad_icio_file_is_refused_naming_line_and_field(
    tmp_path: Path, chains_dir: Path, mutate: Callable[[list[list[str]]], object], expected: str
) -> None:
    rows = icio_rows()
    mutate(rows)
    path = write_rows(tmp_path / "2020.csv", rows)
    assert any(expected in problem for problem in _rejected(path)), _rejected(path)
    with pytest.raises(TradeFileRejectedError):
        import_icio(SECRETARIAT, path)
    assert not chains_dir.exists() or not any(chains_dir.iterdir())


def test_a_bad_file_leaves_the_previous_import_in_place(tmp_path: Path, chains_dir: Path) -> None:
    good = import_icio(SECRETARIAT, write_rows(tmp_path / "2020.csv", icio_rows()))
    rows = icio_rows(seed=7)
    rows[5][5] = "n/a"
    with pytest.raises(TradeFileRejectedError, match="nothing was stored"):
        import_icio(SECRETARIAT, write_rows(tmp_path / "2021.csv", rows))
    assert imported_tables()[0].sha256 == good.sha256
    assert sorted(p.name for p in chains_dir.iterdir()) == sorted(["icio.json", good.arrays_file])


def _baci(tmp_path: Path, rows: list[list[str]] | None = None) -> tuple[Path, Path]:
    flows = write_rows(tmp_path / "BACI_HS22_Y2022_V202401.csv", rows or baci_rows())
    return flows, write_rows(tmp_path / "country_codes_V202401.csv", country_rows())


def test_baci_sums_exports_per_country_and_product(tmp_path: Path, chains_dir: Path) -> None:
    flows, countries = _baci(tmp_path)
    exports = read_baci(flows, read_country_codes(countries))
    assert exports.year == 2022 and exports.hs_edition == "HS22" and exports.release == "V202401"
    assert exports.countries == ("BRA", "CHN", "IND", "RUS", "ZAF") and "010121" in exports.products
    first = baci_rows()[1]  # Brazil's first flow
    assert exports.exports[0, exports.products.index(first[3].zfill(6))] == pytest.approx(float(first[4]))
    record = import_baci(SECRETARIAT, flows, countries)
    assert record.kind == "baci" and record.hs_edition == "HS22" and record.shape["products"] == 6


@pytest.mark.parametrize(
    ("line", "field", "value", "expected"),
    [
        (5, 1, "999", "line 5, field i: unknown country code '999'"),
        (6, 4, "-3", "line 6, field v: '-3' is not a trade value"),
        (7, 3, "8507", "line 7, field k: '8507' is not an HS six-digit code"),
        (8, 0, "2021", "line 8, field t: year 2021 differs from the file's first year 2022"),
        (9, 5, "lots", "line 9, field q: 'lots' is not a quantity"),
    ],
)
def test_each_bad_baci_row_is_refused_and_nothing_stored(
    tmp_path: Path, chains_dir: Path, line: int, field: int, value: str, expected: str
) -> None:
    rows = baci_rows()
    rows[line - 1][field] = value
    flows, countries = _baci(tmp_path, rows)
    with pytest.raises(TradeFileRejectedError) as refused:
        import_baci(SECRETARIAT, flows, countries)
    [problem] = [str(p) for p in refused.value.problems]
    assert problem.startswith(f"BACI_HS22_Y2022_V202401.csv: {expected}")
    assert not chains_dir.exists()
