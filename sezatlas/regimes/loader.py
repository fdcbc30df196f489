"""Regime rules files (`rules_data/*.toml`, one regime per file, named by its regime_id).

A zone file names its country's standard regime in `counterfactual_id` and states only what differs:
each instrument section it omits is inherited from the standard file, and a section it gives is merged
key by key over the standard's (lists are replaced whole). Identity, provenance, validity and
eligibility are never inherited, so a zone never borrows the standard's confidence. A custom regime
(`designer.py`) is completed and validated by the same functions (`inherit`, `first_problem`).
"""

import tomllib
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from pydantic import ValidationError

from sezatlas.regimes.errors import RegimeDataError
from sezatlas.regimes.rules import INSTRUMENTS, Regime

RULES_DIR = Path(__file__).parent / "rules_data"


def merged(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    """`override` over `base` key by key, tables merged at every depth, lists replaced whole (new dicts:
    neither input is changed)."""
    result = dict(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(result.get(key), Mapping):
            result[key] = merged(result[key], value)
        else:
            result[key] = value
    return result


def inherit(zone: Mapping[str, Any], standard: Mapping[str, Any]) -> dict[str, Any]:
    """The zone's raw record completed with the standard's instrument sections."""
    result = dict(zone)
    for name in INSTRUMENTS:
        if name not in standard:
            continue
        if name not in zone:
            result[name] = standard[name]
        elif isinstance(zone[name], Mapping) and isinstance(standard[name], Mapping):
            result[name] = merged(standard[name], zone[name])
        # else the zone's own value stays, for validation to refuse (a custom regime's "cit = 3")
    return result


def standard_record(
    counterfactual_id: object, records: Mapping[Any, Mapping[str, Any]]
) -> Mapping[str, Any] | None:
    """The raw record `counterfactual_id` names, if it is a standard regime (none of its own); else None."""
    standard = records.get(counterfactual_id)
    return standard if standard is not None and standard.get("counterfactual_id") is None else None


def first_problem(error: ValidationError) -> tuple[str, str]:
    """The first problem of a validation: the field's dotted path (`cit.phases.0.value`) and the message."""
    first = error.errors()[0]
    return ".".join(str(part) for part in first["loc"]), first["msg"]


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
        where, message = first_problem(error)
        raise RegimeDataError(f"{name}: field {where}: {message}") from error
    if f"{regime.regime_id}.toml" != name:
        raise RegimeDataError(f"{name}: regime_id {regime.regime_id!r} does not match the file name")
    return regime


def load_regimes(directory: Path = RULES_DIR) -> dict[str, Regime]:
    """Every regime of the directory, validated, keyed by regime_id; any bad file fails the whole load.

    The files are read once per directory and process (every API call and page asks for them, and a
    read takes ~10 ms); a failed load is not remembered. Each caller gets its own dict to add to or
    drop from; the regimes in it are shared by all callers and immutable (rules.py)."""
    return dict(_load_directory(_resolved(directory)).regimes)


def bundled_records(directory: Path = RULES_DIR) -> Mapping[str, Mapping[str, Any]]:
    """Each file's own record as written (before inheritance), keyed by regime_id, once the whole directory
    has loaded: what a custom regime inherits from (`designer.py`). Shared by every caller: never change."""
    return _load_directory(_resolved(directory)).records


@cache
def _resolved(directory: Path) -> Path:
    """The directory's real path, the key of its regimes: resolving costs system calls (a twentieth of a
    zone page when it was done on every call)."""
    return directory.resolve()


class _Directory(NamedTuple):
    records: Mapping[str, Mapping[str, Any]]
    regimes: Mapping[str, Regime]


@cache
def _load_directory(directory: Path) -> _Directory:
    raw = {path.name: _read(path) for path in sorted(directory.glob("*.toml"))}
    by_id = {record.get("regime_id"): record for record in raw.values()}
    regimes: dict[str, Regime] = {}
    for name, record in raw.items():
        regime = _validate(name, _completed(name, record, by_id))
        regimes[regime.regime_id] = regime
    records = {regime_id: by_id[regime_id] for regime_id in regimes}
    return _Directory(MappingProxyType(records), MappingProxyType(regimes))


def _completed(name: str, record: dict[str, Any], by_id: Mapping[Any, Mapping[str, Any]]) -> dict[str, Any]:
    counterfactual = record.get("counterfactual_id")
    if counterfactual is None:
        return record
    standard = standard_record(counterfactual, by_id)
    if standard is None:
        raise RegimeDataError(f"{name}: counterfactual_id {counterfactual!r} is not a standard regime")
    return inherit(record, standard)
