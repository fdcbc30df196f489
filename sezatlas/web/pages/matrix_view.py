"""The harmonization matrix as the page, the PDF and the workbook show it, in the reader's language.

Dimension titles, code labels and meanings, and the verdict words come from the domain
(`regimes/matrix/dimensions.py`, `divergence.py`, marked for the catalogs) and are translated here; each
cell's short text stays as the source says it, in English, and is marked so (`lang="en"`). Countries are
grouped in the reader's alphabet, each country's standard regime first. As on every page, a regime is
named by its title (`regime_words.regime_titles`), never by its id, and a cell's basis in the rules file
goes to the data (JSON, the workbook's sources), not to the page's text.
"""

from collections.abc import Callable
from typing import Any

from sezatlas.regimes.matrix.cells import Cell
from sezatlas.regimes.matrix.dimensions import Dimension
from sezatlas.regimes.matrix.divergence import RULE_SENTENCES, VERDICT_TITLES, DimensionSummary
from sezatlas.regimes.matrix.table import HarmonizationMatrix, MatrixRow
from sezatlas.web.i18n import country_name, format_as_of, sort_key, translations
from sezatlas.web.pages.regime_words import regime_titles
from sezatlas.web.pages.zone_page import source_label

View = dict[str, Any]


def _codes(dimension: Dimension, gettext: Callable[[str], str]) -> list[View]:
    return [{"key": c.key, "label": gettext(c.label), "meaning": gettext(c.meaning)} for c in dimension.codes]


def _labels(dimension: Dimension, codes: frozenset[str], gettext: Callable[[str], str]) -> str:
    return ", ".join(gettext(dimension.code(key).label) for key in sorted(codes))


def _dimension(dimension: Dimension, summary: DimensionSummary, gettext: Callable[[str], str]) -> View:
    verdict = summary.verdict.value if summary.verdict is not None else "not_known"
    return {
        "key": dimension.key,
        "title": gettext(dimension.title),
        "framework": dimension.framework,
        "computed_from": dimension.computed_from,
        "takes_hand_cells": dimension.takes_hand_cells,
        "codes": _codes(dimension, gettext),
        "families": [_labels(dimension, family, gettext) for family in dimension.families],
        "conflicts": [_labels(dimension, pair, gettext) for pair in dimension.conflicts],
        "verdict": verdict,
        "verdict_title": gettext(VERDICT_TITLES[summary.verdict]),
        "known": summary.known,
        "unknown": summary.unknown,
        "counts": [(gettext(dimension.code(key).label), count) for key, count in summary.counts.items()],
    }


def _cell(cell: Cell, dimension: Dimension, lang: str, gettext: Callable[[str], str]) -> View:
    as_of = format_as_of(cell.as_of, lang) if cell.as_of else None
    return {
        "code": cell.code,
        "is_known": cell.is_known,
        "label": gettext(dimension.code(cell.code).label) if cell.is_known else gettext("unknown"),
        "text": cell.text,
        "sources": [{"url": url, "label": source_label(url)} for url in cell.source_urls],
        "as_of": as_of,
        "as_of_raw": cell.as_of,
        "basis": cell.basis,
        "is_computed": cell.is_computed,
    }


def _row(row: MatrixRow, title: str, dimensions: tuple[Dimension, ...], lang: str,
         gettext: Callable[[str], str]) -> View:  # fmt: skip
    regime = row.regime
    return {
        "regime_id": regime.regime_id,
        "title": title,
        "name": regime.name,
        "is_standard": regime.is_standard,
        "cells": [_cell(c, d, lang, gettext) for c, d in zip(row.cells, dimensions, strict=True)],
    }


def matrix_view(matrix: HarmonizationMatrix, lang: str) -> View:
    """Everything the page, the PDF and the workbook show, in `lang`."""
    gettext = translations(lang).gettext
    titles = regime_titles({row.regime.regime_id: row.regime for row in matrix.rows})
    groups: dict[str, list[View]] = {}
    for row in matrix.rows:
        view = _row(row, titles[row.regime.regime_id], matrix.dimensions, lang, gettext)
        groups.setdefault(row.regime.country_iso3, []).append(view)
    shown = [{"code": iso3, "name": country_name(iso3, lang), "rows": rows} for iso3, rows in groups.items()]
    return {
        "dimensions": [
            _dimension(d, s, gettext) for d, s in zip(matrix.dimensions, matrix.summaries, strict=True)
        ],
        "groups": sorted(shown, key=lambda group: sort_key(group["name"], lang)),
        "regime_count": len(matrix.rows),
        "cell_count": matrix.cell_count,
        "unknown_count": matrix.unknown_count,
        "rule": [
            (gettext(VERDICT_TITLES[verdict]), gettext(sentence)) for verdict, sentence in RULE_SENTENCES
        ],
    }
