"""`/sources` and `/sources/{name}`: the harvested sources and their runs, for the secretariat (issue 21).

Each page calls one use case of `federation/actions.py`, which checks the permission: an anonymous
visitor is sent to log in, anyone without the secretariat role gets 403. `/sources` shows each source
with its last run (status, counts, duration) and when its schedule makes it due next; `/sources/{name}`
shows the source, its mapping and its last runs with their reports: the zones a run added, changed
(fact by fact, old → new) and found removed at the source, and every rejected record by its place in the
source, its field and the reason.
"""

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from sezatlas.federation.actions import HarvestRun, SourceView, list_sources, source_runs, source_view
from sezatlas.federation.sources import SourceKind, schedule_text
from sezatlas.web.deps import ActorDep, SessionDep
from sezatlas.web.i18n import format_number
from sezatlas.web.pages.labels import N_
from sezatlas.web.pages.rendering import PageContext, PageContextDep, render
from sezatlas.web.pages.stewardship_words import moment_text

router = APIRouter(include_in_schema=False)
RUNS_SHOWN = 20

KIND_TITLES: dict[str, str] = {
    SourceKind.SEZATLAS: N_("SEZ Atlas node"),
    SourceKind.DATAPACKAGE: N_("Frictionless data package"),
    SourceKind.OGC: N_("OGC API – Features collection"),
    SourceKind.TABULAR: N_("CSV or XLSX file"),
}
STATUS_TITLES: dict[str, str] = {
    "ok": N_("succeeded"),
    "unchanged": N_("nothing new"),
    "failed": N_("failed, nothing written"),
    "dry_run": N_("dry run, nothing written"),
}


def _duration(seconds: float, page: PageContext) -> str:
    _ = page.gettext
    return _("%(seconds)s s") % {"seconds": format_number(seconds, page.lang, 1)}


def _run(run: HarvestRun, page: PageContext) -> dict[str, Any]:
    _ = page.gettext
    return {"run_id": run.run_id, "at": moment_text(run.started_at, page.lang), "status": run.status,
            "status_title": _(STATUS_TITLES.get(run.status, run.status)),
            "duration": _duration(run.duration_s, page), "new": run.new, "changed": run.changed,
            "removed": run.removed, "rejected": run.rejected, "review_items": run.review_items,
            "report": _report(run.report)}  # fmt: skip


def _report(report: dict[str, object]) -> dict[str, Any]:
    """The run's report as kept on its row (`harvest.RunReport.as_json`), with every part a list."""

    def listed(key: str) -> list[Any]:
        value = report.get(key)
        return value if isinstance(value, list) else []

    return {"new": listed("new"), "changed": listed("changed"), "removed": listed("removed"),
            "rejected": listed("rejected"), "message": report.get("message")}  # fmt: skip


def _next_run(view: SourceView, page: PageContext) -> str:
    """When the worker runs it next (`SourceView.next_run_at`: the schedule counted from the last run)."""
    _ = page.gettext
    if not view.source.is_enabled:
        return _("disabled")
    if view.next_run_at is None:
        return "—"
    if view.last_run_at is None:
        return _("at the worker's next check")
    return moment_text(view.next_run_at, page.lang)


def _schedule(hours: float | None, page: PageContext) -> str:
    """The interval as `sezatlas sources add --schedule` takes it (24h, 7d), or that it has none."""
    _ = page.gettext
    return schedule_text(hours) if hours is not None else _("only when run by hand")


def _source(view: SourceView, page: PageContext) -> dict[str, Any]:
    source = view.source
    return {"name": source.name, "kind": page.gettext(KIND_TITLES[source.kind]), "location": source.location,
            "organisation": view.organisation, "licence": source.licence,
            "schedule": _schedule(source.schedule_hours, page), "zones": view.zones,
            "mapping": dict(source.mapping), "is_enabled": source.is_enabled,
            "last_run": _run(view.last_run, page) if view.last_run else None,
            "next_run": _next_run(view, page)}  # fmt: skip


@router.get("/sources", response_class=HTMLResponse)
def sources_page(request: Request, session: SessionDep, reader: PageContextDep, actor: ActorDep) -> Response:
    """Every registered source with its last run (the secretariat's)."""
    views = list_sources(session, actor)
    return render(request, reader, "sources.html", {"sources": [_source(view, reader) for view in views]})


@router.get("/sources/{name}", response_class=HTMLResponse)
def source_page(
    name: str,
    request: Request,
    session: SessionDep,
    reader: PageContextDep,
    actor: ActorDep,
    runs: Annotated[int, Query(ge=1, le=200)] = RUNS_SHOWN,
) -> Response:
    """One source: what it is, its mapping, and its last runs with their reports, newest first."""
    view = source_view(session, actor, name)
    shown = [_run(run, reader) for run in source_runs(session, actor, name, runs)]
    return render(request, reader, "source.html", {"source": _source(view, reader), "runs": shown})
