"""Which event and which participants a use case is about: the lookups every Congress use case shares."""

from sqlalchemy.orm import Session

from sezatlas.congress.storage.events import default_event_id, load_event


class NotAParticipantError(ValueError):
    """An id that is not a participant of the event, given where a participant is expected."""


def event_or_latest(session: Session, event_id: str | None) -> str:
    """The event named, checked to exist; or, when none is named, the most recently imported one."""
    if event_id is None:
        return default_event_id(session)
    load_event(session, event_id)
    return event_id
