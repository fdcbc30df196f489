"""A zone as the zone page shows it: the standard's groups, each fact with its value, source and date.

Facts are read from the flat form of the zone (`standard.flat`), whose column names are also the keys of
per-fact provenance, so a fact's own source (when it has one) is found by the same name and the record's
source serves otherwise. An unknown fact has no value and is shown as "unknown", never as zero.
"""

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any

from sezatlas.regimes.loader import load_regimes
from sezatlas.standard.flat import zone_to_flat
from sezatlas.standard.provenance import Provenance
from sezatlas.standard.zone import Zone
from sezatlas.web.i18n import country_name, format_as_of, format_number
from sezatlas.web.pages.isic_labels import isic_label
from sezatlas.web.pages.labels import CODE_TITLES, N_, SOURCE_LANGUAGE
from sezatlas.web.pages.regime_words import regime_titles


class FactKind(StrEnum):
    TEXT = "text"
    CODE = "code"  # a code list value, shown by its translated title
    NUMBER = "number"
    INTEGER = "integer"
    YES_NO = "yes_no"
    LINK = "link"
    COUNTRY = "country"
    ISIC = "isic"
    COORDINATE = "coordinate"
    REGIME = "regime"  # a regime_id, shown by the regime's name (ids are internal: issue 15)
    PLACE = "place"  # a place name as the registry records it, in English: marked as such (`Fact.lang`)


@dataclass(frozen=True, slots=True)
class FactSpec:
    column: str  # flat column name, also the key of field_provenance
    label: str  # msgid, units in the label
    kind: FactKind = FactKind.TEXT


@dataclass(frozen=True, slots=True)
class Fact:
    column: str
    label: str  # translated
    value: str | None  # formatted for the reader; None means unknown
    href: str | None  # when the value itself is a link (the zone's website)
    items: list[str]  # for list facts (ISIC codes): one formatted line each
    source_urls: list[str]
    source_citation: str | None
    as_of: str | None  # formatted
    lang: str | None = None  # the value's language when it is the registry's text, not the page's words

    @property
    def is_known(self) -> bool:
        return self.value is not None or bool(self.items)


@dataclass(frozen=True, slots=True)
class FactGroup:
    key: str
    title: str
    facts: list[Fact]


K = FactKind
GROUPS: list[tuple[str, str, list[FactSpec]]] = [
    ("identity", N_("Identity"), [
        FactSpec("zone_id", N_("Registry identifier")),
        FactSpec("country_iso3", N_("Country"), K.COUNTRY),
        FactSpec("name_en", N_("Name (English)")),
        FactSpec("name_local", N_("Name (local script)")),
        FactSpec("zone_type", N_("Zone type"), K.CODE),
        FactSpec("zone_type_label", N_("National type, as the source words it")),
        FactSpec("status", N_("Status"), K.CODE),
        FactSpec("status_detail", N_("Status, as the source words it")),
        FactSpec("operator", N_("Operator")),
        FactSpec("website", N_("Website"), K.LINK),
        FactSpec("year_established", N_("Year established"), K.INTEGER),
        FactSpec("parent_zone_id", N_("Part of")),
        FactSpec("possibly_same_as", N_("Possibly the same zone as")),
    ]),
    ("location", N_("Location"), [
        FactSpec("admin1", N_("Region"), K.PLACE),
        FactSpec("locality", N_("Locality"), K.PLACE),
        FactSpec("latitude", N_("Latitude"), K.COORDINATE),
        FactSpec("longitude", N_("Longitude"), K.COORDINATE),
        FactSpec("coordinate_precision", N_("Point precision"), K.CODE),
        FactSpec("coordinate_method", N_("How the point was obtained")),
        FactSpec("geonames_id", N_("GeoNames identifier")),
        FactSpec("geonames_place", N_("Nearest GeoNames place"), K.PLACE),
    ]),
    ("land", N_("Land"), [
        FactSpec("area_ha", N_("Area (ha)"), K.NUMBER),
        FactSpec("free_area_ha", N_("Free land (ha)"), K.NUMBER),
    ]),
    ("utilities", N_("Utilities"), [
        FactSpec("power_mw_total", N_("Power, total (MW)"), K.NUMBER),
        FactSpec("power_mw_free", N_("Power, free (MW)"), K.NUMBER),
        FactSpec("gas_m3_per_hour_total", N_("Gas, total (m³/h)"), K.NUMBER),
        FactSpec("gas_m3_per_hour_free", N_("Gas, free (m³/h)"), K.NUMBER),
        FactSpec("water_m3_per_day_total", N_("Water, total (m³/day)"), K.NUMBER),
        FactSpec("water_m3_per_day_free", N_("Water, free (m³/day)"), K.NUMBER),
    ]),
    ("logistics", N_("Logistics"), [
        FactSpec("distance_to_seaport_km", N_("Distance to seaport (km)"), K.NUMBER),
        FactSpec("distance_to_airport_km", N_("Distance to airport (km)"), K.NUMBER),
        FactSpec("distance_to_rail_station_km", N_("Distance to rail station (km)"), K.NUMBER),
        FactSpec("distance_to_highway_km", N_("Distance to highway (km)"), K.NUMBER),
        FactSpec("has_rail_siding", N_("Rail siding"), K.YES_NO),
    ]),
    ("specialisation", N_("Specialisation"), [
        FactSpec("isic_codes", N_("Activities (ISIC Rev.4)"), K.ISIC),
        FactSpec("sectors_text", N_("Sectors, as the source words them")),
    ]),
    ("regime", N_("Regime"), [
        FactSpec("regime_id", N_("Tax regime"), K.REGIME),  # as the compare page labels the regime's name
        FactSpec("legal_regime", N_("Law or programme")),
    ]),
    ("performance", N_("Performance"), [
        FactSpec("residents_count", N_("Residents"), K.INTEGER),
        FactSpec("jobs_count", N_("Jobs"), K.INTEGER),
        FactSpec("investment_usd_m", N_("Investment (USD million)"), K.NUMBER),
        FactSpec("occupancy_pct", N_("Occupancy (%)"), K.NUMBER),
    ]),
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class Reader:
    """The reader's language: a gettext function and the language code for Babel formatting."""

    gettext: Callable[[str], str]
    lang: str


def _isic_line(code: str, reader: Reader) -> str:
    return isic_label(code, reader).text


def _format(spec: FactSpec, value: Any, reader: Reader) -> str:
    _ = reader.gettext
    if spec.kind == K.CODE:
        return _(CODE_TITLES[spec.column].get(value, value))
    if spec.kind == K.COUNTRY:
        return country_name(value, reader.lang)
    if spec.kind == K.NUMBER:
        return format_number(value, reader.lang, max_fraction_digits=2)
    if spec.kind == K.INTEGER:
        return format_number(value, reader.lang, max_fraction_digits=0) if spec.column != "year_established" \
            else str(value)  # fmt: skip
    if spec.kind == K.COORDINATE:
        return format_number(value, reader.lang, max_fraction_digits=5)
    if spec.kind == K.YES_NO:
        return _("Yes") if value else _("No")
    if spec.kind == K.REGIME:
        return regime_titles(load_regimes()).get(value, str(value))
    return str(value)


def _fact(spec: FactSpec, value: Any, provenance: Provenance, reader: Reader) -> Fact:
    is_list = isinstance(value, list)
    known = bool(value) if is_list else value is not None
    return Fact(
        column=spec.column,
        label=reader.gettext(spec.label),
        value=_format(spec, value, reader) if known and not is_list else None,
        href=str(value) if known and spec.kind == K.LINK else None,
        items=[_isic_line(code, reader) for code in value] if is_list else [],
        source_urls=list(provenance.source_urls) if known else [],
        source_citation=provenance.source_citation if known else None,
        as_of=format_as_of(provenance.as_of, reader.lang) if known and provenance.as_of else None,
        lang=SOURCE_LANGUAGE if known and spec.kind == K.PLACE else None,
    )


def zone_fact_groups(zone: Zone, reader: Reader) -> list[FactGroup]:
    """Every fact of the standard, grouped as the standard groups it; unknown facts included."""
    flat = zone_to_flat(zone, lists_as_text=False)
    groups = []
    for key, title, specs in GROUPS:
        facts = [
            _fact(spec, flat[spec.column], zone.field_provenance.get(spec.column, zone.provenance), reader)
            for spec in specs
        ]
        groups.append(FactGroup(key=key, title=reader.gettext(title), facts=facts))
    return groups


@cache
def fact_specs() -> dict[str, FactSpec]:
    """Each fact's spec by its flat column, in the standard's order."""
    return {spec.column: spec for _key, _title, specs in GROUPS for spec in specs}


def fact_value_text(column: str, value: Any, reader: Reader) -> str | None:
    """One stored value as the zone page shows it (None for unknown); lists joined, one line per item.
    Used by the pages that show values outside a fact row: the review queue's and the history's diffs."""
    spec = fact_specs().get(column)
    if value is None or value in ([], ""):
        return None
    if spec is None:
        return str(value)
    if spec.kind == K.ISIC or isinstance(value, list):
        items = value if isinstance(value, list) else [item for item in str(value).split(";") if item.strip()]
        lines = [_isic_line(item.strip(), reader) if spec.kind == K.ISIC else str(item) for item in items]
        return "; ".join(lines)
    return _format(spec, value, reader)


def shown_columns() -> set[str]:
    """The flat columns the zone page shows as facts (the rest is provenance and bookkeeping)."""
    return {spec.column for _key, _title, specs in GROUPS for spec in specs}
