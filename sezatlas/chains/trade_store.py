"""The imported ICIO and BACI tables on disk: compressed numpy arrays and a JSON of where they came from.

One folder (the setting `SEZATLAS_CHAINS_DIR`) holds, per kind (`icio`, `baci`), an `<kind>-<sha>.npz` of
arrays and `<kind>.json` naming it with the source file, its SHA-256, release, year, when and by whom.
Every server process on the host reads the same folder. A write is atomic: the arrays go to a temporary
file renamed into place, then the JSON the same way — the JSON's rename is the moment the new table
counts; the older arrays are removed just after, and a reader that read the old JSON and finds its arrays
gone reads the new JSON. A process keeps the loaded arrays until the JSON changes (modification time, size).
"""

import json
import os
import tempfile
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, BinaryIO, Literal

import numpy as np
from numpy.typing import NDArray

Kind = Literal["icio", "baci"]
Arrays = dict[str, NDArray[Any]]
KINDS: tuple[Kind, ...] = ("icio", "baci")


@dataclass(frozen=True)
class ImportRecord:
    """Where an imported table came from: shown by `sezatlas chains imports` and with every answer."""

    kind: str
    source_file: str
    sha256: str
    release: str | None  # ICIO: "2023"; BACI: "V202401"
    year: int | None  # the data year
    imported_at: str  # ISO 8601, UTC
    imported_by: str
    arrays_file: str
    shape: dict[str, int]
    hs_edition: str | None = None  # BACI only


def _save(folder: Path, name: str, write: Callable[[BinaryIO], object]) -> None:
    """Write through a temporary file in the same folder, then rename it over `name`."""
    descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".part")
    try:
        with os.fdopen(descriptor, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temporary, folder / name)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def save_table(folder: Path, record: ImportRecord, arrays: Arrays) -> None:
    """Store the arrays, then the record naming them; remove the kind's older arrays files."""
    folder.mkdir(parents=True, exist_ok=True)
    _save(folder, record.arrays_file, lambda f: np.savez_compressed(f, allow_pickle=False, **arrays))
    text = json.dumps(asdict(record), indent=2, ensure_ascii=False).encode("utf-8")
    _save(folder, f"{record.kind}.json", lambda f: f.write(text))
    for old in folder.glob(f"{record.kind}-*.npz"):
        if old.name != record.arrays_file:
            old.unlink(missing_ok=True)


def read_record(folder: Path, kind: Kind) -> ImportRecord | None:
    """The record of the kind's imported table, or None when nothing was imported."""
    path = folder / f"{kind}.json"
    if not path.exists():
        return None
    return ImportRecord(**json.loads(path.read_text(encoding="utf-8")))


class StoredTables:
    """The arrays of each kind, loaded once per process and again only when the record changes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loaded: dict[tuple[Path, str], tuple[tuple[int, int], ImportRecord, Arrays]] = {}

    def get(self, folder: Path, kind: Kind) -> tuple[ImportRecord, Arrays] | None:
        """The kind's record and arrays, or None when nothing was imported. An import that replaced the
        table between reading its record and opening its arrays is met by reading the new record once more."""
        for attempt in (1, 2):
            try:
                return self._current(folder, kind)
            except FileNotFoundError:
                if attempt == 2:
                    raise
        return None  # pragma: no cover - the loop returns or raises

    def _current(self, folder: Path, kind: Kind) -> tuple[ImportRecord, Arrays] | None:
        path = folder / f"{kind}.json"
        if not path.exists():
            return None
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
        with self._lock:
            known = self._loaded.get((folder, kind))
            if known is None or known[0] != stamp:
                record = read_record(folder, kind)
                if record is None:
                    return None
                with np.load(folder / record.arrays_file, allow_pickle=False) as arrays:
                    known = (stamp, record, {name: arrays[name] for name in arrays.files})
                self._loaded[(folder, kind)] = known
            return known[1], known[2]


STORED_TABLES = StoredTables()
