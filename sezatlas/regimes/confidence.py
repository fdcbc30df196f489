"""Which facts of a regime a user should not take on trust: low-confidence and UNVERIFIED ones.

The regime files mark doubt in two ways (provenance.py): a `confidence` of low or unverified on the
regime or on one number, and a note beginning "UNVERIFIED". Every interface shows both, so a number
computed from a doubtful fact is never presented as settled.
"""

from pydantic import BaseModel

from sezatlas.regimes.provenance import Sourced
from sezatlas.regimes.rules import Regime
from sezatlas.standard.codes import Confidence

DOUBTFUL = (Confidence.LOW, Confidence.UNVERIFIED)


def _is_doubtful(fact: Sourced) -> bool:
    return fact.confidence in DOUBTFUL or "UNVERIFIED" in (fact.note or "").upper()


def describe_fact(path: str, fact: Sourced) -> str:
    """ "cit.phases[0]: low (UNVERIFIED: ...)": where the fact is, how far to trust it, and why."""
    level = fact.confidence.value if fact.confidence is not None else "unverified"
    return f"{path}: {level}" + (f" ({fact.note})" if fact.note else "")


def _walk(value: object, path: str, found: list[tuple[str, Sourced]]) -> None:
    if isinstance(value, Sourced) and _is_doubtful(value):
        found.append((path, value))
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            _walk(getattr(value, name), f"{path}.{name}" if path else name, found)
    elif isinstance(value, list | tuple):
        for k, item in enumerate(value):
            _walk(item, f"{path}[{k}]", found)


def doubtful_sourced_facts(regime: Regime) -> list[tuple[str, Sourced]]:
    """Each low-confidence or UNVERIFIED number of the regime with its path, as the file gives it (with
    its own source_url, if any; the regime's provenance otherwise)."""
    found: list[tuple[str, Sourced]] = []
    for name in type(regime).model_fields:
        if name != "provenance":
            _walk(getattr(regime, name), name, found)
    return found


def doubtful_facts(regime: Regime) -> list[str]:
    """Each low-confidence or UNVERIFIED number of the regime, by its path in the rules file."""
    found: list[str] = []
    if "UNVERIFIED" in (regime.notes or "").upper():
        found.append("notes: a fact stated as UNVERIFIED (see the regime's notes)")
    return found + [describe_fact(path, fact) for path, fact in doubtful_sourced_facts(regime)]


def is_regime_doubtful(regime: Regime) -> bool:
    """True when the regime as a whole, or any single fact of it, is low-confidence or unverified."""
    return regime.provenance.confidence in DOUBTFUL or bool(doubtful_facts(regime))
