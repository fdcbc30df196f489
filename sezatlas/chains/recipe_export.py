"""An input recipe as JSON-ready data and as CSV: the one shape `sezatlas chains recipe --output` writes
and `GET /api/v1/chains/recipe` answers (its response model mirrors `Recipe` field by field).

Every CSV row repeats the proxy label, so a row copied into another sheet still says what it is.
"""

import csv
import io
from dataclasses import asdict
from typing import Any

from sezatlas.chains.recipe import Recipe, RecipeInput
from sezatlas.tabular.safe_cells import csv_row

CSV_COLUMNS = (
    "asked_code", "asked_title", "input_kind", "input_code", "input_title", "direct_per_usd",
    "total_per_usd", "ranked_by", "label",
)  # fmt: skip
ISIC_INPUT = "isic_class"
UNBRIDGED_INPUT = "bea_industry_without_isic_class"


def recipe_as_dict(recipe: Recipe) -> dict[str, Any]:
    """The recipe as plain JSON values, field names as in `Recipe`."""
    return asdict(recipe)


def _csv_record(recipe: Recipe, kind: str, item: RecipeInput) -> dict[str, Any]:
    return {
        "asked_code": recipe.code, "asked_title": recipe.title, "input_kind": kind, "input_code": item.code,
        "input_title": item.title, "direct_per_usd": item.direct_per_usd, "total_per_usd": item.total_per_usd,
        "ranked_by": recipe.ranked_by, "label": recipe.label,
    }  # fmt: skip


def recipe_csv(recipe: Recipe) -> str:
    """One row per input: the ISIC classes first, then the inputs that reach no ISIC class."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for kind, items in ((ISIC_INPUT, recipe.inputs), (UNBRIDGED_INPUT, recipe.unbridged_inputs)):
        for item in items:
            writer.writerow(csv_row(_csv_record(recipe, kind, item)))
    return out.getvalue()
