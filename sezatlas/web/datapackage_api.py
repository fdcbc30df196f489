"""`GET /api/v1/datapackage/{file}`: the registry as a Frictionless data package, for other nodes to harvest.

The descriptor names its resources by relative paths (``zones.csv``), so a client that reads
``/api/v1/datapackage/datapackage.json`` finds the tables beside it; the files are the ones `sezatlas
export -f datapackage` writes (`registry/datapackage.py`). Another SEZ Atlas node registers this URL as a
source of kind ``datapackage`` (docs/federation.md).
"""

from fastapi import APIRouter
from fastapi.responses import Response

from sezatlas.registry.datapackage import PACKAGE_FILES, package_file
from sezatlas.web.deps import SessionDep
from sezatlas.web.errors import ErrorOut, not_found

router = APIRouter(prefix="/api/v1", tags=["registry"])


@router.get(
    "/datapackage/{file_name}",
    summary="A file of the registry's data package",
    responses={
        200: {"content": {"application/json": {}, "text/csv": {}}},
        404: {"model": ErrorOut},
    },
)
def datapackage_file(file_name: str, session: SessionDep) -> Response:
    """`datapackage.json` (the descriptor: schema, sources, licence status), `zones.csv`, `countries.csv` or
    `official_counts.csv`."""
    if file_name not in PACKAGE_FILES:
        raise not_found(f"file {file_name} of the data package (it has {', '.join(PACKAGE_FILES)})")
    media_type = "application/json" if file_name.endswith(".json") else "text/csv; charset=utf-8"
    return Response(package_file(session, file_name), media_type=media_type)
