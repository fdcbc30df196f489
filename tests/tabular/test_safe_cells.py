"""The CSV-injection rule: formula-like text is made inert, and the protective quote comes off again."""

from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from sezatlas.tabular.safe_cells import append_row, csv_row, csv_text, from_csv_text, is_formula_like

# Text built mostly from the characters that matter, so quotes before a trigger are common.
TEXTS = st.text(alphabet=st.sampled_from("'=+-@\t\rAb1 ,\""), max_size=8) | st.text(max_size=20)


@given(TEXTS)
def test_any_text_reads_back_as_written(text: str) -> None:
    assert from_csv_text(csv_text(text)) == text


@given(TEXTS)
def test_no_written_text_starts_a_formula(text: str) -> None:
    assert not is_formula_like(csv_text(text))


def test_owasp_triggers_are_quoted_and_numbers_stay_numbers() -> None:
    assert [csv_text(t) for t in ["=1+2", "+1", "-2+3", "@SUM(1)", "\t=1", "\r=1", "plain", ""]] == [
        "'=1+2", "'+1", "'-2+3", "'@SUM(1)", "'\t=1", "'\r=1", "plain", "",
    ]  # fmt: skip
    assert csv_text(-33.9) == -33.9 and csv_text(-5) == -5
    assert csv_row({"name": "=x", "area_ha": -1.5, "notes": None}) == {
        "name": "'=x",
        "area_ha": -1.5,
        "notes": "",
    }


def test_a_quote_is_removed_only_before_a_trigger() -> None:
    assert [from_csv_text(t) for t in ["'=x", "''=x", "'plain", "'", "it's"]] == [
        "=x",
        "'=x",
        "'plain",
        "'",
        "it's",
    ]


def test_workbook_text_is_a_string_cell_and_numbers_are_numbers() -> None:
    sheet = Workbook().active
    append_row(sheet, ['=HYPERLINK("http://x","y")', "-2+3", "plain", -3.5, None])
    first, second, third, number, _ = sheet[1]
    assert (first.data_type, first.value, first.quotePrefix) == ("s", '=HYPERLINK("http://x","y")', True)
    assert (second.data_type, second.quotePrefix) == ("s", True)
    assert (third.data_type, third.quotePrefix) == ("s", False)
    assert (number.data_type, number.value) == ("n", -3.5)
