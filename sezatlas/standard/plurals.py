"""Counts in English words: "1 zone", "2 zones", never "zone(s)" nor "1 zones".

The pages get their plural forms from the gettext catalogs (`ngettext`, in `web/i18n.py`); the command
line and the messages the domains and the import kit build are English, and take the form from CLDR's
English plural rule through Babel, the same rules the catalogs' `Plural-Forms` come from. It lives in
`standard/` because every layer may import that package (docs/architecture.md), the import kit included.
"""

from functools import cache

from babel import Locale


@cache
def _english() -> Locale:
    return Locale("en")


def counted(count: int, one: str, other: str | None = None) -> str:
    """`count` with its noun in the right form: `counted(1, "zone")` → "1 zone", `counted(1200, "zone")` →
    "1,200 zones", `counted(2, "entry", "entries")` → "2 entries"."""
    return f"{count:,} {noun(count, one, other)}"


def noun(count: int, one: str, other: str | None = None) -> str:
    """The noun alone, for a sentence that places the number elsewhere ("Among the 1 participant …")."""
    return one if _english().plural_form(count) == "one" else (other or f"{one}s")
