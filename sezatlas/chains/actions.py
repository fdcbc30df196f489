"""Use cases of cooperation chains that read the registry: where a product's inputs are made.

`suppliers_for` is what `sezatlas chains suppliers`, `GET /api/v1/chains/suppliers` and the `/chains` page
call: it reads the product's recipe (`recipe.input_recipe`), finds the target zone or country in the
registry, and hands both to the pure core (`suppliers.find_suppliers`) with the cached zone index and the
regime values of `input_values.py`.
"""

import re

from sqlalchemy.orm import Session

from sezatlas.chains.input_values import INPUT_VALUES
from sezatlas.chains.recipe import input_recipe
from sezatlas.chains.supplier_zones import ZONE_INDEX
from sezatlas.chains.suppliers import SuppliersAnswer, SupplierZone, ZoneIndex, find_suppliers
from sezatlas.registry.zone_query import BadQueryValue
from sezatlas.stewardship.changes import ZoneNotFoundError

MAX_INPUTS = 50
MAX_PER_INPUT = 50
_ISO3 = re.compile(r"[A-Z]{3}")


class SuppliersRequestError(BadQueryValue):
    """A question about suppliers that cannot be read: no target, two targets, a count out of range; it
    names the parameter (HTTP 400 with `errors[].parameter`, exit code 2)."""


class CountryWithoutZonesError(ZoneNotFoundError):
    """A well-formed country code with no zone in the registry."""


def _target(index: ZoneIndex, zone_id: str | None, country: str | None) -> tuple[SupplierZone | None, str]:
    if (zone_id is None) == (country is None):
        raise SuppliersRequestError("zone", "give either a zone id (RUS-001) or a country (RUS), not "
                                    f"{'both' if zone_id else 'neither'}")  # fmt: skip
    if zone_id is not None:
        position = index.position.get(zone_id.strip())
        if position is None:
            raise ZoneNotFoundError(f"zone: no zone {zone_id!r} in the registry")
        zone = index.zones[position]
        return zone, zone.country_iso3
    iso3 = (country or "").strip().upper()
    if not _ISO3.fullmatch(iso3):
        raise SuppliersRequestError("country", f"{country!r} is not an ISO 3166 alpha-3 code such as RUS")
    if iso3 not in index.countries:
        raise CountryWithoutZonesError(f"country: no zone of {iso3} in the registry")
    return None, iso3


def _check_counts(inputs: int, per_input: int) -> None:
    if not 1 <= inputs <= MAX_INPUTS:
        raise SuppliersRequestError("inputs", f"{inputs} is not between 1 and {MAX_INPUTS}")
    if not 1 <= per_input <= MAX_PER_INPUT:
        raise SuppliersRequestError("per_input", f"{per_input} is not between 1 and {MAX_PER_INPUT}")


def suppliers_for(
    session: Session,
    code: str,
    *,
    zone_id: str | None = None,
    country: str | None = None,
    inputs: int = 10,
    per_input: int = 5,
    total: bool = False,
) -> SuppliersAnswer:
    """The zones that make each of the product's `inputs` top inputs, per scope, nearest and most
    rewarding first (`suppliers.RANKING_RULE`), for a target zone or a country."""
    _check_counts(inputs, per_input)
    recipe = input_recipe(code, total=total, top=inputs)
    index = ZONE_INDEX.get(session)
    target, iso3 = _target(index, zone_id, country)
    return find_suppliers(
        recipe, index, target, iso3, INPUT_VALUES.values,
        lambda isic_class: INPUT_VALUES.project_for(isic_class).described, per_input,
    )  # fmt: skip


def countries_with_zones(session: Session) -> list[str]:
    """The ISO3 codes of the countries the registry has zones in: the targets a country can be."""
    return list(ZONE_INDEX.get(session).countries)
