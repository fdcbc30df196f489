"""The matrix itself: a row per regime, a cell per dimension, a summary per dimension, and its JSON form.

A cell is computed from the regime file when the file states the fact (`computed_tax`,
`computed_border`), else taken from the file's `[matrix.<dimension>]` table (`hand_coded`), else unknown.
A dimension is computed or hand-coded per regime, never both: a hand-coded cell the computed one would
hide is a data error (tests/regimes/test_regimes_matrix.py checks the bundled files).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sezatlas.regimes.matrix.cells import Cell, Compute, computed_cell, hand_coded_cell
from sezatlas.regimes.matrix.computed_border import COMPUTED_BORDER
from sezatlas.regimes.matrix.computed_tax import COMPUTED_TAX
from sezatlas.regimes.matrix.dimensions import Dimension
from sezatlas.regimes.matrix.divergence import RULE_SENTENCES, VERDICT_TITLES, DimensionSummary, summarize
from sezatlas.regimes.rules import Regime

COMPUTED: dict[str, Compute] = {**COMPUTED_TAX, **COMPUTED_BORDER}


@dataclass(frozen=True, slots=True)
class MatrixRow:
    regime: Regime
    cells: tuple[Cell, ...]  # in the order of the matrix's dimensions


@dataclass(frozen=True, slots=True)
class HarmonizationMatrix:
    dimensions: tuple[Dimension, ...]
    rows: tuple[MatrixRow, ...]
    summaries: tuple[DimensionSummary, ...]

    @property
    def cell_count(self) -> int:
        return len(self.rows) * len(self.dimensions)

    @property
    def unknown_count(self) -> int:
        return sum(summary.unknown for summary in self.summaries)


def matrix_cell(regime: Regime, standard: Regime | None, dimension: Dimension) -> Cell:
    """The cell of one regime in one dimension: computed, else hand-coded, else unknown."""
    compute = COMPUTED.get(dimension.key)
    reading = compute(regime, standard) if compute is not None else None
    if reading is not None:
        return computed_cell(regime, dimension, reading)
    return hand_coded_cell(regime, dimension) or Cell(regime.regime_id, dimension.key)


def build_matrix(
    regimes: Mapping[str, Regime], regime_ids: Sequence[str], dimensions: Sequence[Dimension]
) -> HarmonizationMatrix:
    rows = []
    for regime_id in regime_ids:
        regime = regimes[regime_id]
        standard = regimes[regime.counterfactual_id] if regime.counterfactual_id else None
        rows.append(MatrixRow(regime, tuple(matrix_cell(regime, standard, d) for d in dimensions)))
    summaries = tuple(
        summarize(dimension, (row.cells[k].code for row in rows)) for k, dimension in enumerate(dimensions)
    )
    return HarmonizationMatrix(tuple(dimensions), tuple(rows), summaries)


def _cell_as_dict(cell: Cell) -> dict[str, Any]:
    return {
        "code": cell.code, "text": cell.text, "source_urls": list(cell.source_urls), "as_of": cell.as_of,
        "basis": cell.basis, "is_computed": cell.is_computed,
        "confidence": cell.confidence.value if cell.confidence else None,
    }  # fmt: skip


def _dimension_as_dict(dimension: Dimension) -> dict[str, Any]:
    return {
        "key": dimension.key, "title": dimension.title, "framework": dimension.framework,
        "computed_from": dimension.computed_from or None, "takes_hand_cells": dimension.takes_hand_cells,
        "codes": [{"key": c.key, "label": c.label, "meaning": c.meaning} for c in dimension.codes],
        "families": [sorted(family) for family in dimension.families],
        "conflicts": [sorted(pair) for pair in dimension.conflicts],
    }  # fmt: skip


def _summary_as_dict(summary: DimensionSummary) -> dict[str, Any]:
    verdict = summary.verdict.value if summary.verdict is not None else None
    return {"verdict": verdict, "counts": summary.counts, "known": summary.known, "unknown": summary.unknown}


def divergence_rule() -> str:
    """The rule in one English sentence per verdict, as the JSON answer and the CLI state it."""
    return " ".join(f"{VERDICT_TITLES[verdict]}: {sentence}" for verdict, sentence in RULE_SENTENCES)


def matrix_as_dict(matrix: HarmonizationMatrix) -> dict[str, Any]:
    """The matrix as JSON data: `GET /api/v1/incentives/matrix`, `f=json` of the page, the CLI's .json."""
    return {
        "dimensions": [_dimension_as_dict(d) for d in matrix.dimensions],
        "regimes": [
            {"regime_id": row.regime.regime_id, "country_iso3": row.regime.country_iso3,
             "name": row.regime.name, "counterfactual_id": row.regime.counterfactual_id,
             "cells": {cell.dimension: _cell_as_dict(cell) for cell in row.cells}}
            for row in matrix.rows
        ],
        "summary": {s.dimension.key: _summary_as_dict(s) for s in matrix.summaries},
        "cells": matrix.cell_count,
        "unknown_cells": matrix.unknown_count,
        "divergence_rule": divergence_rule(),
    }  # fmt: skip
