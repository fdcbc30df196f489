"""How far each fact of a bundled row can be trusted, decided from the row's own evidence.

The rule is written out in docs/registry.md ("Confidence"); the levels are those of
`sezatlas.standard.codes.Confidence` (high: confirmed by two independent sources; medium: stated by a
cited source; low: a single weak source, or sources in conflict; unverified: entered without a source
check). The evidence is what the row says about itself: its cited sources, and the flags its compilers
wrote in `notes` (`[single-source]`, `[doubtful …]`, `[verified-2 for …]`, `[derived]`), whose meaning
is given in sezatlas/data/SOURCES.md §6.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

from sezatlas.standard.codes import Confidence

_ORDER = (Confidence.UNVERIFIED, Confidence.LOW, Confidence.MEDIUM, Confidence.HIGH)

# Pages published by a government, or that reproduce a legal act or a gazette notification.
_OFFICIAL_SUFFIXES = (".gov", ".go.id", ".go.ug", ".nic.in")
_OFFICIAL_PATTERN = re.compile(r"(^|\.)(gov|gob|gouv)\.[a-z]{2,3}$")
OFFICIAL_HOSTS: Mapping[str, str] = {
    "adilet.zan.kz": "Kazakhstan's legal information system (texts of decrees and resolutions)",
    "zan.kz": "Kazakhstan's legal information system",
    "zakon.uchet.kz": "texts of Kazakh legal acts",
    "consultant.ru": "texts of Russian and EAEU legal acts",
    "normativ.kontur.ru": "texts of Russian legal acts",
    "cis-legislation.com": "texts of legal acts of CIS countries",
    "global-regulation.com": "texts of legal acts",
    "taxmanagementindia.com": "texts of Government of India gazette notifications",
    "taxtmi.com": "texts of Government of India gazette notifications",
    "taxguru.in": "texts of Government of India gazette notifications",
    "updates.manupatra.com": "texts of Government of India gazette notifications",
    "gazettetracker.com": "Government of India gazette notifications",
    "eximguru.com": "texts of Government of India notifications",
    "datais.info": "answers given in the Lok Sabha (parliament of India)",
    "rak.ae": "Government of Ras Al Khaimah portal",
    "miit.uz": "Ministry of Investment, Industry and Trade of Uzbekistan",
    "uzpharmagency.uz": "Uzbekistan's agency for the pharmaceutical industry (government)",
    "misiones.cubaminrex.cu": "Ministry of Foreign Affairs of Cuba",
    "ethiopianembassy.be": "Embassy of Ethiopia (government)",
}

_FLAG = re.compile(r"\[([^\]]*)\]")
_SCOPE_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"\btype\b", ("zone_type",)),
    (r"\byears?\b|\bdate\b", ("year_established",)),
    (r"\barea\b|\bm2\b|\bha\b", ("area_ha",)),
    (r"\bexistence\b|\bnam(e|ing)\b|\bspelling\b", ("name_en",)),
    (r"\bstatus\b|\boperation\b|\bcreated\b|\bregister\b", ("status",)),
    (r"\bregions?\b|\bprovince\b", ("admin1",)),
    (r"\bpoint\b", ("latitude", "longitude")),
    (r"\battribution\b", ("sectors_text", "isic_codes")),
)


def lower(a: Confidence, b: Confidence) -> Confidence:
    """The less trusted of two levels."""
    return min(a, b, key=_ORDER.index)


def is_official(url: str) -> bool:
    """A government page, or a page that reproduces a legal act or gazette (the table above)."""
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    if host.endswith(_OFFICIAL_SUFFIXES) or _OFFICIAL_PATTERN.search(host):
        return True
    return any(host == known or host.endswith("." + known) for known in OFFICIAL_HOSTS)


def independent_sources(urls: Iterable[str], citation: str | None) -> int:
    """Pages on different sites count apart; two pages of one site, or of one mirror, count once."""
    hosts = {(urlsplit(u).hostname or u).removeprefix("www.") for u in urls}
    return len(hosts) + (1 if citation else 0)


def _scope(text: str) -> set[str]:
    return {column for pattern, columns in _SCOPE_WORDS if re.search(pattern, text) for column in columns}


def _verified_scope(text: str) -> set[str]:
    """As `_scope`, and a bare year ("[verified-2 for 2015]") is the year; in a doubt a year is context."""
    return _scope(text) | ({"year_established"} if re.search(r"\b(19|20)\d\d\b", text) else set())


@dataclass(frozen=True, slots=True)
class NoteFlags:
    """What a row's notes say about its own evidence."""

    is_single_source: bool = False
    is_official: bool = False
    doubts_whole_row: bool = False  # a doubt that names no fact, e.g. "[single-source, doubtful]"
    doubted: frozenset[str] = frozenset()  # facts a scoped doubt names ("[doubtful year]")
    is_verified: bool = False  # "[verified-2]" with no scope: the row's key facts
    verified: frozenset[str] = frozenset()
    derived: frozenset[str] = frozenset()

    @property
    def has_doubt(self) -> bool:
        return self.doubts_whole_row or bool(self.doubted)


def read_flags(notes: str) -> NoteFlags:
    """The bracketed flags of SOURCES.md §6 (`[single-source, doubtful status]`, `[verified-2 for area]`…)."""
    single = official = whole_doubt = whole_verified = False
    doubted: set[str] = set()
    verified: set[str] = set()
    derived: set[str] = set()
    for flag in (f.strip().lower() for f in _FLAG.findall(notes)):
        single |= "single-source" in flag
        official |= bool(re.search(r"\bofficial\b", flag))
        if "doubtful" in flag:
            scope = _scope(flag.split("doubtful", 1)[1])
            whole_doubt |= not scope
            doubted |= scope
        if flag.startswith("verified-2"):
            scope = _verified_scope(flag.removeprefix("verified-2"))
            whole_verified |= not scope
            verified |= scope
        if flag == "derived":
            derived |= {"area_ha"} if "area_ha" in notes else set()
    return NoteFlags(single, official, whole_doubt, frozenset(doubted), whole_verified, frozenset(verified),
                     frozenset(derived))  # fmt: skip


@dataclass(frozen=True, slots=True)
class Assessment:
    """The record's confidence, and each fact whose confidence differs from it, with the reason."""

    record: Confidence
    facts: dict[str, tuple[Confidence, str]] = field(default_factory=dict)


def record_confidence(n_sources: int, has_official: bool, flags: NoteFlags) -> Confidence:
    """The confidence of the row as a whole (docs/registry.md, "Confidence", rules 1–5)."""
    if n_sources == 0:
        return Confidence.UNVERIFIED
    if flags.has_doubt:
        return Confidence.LOW
    if flags.is_verified:
        return Confidence.HIGH
    if n_sources >= 2 or has_official or flags.is_official:
        return Confidence.MEDIUM
    return Confidence.LOW


def derived_confidence(record: Confidence) -> Confidence:
    """A computed fact is no surer than its inputs, and a computation can misread them: medium at most."""
    return lower(record, Confidence.MEDIUM)


def assess(
    urls: list[str],
    citation: str | None,
    notes: str,
    unsourced: Mapping[str, str] | None = None,
    *,
    doubted: Mapping[str, str] | None = None,
    listed_once: bool = False,
) -> Assessment:
    """Confidence of a row and of its facts.

    `unsourced` names facts that no cited source states (general knowledge, a country's general legal
    basis), each with the reason; they are unverified whatever the row's sources. `doubted` names facts
    a review doubts outside the notes, with the reason: like a doubt in the notes. `listed_once`: the
    row comes from a list whose other cited pages confirm only a count, so it has one source.
    """
    flags = read_flags(notes)
    if doubted:
        flags = replace(flags, doubted=flags.doubted | set(doubted))
    single = flags.is_single_source or listed_once
    n = 1 if single and (urls or citation) else independent_sources(urls, citation)
    record = record_confidence(n, any(is_official(u) for u in urls), flags)
    facts: dict[str, tuple[Confidence, str]] = {}
    for column in sorted(flags.verified - flags.doubted):
        if record is not Confidence.UNVERIFIED and not flags.doubts_whole_row:
            facts[column] = (Confidence.HIGH, "confirmed by two independent sources (the row's notes)")
    for column in sorted(flags.derived):
        facts[column] = (derived_confidence(record), "computed from figures in the cited sources (notes)")
    for column in sorted(flags.doubted):
        facts[column] = (Confidence.LOW, (doubted or {}).get(column, "the row's notes record a doubt on it"))
    for column, reason in (unsourced or {}).items():
        facts[column] = (Confidence.UNVERIFIED, reason)
    return Assessment(record, facts)
