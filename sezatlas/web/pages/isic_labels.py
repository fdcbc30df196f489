"""ISIC Rev.4 codes as the pages show them: "2720 — title" in the reader's language, never cut short.

The titles come from `standard.codelists.isic_title`; where the reader's language has no title of its own
for a code, the label says so with a short mark after the title ("(EN)", or the broader code whose title
stands in) and a sentence for a `title` attribute, both translated.
"""

from dataclasses import dataclass
from typing import Protocol

from sezatlas.standard.codelists import TitleSource, isic_codes, isic_title
from sezatlas.web.pages.labels import N_


class Reader(Protocol):
    """Who reads the page: a page's `PageContext`, or the facts' `Reader`."""

    @property
    def lang(self) -> str: ...

    def gettext(self, message: str) -> str: ...


ENGLISH_MARK = N_("(EN)")
ENGLISH_NOTE = N_("The sources give no title for this code in this language: the English title is shown.")
PARENT_MARK = N_("(title of %(code)s)")
PARENT_NOTE = N_(
    "The sources give no title for this code in this language: the title of the broader code %(code)s "
    "is shown."
)


@dataclass(frozen=True, slots=True)
class IsicLabel:
    code: str
    title: str
    mark: str  # empty when the title is the code's own in the reader's language
    note: str  # the mark in a sentence (for a `title` attribute); empty like the mark

    @property
    def text(self) -> str:
        if not self.title:  # not a code (a prefix such as '2'): shown as typed
            return self.code
        return f"{self.code} — {self.title}" + (f" {self.mark}" if self.mark else "")


def isic_label(code: str, reader: Reader) -> IsicLabel:
    """A code's label for this reader; a code that is not ISIC Rev.4 is shown as it is."""
    if code not in isic_codes():
        return IsicLabel(code, "", "", "")
    title, how, source = isic_title(code, reader.lang)
    _ = reader.gettext
    if how == TitleSource.ENGLISH:
        return IsicLabel(code, title, _(ENGLISH_MARK), _(ENGLISH_NOTE))
    if how == TitleSource.PARENT:
        return IsicLabel(code, title, _(PARENT_MARK) % {"code": source}, _(PARENT_NOTE) % {"code": source})
    return IsicLabel(code, title, "", "")


def isic_levels(reader: Reader, levels: frozenset[str]) -> list[IsicLabel]:
    """Every code of the given levels (section, division…), in the standard's order."""
    return [isic_label(code.code, reader) for code in isic_codes().values() if code.level in levels]
