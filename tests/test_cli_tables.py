"""Terminal tables never cut a figure: a narrow terminal wraps the text, a wide table is split."""

import io

from rich.console import Console
from rich.table import Table

from sezatlas.cli_support import column_blocks, figures, uncut


def printed(table: Table, width: int) -> str:
    console = Console(width=width, record=True, file=io.StringIO())
    console.print(uncut(table))
    return console.export_text()


def test_a_figure_is_never_cut_in_a_narrow_terminal() -> None:
    table = Table("tax", figures("2027"), figures("2028"))
    table.add_row("taxable income before losses", "-8,014,000.0", "-145,600.0")
    text = printed(table, 40)
    assert "-8,014,000.0" in text and "-145,600.0" in text and "…" not in text


def test_a_long_word_folds_instead_of_ending_in_an_ellipsis() -> None:
    table = Table("name", figures("amount"))
    table.add_row("customs_capital_goods", "830,065.4")
    assert "…" not in printed(table, 24)


def test_a_table_too_wide_is_split_into_blocks_of_columns_that_fit() -> None:
    assert column_blocks(10, [12] * 10, 80) == [range(0, 4), range(4, 8), range(8, 10)]
    assert column_blocks(10, [12] * 3, 200) == [range(0, 3)]
    assert column_blocks(10, [300], 80) == [range(0, 1)]  # one column too wide still gets a block
