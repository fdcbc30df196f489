"""`/documents/{sha256}`: a source document an operator uploaded, as a download.

Sources are public evidence, so anyone may fetch one (`stewardship.documents.document_by_hash`). It is
always an attachment, never shown inline, under the name it was uploaded with (`downloads.attachment`,
RFC 6266), with the media type its content proved when it was stored and `nosniff`, so a browser never
runs it as a page of this site.
"""

from typing import Annotated

from fastapi import APIRouter, Path
from fastapi.responses import Response

from sezatlas.stewardship.documents import document_by_hash
from sezatlas.web.deps import SessionDep
from sezatlas.web.downloads import attachment
from sezatlas.web.errors import ApiError

router = APIRouter(include_in_schema=False)
SHA256 = Annotated[str, Path(pattern="^[0-9A-Fa-f]{64}$")]


@router.get("/documents/{sha256}")
def download_document(sha256: SHA256, session: SessionDep) -> Response:
    """The document's bytes; 404 when no document has that content hash."""
    found = document_by_hash(session, sha256)
    if found is None:
        raise ApiError(404, f"no document with SHA-256 {sha256.lower()}")
    document, content = found
    headers = {**attachment(document.file_name), "X-Content-Type-Options": "nosniff",
               "Cache-Control": "public, max-age=31536000, immutable"}  # fmt: skip
    return Response(content, media_type=document.media_type, headers=headers)
