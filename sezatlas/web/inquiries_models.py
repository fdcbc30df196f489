"""The contract of investor inquiries over HTTP (issue 17): sending one, the inbox and a thread, its steps,
response targets, escalation, and the public response dashboard.

Each response model is built from the domain's own type (`ThreadSummary`, `ThreadView`, `ResponseStats`),
so a new field is one edit; the routes are in `inquiries_api.py`. Attachments travel as base64 in the JSON
body: an API client sends one document, and the files stay part of the one inquiry they came with.
"""

import base64
import binascii
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, computed_field, field_validator

from sezatlas.inquiries.clock import Outcome, Status, Step
from sezatlas.inquiries.dashboard import GroupBy
from sezatlas.inquiries.reading import AttachmentInfo, ThreadSummary, ThreadView
from sezatlas.inquiries.response_stats import ResponseStats
from sezatlas.inquiries.sending import MESSAGE_LENGTH, ProjectSummary
from sezatlas.inquiries.steps import TEXT_LENGTH, Overdue
from sezatlas.stewardship.documents import ACCEPTED, MAX_DOCUMENT_BYTES, Upload

API = "/api/v1/inquiries"
# Base64 is 4/3 of the file, a little more when wrapped in lines (76 characters and a line break).
BASE64_LENGTH = MAX_DOCUMENT_BYTES * 3 // 2
ZoneId = Annotated[str, Field(max_length=64)]


def thread_href(thread_id: int) -> str:
    return f"{API}/{thread_id}"


class AttachmentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    file_name: str = Field(max_length=1000, description="The name it is saved under (cut to 200 characters).")
    content_base64: str = Field(
        max_length=BASE64_LENGTH,
        description=f"The file's bytes in base64 (RFC 4648; line breaks allowed): {ACCEPTED}, up to "
        f"{MAX_DOCUMENT_BYTES // 2**20} MiB, recognised by its content, not its name.",
    )

    @field_validator("content_base64")
    @classmethod
    def _is_base64(cls, value: str) -> str:
        try:
            base64.b64decode("".join(value.split()), validate=True)
        except (binascii.Error, ValueError):
            raise ValueError("not valid base64 (RFC 4648, with + and / and = padding)") from None
        return value

    def upload(self) -> Upload:
        return Upload(self.file_name, base64.b64decode("".join(self.content_base64.split()), validate=True))


class InquiryIn(BaseModel):
    """One inquiry to one or several zones; each zone gets it as a thread on its own response clock."""

    model_config = ConfigDict(extra="forbid")

    zone_ids: list[ZoneId] = Field(min_length=1, max_length=50, description="1 to 10 zones, e.g. RUS-001.")
    project: ProjectSummary = Field(
        default_factory=ProjectSummary, description="What is planned; unknown figures are null."
    )
    message: str = Field(
        max_length=2 * MESSAGE_LENGTH[1],
        description=f"Plain text, {MESSAGE_LENGTH[0]} to {MESSAGE_LENGTH[1]} characters.",
    )
    attachments: list[AttachmentIn] = Field(default_factory=list, max_length=20, description="Up to 5 files.")
    show_identity: bool = Field(
        default=True,
        description="Show the zones your name and organisation; false: they read the inquiry as from "
        "“an investor” (docs/privacy.md).",
    )


class InquirySentOut(BaseModel):
    thread_ids: list[int] = Field(description="One thread per zone, in the order of `zone_ids`.")

    @computed_field(description="Where each thread is read, in the same order.")  # type: ignore[prop-decorator]
    @property
    def links(self) -> list[str]:
        return [thread_href(thread_id) for thread_id in self.thread_ids]


class ThreadSummaryOut(BaseModel):
    thread_id: int
    inquiry_id: int = Field(description="The inquiry: threads sent together share it.")
    zone_id: str
    zone_name: str
    country_iso3: str
    status: Status
    outcome: Outcome | None = Field(description="How it ended, once closed.")
    sent_at: datetime
    days: float = Field(description="The zone's time so far in calendar days, clarification pauses excluded.")
    target_days: float = Field(description="Days to a first answer expected of the zone, fixed when sent.")
    is_overdue: bool
    is_escalated: bool
    side: str = Field(description="Whose inbox it is in: investor, zone or secretariat.")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def href(self) -> str:
        return thread_href(self.thread_id)


def summary_out(summary: ThreadSummary) -> ThreadSummaryOut:
    return ThreadSummaryOut.model_validate(summary, from_attributes=True)


class ThreadListOut(BaseModel):
    items: list[ThreadSummaryOut] = Field(description="Newest first (at most 500).")


class StepOut(BaseModel):
    step: Step
    at: datetime
    by: str | None = Field(description="Who took it; null for the investor who chose not to show their name.")
    is_investor: bool
    text: str | None


class AttachmentOut(BaseModel):
    attachment_id: int
    file_name: str
    media_type: str
    size: int = Field(description="Bytes.")
    sha256: str
    href: str = Field(description="Its bytes, for the inquiry's two sides only.")


def attachment_out(thread_id: int, info: AttachmentInfo) -> AttachmentOut:
    href = f"{thread_href(thread_id)}/attachments/{info.attachment_id}"
    return AttachmentOut(attachment_id=info.attachment_id, file_name=info.file_name,
                         media_type=info.media_type, size=info.size, sha256=info.sha256,
                         href=href)  # fmt: skip


class ThreadOut(BaseModel):
    summary: ThreadSummaryOut
    investor_name: str | None = Field(
        description="null for the zone's side when the investor chose not to show it, and once the "
        "investor's account is erased."
    )
    investor_organisation: str | None = Field(description="As `investor_name`; null without one.")
    shows_identity: bool = Field(description="Whether the investor chose to show the zone who they are.")
    project: ProjectSummary
    message: str
    steps: list[StepOut] = Field(description="In time order, the sending first.")
    attachments: list[AttachmentOut]
    may_take: list[Step] = Field(description="The steps the reader may take now (POST …/steps).")
    other_threads: list[ThreadSummaryOut] = Field(
        description="The same inquiry's threads to other zones: shown to the investor only."
    )


def thread_out(view: ThreadView) -> ThreadOut:
    thread_id = view.summary.thread_id
    return ThreadOut(
        summary=summary_out(view.summary), investor_name=view.investor_name,
        investor_organisation=view.investor_organisation, shows_identity=view.shows_identity,
        project=view.project,
        message=view.message, steps=[StepOut.model_validate(s, from_attributes=True) for s in view.steps],
        attachments=[attachment_out(thread_id, info) for info in view.attachments], may_take=view.may_take,
        other_threads=[summary_out(other) for other in view.other_threads],
    )  # fmt: skip


class StepIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    step: Step = Field(
        description="acknowledge, request_clarification, answer (the zone's side); clarify (the investor); "
        "close (either; the investor only with outcome withdrawn)."
    )
    text: str | None = Field(
        default=None,
        max_length=2 * TEXT_LENGTH,
        description=f"For the other side; required to ask, clarify and answer (at most {TEXT_LENGTH:,} "
        "characters).",
    )
    outcome: Outcome | None = Field(default=None, description="Required to close.")

    @field_validator("step")
    @classmethod
    def _not_send(cls, value: Step) -> Step:
        if value is Step.SEND:
            raise ValueError(f"an inquiry is sent with POST {API}, not as a step")
        return value


class StepTakenOut(BaseModel):
    thread_id: int
    status: Status = Field(description="The thread's status after the step.")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def href(self) -> str:
        return thread_href(self.thread_id)


class TargetIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    days: float = Field(
        description="Days to a first answer, 0.5 to 365; inquiries sent later are held to it."
    )


class TargetOut(BaseModel):
    kind: str
    value: str
    days: float


class EscalatedOut(BaseModel):
    thread_id: int
    zone_id: str
    days: float = Field(description="The zone's time so far, pauses excluded.")


def escalated_out(overdue: Overdue) -> EscalatedOut:
    return EscalatedOut(thread_id=overdue.thread_id, zone_id=overdue.zone_id, days=overdue.reading.days)


class EscalationsOut(BaseModel):
    thread_ids: list[int] = Field(description="The threads escalated now (each is escalated once).")
    escalated: list[EscalatedOut]


class ResponseGroupOut(BaseModel):
    group: str = Field(description="A zone id, an ISO3 country code or an organisation id.")
    received: int
    answered: int
    settled: int = Field(description="Answered, or past the target without an answer.")
    within_target: int = Field(description="Answered within the target.")
    share_within_target: float | None = Field(description="within_target / settled; null when none settled.")
    median_days: float | None = Field(description="Over the answered ones; null when none.")
    p90_days: float | None = Field(description="90th percentile, over the answered ones; null when none.")


def response_group_out(group: str, stats: ResponseStats) -> ResponseGroupOut:
    return ResponseGroupOut(group=group, received=stats.received, answered=stats.answered,
                            settled=stats.settled, within_target=stats.within_target,
                            share_within_target=stats.share_within_target, median_days=stats.median_days,
                            p90_days=stats.p90_days)  # fmt: skip


class ResponsesOut(BaseModel):
    by: GroupBy
    only: str | None
    method: str = Field(description="How the figures are computed.")
    groups: list[ResponseGroupOut] = Field(description="Groups with at least one inquiry, by key.")
