"""ISIC Rev.4 as the regimes read it: a project's activity code and the sectors a rule file names.

A project's `isic_code` is a code of the bundled ISIC Rev.4 list (`sezatlas/data/codes/
isic_rev4_structure.csv`): normally the 4-digit class ("2930"), or a coarser code site selection
passes on ("29", "C"). It may be written after its section letter ("C2930", as some national tables
print it); the letter is checked against the division and dropped, so one form reaches the engine.

A rule file's `isic_allowed_prefixes` / `isic_excluded_prefixes` name either a section letter ("C",
Manufacturing: every division 10–33) or a numeric prefix that starts at least one ISIC code ("29",
"2930"). Sections and their divisions come from the bundled list, not from a table typed here.
"""

from typing import Annotated

from pydantic import AfterValidator

from sezatlas.regimes.errors import IncentiveInputError
from sezatlas.standard.codelists import isic_ancestors, isic_codes

EXAMPLE = "give the 4-digit class, e.g. '2930', optionally after its section letter ('C2930')"


def section_of(code: str) -> str:
    """The section letter of a code of the bundled list ("2930" → "C", "C" → "C")."""
    return isic_ancestors(code)[-1]


def _sections() -> list[str]:
    return sorted(code for code, entry in isic_codes().items() if entry.level == "section")


def project_isic_code(code: str) -> str:
    """The project's code in the engine's form: "C2930" → "2930"; "" (none given) stays "".

    Raises IncentiveInputError naming `isic_code` for a code not in ISIC Rev.4, or a section letter
    that is not the division's ("J2930": division 29 is in C)."""
    text = code.strip().upper()
    if not text:
        return ""
    has_letter = text[:1].isalpha() and text[1:].isdigit()
    letter, digits = (text[0], text[1:]) if has_letter else ("", text)
    if digits not in isic_codes():
        raise IncentiveInputError(f"isic_code: {code!r} is not an ISIC Rev.4 code; {EXAMPLE}")
    section = section_of(digits)
    if letter and letter != section:
        title = isic_codes()[section].description
        raise IncentiveInputError(
            f"isic_code: {code!r} puts division {digits[:2]} in section {letter}, but it is in section "
            f"{section} ({title}); write {digits!r} or '{section}{digits}'"
        )
    return digits


def is_in_sector(code: str, sector: str) -> bool:
    """Whether a project code (as `project_isic_code` gives it) lies in a rule's sector.

    A section letter holds every code below it; a numeric prefix holds the codes that start with it.
    A code coarser than the sector (the division "29" against the class "2930") is not in it: the
    project may or may not be, and only a finer code can say."""
    if not code:
        return False
    if sector.isalpha():
        return section_of(code) == sector
    return code.isdigit() and code.startswith(sector)


def check_sector(sector: str) -> str:
    """A rule file's sector: a section letter of the bundled list, or a numeric prefix of some code."""
    sections = _sections()
    if sector.isalpha():
        if sector not in sections:
            raise ValueError(
                f"{sector!r} is not an ISIC Rev.4 section letter ({sections[0]}–{sections[-1]}, upper case)"
            )
        return sector
    if not sector.isdigit() or not any(code.startswith(sector) for code in isic_codes() if code.isdigit()):
        raise ValueError(
            f"{sector!r} matches no ISIC Rev.4 code: name a section letter ({sections[0]}–{sections[-1]}) "
            "or the start of a numeric code (e.g. '29', '2930')"
        )
    return sector


Sector = Annotated[str, AfterValidator(check_sector)]
