"""Participants as sparse rows: code sets ready to be matched, and TF-IDF descriptions.

Every score part is a product of two such matrices (participants × codes, participants × terms), so a
whole block of participants is scored against everyone in one sparse product.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from sezatlas.congress.matching.codes import CROSS_SYSTEM, bridge_path, isic_equivalents, path
from sezatlas.congress.matching.profiles import Profile
from sezatlas.congress.matching.text import Mention

CODE_TOKEN_WEIGHT = 2.0  # a code in a description counts like a word said twice


class Columns:
    """Column numbers handed out on first sight, for codes, terms or zone ids."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}

    def __call__(self, key: str) -> int:
        return self.index.setdefault(key, len(self.index))

    @property
    def names(self) -> list[str]:
        return list(self.index)


def csr_rows(rows: Sequence[Mapping[int, float]], width: int) -> sparse.csr_matrix:
    """A CSR matrix with one row per {column: value} mapping, built straight from its arrays."""
    indptr = np.cumsum([0, *(len(r) for r in rows)])
    indices = np.fromiter((c for r in rows for c in r), dtype=np.int64, count=int(indptr[-1]))
    data = np.fromiter((v for r in rows for v in r.values()), dtype=np.float64, count=int(indptr[-1]))
    return sparse.csr_matrix((data, indices, indptr), shape=(len(rows), width))


@dataclass(frozen=True)
class CodeSide:
    """One code set per participant (needs, offers, …) ready for `match`: left and right factors.

    With E = the codes, U = each code's ancestors-or-self weighted by depth ratio, Us = strict
    ancestors, and m the same through the concordance, the match of X against Y is
    X.E·Y.Uᵀ + X.Us·Y.Eᵀ (one code covers the other, counted once) plus the cross-list terms:
    one product of the blocks [E Us mE mUs E Us] and [U E cU cE cmU cmE].
    """

    left: sparse.csr_matrix
    right_t: sparse.csr_matrix


def code_side(sets: Sequence[Mapping[str, float]], nodes: Columns, width: int) -> CodeSide:
    blocks: dict[str, list[dict[int, float]]] = {k: [] for k in ("E", "U", "Us", "mE", "mU", "mUs")}
    for codes in sets:
        row: dict[str, dict[int, float]] = {k: {} for k in blocks}
        for code, weight in codes.items():
            _add_code(row, "", code, weight, nodes)
            for isic, share in isic_equivalents(code):
                _add_code(row, "m", isic, weight * share, nodes)
        for k, column in blocks.items():
            column.append(row[k])
    m = {k: csr_rows(v, width) for k, v in blocks.items()}
    c = CROSS_SYSTEM
    left = sparse.hstack([m["E"], m["Us"], m["mE"], m["mUs"], m["E"], m["Us"]], format="csr")
    right = sparse.hstack([m["U"], m["E"], c * m["U"], c * m["E"], c * m["mU"], c * m["mE"]], format="csr")
    return CodeSide(left, right.T.tocsr())


def _add_code(
    row: dict[str, dict[int, float]], prefix: str, code: str, weight: float, nodes: Columns
) -> None:
    chain = bridge_path(code) if prefix else path(code)  # through the concordance: class and group only
    depth = chain[0][1]
    e, u, us = row[prefix + "E"], row[prefix + "U"], row[prefix + "Us"]
    e[nodes(code)] = e.get(nodes(code), 0.0) + weight
    for ancestor, d in chain:
        column = nodes(ancestor)
        u[column] = u.get(column, 0.0) + weight * d / depth
        if ancestor != code:
            us[column] = us.get(column, 0.0) + weight * d / depth


def all_code_nodes(profiles: Sequence[Profile]) -> Columns:
    nodes = Columns()
    for p in profiles:
        for code in [*p.needs, *p.offers, *p.specialisations, *p.interests]:
            for ancestor, _ in path(code):
                nodes(ancestor)
            for isic, _share in isic_equivalents(code):
                for ancestor, _ in path(isic):
                    nodes(ancestor)
    return nodes


@dataclass(frozen=True)
class Descriptions:
    """TF-IDF rows (L2-normalised) of every need and offer description, and the term of each column."""

    needs: sparse.csr_matrix
    offers: sparse.csr_matrix
    terms: tuple[str, ...]


def describe(profiles: Sequence[Profile]) -> Descriptions:
    terms = Columns()
    need_rows = [_term_counts(p.need_terms, p.needs, terms) for p in profiles]
    offer_rows = [_term_counts(p.offer_terms, p.offers, terms) for p in profiles]
    width = len(terms.index)
    needs, offers = csr_rows(need_rows, width), csr_rows(offer_rows, width)
    df = np.asarray((needs > 0).sum(axis=0)).ravel() + np.asarray((offers > 0).sum(axis=0)).ravel()
    idf = np.log((1.0 + 2 * len(profiles)) / (1.0 + df)) + 1.0
    return Descriptions(
        _l2_rows(needs @ sparse.diags(idf)), _l2_rows(offers @ sparse.diags(idf)), tuple(terms.names)
    )


def _term_counts(
    words: Sequence[tuple[str, str]], codes: Mapping[str, Mention], terms: Columns
) -> dict[int, float]:
    row = {terms(term): 1.0 + float(np.log(n)) for term, n in Counter(t for t, _ in words).items()}
    for code, mention in codes.items():
        chain = path(code)
        for ancestor, d in chain:
            column = terms(ancestor)
            value = CODE_TOKEN_WEIGHT * mention.weight * d / chain[0][1]
            row[column] = max(row.get(column, 0.0), value)
    return row


def _l2_rows(m: sparse.spmatrix) -> sparse.csr_matrix:
    m = sparse.csr_matrix(m)
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ m)
