"""The contract of zone stewardship over HTTP (issue 16): proposed changes and their review, a zone's
versions and diffs, reverts, confirmations and visitors' error reports.

Each response model is built from the domain's own type (`ZoneChange`, `HistoryEntry`, `FactDiff`), so a
new field is one edit; the routes are in `stewardship_api.py`.
"""

from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from sezatlas.stewardship.changes import COMMENT_LENGTH, ChangeKind, ChangeState
from sezatlas.stewardship.documents import StoredDocument
from sezatlas.stewardship.error_reports import MESSAGE_LENGTH
from sezatlas.stewardship.history import HistoryEntry
from sezatlas.stewardship.review import REASON_LENGTH, FactChange, ZoneChange
from sezatlas.stewardship.versions import FactDiff, Layer

# A fact's value as JSON carries it: text (as a form sends it), a number, a yes/no, a list (ISIC codes,
# zone ids), or null to clear it.
FactValue = str | int | float | bool | list[str] | None
MAX_IDS = 200
RowId = Annotated[int, Field(ge=1, le=2**31 - 1)]  # a database id: larger numbers overflow the column


class FactDiffOut(BaseModel):
    column: str = Field(description="The flat column name (docs/registry.md), e.g. free_area_ha.")
    old: Any = Field(description="null: the fact was unknown.")
    new: Any = Field(description="null: the fact is cleared.")


def fact_diff_out(change: FactDiff) -> FactDiffOut:
    return FactDiffOut(column=change.column, old=change.old, new=change.new)


class VersionOut(BaseModel):
    number: int
    at: datetime = Field(description="When this version was written, UTC.")
    layer: Layer = Field(
        description="Where its facts came from: operator (an approved change), revert, import, bundled, or "
        "baseline (the zone as it stood before its first recorded change)."
    )
    actor: str = Field(description="Who made it.")
    source: str | None = Field(description="A URL, a file name or `document …` with its SHA-256.")
    change_id: int | None = Field(description="The reviewed change it applied, if any.")
    changes: list[FactDiffOut] = Field(description="The facts it changed, old → new.")


class HistoryOut(BaseModel):
    zone_id: str
    versions: list[VersionOut] = Field(description="Newest first.")


def history_out(zone_id: str, entries: list[HistoryEntry]) -> HistoryOut:
    versions = [
        VersionOut(number=e.version.number, at=e.version.at, layer=e.version.layer, actor=e.version.actor,
                   source=e.version.source, change_id=e.version.change_id,
                   changes=[fact_diff_out(change) for change in e.changes])
        for e in entries
    ]  # fmt: skip
    return HistoryOut(zone_id=zone_id, versions=versions)


class VersionDiffOut(BaseModel):
    zone_id: str
    from_version: int
    to_version: int
    changes: list[FactDiffOut] = Field(description="The facts that differ, `old` in from_version.")


class ChangeIn(BaseModel):
    """A change to a zone's facts, with its source; it waits for the secretariat's review."""

    model_config = ConfigDict(extra="forbid")

    facts: dict[str, FactValue] = Field(
        min_length=1,
        max_length=100,
        description="Flat column → new value (docs/registry.md lists the columns); null clears the fact. "
        'E.g. {"free_area_ha": 95.5}.',
    )
    source_url: str | None = Field(
        default=None, max_length=2000, description="The page that states the facts (http or https)."
    )
    as_of: str = Field(max_length=10, description="When the facts were true: YYYY, YYYY-MM or YYYY-MM-DD.")
    comment: str | None = Field(default=None, max_length=COMMENT_LENGTH, description="For the reviewer.")


class ChangeCreatedOut(BaseModel):
    change_id: int
    state: ChangeState
    href: str = Field(description="Where the change can be read.")


class FactChangeOut(FactDiffOut):
    current: Any = Field(description="The value the registry holds now.")
    clears: bool = Field(description="The change empties a known fact.")
    is_stale: bool = Field(description="The fact was changed by someone else since the change was proposed.")


def fact_change_out(fact: FactChange) -> FactChangeOut:
    return FactChangeOut(column=fact.column, old=fact.old, new=fact.new, current=fact.current,
                         clears=fact.clears, is_stale=fact.is_stale)  # fmt: skip


class DocumentOut(BaseModel):
    sha256: str
    file_name: str
    media_type: str
    size: int = Field(description="Bytes.")


def document_out(document: StoredDocument) -> DocumentOut:
    return DocumentOut(sha256=document.sha256, file_name=document.file_name, media_type=document.media_type,
                       size=document.size)  # fmt: skip


class ChangeOut(BaseModel):
    change_id: int
    zone_id: str
    zone_name: str | None
    kind: ChangeKind = Field(
        description="operator_edit, or bundled_release: a newer bundled release states otherwise than a fact "
        "a user set (approving lets the bundled value win)."
    )
    state: ChangeState
    facts: list[FactChangeOut]
    source_url: str | None
    document: DocumentOut | None
    as_of: str | None
    comment: str | None
    proposed_by: str
    proposed_at: datetime
    decided_by: str | None
    decided_at: datetime | None
    reason: str | None = Field(description="Why it was rejected.")
    version: int | None = Field(description="The zone version its approval wrote.")
    is_stale: bool = Field(
        description="Pending, but a fact it changes was changed since: it cannot be approved."
    )


def change_out(change: ZoneChange) -> ChangeOut:
    document = document_out(change.document) if change.document is not None else None
    return ChangeOut(
        change_id=change.change_id, zone_id=change.zone_id, zone_name=change.zone_name, kind=change.kind,
        state=change.state, facts=[fact_change_out(fact) for fact in change.facts],
        source_url=change.source_url, document=document, as_of=change.as_of, comment=change.comment,
        proposed_by=change.proposed_by, proposed_at=change.proposed_at, decided_by=change.decided_by,
        decided_at=change.decided_at, reason=change.reason, version=change.version, is_stale=change.is_stale,
    )  # fmt: skip


class ChangeListOut(BaseModel):
    items: list[ChangeOut] = Field(description="Pending ones oldest first, decided ones newest first.")


class ApproveIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    ids: list[RowId] = Field(min_length=1, max_length=MAX_IDS, description="The changes to approve, at once.")


class RejectIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # No minimum here: the use case holds the rule (a blank reason is refused there, 409).
    reason: str = Field(max_length=REASON_LENGTH, description="Told to the proposer; required.")


class DecisionOut(BaseModel):
    changes: list[ChangeOut] = Field(description="The decided changes as they are now.")
    letters_sent: int = Field(description="Letters to the proposers the mail server took (0 without one).")


class RevertIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: RowId = Field(description="The version whose facts the zone gets back.")


class RevertOut(BaseModel):
    zone_id: str
    version: int = Field(description="The new version the revert wrote (0: nothing differed).")
    reverted_to: int


class ConfirmOut(BaseModel):
    zone_id: str
    last_confirmed_at: datetime


class ErrorReportIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    message: str = Field(
        max_length=2 * MESSAGE_LENGTH[1],
        description=f"What is wrong, in plain text ({MESSAGE_LENGTH[0]} to {MESSAGE_LENGTH[1]} characters).",
    )
    email: str | None = Field(
        default=None,
        max_length=320,
        description="A reply address; shown only to the operator and secretariat.",
    )


class ReportedOut(BaseModel):
    detail: str
