"""Which entry of the site navigation the reader is in, so the header can mark it.

The entry of a top-level page is that page itself (`aria-current="page"`); a page below one (a zone, a
country, a Congress participant) marks the entry it belongs to as the current section
(`aria-current="true"`, WAI-ARIA 1.2: "the current item within a set"), so a reader always sees where
they are.
"""

from dataclasses import dataclass

SECTIONS = (
    "/", "/stats", "/rank", "/incentives", "/passports", "/offers", "/responses", "/congress", "/members",
    "/compare",
)  # fmt: skip
# Pages below an entry that are not under its path: a zone is reached from the map, a country from the
# statistics.
_BELOW = {"/zones/": "/", "/countries/": "/stats"}


@dataclass(frozen=True, slots=True)
class CurrentEntry:
    """The navigation entry to mark (`section` is its path, "" for none) and how (`aria_current`)."""

    section: str
    aria_current: str  # "page" on the entry's own page, "true" below it


NO_ENTRY = CurrentEntry("", "")


def current_entry(path: str) -> CurrentEntry:
    """`/stats` → the Statistics entry as the page; `/countries/CHN` → it as the section; `/login` → none."""
    if path in SECTIONS:
        return CurrentEntry(path, "page")
    for prefix, section in _BELOW.items():
        if path.startswith(prefix):
            return CurrentEntry(section, "true")
    section = next((s for s in SECTIONS if s != "/" and path.startswith(s + "/")), "")
    return CurrentEntry(section, "true") if section else NO_ENTRY
