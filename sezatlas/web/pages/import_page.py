"""`/import`: the secretariat uploads a zones file (CSV, XLSX, JSON), reads what it would change, confirms.

The same use case and rules as `sezatlas import` (`registry.importer.import_file`): an absent column or
an empty cell changes nothing unless "clear empty cells" is ticked; any bad value rejects the whole file
by file, row and field, and nothing is written. The upload is a dry run whose report the page shows
(per zone, each fact old → new, "will clear" in red, the empty cells that kept a fact); the file is kept
by its SHA-256 (`import_uploads.py`) and "Confirm import" posts that hash back to run the real import,
all or nothing, which the use case audits and versions. Uploads may be larger than other bodies:
`SEZATLAS_MAX_UPLOAD_BYTES` (`web/body_limit.py`).
"""

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from sezatlas.accounts.roles import Actor, may_administer, require
from sezatlas.registry.importer import ImportRejected, ImportResult, ZoneChange, import_file
from sezatlas.web.deps import ActorDep
from sezatlas.web.errors import ApiError
from sezatlas.web.pages import import_uploads
from sezatlas.web.pages.rendering import PageContext, PageContextDep, render

router = APIRouter(include_in_schema=False)
IMPORT_PATH = "/import"
VALUE_SHOWN = 200  # characters of a value the report shows (the file holds the rest)
Checkbox = Annotated[str | None, Form(max_length=8)]


def _folder(request: Request) -> Path:
    folder = getattr(request.app.state, "import_dir", None)
    return Path(folder) if folder is not None else import_uploads.default_folder()


def _shown(value: object) -> str | None:
    if value is None:
        return None
    text = ", ".join(map(str, value)) if isinstance(value, list | tuple) else str(value)
    return text if len(text) <= VALUE_SHOWN else text[: VALUE_SHOWN - 1] + "…"


def _zone(change: ZoneChange) -> dict[str, Any]:
    facts = [{"column": fact.column, "old": _shown(fact.old), "new": _shown(fact.new), "clears": fact.clears}
             for fact in change.fields]  # fmt: skip
    return {
        "zone_id": change.zone_id,
        "action": change.action,
        "facts": facts,
        "blank_kept": change.blank_kept,
    }


def _report(result: ImportResult) -> dict[str, Any]:
    changed = [
        _zone(change) for change in result.changes if change.action != "unchanged" or change.blank_kept
    ]
    return {"inserted": result.inserted, "updated": result.updated, "unchanged": result.unchanged,
            "zones": changed, "cleared": sum(len(change.cleared) for change in result.changes),
            "blank_kept": sum(len(change.blank_kept) for change in result.changes)}  # fmt: skip


def _page(request: Request, reader: PageContext, status_code: int = 200, **values: Any) -> HTMLResponse:
    context = {"file_name": None, "sha256": None, "clear_empty": False, "preview": None, "done": None,
               "problems": None, **values}  # fmt: skip
    return render(request, reader, "import.html", context, status_code=status_code)


def _rejected(request: Request, reader: PageContext, error: ImportRejected, **values: Any) -> HTMLResponse:
    problems = [{"row": p.row, "field": p.field, "value": _shown(p.value), "reason": p.reason}
                for p in error.report.problems]  # fmt: skip
    return _page(request, reader, 422, problems=problems, **values)


def _run(
    request: Request, staged: import_uploads.StagedFile, actor: Actor, *, clear_empty: bool, dry_run: bool
) -> ImportResult:
    return import_file(request.app.state.engine, staged.path, dry_run=dry_run, clear_empty=clear_empty,
                       actor=actor)  # fmt: skip


@router.get(IMPORT_PATH, response_class=HTMLResponse)
def import_form(request: Request, reader: PageContextDep, actor: ActorDep) -> Response:
    """The upload form (the secretariat: the rule `import_file` applies)."""
    require(actor, may_administer(actor), "import zones")
    return _page(request, reader)


@router.post(IMPORT_PATH, response_class=HTMLResponse)
def preview_import(
    request: Request,
    reader: PageContextDep,
    actor: ActorDep,
    file: Annotated[UploadFile, File()],
    clear_empty: Checkbox = None,
) -> Response:
    """Keep the file and show what importing it would change (a dry run: nothing written)."""
    require(actor, may_administer(actor), "import zones")  # before keeping anything on disk
    staged = import_uploads.keep(_folder(request), file.filename or "upload", file.file.read())
    values = _upload_values(staged, clear_empty)
    try:
        result = _run(request, staged, actor, clear_empty=bool(clear_empty), dry_run=True)
    except ImportRejected as rejected:
        import_uploads.discard(staged)
        return _rejected(request, reader, rejected, **values)
    return _page(request, reader, preview=_report(result), **values)


def _upload_values(staged: import_uploads.StagedFile, clear_empty: str | None) -> dict[str, Any]:
    """What the preview and the result pages say about the kept file (and post back to confirm it)."""
    return {"file_name": staged.path.name, "sha256": staged.sha256, "clear_empty": bool(clear_empty)}


@router.post(IMPORT_PATH + "/confirm", response_class=HTMLResponse)
def confirm_import(
    request: Request,
    reader: PageContextDep,
    actor: ActorDep,
    sha256: Annotated[str, Form(pattern="^[0-9a-fA-F]{64}$")],
    clear_empty: Checkbox = None,
) -> Response:
    """Import the file the preview kept, all or nothing; then it is removed."""
    require(actor, may_administer(actor), "import zones")
    staged = import_uploads.kept(_folder(request), sha256)
    if staged is None:
        raise ApiError(404, reader.gettext("This upload is no longer kept (files are kept for an hour). "
                                           "Upload the file again."))  # fmt: skip
    values = _upload_values(staged, clear_empty)
    try:
        result = _run(request, staged, actor, clear_empty=bool(clear_empty), dry_run=False)
    except ImportRejected as rejected:  # the registry changed since the preview, and now conflicts
        return _rejected(request, reader, rejected, **values)
    import_uploads.discard(staged)
    return _page(request, reader, done=_report(result), **values)
