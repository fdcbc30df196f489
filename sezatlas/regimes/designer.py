"""Custom regimes: a regime the bundle does not have, written by a user in the bundled files' format.

A tax analyst asks "what would a 10 % rate for 10 years, then 15 %, do?" (issue 18) by writing a regime
as the files of `rules_data/` are written, in TOML or JSON, or by changing a bundled one on the incentives
page. It is read here and checked exactly as a bundled file is: a regime naming `counterfactual_id` must
name a bundled *standard* regime and inherits the instrument sections it omits (`loader.inherit`), then
the `Regime` model validates it. Its id must not be a bundled one (the comparison would not know which is
meant). Every refusal is a `CustomRegimeError` naming the source (the file, `custom_regimes.0`) and the
field path (`cit.phases.0.value`), so each interface can point at the field.
"""

import json
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import ValidationError

from sezatlas.regimes.comparison import UnknownRegimeError
from sezatlas.regimes.errors import CustomRegimeError
from sezatlas.regimes.loader import RULES_DIR, bundled_records, first_problem, inherit, standard_record
from sezatlas.regimes.rules import Regime

MAX_REGIME_BYTES = 256 * 1024  # the largest bundled file is ~4 KB: this is room, not a constraint
FORMATS = {".toml": "TOML", ".json": "JSON"}


class RegimeDocument(NamedTuple):
    """A custom regime as given: where it comes from (shown in every message) and its record."""

    source: str
    record: Mapping[str, Any]


def read_regime_file(path: Path) -> RegimeDocument:
    """A regime file, TOML or JSON by its suffix, at most `MAX_REGIME_BYTES`; not yet checked."""
    source = path.name
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise CustomRegimeError("not a regime file: give a .toml or .json file", source=source)
    try:
        size = path.stat().st_size
        if size > MAX_REGIME_BYTES:
            raise CustomRegimeError(_too_large(size), source=source)
        data = path.read_bytes()
    except OSError as error:
        raise CustomRegimeError(f"cannot be read ({error.strerror})", source=source) from error
    return RegimeDocument(source, parse_regime_text(data, kind, source))


def parse_regime_text(data: bytes | str, kind: str, source: str) -> dict[str, Any]:
    """The table a TOML or JSON text holds; the page's advanced text is read by this too."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if len(raw) > MAX_REGIME_BYTES:
        raise CustomRegimeError(_too_large(len(raw)), source=source)
    try:
        text = raw.decode("utf-8")
        parsed: Any = tomllib.loads(text) if kind == "TOML" else json.loads(text)
    except UnicodeDecodeError as error:
        raise CustomRegimeError("not UTF-8 text", source=source) from error
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as error:
        raise CustomRegimeError(f"not valid {kind}: {error}", source=source) from error
    if not isinstance(parsed, dict):
        raise CustomRegimeError(f"not a regime: a {kind} table of fields is expected", source=source)
    return parsed


def _too_large(size: int) -> str:
    return f"{size:,} bytes is over the {MAX_REGIME_BYTES // 1024} KB a regime may have"


def custom_regimes(documents: Iterable[RegimeDocument]) -> list[Regime]:
    """Each document checked as a bundled file is, in order; two with the same id are refused."""
    regimes: list[Regime] = []
    for document in documents:
        regime = custom_regime(document)
        if any(other.regime_id == regime.regime_id for other in regimes):
            message = f"{regime.regime_id!r} is the id of another custom regime of this request"
            raise CustomRegimeError(message, field="regime_id", source=document.source)
        regimes.append(regime)
    return regimes


def custom_regime(document: RegimeDocument) -> Regime:
    """One custom regime: inherited sections filled in from its standard regime, then validated."""
    source, record = document
    if len(json.dumps(record, default=str).encode("utf-8")) > MAX_REGIME_BYTES:
        raise CustomRegimeError(f"over the {MAX_REGIME_BYTES // 1024} KB a regime may have", source=source)
    bundled = bundled_records()
    regime_id = record.get("regime_id")
    if isinstance(regime_id, str) and regime_id in bundled:
        message = (
            f"{regime_id!r} is a bundled regime: give the custom one an id of its own, e.g. {regime_id}-2"
        )
        raise CustomRegimeError(message, field="regime_id", source=source)
    standard = _standard(record, source)
    try:
        regime = Regime.model_validate(record if standard is None else inherit(record, standard))
    except ValidationError as error:
        where, message = first_problem(error)
        raise CustomRegimeError(message, field=where, source=source) from error
    if standard is not None and regime.country_iso3 != standard.get("country_iso3"):
        message = (
            f"{regime.country_iso3} is not the country of its standard regime {regime.counterfactual_id}"
        )
        raise CustomRegimeError(message, field="country_iso3", source=source)
    return regime


def _standard(record: Mapping[str, Any], source: str) -> Mapping[str, Any] | None:
    """The bundled standard regime the record names (None: it is a standard regime itself)."""
    counterfactual = record.get("counterfactual_id")
    if counterfactual is None:
        return None
    standard = standard_record(counterfactual, bundled_records()) if isinstance(counterfactual, str) else None
    if standard is None:
        message = f"{counterfactual!r} is not a bundled standard regime: name one of {', '.join(standards())}"
        raise CustomRegimeError(message, field="counterfactual_id", source=source)
    return standard


def standards() -> list[str]:
    """The bundled standard regimes a custom regime may name as its `counterfactual_id`."""
    return [
        regime_id
        for regime_id, record in bundled_records().items()
        if record.get("counterfactual_id") is None
    ]


def with_custom(bundled: Mapping[str, Regime], custom: Sequence[Regime]) -> dict[str, Regime]:
    """The bundled regimes and the custom ones, keyed by id: what a comparison looks regimes up in."""
    clash = [regime.regime_id for regime in custom if regime.regime_id in bundled]
    if clash or len({regime.regime_id for regime in custom}) < len(custom):
        raise CustomRegimeError(
            f"custom regime ids must be new and distinct: {', '.join(clash) or 'repeated'}"
        )
    return {**bundled, **{regime.regime_id: regime for regime in custom}}


def bundled_regime_toml(regime_id: str) -> str:
    """A bundled regime's own file, as text to edit into a custom one ("start from a bundled regime")."""
    if regime_id not in bundled_records():
        raise UnknownRegimeError(f"regime_id: {regime_id!r} is not a bundled regime")
    return (RULES_DIR / f"{regime_id}.toml").read_text(encoding="utf-8")
