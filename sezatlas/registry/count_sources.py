"""Whether a zone count comes from an official source: its URL's host, judged against a table.

A count is "official" only when the page that states it belongs to the country's own government, its
legislature or gazette, or the authority that runs the zones; every other page (news, consultancies,
lifestyle sites, encyclopaedia mirrors, foreign governments) makes it "reported". The rule is data: the
government second-level domains of each country's top-level domain, plus a short table of named hosts,
each with why it is official. It is applied when the counts are read, so the stored rows need no column.
"""

from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from urllib.parse import urlsplit

from sezatlas.standard.codelists import country


class SourceType(StrEnum):
    OFFICIAL = "official"
    REPORTED = "reported"


@dataclass(frozen=True, slots=True)
class OfficialHost:
    """A host (and, for a mirror, a path) whose pages are a government or legal source for a country."""

    host: str
    country_iso3: str
    why: str
    path_prefix: str = "/"


# Government second-level domains under a country's code (gov.in, go.id, gob.cu …): reserved by the
# national registries for state bodies, so any page under them is the state speaking.
GOVERNMENT_SECOND_LEVEL = ("gov", "go", "gob", "gouv", "gv")

OFFICIAL_HOSTS: tuple[OfficialHost, ...] = (
    OfficialHost("kremlin.ru", "RUS", "the President of Russia"),
    OfficialHost("government.ru", "RUS", "the Government of the Russian Federation"),
    OfficialHost("economy.gov.ru", "RUS", "the Ministry of Economic Development (MinEconomy)"),
    OfficialHost("minpromtorg.gov.ru", "RUS", "the Ministry of Industry and Trade (Minpromtorg)"),
    OfficialHost("publication.pravo.gov.ru", "RUS", "the official legal information portal"),
    OfficialHost("sezindia.nic.in", "IND", "SEZ India, Department of Commerce"),
    OfficialHost("sansad.in", "IND", "the Parliament of India (Lok Sabha and Rajya Sabha records)"),
    OfficialHost("egazette.gov.in", "IND", "the Gazette of India"),
    OfficialHost("nic.in", "IND", "the National Informatics Centre hosts the Indian government sites"),
    OfficialHost(
        "datais.info",
        "IND",
        "a verbatim copy of Lok Sabha questions and the ministers' written answers (parliamentary record)",
        path_prefix="/loksabha/",
    ),
    OfficialHost("adilet.zan.kz", "KAZ", "Adilet, the legal database of the Ministry of Justice"),
    OfficialHost("miit.uz", "UZB", "the Ministry of Investment, Industry and Trade of Uzbekistan"),
    OfficialHost("grodnoinvest.by", "BLR", "the administration of FEZ Grodnoinvest, a state body"),
)


def _host_matches(host: str, wanted: str) -> bool:
    return host == wanted or host.endswith("." + wanted)


def _government_domain(host: str, country_iso3: str) -> str | None:
    """The country's government second-level domain the host is under (e.g. `gov.et`), if any."""
    entry = country(country_iso3)
    if entry is None:
        return None
    top = entry.iso2.lower()
    return next(
        (f"{level}.{top}" for level in GOVERNMENT_SECOND_LEVEL if _host_matches(host, f"{level}.{top}")),
        None,
    )


def official_because(url: str, country_iso3: str) -> str | None:
    """Why a page is an official source of the country's figures; None when it is not one."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    for entry in OFFICIAL_HOSTS:
        is_entry = entry.country_iso3 == country_iso3 and _host_matches(host, entry.host)
        if is_entry and parts.path.startswith(entry.path_prefix):
            return f"{entry.host}: {entry.why}"
    domain = _government_domain(host, country_iso3)
    return f"{domain}: a government domain of the country" if domain else None


@lru_cache(maxsize=4096)
def source_type(source_url: str | None, country_iso3: str) -> tuple[SourceType, str | None]:
    """Official when any of the cited pages (separated by ` | `) is official, with the reason."""
    for url in (source_url or "").split(" | "):
        reason = official_because(url, country_iso3) if url.strip() else None
        if reason is not None:
            return SourceType.OFFICIAL, reason
    return SourceType.REPORTED, None
