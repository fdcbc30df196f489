"""Files uploaded to `/import`, kept between the preview and the confirmation, keyed by their SHA-256.

The preview (a dry run) and the import are two requests; the file travels once. It is kept in a private
folder (mode 700; `SEZATLAS_IMPORT_DIR`, by default `imports/` in the user's data folder beside the
default database), as `<sha256>/<name as uploaded>` so that the report and the zone versions name the
file as the secretariat knows it. The folder is on disk, not in memory, so any worker process of the
same machine finds the file the preview kept. Files older than `KEPT_FOR` are removed at each upload;
the import removes its own.
"""

import hashlib
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

from sezatlas.stewardship.documents import base_name

KEPT_FOR_S = 3600.0  # an hour to read the preview and confirm
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_UNSAFE_IN_NAME = re.compile(r"[^\w.() +-]")


@dataclass(frozen=True, slots=True)
class StagedFile:
    sha256: str
    path: Path  # the file, under the name it was uploaded with (made safe)


def default_folder() -> Path:
    return Path(user_data_dir("sezatlas", appauthor=False)) / "imports"


def safe_name(file_name: str) -> str:
    """The upload's base name with no path, control or shell character (its suffix decides the reader)."""
    base = base_name(file_name, "")
    cleaned = _UNSAFE_IN_NAME.sub("_", base).lstrip(".")[:120]
    return cleaned or "upload"


def _private(folder: Path) -> Path:
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    folder.chmod(0o700)
    return folder


def sweep(folder: Path, now: float | None = None) -> None:
    """Remove the files kept longer than `KEPT_FOR_S`."""
    limit = (now if now is not None else time.time()) - KEPT_FOR_S
    for entry in folder.iterdir() if folder.is_dir() else ():
        if _SHA256.match(entry.name) and entry.stat().st_mtime < limit:
            shutil.rmtree(entry, ignore_errors=True)


def keep(folder: Path, file_name: str, content: bytes) -> StagedFile:
    """Keep the uploaded bytes until the import is confirmed (or an hour has passed)."""
    _private(folder)
    sweep(folder)
    digest = hashlib.sha256(content).hexdigest()
    place = folder / digest
    if place.exists():
        shutil.rmtree(place)  # the same bytes again, perhaps under another name: the latest name wins
    place.mkdir(mode=0o700)
    path = place / safe_name(file_name)
    path.write_bytes(content)
    path.chmod(0o600)
    return StagedFile(digest, path)


def kept(folder: Path, sha256: str) -> StagedFile | None:
    """The file kept under `sha256`, or None when it never was or is gone (imported, or too old)."""
    digest = sha256.lower()
    if not _SHA256.match(digest):
        return None
    place = folder / digest
    files = sorted(place.iterdir()) if place.is_dir() else []
    if len(files) != 1 or time.time() - place.stat().st_mtime > KEPT_FOR_S:
        return None
    if hashlib.sha256(files[0].read_bytes()).hexdigest() != digest:
        return None  # changed on disk since: not what the preview showed
    return StagedFile(digest, files[0])


def discard(staged: StagedFile) -> None:
    shutil.rmtree(staged.path.parent, ignore_errors=True)
