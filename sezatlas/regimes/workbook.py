"""A regime comparison as an XLSX workbook: a summary sheet, then one year-by-year sheet per regime.

The summary has one row per regime with the same columns as the terminal table, and marks doubtful
regimes (low-confidence or UNVERIFIED facts) in a column of their own, with the facts listed below.
Text cells are written as text (`safe_cells.append_row`), never as formulas.
"""

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from sezatlas.regimes.comparison import RegimeOutcome
from sezatlas.regimes.evaluate import RegimeEvaluation
from sezatlas.tabular.safe_cells import append_row

SUMMARY_HEADER = (
    "regime_id", "name", "compared with", "confidence", "doubtful facts", "eligible",
    "not eligible because / error", "NPV of incentives", "by instrument", "PV taxes", "PV taxes (standard)",
    "pre-tax NPV", "post-tax NPV", "AETR", "METR",
)  # fmt: skip


def _summary_row(outcome: RegimeOutcome) -> list[object]:
    regime, result = outcome.regime, outcome.comparison
    zone = result.zone if result is not None else None
    reasons = outcome.error or ("; ".join(zone.reasons) if zone is not None else "")
    parts = result.by_instrument if result is not None else {}
    return [
        regime.regime_id, regime.name, regime.counterfactual_id or regime.regime_id,
        regime.provenance.confidence.value if regime.provenance.confidence else None,
        "yes" if outcome.is_doubtful else "", None if zone is None else zone.is_eligible, reasons,
        None if result is None else result.npv_of_incentives,
        "; ".join(f"{name} {value:,.2f}" for name, value in parts.items()),
        None if zone is None else zone.pv_taxes,
        None if result is None else result.standard.pv_taxes,
        None if zone is None else zone.npv_pre_tax, None if zone is None else zone.npv_post_tax,
        None if zone is None else zone.aetr, None if zone is None else zone.metr,
    ]  # fmt: skip


def _write_summary(sheet: Worksheet, project_name: str, currency: str, outcomes: list[RegimeOutcome]) -> None:
    sheet.title = "Summary"
    append_row(sheet, [f"Project: {project_name}",
                       f"Amounts in {currency}, present values at the project rate"])  # fmt: skip
    append_row(sheet, list(SUMMARY_HEADER))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for outcome in outcomes:
        append_row(sheet, _summary_row(outcome))
    append_row(sheet, [])
    append_row(sheet, ["Low-confidence or UNVERIFIED facts (regimes marked 'yes' above)"])
    for outcome in outcomes:
        for fact in outcome.doubtful:
            append_row(sheet, [outcome.regime.regime_id, fact])


def write_schedule_sheet(sheet: Worksheet, evaluation: RegimeEvaluation) -> None:
    """Years across, one row per tax, as in docs/incentives.md; an ineligible regime gets its reasons."""
    schedule = evaluation.schedule
    if schedule is None:
        append_row(sheet, ["not eligible because", *evaluation.reasons])
        return
    append_row(sheet, ["year", *schedule.calendar_years])
    append_row(sheet, ["CIT rate", *schedule.cit_rate.tolist()])
    append_row(sheet, ["taxable income before losses", *schedule.taxable_income.tolist()])
    for name, values in schedule.taxes.items():
        append_row(sheet, [name, *values.tolist()])
    append_row(sheet, ["total", *schedule.total_by_year.tolist()])
    append_row(sheet, ["pre-tax cash flow", *schedule.pre_tax_cash_flow.tolist()])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for note in schedule.notes:
        append_row(sheet, [note])


def write_comparison_xlsx(
    project_name: str, currency: str, outcomes: list[RegimeOutcome], path: Path
) -> None:
    book = Workbook()
    summary = book.active
    assert summary is not None  # a new Workbook always has one sheet
    _write_summary(summary, project_name, currency, outcomes)
    for outcome in outcomes:
        sheet = book.create_sheet(outcome.regime.regime_id[:31])
        if outcome.comparison is None:
            append_row(sheet, ["error", outcome.error])
        else:
            write_schedule_sheet(sheet, outcome.comparison.zone)
    book.save(path)
