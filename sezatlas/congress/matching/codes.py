"""The codes participants offer and need: HS 2022 products and ISIC Rev.4 activities.

A code is written with its system, "HS:8708" or "ISIC:2930", because the two lists share digit strings
(HS 01 is live animals, ISIC 01 crop and animal production). A shorter code stands for its subtree,
so two codes *match* when one lies on the other's path to the root, and the match is as strong as the
shorter code is deep relative to the longer (HS 87 vs HS 8708: 1/2). HS and ISIC meet through the
WITS HS6 → ISIC Rev.4 concordance bundled in `sezatlas/data/codes` (see its SOURCES.md): an HS code
stands for the ISIC classes its six-digit lines map to, each with its share of those lines, and meets
ISIC codes at class or group level only (`bridge_path`).
"""

from __future__ import annotations

import csv
from collections import defaultdict
from functools import cache

from sezatlas.standard.codelists import data_path, hs_codes, isic_ancestors, isic_codes

HS = "HS"
ISIC = "ISIC"
SYSTEMS = (HS, ISIC)
# An HS code belongs to an ISIC division only if most of its lines map there: the concordance is
# many-to-many (every HS 8708 line maps to ISIC 1392, 2811 and 2930 alike), and "both work in textiles"
# would be a poor reason for two makers of car parts.
_DIVISION_MIN_SHARE = 0.5
_ISIC_DEPTH = {"section": 1, "division": 2, "group": 3, "class": 4}
_BRIDGE_MIN_DEPTH = 3
CROSS_SYSTEM = 0.8  # an HS–ISIC match through the concordance counts less than a same-list match


class UnknownCodeError(ValueError):
    """A code that is not written as HS:… / ISIC:…, or is not in the bundled HS 2022 / ISIC Rev.4 lists."""


def parse_code(text: str) -> str:
    """The canonical key ("HS:870829", "ISIC:C") of a code as a person writes it ("hs: 8708.29")."""
    system, colon, rest = text.strip().partition(":")
    system = system.strip().upper()
    if not colon or system not in SYSTEMS:
        raise UnknownCodeError(f"{text!r} must start with HS: or ISIC: (e.g. HS:8708, ISIC:2930)")
    code = rest.strip().replace(".", "").replace(" ", "")
    if system == HS:
        if code not in hs_codes() or len(code) not in (2, 4, 6):
            raise UnknownCodeError(
                f"{text!r}: {code or '(empty)'} is not an HS 2022 chapter, heading or subheading"
            )
    else:
        code = code.upper()
        if code not in isic_codes():
            raise UnknownCodeError(f"{text!r}: {code or '(empty)'} is not an ISIC Rev.4 code")
    return f"{system}:{code}"


def is_known_code(key: str) -> bool:
    try:
        return parse_code(key) == key
    except UnknownCodeError:
        return False


@cache
def label(key: str) -> str:
    """How a person reads the code: "HS 8708.29", "ISIC 2930"."""
    system, _, code = key.partition(":")
    if system == HS and len(code) == 6:
        code = f"{code[:4]}.{code[4:]}"
    return f"{system} {code}"


@cache
def title(key: str, limit: int = 90) -> str:
    """The nomenclature's description, cut at a word boundary so a reason stays one line."""
    system, _, code = key.partition(":")
    table = hs_codes() if system == HS else isic_codes()
    text = table[code].description if code in table else ""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;") + "…"


@cache
def path(key: str) -> tuple[tuple[str, int], ...]:
    """The code and its ancestors, most specific first, each with its depth (1 = chapter or section)."""
    system, _, code = key.partition(":")
    if system == HS:
        return tuple((f"{HS}:{code[:n]}", n // 2) for n in (6, 4, 2) if n <= len(code))
    table = isic_codes()
    return tuple((f"{ISIC}:{c}", _ISIC_DEPTH[table[c].level]) for c in isic_ancestors(code))


def match_strength(a: str, b: str) -> float:
    """Depth of the shorter code over depth of the longer when one covers the other, else 0."""
    short, long_ = (a, b) if len(path(a)) <= len(path(b)) else (b, a)
    ancestors = dict(path(long_))
    if short not in ancestors:
        return 0.0
    return ancestors[short] / path(long_)[0][1]


@cache
def _concordance() -> dict[str, dict[str, float]]:
    """HS6 → {ISIC class: share}; the WITS table splits an HS6 line equally among its classes."""
    table: dict[str, dict[str, float]] = defaultdict(dict)
    with data_path("codes", "hs6_isic4_concordance.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            table[row["hs6"]][row["isic4_class"]] = float(row["weight_equal_split"])
    return dict(table)


@cache
def isic_equivalents(key: str) -> tuple[tuple[str, float], ...]:
    """The ISIC classes an HS code stands for, with shares summing to 1 (empty if none is known).

    A heading or chapter is the average of its six-digit lines, so HS 87 is mostly motor vehicles and
    only partly their parts. ISIC codes have no equivalents: they are the other side of the bridge.
    """
    system, _, code = key.partition(":")
    if system != HS:
        return ()
    concordance = _concordance()
    lines = [hs6 for hs6 in concordance if hs6.startswith(code)] if len(code) < 6 else [code]
    lines = [hs6 for hs6 in lines if hs6 in concordance and hs6 in hs_codes()]
    if not lines:
        return ()
    shares: dict[str, float] = defaultdict(float)
    for hs6 in lines:
        for isic_class, share in concordance[hs6].items():
            if isic_class in isic_codes():
                shares[f"{ISIC}:{isic_class}"] += share / len(lines)
    total = sum(shares.values())
    return tuple(sorted(((k, v / total) for k, v in shares.items()), key=lambda kv: (-kv[1], kv[0])))


@cache
def bridge_path(isic_class: str) -> tuple[tuple[str, int], ...]:
    """Where an HS code, through one of its ISIC classes, may meet an ISIC code: the class and its group.

    The concordance is many-to-many (every HS 8708 line maps to ISIC 1392, 2811 and 2930 alike), so a
    link to a whole division ("textiles") would be mostly noise; a class or group is specific enough.
    """
    return tuple((code, depth) for code, depth in path(isic_class) if depth >= _BRIDGE_MIN_DEPTH)


@cache
def divisions(key: str) -> frozenset[str]:
    """The ISIC divisions (two digits) a code belongs to: its own, or its HS code's main ones.

    A section (ISIC:C) names no single division and adds none: "manufacturing" is not a shared sector.
    """
    system, _, _ = key.partition(":")
    if system == ISIC:
        return frozenset(k for k, depth in path(key) if depth == 2)
    return frozenset(k for k, share in _division_shares(key).items() if share >= _DIVISION_MIN_SHARE)


def _division_shares(key: str) -> dict[str, float]:
    shares: dict[str, float] = defaultdict(float)
    for isic_key, share in isic_equivalents(key):
        shares[f"{ISIC}:{isic_key.partition(':')[2][:2]}"] += share
    return dict(shares)
