"""Reasons from what participants state beyond their codes: their own words, and their languages.

A recommendation whose codes, zones and descriptions say nothing about what the partner offers (or
looks for) would otherwise read as a bare pair of roles ("Investor ↔ zone operator"); the partner's own
words then say what they bring, so the reader can judge the match. A language both sides negotiate in
is said too: such a meeting needs no interpreter. Neither changes the score (`affinity.py`).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import pycountry

from sezatlas.congress.matching.reason_kinds import Reason, ReasonKind
from sezatlas.congress.model import Participant

WORDS_SHOWN = 90  # characters of a participant's own words, cut at a word boundary

# The reasons that already say what the partner offers, or what they look for.
_TELL_THEIR_OFFER = frozenset({
    ReasonKind.NEED_MET, ReasonKind.NEED_MET_BY_RELATED, ReasonKind.ZONE_FITS_YOU,
    ReasonKind.OFFER_FITS_LISTED_ZONE, ReasonKind.SIMILAR_NEED_DESCRIPTION,
})  # fmt: skip
_TELL_THEIR_NEED = frozenset({
    ReasonKind.OFFER_NEEDED, ReasonKind.OFFER_NEEDED_AS_RELATED, ReasonKind.YOUR_ZONE_FITS_THEM,
    ReasonKind.SIMILAR_OFFER_DESCRIPTION,
})  # fmt: skip


def excerpt(text: str, limit: int = WORDS_SHOWN) -> str:
    """`text` on one line, cut at a word boundary (anywhere in Chinese, which has none) with "…"."""
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    cut = line[:limit]
    words = cut.rsplit(" ", 1)[0] if " " in cut else cut
    return words.rstrip(",;:.") + "…"


def stated_wishes(them: Participant, told: Iterable[ReasonKind]) -> list[Reason]:
    """The partner's own words on what they offer and look for, unless other reasons said it already."""
    kinds = set(told)
    reasons = []
    if them.offer_text.strip() and not kinds & _TELL_THEIR_OFFER:
        reasons.append(Reason(ReasonKind.THEIR_OFFER, {"words": excerpt(them.offer_text)}))
    if them.need_text.strip() and not kinds & _TELL_THEIR_NEED:
        reasons.append(Reason(ReasonKind.THEIR_NEED, {"words": excerpt(them.need_text)}))
    return reasons


def shared_languages(you: Participant, them: Participant) -> list[Reason]:
    """The languages both negotiate in, in your order of them; none, no reason."""
    common = [code for code in you.languages if code in them.languages]
    if not common:
        return []
    names = ", ".join(english_language_name(code) for code in common)
    return [Reason(ReasonKind.SHARED_LANGUAGES, {"languages": names, "language_codes": ";".join(common)})]


@cache
def english_language_name(code: str) -> str:
    """ "ru" → "Russian" (ISO 639 via pycountry); an unknown code as it is."""
    found = pycountry.languages.get(alpha_2=code)
    return str(found.name) if found is not None else code
