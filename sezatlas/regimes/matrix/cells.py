"""A matrix cell, and how one is made: computed from the regime file, hand-coded, or unknown.

A computed cell names the regime-file facts it was read from (`basis`) and takes its source from them:
a fact's own `source_url` when it has one, else the provenance of the file that states the fact (a zone
file, or its country's standard file for an instrument the zone inherits), so a zone cell never cites
the zone's sources for a number only the standard file gives.
"""

from collections.abc import Callable
from dataclasses import dataclass

from sezatlas.regimes.matrix.dimensions import UNKNOWN, Dimension
from sezatlas.regimes.provenance import Sourced
from sezatlas.regimes.rules import Regime
from sezatlas.standard.codes import Confidence


@dataclass(frozen=True, slots=True)
class Cell:
    """One regime in one dimension: a declared code with its sources, or `UNKNOWN` with none."""

    regime_id: str
    dimension: str
    code: str = UNKNOWN
    text: str | None = None
    source_urls: tuple[str, ...] = ()
    as_of: str | None = None
    basis: str | None = None
    is_computed: bool = False
    confidence: Confidence | None = None

    @property
    def is_known(self) -> bool:
        return self.code != UNKNOWN


@dataclass(frozen=True, slots=True)
class Reading:
    """What a computed cell read: its code and text, the regime-file fields (`basis`), and the facts
    behind it, each with the regime whose file states it (the first with a date dates the cell)."""

    code: str
    text: str
    basis: str
    facts: tuple[tuple[Sourced | None, Regime], ...]


Compute = Callable[[Regime, Regime | None], Reading | None]


def stated_by(regime: Regime, standard: Regime | None, field: str) -> Regime:
    """The regime whose file states `field`: the standard's when the zone only inherits it unchanged."""
    if standard is not None and getattr(regime, field) == getattr(standard, field):
        return standard
    return regime


def is_stated_by_zone(regime: Regime, standard: Regime | None, *fields: str) -> bool:
    """A standard regime states its own rules; a zone file states a field when it differs from the
    standard's (loader.py merges the zone's sections over the standard's)."""
    return standard is None or any(getattr(regime, f) != getattr(standard, f) for f in fields)


def computed_cell(regime: Regime, dimension: Dimension, reading: Reading) -> Cell:
    if reading.code not in dimension.code_keys:
        raise ValueError(f"{dimension.key}: computed code {reading.code!r} is not declared")
    urls: list[str] = []
    dates: list[str] = []
    confidence: Confidence | None = None
    for fact, owner in reading.facts:
        if fact is not None and fact.source_url is not None:
            urls.append(fact.source_url)
            dates.append(fact.as_of or owner.provenance.as_of or "")
        else:
            urls.extend(owner.provenance.source_urls)
            dates.append(owner.provenance.as_of or "")
        confidence = (
            confidence or (fact.confidence if fact is not None else None) or owner.provenance.confidence
        )
    return Cell(
        regime.regime_id, dimension.key, reading.code, reading.text, tuple(dict.fromkeys(urls)),
        next((d for d in dates if d), None), reading.basis, is_computed=True, confidence=confidence,
    )  # fmt: skip


def hand_coded_cell(regime: Regime, dimension: Dimension) -> Cell | None:
    fact = regime.matrix.cells().get(dimension.key)
    if fact is None:
        return None
    return Cell(
        regime.regime_id, dimension.key, fact.code, fact.text, (fact.source_url,), fact.as_of,
        f"matrix.{dimension.key}", confidence=fact.confidence,
    )  # fmt: skip


def percent(rate: float) -> str:
    """0.17472 -> "17.47%", 0.135 -> "13.5%": the precision the regime files give, to four digits."""
    return f"{rate * 100:.4g}%"
