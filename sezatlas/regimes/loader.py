"""Regime rules files (`rules_data/*.toml`, one regime per file, named by its regime_id).

A zone file names its country's standard regime in `counterfactual_id` and states only what differs:
each instrument section it omits is inherited from the standard file, and a section it gives is merged
key by key over the standard's (lists are replaced whole). Identity, provenance, validity and
eligibility are never inherited, so a zone never borrows the standard's confidence.
"""

import tomllib
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from pydantic import ValidationError

from sezatlas.regimes.errors import RegimeDataError
from sezatlas.regimes.rules import INSTRUMENTS, Regime

RULES_DIR = Path(__file__).parent / "rules_data"


def _merged(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    result = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = _merged(result[key], value)
        else:
            result[key] = value
    return result


def inherit(zone: dict[str, Any], standard: dict[str, Any]) -> dict[str, Any]:
    """The zone's raw record completed with the standard's instrument sections."""
    result = dict(zone)
    for name in INSTRUMENTS:
        if name in standard:
            result[name] = _merged(standard[name], zone[name]) if name in zone else standard[name]
    return result


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise RegimeDataError(f"{path.name}: not valid TOML: {error}") from error


def _validate(name: str, raw: dict[str, Any]) -> Regime:
    try:
        regime = Regime.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise RegimeDataError(f"{name}: field {where}: {first['msg']}") from error
    if f"{regime.regime_id}.toml" != name:
        raise RegimeDataError(f"{name}: regime_id {regime.regime_id!r} does not match the file name")
    return regime


def load_regimes(directory: Path = RULES_DIR) -> dict[str, Regime]:
    """Every regime of the directory, validated, keyed by regime_id; any bad file fails the whole load.

    The files are read once per directory and process (every API call and page asks for them, and a
    read takes ~10 ms); a failed load is not remembered. Each caller gets its own dict to add to or
    drop from; the regimes in it are shared by all callers and immutable (rules.py)."""
    return dict(_load_directory(directory.resolve()))


@cache
def _load_directory(directory: Path) -> Mapping[str, Regime]:
    raw = {path.name: _read(path) for path in sorted(directory.glob("*.toml"))}
    by_id = {record.get("regime_id"): record for record in raw.values()}
    regimes: dict[str, Regime] = {}
    for name, record in raw.items():
        regime = _validate(name, _completed(name, record, by_id))
        regimes[regime.regime_id] = regime
    return MappingProxyType(regimes)


def _completed(name: str, record: dict[str, Any], by_id: dict[Any, dict[str, Any]]) -> dict[str, Any]:
    counterfactual = record.get("counterfactual_id")
    if counterfactual is None:
        return record
    standard = by_id.get(counterfactual)
    if standard is None or standard.get("counterfactual_id") is not None:
        raise RegimeDataError(f"{name}: counterfactual_id {counterfactual!r} is not a standard regime")
    return inherit(record, standard)
