"""Which offers match a question put in ISIC codes: the rule, in plain data (no store).

**The rule.** An offer is about one or more ISIC Rev.4 codes (`offer_codes`): its own ISIC code, and for
an HS code the ISIC classes of the bridge the chains and the Congress matching use
(`congress/matching/codes.isic_equivalents`, the WITS HS6 → ISIC concordance), keeping the classes that
hold at least `HS_MIN_SHARE` of the code's lines — HS 8708 (car parts) splits equally over 1392, 2811
and 2930, so all three are kept; a class holding a sliver of a chapter is not. A question code *matches*
an offer when it is one of the offer's codes or an ancestor of one: a question for division 27 or group
272 finds an offer at class 2720; a question for class 2720 does not find an offer at division 27
("we make electrical equipment" does not say batteries). Sections never match: "manufacturing" covers
too much to be a reason to meet, the same judgement as `congress/matching/codes.divisions`.

So an offer's codes with all their ancestors (`indexed_codes`, stored in `offer_sectors`) answer any
question by equality, and `matches` states the same rule without a database for tests and callers.
"""

from collections.abc import Iterable

from sezatlas.congress.matching.codes import HS, isic_equivalents
from sezatlas.standard.codelists import isic_ancestors, isic_codes

HS_MIN_SHARE = 0.25
SECTION = "section"


def offer_codes(isic_code: str | None, hs_code: str | None) -> frozenset[str]:
    """The ISIC codes an offer is about: its own, and its HS code's main classes through the bridge."""
    codes = {isic_code} if isic_code else set()
    if hs_code:
        equivalents = isic_equivalents(f"{HS}:{hs_code}")
        codes |= {key.partition(":")[2] for key, share in equivalents if share >= HS_MIN_SHARE}
    return frozenset(codes)


def indexed_codes(codes: Iterable[str]) -> frozenset[str]:
    """The codes with every ancestor that is not a section: the rows a question finds by equality."""
    table = isic_codes()
    return frozenset(
        ancestor for code in codes for ancestor in isic_ancestors(code) if table[ancestor].level != SECTION
    )


def question_codes(codes: Iterable[str]) -> frozenset[str]:
    """The codes of a question that can match: known ISIC codes, sections left out."""
    table = isic_codes()
    return frozenset(code for code in codes if code in table and table[code].level != SECTION)


def matches(question: Iterable[str], codes: Iterable[str]) -> bool:
    """Whether an offer about `codes` answers a question about any of `question` (see the module's rule)."""
    return not question_codes(question).isdisjoint(indexed_codes(codes))
