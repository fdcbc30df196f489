"""Why a participant is recommended: structured reasons (a kind and its parameters) plus English text.

The web layer translates a reason by its kind: each kind has one English template (`reason_kinds.py`),
filled from the parameters (code labels, nomenclature titles, zone ids, role names). Reasons are worked
out from the very code sets the score uses, by exact set logic, and only for the pairs that are shown;
the partner's own words and the languages both speak are added from the profiles (`stated.py`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from scipy import sparse

from sezatlas.congress.matching.affinity import Affinity, role_fit
from sezatlas.congress.matching.codes import (
    CROSS_SYSTEM,
    HS,
    ISIC,
    bridge_path,
    isic_equivalents,
    label,
    path,
    title,
)
from sezatlas.congress.matching.profiles import Profile
from sezatlas.congress.matching.reason_kinds import ROLE_TITLES, TEMPLATES, Reason, ReasonKind
from sezatlas.congress.matching.stated import shared_languages, stated_wishes
from sezatlas.congress.matching.text import Mention
from sezatlas.congress.model import Role

__all__ = ["MAX_REASONS", "TEMPLATES", "Explainer", "Reason", "ReasonKind"]

MAX_REASONS = 6
_CODE_PAIRS_PER_SIDE = 2
_EQUIVALENTS_SHOWN = 5  # an HS chapter stands for dozens of ISIC classes; its main ones suffice here
_SHOWN_ROLE_FIT = 0.6
_SHOWN_TEXT = 0.05
_TERMS_SHOWN = 3


def _code_params(code: str, name: str = "code", title_name: str = "title") -> dict[str, str]:
    return {name: label(code), f"{name}_key": code, title_name: title(code)}


@dataclass(frozen=True)
class _CodeIndex:
    """One participant's code set, indexed so that "which of my codes best meets x" is a few lookups.

    `reach[node]` is the best (strength, code) among the codes at or below `node`, i.e. what an x equal
    to `node` would meet; `mapped_reach` the same for HS codes through their ISIC classes. Codes above
    x are found by walking x's own (at most three) ancestors.
    """

    codes: Mapping[str, Mention]
    reach: Mapping[str, tuple[float, str]]
    mapped_reach: Mapping[str, tuple[float, str]]


def _index(codes: Mapping[str, Mention]) -> _CodeIndex:
    reach: dict[str, tuple[float, str]] = {}
    mapped: dict[str, tuple[float, str]] = {}
    for code, mention in sorted(codes.items()):
        chain = path(code)
        for ancestor, d in chain:
            _keep_best(reach, ancestor, mention.weight * d / chain[0][1], code)
        for isic, share in isic_equivalents(code)[:_EQUIVALENTS_SHOWN]:
            isic_chain = bridge_path(isic)
            for ancestor, d in isic_chain:
                _keep_best(
                    mapped, ancestor, CROSS_SYSTEM * share * mention.weight * d / isic_chain[0][1], code
                )
    return _CodeIndex(codes, reach, mapped)


def _keep_best(table: dict[str, tuple[float, str]], node: str, strength: float, code: str) -> None:
    if strength > table.get(node, (0.0, ""))[0]:
        table[node] = (strength, code)


def code_pairs(xs: Mapping[str, Mention], ys: _CodeIndex) -> list[tuple[float, str, str]]:
    """(strength, x, y) for the best y meeting each x, strongest first (ties in reading order)."""
    found = []
    for x, mention in xs.items():
        best: tuple[float, tuple[bool, str]] | None = None
        for strength, y in _meetings(x, ys):
            key = (strength, _reading_order(y))
            if best is None or strength > best[0] or (strength == best[0] and key[1] < best[1]):
                best = key
        if best is not None:
            found.append((best[0] * mention.weight, x, best[1][1]))
    return sorted(found, key=lambda t: (-t[0], _reading_order(t[1]), _reading_order(t[2])))


@cache
def _reading_order(code: str) -> tuple[bool, str]:
    """Among equally strong codes, ISIC (an activity, as people say it) before HS (a product)."""
    return (not code.startswith(ISIC), code)


def _meetings(x: str, ys: _CodeIndex) -> Iterable[tuple[float, str]]:
    chain = path(x)
    if x in ys.reach:
        yield ys.reach[x]
    for ancestor, d in chain[1:]:
        if ancestor in ys.codes:
            yield d / chain[0][1] * ys.codes[ancestor].weight, ancestor
    if not x.startswith(HS):
        if x in ys.mapped_reach:
            yield ys.mapped_reach[x]
        return
    for isic, share in isic_equivalents(x)[:_EQUIVALENTS_SHOWN]:
        isic_chain = bridge_path(isic)
        for ancestor, d in isic_chain:
            if ancestor in ys.codes:
                yield CROSS_SYSTEM * share * d / isic_chain[0][1] * ys.codes[ancestor].weight, ancestor


class Explainer:
    """Reasons for pairs of one `recommend` call; each participant's code indexes are built once."""

    def __init__(self, affinity: Affinity) -> None:
        self.affinity = affinity
        self._indexes: dict[tuple[int, str], _CodeIndex] = {}
        self._rows: dict[tuple[int, bool], dict[int, float]] = {}

    def _of(self, i: int, which: str) -> _CodeIndex:
        key = (i, which)
        if key not in self._indexes:
            self._indexes[key] = _index(_code_set(self.affinity.profiles[i], which))
        return self._indexes[key]

    def _description(self, i: int, is_need: bool) -> dict[int, float]:
        key = (i, is_need)
        if key not in self._rows:
            docs = self.affinity.descriptions
            self._rows[key] = _row(docs.needs if is_need else docs.offers, i)
        return self._rows[key]

    def explain(self, a: int, b: int, parts: Mapping[str, float]) -> tuple[Reason, ...]:
        """Reasons for recommending b to a; `parts` (from `Interest.at`) says which parts are not zero."""
        you, them = self.affinity.profiles[a], self.affinity.profiles[b]
        said: set[str] = set()
        reasons: list[Reason] = []
        if parts["need_you"] > 0:
            reasons += self._needs(
                you.needs, self._of(b, "offers"), said, ReasonKind.NEED_MET, ReasonKind.NEED_MET_BY_RELATED
            )
        if parts["need_them"] > 0:
            reasons += self._needs(
                them.needs,
                self._of(a, "offers"),
                said,
                ReasonKind.OFFER_NEEDED,
                ReasonKind.OFFER_NEEDED_AS_RELATED,
            )
        if parts["zone_you"] > 0 or parts["zone_them"] > 0:
            reasons += self._zones(a, b, said)
        reasons += self._descriptions(a, b, said, parts)
        if parts["sector"] > 0:
            reasons += _sector(you, them, said)
        reasons += stated_wishes(them.participant, (reason.kind for reason in reasons))
        reasons += shared_languages(you.participant, them.participant)
        reasons += _role(you.participant.role, them.participant.role)
        return tuple(reasons[:MAX_REASONS])

    def _needs(
        self,
        needs: Mapping[str, Mention],
        offers: _CodeIndex,
        said: set[str],
        same: ReasonKind,
        related: ReasonKind,
    ) -> list[Reason]:
        out: list[Reason] = []
        for _, need, offer in code_pairs(needs, offers):
            if len(out) == _CODE_PAIRS_PER_SIDE:
                break
            if _told(need, said):  # "HS 8708" after "ISIC 2930" (the same words, read twice) says nothing new
                continue
            said.update(_family(need) | _family(offer))
            if need == offer:
                out.append(Reason(same, _code_params(need)))
            else:
                out.append(
                    Reason(related, {**_code_params(need), **_code_params(offer, "other", "other_title")})
                )
        return out

    def _zones(self, a: int, b: int, said: set[str]) -> list[Reason]:
        you, them = self.affinity.profiles[a], self.affinity.profiles[b]
        out = []
        listed = sorted(set(you.participant.zones_of_interest) & set(them.participant.operated_zones))
        if listed:
            out.append(Reason(ReasonKind.OPERATES_LISTED_ZONE, {"zone": listed[0]}))
        fits = code_pairs(you.activity, self._of(b, "specialisations"))
        if fits:
            code = fits[0][2]
            out.append(
                Reason(ReasonKind.ZONE_FITS_YOU, {"zone": them.specialisations[code], **_code_params(code)})
            )
        theirs = code_pairs(_as_mentions(you.specialisations), self._of(b, "activity"))
        if theirs:
            code = theirs[0][1]
            out.append(
                Reason(
                    ReasonKind.YOUR_ZONE_FITS_THEM, {"zone": you.specialisations[code], **_code_params(code)}
                )
            )
        offered = code_pairs(_as_mentions(you.interests), self._of(b, "offers"))
        if offered and not listed:
            _, zone_code, code = offered[0]
            out.append(
                Reason(
                    ReasonKind.OFFER_FITS_LISTED_ZONE,
                    {"zone": you.interests[zone_code], **_code_params(code)},
                )
            )
        for reason in out:
            if "code_key" in reason.params:
                said.update(c for c, _ in path(reason.params["code_key"]))
        return out

    def _descriptions(self, a: int, b: int, said: set[str], parts: Mapping[str, float]) -> list[Reason]:
        terms = self.affinity.descriptions.terms
        profiles = self.affinity.profiles
        out = []
        for kind, is_need, words in (
            (ReasonKind.SIMILAR_NEED_DESCRIPTION, True, profiles[a].need_terms),
            (ReasonKind.SIMILAR_OFFER_DESCRIPTION, False, profiles[a].offer_terms),
        ):
            if parts["text_you" if is_need else "text_them"] < _SHOWN_TEXT:
                continue
            left, right = self._description(a, is_need), self._description(b, not is_need)
            surface = dict(words)  # codes in the descriptions are told by the need and offer reasons
            shown = [(v, surface[terms[t]]) for v, t in _shared_terms(left, right) if terms[t] in surface]
            if sum(v for v, _ in shown) >= _SHOWN_TEXT:
                names = dict.fromkeys(word for _, word in shown[:_TERMS_SHOWN])
                out.append(Reason(kind, {"terms": ", ".join(names)}))
        return out


@cache
def _family(code: str) -> frozenset[str]:
    """The code, its ancestors and, for an HS code, its main ISIC classes with theirs."""
    found = {c for c, _ in path(code)}
    for isic, _ in isic_equivalents(code)[:_EQUIVALENTS_SHOWN]:
        found.update(c for c, _ in path(isic))
    return frozenset(found)


def _told(code: str, said: set[str]) -> bool:
    return code in said or any(isic in said for isic, _ in isic_equivalents(code))


def _code_set(p: Profile, which: str) -> Mapping[str, Mention]:
    if which == "offers":
        return p.offers
    if which == "activity":
        return p.activity
    return _as_mentions(p.specialisations)


def _as_mentions(zone_codes: Mapping[str, str]) -> dict[str, Mention]:
    return {code: Mention(code, 1.0, zone) for code, zone in zone_codes.items()}


def _row(m: sparse.csr_matrix, i: int) -> dict[int, float]:
    """Row i of a CSR matrix as {column: value}, read straight from its arrays (no submatrix built)."""
    start, end = m.indptr[i], m.indptr[i + 1]
    return dict(zip(m.indices[start:end].tolist(), m.data[start:end].tolist(), strict=True))


def _shared_terms(left: Mapping[int, float], right: Mapping[int, float]) -> list[tuple[float, int]]:
    """(contribution to the cosine, term column) of the terms two TF-IDF rows share, largest first."""
    return sorted(
        ((left[t] * right[t], t) for t in left.keys() & right.keys()), key=lambda vt: (-vt[0], vt[1])
    )


def _sector(you: Profile, them: Profile, said: set[str]) -> list[Reason]:
    fresh = sorted((you.divisions & them.divisions) - said)
    return [Reason(ReasonKind.SHARED_SECTOR, _code_params(fresh[0]))] if fresh else []


@cache
def _role(you: Role, them: Role) -> tuple[Reason, ...]:
    if role_fit(you, them) < _SHOWN_ROLE_FIT:
        return ()
    params = {
        "you": ROLE_TITLES[you].capitalize(),
        "them": ROLE_TITLES[them],
        "your_role": you.value,
        "their_role": them.value,
    }
    return (Reason(ReasonKind.ROLE_FIT, params),)
