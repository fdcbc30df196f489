"""How much each participant should want to meet each other one: the score's parts as sparse matrices.

Directed interest of A in B (`docs/congress.md`, "The score"; the parts are in [0, 1]):

    p(A→B) = role(A, B) · (0.05 + 0.35·need(A←B) + 0.25·text(A→B) + 0.15·sector(A, B) + 0.20·zone(A→B))

* need(A←B) = 1 − exp(−Σ wₙ·wₒ·m(n, o)) over A's needs n and B's offers o, where m is the match
  strength of two codes (`codes.match_strength`; an HS code meets an ISIC class or group through the
  concordance, at 0.8 of its share) and w is 1 for a declared code, 0.4–0.6 for one read from text.
  One exact declared match gives 0.63, two give 0.86: more evidence helps, with diminishing returns.
* text(A→B) = TF-IDF cosine of A's need description and B's offer description; a description is its
  words plus the codes it declares or mentions (with their ancestors), so two languages meet through
  the codes. The HS–ISIC concordance is left out here: it is many-to-many (every HS 8708 line also
  maps to textiles, ISIC 1392), and `need` already uses it with its shares.
* sector(A, B) = ISIC divisions both work in (offers, needs, operated zones) over the smaller count.
* zone(A→B) = 1 if B operates a zone A listed; otherwise the strongest of: B's zones specialise in
  what A does, A's zones specialise in what B does, and ½ × B offers what a zone A listed specialises in.

Everything is a product of sparse (participant × code) matrices, computed a block of rows at a time,
so 10,000 participants never need a dense 10,000² matrix at once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import sparse

from sezatlas.congress.matching.matrices import (
    CodeSide,
    Columns,
    Descriptions,
    all_code_nodes,
    code_side,
    csr_rows,
    describe,
)
from sezatlas.congress.matching.profiles import DECLARED, Profile
from sezatlas.congress.matching.text import Mention
from sezatlas.congress.model import Role

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

BASE = 0.05
WEIGHT_NEED = 0.35
WEIGHT_TEXT = 0.25
WEIGHT_SECTOR = 0.15
WEIGHT_ZONE = 0.20
LISTED_ZONE_OFFER = 0.5

_HIGH, _MEDIUM, _MODERATE, _LOW = 1.0, 0.6, 0.5, 0.3
_ADVISERS = (Role.AGENCY, Role.ASSOCIATION, Role.DEVELOPMENT_INSTITUTION)


def role_fit(a: Role, b: Role) -> float:
    """Who comes to the Congress to meet whom (the role-fit table of `docs/congress.md#the-score`).

    Investors and manufacturers come for sites, operators for residents: those pairs are high.
    Manufacturers meet each other as suppliers and buyers; agencies, associations and development
    institutions are useful to everyone; any other two of a kind mostly compete.
    """
    pair = {a, b}
    if pair in ({Role.INVESTOR, Role.ZONE_OPERATOR}, {Role.MANUFACTURER, Role.ZONE_OPERATOR}):
        return _HIGH
    if pair in ({Role.INVESTOR, Role.MANUFACTURER}, {Role.MANUFACTURER}):
        return _MEDIUM
    if a != b and (a in _ADVISERS or b in _ADVISERS):
        return _MODERATE
    return _LOW


def squash(x: FloatArray) -> FloatArray:
    """Summed match evidence → 0..1 with diminishing returns (one exact match: 0.63)."""
    return -np.expm1(-x)


def _dense(m: sparse.spmatrix) -> FloatArray:
    return np.asarray(m.toarray(), dtype=np.float64)


@dataclass(frozen=True)
class Affinity:
    """Every matrix the directed interests need, built once per `recommend` call."""

    profiles: tuple[Profile, ...]
    needs: CodeSide
    offers: CodeSide
    activity: CodeSide
    specialisations: CodeSide
    interests: CodeSide
    divisions: sparse.csr_matrix
    division_t: sparse.csr_matrix
    division_count: FloatArray
    listed: sparse.csr_matrix
    listed_t: sparse.csr_matrix
    operated: sparse.csr_matrix
    operated_t: sparse.csr_matrix
    descriptions: Descriptions
    need_docs_t: sparse.csr_matrix
    offer_docs_t: sparse.csr_matrix
    roles: IntArray
    role_table: FloatArray

    @classmethod
    def build(cls, profiles: Sequence[Profile]) -> Affinity:
        nodes = all_code_nodes(profiles)
        width = len(nodes.index)

        def side(sets: Sequence[Mapping[str, float]]) -> CodeSide:
            return code_side(sets, nodes, width)

        def weights(codes: Mapping[str, Mention]) -> dict[str, float]:
            return {code: m.weight for code, m in codes.items()}

        division_cols, zone_cols = Columns(), Columns()
        division_rows = [{division_cols(d): 1.0 for d in sorted(p.divisions)} for p in profiles]
        listed_rows = [{zone_cols(z): 1.0 for z in p.participant.zones_of_interest} for p in profiles]
        operated_rows = [{zone_cols(z): 1.0 for z in p.participant.operated_zones} for p in profiles]
        divisions_m = csr_rows(division_rows, len(division_cols.index))
        listed, operated = (
            csr_rows(listed_rows, len(zone_cols.index)),
            csr_rows(operated_rows, len(zone_cols.index)),
        )
        texts = describe(profiles)
        roles = list(Role)
        return cls(
            profiles=tuple(profiles),
            needs=side([weights(p.needs) for p in profiles]),
            offers=side([weights(p.offers) for p in profiles]),
            activity=side([weights(p.activity) for p in profiles]),
            specialisations=side([dict.fromkeys(p.specialisations, DECLARED) for p in profiles]),
            interests=side([dict.fromkeys(p.interests, DECLARED) for p in profiles]),
            divisions=divisions_m,
            division_t=divisions_m.T.tocsr(),
            division_count=np.asarray(divisions_m.sum(axis=1), dtype=np.float64).ravel(),
            listed=listed,
            listed_t=listed.T.tocsr(),
            operated=operated,
            operated_t=operated.T.tocsr(),
            descriptions=texts,
            need_docs_t=texts.needs.T.tocsr(),
            offer_docs_t=texts.offers.T.tocsr(),
            roles=np.array([roles.index(p.participant.role) for p in profiles], dtype=np.int64),
            role_table=np.array([[role_fit(a, b) for b in roles] for a in roles], dtype=np.float64),
        )

    def interest(self, rows: IntArray) -> Interest:
        """The parts of p(A→B) and p(B→A) for every A in `rows` (one array row each) and every B."""

        def match(x: CodeSide, y: CodeSide) -> FloatArray:
            return squash(_dense(x.left[rows] @ y.right_t))

        both_zones = np.maximum(
            match(self.activity, self.specialisations), match(self.specialisations, self.activity)
        )
        shared = _dense(self.divisions[rows] @ self.division_t)
        smaller = np.minimum(self.division_count[rows][:, None], self.division_count[None, :])
        docs = self.descriptions
        return Interest(
            role=self.role_table[self.roles[rows]][:, self.roles],
            sector=np.divide(shared, smaller, out=np.zeros_like(shared), where=smaller > 0),
            need_you=match(self.needs, self.offers),
            need_them=match(self.offers, self.needs),
            zone_you=np.maximum.reduce([
                _dense(self.listed[rows] @ self.operated_t) > 0,
                both_zones,
                LISTED_ZONE_OFFER * match(self.interests, self.offers),
            ]),
            zone_them=np.maximum.reduce([
                _dense(self.operated[rows] @ self.listed_t) > 0,
                both_zones,
                LISTED_ZONE_OFFER * match(self.offers, self.interests),
            ]),
            text_you=_dense(docs.needs[rows] @ self.offer_docs_t),
            text_them=_dense(docs.offers[rows] @ self.need_docs_t),
        )  # fmt: skip


@dataclass(frozen=True)
class Interest:
    """Each part of the score for a block of rows A (one array row each) and every B."""

    role: FloatArray
    sector: FloatArray
    need_you: FloatArray  # A's needs met by B's offers
    need_them: FloatArray  # B's needs met by A's offers
    zone_you: FloatArray
    zone_them: FloatArray
    text_you: FloatArray  # A's need description vs B's offer description
    text_them: FloatArray

    def directed(self) -> tuple[FloatArray, FloatArray]:
        """p(A→B) and p(B→A), by the formula at the top of this module."""
        common = BASE + WEIGHT_SECTOR * self.sector
        you = common + WEIGHT_NEED * self.need_you + WEIGHT_ZONE * self.zone_you + WEIGHT_TEXT * self.text_you
        them = (
            common
            + WEIGHT_NEED * self.need_them
            + WEIGHT_ZONE * self.zone_them
            + WEIGHT_TEXT * self.text_them
        )
        return self.role * you, self.role * them

    def at(self, row: int, column: int) -> dict[str, float]:
        """The parts of one pair, by name, for the reasons."""
        return {name: float(getattr(self, name)[row, column]) for name in _PARTS}


_PARTS = ("role", "sector", "need_you", "need_them", "zone_you", "zone_them", "text_you", "text_them")
