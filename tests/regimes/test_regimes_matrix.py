"""The harmonization matrix over the bundled regimes: coverage, sources, the divergence rule, the filters.

The matrix is `harmonization_matrix` (regimes/matrix/actions.py): a cell per regime and dimension,
computed from the regime file where it states the fact, else hand-coded in its `[matrix]` table, else
unknown; a summary per dimension by the rule of divergence.py.
"""

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from sezatlas.regimes.errors import RegimeDataError
from sezatlas.regimes.loader import RULES_DIR, load_regimes
from sezatlas.regimes.matrix.actions import UnknownMatrixFilterError, harmonization_matrix
from sezatlas.regimes.matrix.dimensions import DIMENSIONS, DIMENSIONS_BY_KEY, UNKNOWN, Code, Dimension
from sezatlas.regimes.matrix.divergence import Verdict, summarize
from sezatlas.regimes.matrix.table import COMPUTED, matrix_as_dict

REGIMES = load_regimes()
MATRIX = harmonization_matrix()


def cell(regime_id: str, dimension: str) -> dict[str, object]:
    cells: dict[str, dict[str, object]] = next(
        row for row in matrix_as_dict(MATRIX)["regimes"] if row["regime_id"] == regime_id
    )["cells"]
    return cells[dimension]


def test_the_matrix_covers_every_bundled_regime_in_every_dimension() -> None:
    assert sorted(row.regime.regime_id for row in MATRIX.rows) == sorted(REGIMES)
    assert [d.key for d in MATRIX.dimensions] == [d.key for d in DIMENSIONS]
    for row in MATRIX.rows:
        assert [c.dimension for c in row.cells] == [d.key for d in DIMENSIONS], row.regime.regime_id
        for found, dimension in zip(row.cells, DIMENSIONS, strict=True):
            assert found.code == UNKNOWN or found.code in dimension.code_keys
    assert MATRIX.cell_count == len(REGIMES) * len(DIMENSIONS)
    assert MATRIX.unknown_count == sum(not c.is_known for row in MATRIX.rows for c in row.cells)
    assert 0 < MATRIX.unknown_count < MATRIX.cell_count  # unknowns are counted, not hidden nor invented


def test_every_coded_cell_has_a_source_url_and_every_unknown_cell_none() -> None:
    for row in MATRIX.rows:
        for found in row.cells:
            where = f"{found.regime_id} {found.dimension}"
            if found.is_known:
                assert found.source_urls and all(
                    u.startswith(("http://", "https://")) for u in found.source_urls
                )
                assert found.text and found.basis, where
            else:
                assert not found.source_urls and found.text is None and found.as_of is None, where


def test_computed_cells_cite_the_fact_own_source_or_the_file_that_states_it() -> None:
    qdmtt = "https://www.azevedosette.com.br/news/en/brazilian-president-sanctions-law-that-introduces-the-"
    assert cell("BRA-standard", "pillar_two")["source_urls"][1].startswith(qdmtt)  # type: ignore[index]
    assert cell("ZAF-sez-12r", "base_relief") == {
        "code": "accelerated_depreciation", "text": "buildings: straight line 10%",
        "source_urls": ["https://www.acts.co.za/income-tax-act-1962/12r__special_economic_zones.php"],
        "as_of": "2020-08-10", "basis": "investment_credit, investment_allowance, depreciation",
        "is_computed": True, "confidence": "medium",
    }  # fmt: skip
    # A zone inheriting its country's QDMTT cites the standard file for it, not only its own sources.
    tier1 = cell("IDN-kek-holiday-tier1", "pillar_two")
    assert tier1["code"] == "exposed_with_qdmtt"
    assert set(REGIMES["IDN-standard"].provenance.source_urls) <= set(tier1["source_urls"])  # type: ignore[arg-type]


def test_cells_read_what_the_regime_files_state() -> None:
    assert cell("IND-sez-10aa", "rate_relief")["code"] == "holiday"
    assert cell("IND-sez-10aa", "export_contingency")["code"] == "export_contingent"  # export profits only
    assert cell("EGY-free-zone", "rate_relief")["code"] == "turnover_levy"
    assert cell("EGY-free-zone", "export_contingency")["text"] == "revenue levy 1% on exports, 2% at home"
    assert cell("RUS-tor", "labour")["text"] == "employer social contributions 7.6% for 10 years"
    assert cell("RUS-sez-industrial", "benefit_cap")["code"] == "capped"
    assert cell("RUS-sez-industrial", "customs")["code"] == "exempt_for_exports"
    assert cell("ZAF-sez-12r", "pillar_two")["code"] == "not_exposed"  # 15% is not below the 15% minimum
    assert cell("RUS-sez-port", "pillar_two")["code"] == "exposed_without_qdmtt"
    assert cell("ARE-standard", "pillar_two")["code"] == "exposed_with_qdmtt"  # 9%, DMTT from 2025


def test_a_zone_file_silent_on_a_fact_leaves_it_unknown() -> None:
    assert cell("RUS-international-tor", "vat")["code"] == UNKNOWN  # not the standard regime's VAT
    assert cell("RUS-international-tor", "customs")["code"] == UNKNOWN
    assert cell("RUS-standard", "vat")["code"] == "standard"  # a standard regime states the general rules
    assert cell("RUS-sez-tourist", "vat")["text"] == "standard VAT (draft table)"  # stated in its file


def test_zone_regimes_do_not_inherit_the_standard_matrix_table() -> None:
    assert cell("RUS-standard", "legal_basis")["code"] == "tax_law"
    assert cell("RUS-international-tor", "legal_basis")["code"] == UNKNOWN
    assert REGIMES["RUS-international-tor"].matrix.cells() == {}


def test_a_hand_coded_cell_is_never_hidden_by_a_computed_one() -> None:
    """One home per fact: a dimension is computed or hand-coded for a regime, not both."""
    for regime in REGIMES.values():
        standard = REGIMES[regime.counterfactual_id] if regime.counterfactual_id else None
        for name in regime.matrix.cells():
            compute = COMPUTED.get(name)
            assert compute is None or compute(regime, standard) is None, f"{regime.regime_id} matrix.{name}"


def test_the_divergence_rule_in_examples() -> None:
    customs = DIMENSIONS_BY_KEY["customs"]
    assert summarize(customs, ["exempt", "exempt", UNKNOWN]).verdict is Verdict.ALIGNED
    assert summarize(customs, ["exempt", "exempt_for_exports"]).verdict is Verdict.COMPATIBLE
    assert summarize(customs, ["exempt", "standard"]).verdict is Verdict.DIVERGENT
    assert summarize(customs, [UNKNOWN, UNKNOWN]).verdict is None
    wto = DIMENSIONS_BY_KEY["export_contingency"]
    assert (
        summarize(wto, ["export_contingent", "not_export_contingent", "no_relief"]).verdict
        is Verdict.IN_CONFLICT
    )
    summary = summarize(customs, ["exempt", UNKNOWN, "standard", UNKNOWN])
    assert (summary.counts, summary.known, summary.unknown) == ({"exempt": 1, "standard": 1}, 2, 2)


def test_changing_a_dimension_rule_changes_the_summary() -> None:
    """The rule is data the dimension declares: drop a conflict, add a family, and the verdict follows."""
    position = [d.key for d in DIMENSIONS].index("export_contingency")
    codes = [row.cells[position].code for row in MATRIX.rows]
    declared = DIMENSIONS_BY_KEY["export_contingency"]
    assert summarize(declared, codes).verdict is Verdict.IN_CONFLICT  # IND s.10AA against BRA ZPE
    without_conflict = replace(declared, conflicts=())
    assert summarize(without_conflict, codes).verdict is Verdict.DIVERGENT
    one_family = replace(without_conflict, families=(declared.code_keys,))
    assert summarize(one_family, codes).verdict is Verdict.COMPATIBLE


def test_a_dimension_declares_its_rule_over_its_own_codes_only() -> None:
    with pytest.raises(ValueError, match="not its codes"):
        Dimension("x", "X", "test", (Code("a", "A", "a"),), families=(frozenset({"a", "b"}),))
    with pytest.raises(ValueError, match="absence"):
        Dimension("x", "X", "test", (Code(UNKNOWN, "?", "?"),))


def test_the_filters_choose_countries_and_dimensions() -> None:
    chosen = harmonization_matrix(["rus", "IND"], ["vat,customs"])
    assert {row.regime.country_iso3 for row in chosen.rows} == {"RUS", "IND"}
    assert [d.key for d in chosen.dimensions] == ["customs", "vat"]  # in the order of dimensions.py
    assert chosen.rows[0].regime.regime_id == "IND-standard"  # each country's standard regime first
    assert chosen.cell_count == len(chosen.rows) * 2


@pytest.mark.parametrize(("countries", "dimensions", "message"), [
    (["XXX"], [], "country: no regime is encoded for XXX; one of ARE"),
    ([], ["custom"], "dimension: unknown custom; one of territory"),
])  # fmt: skip
def test_an_unknown_filter_is_refused_with_the_accepted_values(
    countries: list[str], dimensions: list[str], message: str
) -> None:
    with pytest.raises(UnknownMatrixFilterError, match=message):
        harmonization_matrix(countries, dimensions)


def _copy_rules(folder: Path, zone_text: str) -> Path:
    shutil.copy(RULES_DIR / "RUS-standard.toml", folder)
    (folder / "RUS-tor.toml").write_text(
        (RULES_DIR / "RUS-tor.toml").read_text(encoding="utf-8") + zone_text, encoding="utf-8"
    )
    return folder


@pytest.mark.parametrize(("table", "message"), [
    ('\n[matrix.stability]\ncode = "forever"\ntext = "x"\nsource_url = "https://example.org"\n',
     "RUS-tor.toml: field matrix: .*matrix.stability.code 'forever' is not a code of stability"),
    ('\n[matrix.stabilty]\ncode = "guaranteed"\ntext = "x"\nsource_url = "https://example.org"\n',
     "RUS-tor.toml: field matrix.stabilty: Extra inputs"),
    ('\n[matrix.stability]\ncode = "guaranteed"\ntext = "x"\n',
     "RUS-tor.toml: field matrix.stability.source_url"),
])  # fmt: skip
def test_a_bad_hand_coded_cell_refuses_the_load_naming_file_and_field(
    tmp_path: Path, table: str, message: str
) -> None:
    with pytest.raises(RegimeDataError, match=message):
        load_regimes(_copy_rules(tmp_path, table))


def test_a_hand_coded_cell_reaches_the_matrix_with_its_source(tmp_path: Path) -> None:
    table = ('\n[matrix.stability]\ncode = "guaranteed"\ntext = "terms fixed for the agreement\'s life"\n'
             'source_url = "https://example.org/law"\nas_of = "2024"\n')  # fmt: skip
    regimes = load_regimes(_copy_rules(tmp_path, table))
    found = harmonization_matrix(["RUS"], ["stability"], regimes=regimes)
    by_id = {row.regime.regime_id: row.cells[0] for row in found.rows}
    assert by_id["RUS-tor"].code == "guaranteed" and by_id["RUS-tor"].source_urls == (
        "https://example.org/law",
    )
    assert (by_id["RUS-tor"].basis, by_id["RUS-tor"].is_computed) == ("matrix.stability", False)
    assert by_id["RUS-standard"].code == UNKNOWN
    assert found.summaries[0].verdict is Verdict.ALIGNED and found.summaries[0].unknown == 1


def test_the_docs_list_every_dimension_and_every_verdict_of_the_rule() -> None:
    docs = (Path(__file__).parents[2] / "docs" / "incentives.md").read_text(encoding="utf-8")
    section = docs.split("## Harmonization matrix")[1].split("\n## ")[0]
    for dimension in DIMENSIONS:
        assert f"| `{dimension.key}` | {dimension.title} |" in section, dimension.key
    for verdict in Verdict:
        assert f"**{verdict.value.replace('_', ' ')}**" in section, verdict
