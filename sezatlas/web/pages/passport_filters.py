"""The passport catalogue's filters: read from the query string into the catalogue's own `PassportQuery`
(its field names are the parameters), with each problem naming its parameter, and written back as a URL.

`country` and `stage` may be repeated (`country=RUS&country=CHN`, or `country=RUS,CHN`); an empty value
filters nothing. The exports (`f=csv|json`) take up to 500 passports a page unless `limit` says otherwise.
"""

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from pydantic import ValidationError
from starlette.datastructures import QueryParams

from sezatlas.passports.catalogue import CatalogueQueryError, Order, PassportQuery
from sezatlas.standard.membership import BricsRelation, brics_membership
from sezatlas.standard.passport import OfferedBy, Stage
from sezatlas.web.i18n import country_name, sort_key
from sezatlas.web.pages.incentives_form import field_message
from sezatlas.web.pages.labels import N_
from sezatlas.web.pages.passport_words import OFFERED_BY_TITLES, STAGE_TITLES

LISTS = ("country", "stage")
CAPEX_WITHOUT_CURRENCY_EN = "a capex filter is in one currency"  # `catalogue.find_passports`
CAPEX_WITHOUT_CURRENCY = N_("A capex filter is in one currency: choose the currency too (e.g. USD).")
EXPORT_LIMIT = 500
ORDER_TITLES = {
    Order.NEWEST: N_("Newest first"),
    Order.CAPEX: N_("Largest capex first"),
    Order.JOBS: N_("Most jobs first"),
}
FILTER_LABELS = {
    "country": N_("Country"),
    "zone_id": N_("Zone"),
    "isic": N_("Sector (ISIC Rev.4)"),
    "stage": N_("Stage"),
    "offered_by": N_("Offered by"),
    "currency": N_("Currency"),
    "capex_min_m": N_("Capex at least (million)"),
    "capex_max_m": N_("Capex at most (million)"),
    "jobs_min": N_("Jobs at least"),
    "q": N_("Words in the title"),
    "order": N_("Order"),
    "limit": N_("Per page"),
    "offset": N_("From"),
}


def filter_texts(params: QueryParams) -> dict[str, Any]:
    """What the filter form shows: each filter as sent (lists as lists, codes in capitals)."""
    texts: dict[str, Any] = {}
    for name in PassportQuery.model_fields:
        if name in LISTS:
            values = [part.strip() for value in params.getlist(name) for part in value.split(",")]
            texts[name] = [value.upper() if name == "country" else value for value in values if value]
        else:
            value = params.get(name, "").strip()
            texts[name] = value.upper() if name in {"currency", "zone_id"} else value
    return texts


def parse_filters(texts: dict[str, Any], gettext: Callable[[str], str], *,
                  is_export: bool = False) -> PassportQuery:  # fmt: skip
    """The catalogue's query; a `CatalogueQueryError` naming the first bad parameter otherwise."""
    sent = {name: value for name, value in texts.items() if value not in ("", [])}
    if is_export:
        sent.setdefault("limit", EXPORT_LIMIT)
    try:
        return PassportQuery.model_validate(sent)
    except ValidationError as error:
        problem = error.errors()[0]
        name = str(problem["loc"][0]) if problem["loc"] else "query"
        raise CatalogueQueryError(f"{name}: {field_message(problem, gettext)}") from None


def filter_problem(error: CatalogueQueryError, gettext: Callable[[str], str]) -> str:
    """The refusal as the catalogue page shows it: the filter's label, then why (the catalogue's own rule
    in the reader's words)."""
    name, _, reason = str(error).partition(": ")
    if reason.startswith(CAPEX_WITHOUT_CURRENCY_EN):
        reason = gettext(CAPEX_WITHOUT_CURRENCY)
    label = gettext(FILTER_LABELS[name]) if name in FILTER_LABELS else name
    return f"{label}: {reason or name}"


def filter_query(texts: dict[str, Any], **changes: Any) -> str:
    """The filters as a query string (empty ones left out, lists repeated), with `changes` applied."""
    pairs: list[tuple[str, str]] = []
    for name, value in {**texts, **changes}.items():
        if isinstance(value, list):
            pairs += [(name, item) for item in value]
        elif value not in ("", None):
            pairs.append((name, str(value)))
    return urlencode(pairs)


def filter_options(lang: str, gettext: Callable[[str], str]) -> dict[str, Any]:
    """The choices of the form: member and partner countries (in the reader's alphabet), stages, offerers,
    orders."""
    kept = {BricsRelation.MEMBER, BricsRelation.PARTNER}
    countries = [(code, country_name(code, lang)) for code, entry in brics_membership().items()
                 if entry.relation in kept]  # fmt: skip
    return {
        "countries": sorted(countries, key=lambda pair: sort_key(pair[1], lang)),
        "stages": [(stage.value, gettext(STAGE_TITLES[stage])) for stage in Stage],
        "offerers": [(kind.value, gettext(OFFERED_BY_TITLES[kind])) for kind in OfferedBy],
        "orders": [(order.value, gettext(title)) for order, title in ORDER_TITLES.items()],
        "labels": {name: gettext(label) for name, label in FILTER_LABELS.items()},
    }
