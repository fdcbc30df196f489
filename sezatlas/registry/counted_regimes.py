"""What a zone count counts: which of the registry's zones it may be compared with, and which metric.

A count names a regime ("TOR (Far East)", "Integrated agro-industrial parks") and a metric ("notified
SEZs", "operational SEZs", "additional SEZ approved by cabinet"). Comparing it with every zone of the same
zone type is how Ethiopia showed 425 % (17 industrial parks against a count of 4 agro-industrial parks)
and South Africa 1,200 % (12 SEZs against "1 additional SEZ"). So both halves are data here:

- `COUNTED_REGIMES`: per country and regime (as the count files word it), the zones it covers, by zone
  type and, where one type holds several regimes, by words of the zone's national type label, or
  by region (Russia's Far Eastern TORs vs those in single-industry towns);
- `METRIC_RULES`: the metric's kind, from words of its wording, first match wins. A designated count is
  compared with the zones in force (neither proposed nor closed), an operational count with the zones
  known to operate, a cumulative count with every zone ever made; an increment ("created in the
  preceding three years"), a subset ("participating in the national ranking") or a figure that does not
  count zones ("projects", "land area") is never compared.

A regime missing from the table is compared on zone type alone and says so (`CountedRegime.is_rule`);
`SAME_REGIME` joins a regime the count files word two ways.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, lru_cache

from sezatlas.standard.codelists import fold_text
from sezatlas.standard.codes import ZoneStatus, ZoneType


class MetricKind(StrEnum):
    DESIGNATED = "designated"
    APPROVED = "approved"
    OPERATIONAL = "operational"
    CUMULATIVE = "cumulative"
    INCREMENT = "increment"
    SUBSET = "subset"
    NOT_ZONES = "not_zones"


COMPARABLE = (MetricKind.DESIGNATED, MetricKind.APPROVED, MetricKind.OPERATIONAL, MetricKind.CUMULATIVE)
NOT_IN_FORCE = {ZoneStatus.PROPOSED.value, ZoneStatus.CLOSED.value}


@dataclass(frozen=True, slots=True)
class MetricRule:
    words: tuple[str, ...]
    kind: MetricKind
    why: str


METRIC_RULES: tuple[MetricRule, ...] = (
    MetricRule(("land area", "(ha)", "projects"), MetricKind.NOT_ZONES, "counts land or projects, not zones"),
    MetricRule(
        ("ranking", "it/ites", "pre-operational", "of which"),
        MetricKind.SUBSET,
        "counts a part of the zones (rated, one sector, one stage, 'of which …')",
    ),
    MetricRule(("additional", "preceding"), MetricKind.INCREMENT, "counts the zones added in a period"),
    MetricRule(("cumulative",), MetricKind.CUMULATIVE, "counts every zone ever created, closed ones too"),
    MetricRule(("designated",), MetricKind.DESIGNATED, "counts the zones designated by law"),
    MetricRule(("approval", "approved"), MetricKind.APPROVED, "counts approvals, notified or not yet"),
    MetricRule(
        ("operational", "in operation", "exporting", "commenced exports", "active", "functioning"),
        MetricKind.OPERATIONAL,
        "counts the zones that operate (India: that have begun to export)",
    ),
)


@lru_cache(maxsize=1024)
def metric_kind(metric: str) -> MetricKind:
    """The kind of a count's metric; any other wording counts the zones that exist (designated)."""
    text = metric.casefold()
    rule = next((rule for rule in METRIC_RULES if any(word in text for word in rule.words)), None)
    return rule.kind if rule else MetricKind.DESIGNATED


# Regions of the Far Eastern Federal District, as words of their names (Presidential Decree No. 632 of
# 3 November 2018 added Buryatia and Zabaykalsky Krai); a TOR there is a Far Eastern TOR (473-FZ ch. 2).
FAR_EAST = (
    "amur", "buryat", "chukotka", "jewish", "kamchatka", "khabarovsk", "magadan", "primorsk",
    "sakha", "yakutia", "zabaykal", "zabaikal",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class CountedRegime:
    """The zones one country's count of one regime covers."""

    country_iso3: str
    regime: str
    zone_types: frozenset[str]
    why: str
    words: tuple[str, ...] = ()  # the zone's national type label holds one of these
    without_words: tuple[str, ...] = ()  # … and none of these
    regions: tuple[str, ...] = ()  # its admin1 holds one of these
    outside_regions: tuple[str, ...] = ()  # … or none of these
    is_rule: bool = True

    def covers(self, zone_type: str, label: str | None, admin1: str | None) -> bool:
        """Whether a zone (type, national type label, region) is one this count counts.

        Not by name: statistics count zones grouped by these facts, so 10,000 zones are a few hundred
        groups (`registry.statistics.count_territories`)."""
        if self.zone_types and zone_type not in self.zone_types:
            return False
        if not (self.words or self.without_words or self.regions or self.outside_regions):
            return True
        return _covers_words(self.country_iso3, self.regime, label or "", admin1 or "")


@lru_cache(maxsize=65536)
def _covers_words(country_iso3: str, regime: str, label: str, admin1: str) -> bool:
    """The word and region tests of a table entry, kept per zone: every statistics page asks them again."""
    rule = _BY_REGIME[(country_iso3, regime)]
    text = fold_text(label)
    region = fold_text(admin1)
    return (
        (not rule.words or _holds(text, rule.words))
        and not _holds(text, rule.without_words)
        and (not rule.regions or _holds(region, rule.regions))
        and not _holds(region, rule.outside_regions)
    )


@cache
def _folded_word(word: str) -> str:
    return fold_text(word)


def _holds(text: str, words: Iterable[str]) -> bool:
    return any(_folded_word(word) in text for word in words)


def _types(*kinds: ZoneType) -> frozenset[str]:
    return frozenset(kind.value for kind in kinds)


SEZ = _types(ZoneType.SEZ)
ANY = frozenset[str]()

COUNTED_REGIMES: tuple[CountedRegime, ...] = (
    CountedRegime(
        "ZAF", "SEZ programme", SEZ, "South Africa's SEZs (SEZ Act 16 of 2014, former IDZs included)"
    ),
    CountedRegime("RUS", "SEZ (116-FZ)", SEZ, "Russia's SEZs under Federal Law 116-FZ"),
    CountedRegime(
        "RUS",
        "TOR (monotowns)",
        _types(ZoneType.TERRITORY_OF_ADVANCED_DEVELOPMENT),
        "TORs outside the Far East and the Arctic (single-industry and closed towns)",
        without_words=("arctic", "арктик"),
        outside_regions=FAR_EAST,
    ),
    CountedRegime(
        "RUS",
        "TOR (Far East)",
        _types(ZoneType.TERRITORY_OF_ADVANCED_DEVELOPMENT),
        "TORs in the regions of the Far Eastern Federal District",
        regions=FAR_EAST,
    ),
    CountedRegime(
        "RUS",
        "TOR (Arctic)",
        _types(ZoneType.TERRITORY_OF_ADVANCED_DEVELOPMENT),
        "the Arctic TOR, by its type label",
        words=("arctic", "арктик"),
    ),
    CountedRegime(
        "IND",
        "SEZ Act 2005",
        _types(ZoneType.SEZ, ZoneType.FREE_ZONE),
        "India's SEZs, free trade and warehousing zones included (notified as SEZs under the Act)",
    ),
    CountedRegime("CHN", "Pilot Free Trade Zones", _types(ZoneType.FREE_TRADE_ZONE), "China's pilot FTZs"),
    CountedRegime("CHN", "National-level ETDZ", _types(ZoneType.ETDZ), "national-level ETDZs"),
    CountedRegime(
        "CHN",
        "National high-tech zones (国家高新区)",
        _types(ZoneType.HIGH_TECH_ZONE),
        "national high-tech industrial development zones",
    ),
    CountedRegime(
        "BRA",
        "ZPE (Law 11.508/2007)",
        _types(ZoneType.EXPORT_PROCESSING_ZONE),
        "Brazil's ZPEs (Manaus apart)",
    ),
    CountedRegime(
        "EGY", "Public free zones (GAFI)", _types(ZoneType.FREE_ZONE), "public free zones", words=("public",)
    ),
    CountedRegime(
        "EGY", "Private free zones", _types(ZoneType.FREE_ZONE), "private free zones", words=("private",)
    ),
    CountedRegime("EGY", "QIZ", ANY, "Qualifying Industrial Zones", words=("qualifying industrial",)),
    CountedRegime(
        "ETH",
        "Industrial parks (IPDC)",
        _types(ZoneType.INDUSTRIAL_PARK),
        "parks built by the Industrial Parks Development Corporation (not agro-industrial, not private)",
        without_words=("agro", "private"),
    ),
    CountedRegime(
        "ETH",
        "Integrated agro-industrial parks",
        _types(ZoneType.INDUSTRIAL_PARK),
        "integrated agro-industrial parks only",
        words=("agro",),
    ),
    CountedRegime("IRN", "FTZ", _types(ZoneType.FREE_TRADE_ZONE), "Iran's free trade-industrial zones"),
    CountedRegime("IRN", "SEZ", SEZ, "Iran's special economic zones"),
    CountedRegime("ARE", "Free zones", _types(ZoneType.FREE_ZONE), "the UAE's free zones"),
    CountedRegime("IDN", "KEK", SEZ, "Indonesia's KEK (special economic zones)"),
    CountedRegime("SAU", "SEZ (ECZA)", SEZ, "Saudi Arabia's SEZs (Economic Cities and Zones Authority)"),
    CountedRegime("KAZ", "SEZ", SEZ, "Kazakhstan's SEZs"),
    CountedRegime(
        "KAZ", "industrial zones", _types(ZoneType.INDUSTRIAL_PARK), "Kazakhstan's industrial zones"
    ),
    CountedRegime("UZB", "SEZ/FEZ", ANY, "Uzbekistan's free economic zones", words=("fez", "free economic")),
    CountedRegime("UZB", "FEZ", ANY, "Uzbekistan's free economic zones", words=("fez", "free economic")),
    CountedRegime(
        "BLR",
        "FEZ",
        ANY,
        "Belarus's six free economic zones (the Great Stone park is another regime)",
        words=("fez", "free economic"),
        without_words=("great stone", "industrial park"),
    ),
    CountedRegime("MYS", "Free zones (FIZ/FCZ)", ANY, "Malaysia's free zones", words=("free",)),
    CountedRegime("THA", "Special border economic zones", ANY, "Thailand's border SEZs", words=("border",)),
    CountedRegime(
        "VNM", "Coastal economic zones", ANY, "Vietnam's coastal economic zones", words=("coastal",)
    ),
    CountedRegime("NGA", "Free zones (NEPZA)", ANY, "Nigeria's free zones (NEPZA)", words=("free", "export")),
    CountedRegime(
        "CUB", "ZED", ANY, "Cuba's special development zones", words=("development", "zed", "mariel")
    ),
    CountedRegime("BOL", "Zonas francas", ANY, "Bolivia's free zones", words=("free", "franca")),
    CountedRegime("UGA", "Free zones (UFZA)", ANY, "Uganda's licensed free zones", words=("free zone",)),
    CountedRegime(
        "UGA", "Industrial parks (UIA)", ANY, "Uganda's industrial and business parks", words=("park",)
    ),
)

_BY_REGIME = {(entry.country_iso3, entry.regime): entry for entry in COUNTED_REGIMES}

# One regime worded two ways by the count files: its figures are compared, and listed, together.
SAME_REGIME = {("NGA", "Free zones"): "Free zones (NEPZA)"}


def regime_name(country_iso3: str, regime: str) -> str:
    """The regime's name in the table, when a count file words it another way."""
    return SAME_REGIME.get((country_iso3, regime), regime)


def counted_regime(country_iso3: str, regime: str, zone_type: str | None) -> CountedRegime:
    """The table's entry for a count; else the zones of the type its regime names (or none), said so."""
    found = _BY_REGIME.get((country_iso3, regime))
    if found is not None:
        return found
    types = frozenset({zone_type}) if zone_type else frozenset({"(none)"})
    return CountedRegime(country_iso3, regime, types, "compared on zone type only", is_rule=False)
