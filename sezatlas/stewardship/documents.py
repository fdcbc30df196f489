"""Documents operators upload as the source of a change: checked by content, kept once per SHA-256.

A document is evidence a reviewer opens, so only formats a reader opens safely are taken, recognised by
their first bytes rather than by the name or type the browser claims (a renamed executable stays out).
"""

import hashlib
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from sezatlas.accounts.roles import Actor
from sezatlas.store.stewardship_tables import SourceDocumentRow
from sezatlas.tabular.control_characters import plain_text

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
# Leading bytes → the media type they prove. Office files are ZIP containers, told apart by the name.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
)
_OFFICE = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
ACCEPTED = "PDF, PNG, JPEG, DOCX or XLSX"


class DocumentRefusedError(ValueError):
    """A document that is empty, too large or of a format not taken."""


@dataclass(frozen=True, slots=True)
class Upload:
    file_name: str
    content: bytes


@dataclass(frozen=True, slots=True)
class StoredDocument:
    document_id: int
    sha256: str
    file_name: str
    media_type: str
    size: int


def media_type_of(upload: Upload) -> str:
    """The media type the content proves, or `DocumentRefusedError`."""
    if not upload.content:
        raise DocumentRefusedError(f"document {upload.file_name!r} is empty")
    if len(upload.content) > MAX_DOCUMENT_BYTES:
        raise DocumentRefusedError(
            f"document {upload.file_name!r} is {len(upload.content):,} bytes; "
            f"the limit is {MAX_DOCUMENT_BYTES:,}"
        )
    for signature, media_type in _SIGNATURES:
        if upload.content.startswith(signature):
            return media_type
    suffix = upload.file_name.lower().rpartition(".")[2]
    if upload.content.startswith(b"PK\x03\x04") and f".{suffix}" in _OFFICE:
        return _OFFICE[f".{suffix}"]
    raise DocumentRefusedError(f"document {upload.file_name!r}: only {ACCEPTED} files are taken")


def _stored(row: SourceDocumentRow) -> StoredDocument:
    return StoredDocument(row.document_id, row.sha256, row.file_name, row.media_type, row.size)


def base_name(file_name: str, default: str) -> str:
    """The name a browser sent without the sender's folders (either slash), control characters or more than
    200 characters: what a reader is shown and a download is named; `default` when nothing is left."""
    return plain_text(file_name.replace("\\", "/").rpartition("/")[2]).strip()[:200] or default


def keep_document(session: Session, actor: Actor, upload: Upload) -> StoredDocument:
    """Store the upload (or find the same content stored before); the caller's transaction commits it."""
    media_type = media_type_of(upload)
    digest = hashlib.sha256(upload.content).hexdigest()
    row = session.scalar(select(SourceDocumentRow).where(SourceDocumentRow.sha256 == digest))
    if row is None:
        name = base_name(upload.file_name, "document")
        size = len(upload.content)
        row = SourceDocumentRow(sha256=digest, file_name=name, media_type=media_type, size=size,
                                content=upload.content, uploaded_by=actor.name)  # fmt: skip
        session.add(row)
        session.flush()
    return _stored(row)


def document_by_hash(session: Session, sha256: str) -> tuple[StoredDocument, bytes] | None:
    """A stored document and its bytes (sources are public evidence: anyone may open them)."""
    row = session.scalar(select(SourceDocumentRow).where(SourceDocumentRow.sha256 == sha256.lower()))
    return (_stored(row), row.content) if row is not None else None


def document_by_id(session: Session, document_id: int) -> StoredDocument | None:
    row = session.get(SourceDocumentRow, document_id)
    return _stored(row) if row is not None else None
