"""A localization answer as JSON-ready data and as CSV: what `sezatlas chains localization --output` writes.

The JSON is the API's shape (`web/localization_api.py` mirrors `LocalizationAnswer` field by field). The CSV
has one row per input, before and after the additions side by side, and repeats the label on every row.
"""

import csv
import io
from dataclasses import asdict
from typing import Any

from sezatlas.chains.localization_actions import LocalizationAnswer
from sezatlas.tabular.safe_cells import csv_row

CSV_COLUMNS = (
    "product",
    "zone_id",
    "country_iso3",
    "input_code",
    "input_title",
    "per_usd",
    "share",
    "where_before",
    "where_after",
    "zones_in_country_after",
    "zones_in_partners_after",
    "possible_zones_in_country",
    "possible_zones_in_partners",
    "rca",
    "label",
)


def localization_as_dict(answer: LocalizationAnswer) -> dict[str, Any]:
    """Plain JSON values, field names as in `LocalizationAnswer` (enums as their text)."""
    return asdict(answer, dict_factory=lambda items: {k: getattr(v, "value", v) for k, v in items})


def localization_csv(answer: LocalizationAnswer) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    scenario = answer.scenario
    rcas = {item.code: item.rca for item in answer.rca}
    for before, after in zip(scenario.before, scenario.after, strict=True):
        writer.writerow(
            csv_row(
                {
                    "product": answer.product,
                    "zone_id": scenario.zone_id,
                    "country_iso3": scenario.country_iso3,
                    "input_code": after.code,
                    "input_title": after.title,
                    "per_usd": after.per_usd,
                    "share": after.share,
                    "where_before": before.where.value,
                    "where_after": after.where.value,
                    "zones_in_country_after": after.zones_in_country,
                    "zones_in_partners_after": after.zones_in_partners,
                    "possible_zones_in_country": after.possible_zones_in_country,
                    "possible_zones_in_partners": after.possible_zones_in_partners,
                    "rca": rcas.get(after.code),
                    "label": answer.label,
                }
            )
        )
    return out.getvalue()
