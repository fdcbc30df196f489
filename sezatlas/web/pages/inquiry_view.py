"""Inquiries as the inbox and the thread page show them: labels in the reader's language, days with one
decimal, moments in UTC, the project's figures with their units, and one form per step the reader may take.

The paused days are replayed from the thread's steps by the clock's own rule (`clock.read_clock`), so the
page shows the figure the dashboard counts without a second rule for it.
"""

from datetime import UTC, datetime
from typing import Any

from babel.dates import format_date
from babel.numbers import format_decimal

from sezatlas.inquiries.clock import Event, Outcome, Step, read_clock
from sezatlas.inquiries.reading import AttachmentInfo, StepRecord, ThreadSummary, ThreadView
from sezatlas.inquiries.sending import ProjectSummary
from sezatlas.web.i18n import LANGUAGES, country_name, format_number
from sezatlas.web.pages.inquiry_words import (
    OUTCOME_TITLES,
    SIDE_TITLES,
    STATUS_TITLES,
    STEP_BUTTONS,
    STEP_TEXT_LABELS,
    STEP_TITLES,
    needs_text,
)
from sezatlas.web.pages.isic_labels import isic_label
from sezatlas.web.pages.labels import N_
from sezatlas.web.pages.rendering import PageContext
from sezatlas.web.pages.stewardship_words import moment_text

NOT_GIVEN = N_("not given")
MILLION_USD = N_("%(amount)s million US dollars")
KILOBYTES = N_("%(size)s KB")


def days_text(days: float, lang: str) -> str:
    """Days with one decimal always ("2.0", "2,0"): hours matter against a target of a few days."""
    return format_decimal(days, format="#,##0.0", locale=LANGUAGES[lang].locale)


def date_text(moment: datetime, lang: str) -> str:
    return format_date(moment.astimezone(UTC).date(), "medium", locale=LANGUAGES[lang].locale)


def summary_row(line: ThreadSummary, reader: PageContext) -> dict[str, Any]:
    """One line of the inbox (or of the thread's other zones)."""
    _ = reader.gettext
    return {
        "thread_id": line.thread_id,
        "zone_id": line.zone_id,
        "zone_name": line.zone_name,
        "country_iso3": line.country_iso3,
        "country": country_name(line.country_iso3, reader.lang),
        "status": line.status.value,
        "status_title": _(STATUS_TITLES[line.status]),
        "outcome_title": _(OUTCOME_TITLES[line.outcome]) if line.outcome else None,
        "sent_at": line.sent_at.isoformat(),
        "sent_on": date_text(line.sent_at, reader.lang),
        "days": days_text(line.days, reader.lang),
        "target_days": days_text(line.target_days, reader.lang),
        "is_overdue": line.is_overdue,
        "is_escalated": line.is_escalated,
        "side_title": _(SIDE_TITLES[line.side]),
    }


def _project_rows(project: ProjectSummary, reader: PageContext) -> list[dict[str, Any]]:
    """Each figure of the project with its label and unit; a figure not given is None (the page says so)."""
    _, lang = reader.gettext, reader.lang
    number = project.investment_usd_m
    rows: list[tuple[str, str | list[str] | None]] = [
        (_("Activities (ISIC Rev.4 codes)"), [isic_label(code, reader).text for code in project.isic_codes]),
        (_("Investment"), _(MILLION_USD) % {"amount": format_number(number, lang, 1)} if number else None),
        (_("Jobs"), format_number(project.jobs, lang, 0) if project.jobs is not None else None),
        (_("Land, hectares"), format_number(project.land_ha, lang, 1) if project.land_ha else None),
        (_("Power, megawatts"), format_number(project.power_mw, lang, 1) if project.power_mw else None),
        (_("Timeline"), project.timeline),
    ]
    return [
        {"label": label, "value": value or None, "is_list": isinstance(value, list)} for label, value in rows
    ]


def _outcomes(view: ThreadView, reader: PageContext) -> list[dict[str, str]]:
    """The outcomes a closing form offers: an investor closes only by withdrawing (`steps.take_step`)."""
    offered = [Outcome.WITHDRAWN] if view.summary.side == "investor" else list(Outcome)
    return [{"value": outcome.value, "title": reader.gettext(OUTCOME_TITLES[outcome])} for outcome in offered]


def step_forms(view: ThreadView, reader: PageContext, *, failed: Step | None = None, typed: str = "",
               problem: str | None = None) -> list[dict[str, Any]]:  # fmt: skip
    """One form per step the reader may take; the one that failed keeps its text and says why."""
    _ = reader.gettext
    return [
        {
            "step": step.value,
            "button": _(STEP_BUTTONS[step]),
            "text_label": _(STEP_TEXT_LABELS[step]) if needs_text(step) else None,
            "outcomes": _outcomes(view, reader) if step is Step.CLOSE else [],
            "typed": typed if step is failed else "",
            "problem": problem if step is failed else None,
        }
        for step in view.may_take
    ]


def _step_row(record: StepRecord, reader: PageContext) -> dict[str, Any]:
    title, at = reader.gettext(STEP_TITLES[record.step]), record.at
    return {"title": title, "by": record.by, "is_investor": record.is_investor, "at": at.isoformat(),
            "at_shown": moment_text(at, reader.lang), "text": record.text}  # fmt: skip


def _file_row(thread_id: int, file: AttachmentInfo, reader: PageContext) -> dict[str, Any]:
    size = reader.gettext(KILOBYTES) % {"size": format_number(max(file.size / 1024, 0.1), reader.lang, 1)}
    return {"href": f"/inquiries/{thread_id}/attachments/{file.attachment_id}", "name": file.file_name,
            "media_type": file.media_type, "sha256": file.sha256, "size": size}  # fmt: skip


def _paused_days(view: ThreadView, now: datetime) -> float:
    events = [Event(record.step, record.at) for record in view.steps]
    return read_clock(events, now).paused.total_seconds() / 86_400


def thread_context(view: ThreadView, reader: PageContext, now: datetime) -> dict[str, Any]:
    """Everything the thread page shows but its step forms."""
    _ = reader.gettext
    paused = _paused_days(view, now)
    return {
        "thread": summary_row(view.summary, reader),
        "investor_name": view.investor_name,
        "investor_organisation": view.investor_organisation,
        "shows_identity": view.shows_identity,
        "is_investor": view.summary.side == "investor",
        "project": _project_rows(view.project, reader),
        "message": view.message,
        "steps": [_step_row(record, reader) for record in view.steps],
        "attachments": [_file_row(view.summary.thread_id, file, reader) for file in view.attachments],
        "paused_days": days_text(paused, reader.lang) if paused > 0 else None,
        "others": [summary_row(other, reader) for other in view.other_threads],
        "not_given": _(NOT_GIVEN),
    }
