"""An investor sends one inquiry to one or several zones; each zone gets it as a thread on its own clock.

The thread goes to the zone's operators, or to the secretariat for a zone without an operator account yet
(by letter; the inbox pages list them). Its response target is the zone's, else its country's, else
`clock.DEFAULT_TARGET`, fixed when it is sent: a target the secretariat changes later does not move the
goalposts of inquiries already running.
"""

import hashlib
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from sezatlas.accounts.audit import RequestContext, record
from sezatlas.accounts.letters import Translate, untranslated
from sezatlas.accounts.mail import Letter, MailSettings
from sezatlas.accounts.roles import Actor, may_administer, may_send_inquiry, require
from sezatlas.inquiries.clock import DEFAULT_TARGET, Status, Step
from sezatlas.standard.zone import IsicCode
from sezatlas.stewardship.documents import DocumentRefusedError, Upload, base_name, media_type_of
from sezatlas.stewardship.letters import notify, secretariat, zone_keepers
from sezatlas.store.accounts_tables import OrganisationZoneRow
from sezatlas.store.inquiries_tables import (
    InquiryAttachmentRow,
    InquiryEventRow,
    InquiryRow,
    InquiryThreadRow,
    ResponseTargetRow,
)
from sezatlas.store.models import ZoneRow
from sezatlas.tabular.control_characters import plain_text

MAX_ZONES = 10
MAX_ATTACHMENTS = 5  # each within `stewardship.documents.MAX_DOCUMENT_BYTES`, of the formats it takes
MESSAGE_LENGTH = (20, 5000)
INBOX_PATH = "/inquiries"


class InquiryError(ValueError):
    """An inquiry that cannot be sent or a step that cannot be taken as asked (HTTP 422)."""


class ProjectSummary(BaseModel):
    """What the investor plans, prefilled from the rank form; unknown is null."""

    model_config = ConfigDict(extra="forbid")

    isic_codes: list[IsicCode] = Field(default_factory=list, max_length=20)
    investment_usd_m: float | None = Field(default=None, gt=0, le=1_000_000)
    jobs: int | None = Field(default=None, ge=0, le=10_000_000)
    land_ha: float | None = Field(default=None, gt=0, le=1_000_000)
    power_mw: float | None = Field(default=None, gt=0, le=100_000)
    timeline: Annotated[str, AfterValidator(plain_text), Field(max_length=200)] | None = None


def _scope(kind: str, value: str) -> str:
    return f"{kind}:{value}"


def response_target(session: Session, zone_id: str, country_iso3: str) -> timedelta:
    """The zone's target, else its country's, else the default."""
    rows = session.scalars(
        select(ResponseTargetRow).where(
            ResponseTargetRow.scope.in_([_scope("zone", zone_id), _scope("country", country_iso3)])
        )
    )
    found = {row.scope: row.days for row in rows}
    days = found.get(_scope("zone", zone_id), found.get(_scope("country", country_iso3)))
    return timedelta(days=days) if days is not None else DEFAULT_TARGET


def set_response_target(
    session: Session,
    actor: Actor,
    kind: str,
    value: str,
    days: float,
    *,
    context: RequestContext | None = None,
) -> None:
    """The secretariat: the days to a first answer expected of a zone (`kind` "zone") or a country."""
    require(actor, may_administer(actor), "set response targets")
    if kind not in ("zone", "country") or not value.strip():
        raise InquiryError(f"a target is for a zone or a country, not {kind!r}")
    if not 0.5 <= days <= 365:
        raise InquiryError(f"days: 0.5 to 365, not {days}")
    known = select(ZoneRow.zone_id).where(
        (ZoneRow.zone_id if kind == "zone" else ZoneRow.country_iso3) == value.strip().upper()
    )
    if session.scalar(known.limit(1)) is None:
        raise InquiryError(f"{kind}: no {kind} {value.strip().upper()} in the registry")
    scope = _scope(kind, value.strip().upper())
    row = session.get(ResponseTargetRow, scope)
    before = {"days": row.days} if row is not None else None
    if row is None:
        session.add(ResponseTargetRow(scope=scope, days=days, set_by=actor.name))
    else:
        row.days, row.set_by, row.set_at = days, actor.name, datetime.now(UTC)
    record(session, actor, "set response target", "response_target", scope, before=before,
           after={"days": days}, context=context)  # fmt: skip
    session.commit()


def _checked_message(message: str) -> str:
    text = message.strip()
    low, high = MESSAGE_LENGTH
    if not low <= len(text) <= high:
        raise InquiryError(f"message: {low} to {high} characters, not {len(text)}")
    try:
        return plain_text(text)
    except ValueError as error:
        raise InquiryError(f"message: {error}") from None


def _checked_attachments(attachments: Sequence[Upload]) -> list[tuple[Upload, str, str, str]]:
    """Each file with its cleaned name and the media type its content proves; every problem named."""
    if len(attachments) > MAX_ATTACHMENTS:
        raise InquiryError(f"attachments: at most {MAX_ATTACHMENTS} files, not {len(attachments)}")
    checked = []
    for upload in attachments:
        try:
            media_type = media_type_of(upload)
        except DocumentRefusedError as error:
            raise InquiryError(f"attachments: {error}") from None
        name = base_name(upload.file_name, "attachment")
        checked.append((upload, name, media_type, hashlib.sha256(upload.content).hexdigest()))
    return checked


def send_inquiry(
    session: Session,
    actor: Actor,
    zone_ids: Sequence[str],
    project: ProjectSummary,
    message: str,
    *,
    attachments: Sequence[Upload] = (),
    show_identity: bool = True,
    mail: MailSettings | None = None,
    translate: Translate = untranslated,
    context: RequestContext | None = None,
    now: datetime | None = None,
) -> list[int]:
    """A logged-in investor: one inquiry to these zones (1 to 10), with up to five files, showing the zones
    their name and organisation or not (`show_identity`). Returns the threads' ids, one per zone."""
    require(actor, may_send_inquiry(actor), "send an inquiry")
    threads, letters = deliver_inquiry(session, actor, zone_ids, project, message, attachments=attachments,
                                       show_identity=show_identity, mail=mail, translate=translate,
                                       context=context, now=now)  # fmt: skip
    session.commit()
    notify(mail, letters)
    return threads


def deliver_inquiry(
    session: Session,
    actor: Actor,
    zone_ids: Sequence[str],
    project: ProjectSummary,
    message: str,
    *,
    attachments: Sequence[Upload] = (),
    show_identity: bool = True,
    mail: MailSettings | None = None,
    translate: Translate = untranslated,
    context: RequestContext | None = None,
    now: datetime | None = None,
) -> tuple[list[int], list[Letter]]:
    """The inquiry, its threads, first steps and audit row added to the session, uncommitted, with the letters
    to send once it is: for the use cases that send an inquiry (`send_inquiry`, and an inquiry about a
    cooperation offer, `inquiries/offer_inquiries.py`), which check who may send it and commit."""
    wanted = list(dict.fromkeys(zone_id.strip().upper() for zone_id in zone_ids if zone_id.strip()))
    if not 1 <= len(wanted) <= MAX_ZONES:
        raise InquiryError(f"zones: 1 to {MAX_ZONES}, not {len(wanted)}")
    text = _checked_message(message)
    files = _checked_attachments(attachments)
    zones = {row.zone_id: row for row in session.scalars(select(ZoneRow).where(ZoneRow.zone_id.in_(wanted)))}
    missing = [zone_id for zone_id in wanted if zone_id not in zones]
    if missing:
        raise InquiryError(f"zones: no zone {', '.join(missing)} in the registry")
    linked = select(OrganisationZoneRow.zone_id, OrganisationZoneRow.organisation_id).where(
        OrganisationZoneRow.zone_id.in_(wanted)
    )
    operators = {str(row.zone_id): int(row.organisation_id) for row in session.execute(linked)}
    sent_at = now or datetime.now(UTC)
    inquiry = InquiryRow(investor_person_id=actor.person_id, sent_at=sent_at,
                         project=project.model_dump(mode="json"), message=text,
                         shows_identity=show_identity)  # fmt: skip
    session.add(inquiry)
    session.flush()
    session.add_all(
        InquiryAttachmentRow(inquiry_id=inquiry.inquiry_id, sha256=digest, file_name=name,
                             media_type=media_type, size=len(upload.content), content=upload.content)
        for upload, name, media_type, digest in files
    )  # fmt: skip
    threads = []
    for zone_id in wanted:
        zone = zones[zone_id]
        target = response_target(session, zone_id, zone.country_iso3)
        thread = InquiryThreadRow(
            inquiry_id=inquiry.inquiry_id, zone_id=zone_id, country_iso3=zone.country_iso3,
            organisation_id=operators.get(zone_id), status=Status.NEW.value, target_s=target.total_seconds(),
            sent_at=sent_at, mark_at=sent_at, running_s=0.0, paused_s=0.0, is_stopped=False,
            due_at=sent_at + target,
        )  # fmt: skip
        session.add(thread)
        threads.append(thread)
    session.flush()
    session.add_all(
        InquiryEventRow(thread_id=thread.thread_id, step=Step.SEND.value, at=sent_at, actor=actor.name,
                        person_id=actor.person_id, text=None)
        for thread in threads
    )  # fmt: skip
    # The trail keeps that an inquiry went to these zones; what it says stays in the inquiry.
    record(session, actor, "send inquiry", "inquiry", str(inquiry.inquiry_id),
           after={"zones": wanted, "attachments": [digest for *_, digest in files]},
           context=context)  # fmt: skip
    letters = [
        letter for thread in threads for letter in _new_inquiry_letters(session, thread, translate, mail)
    ]
    return [thread.thread_id for thread in threads], letters


def _new_inquiry_letters(
    session: Session, thread: InquiryThreadRow, translate: Translate, mail: MailSettings | None
) -> list[Letter]:
    if mail is None:
        return []
    to = zone_keepers(session, thread.zone_id) or secretariat(session)
    link = f"{mail.site_url}{INBOX_PATH}/{thread.thread_id}"
    subject = translate("A new inquiry for %(zone)s") % {"zone": thread.zone_id}
    body = translate(
        "Hello,\n\nan investor sent an inquiry to %(zone)s on SEZ Atlas. Its response clock runs from now; "
        "read and answer it here:\n\n%(link)s"
    ) % {"zone": thread.zone_id, "link": link}
    return [Letter(address, subject, body, "inquiry-new") for address in to]
