"""The example Congress of docs/examples/congress, imported into a test database as an organiser would."""

from pathlib import Path

from sqlalchemy import Engine

from sezatlas.congress.event_import import import_congress

EXAMPLES = Path(__file__).resolve().parents[3] / "docs" / "examples" / "congress"
EVENT_ID = "itc-2027"
EVENT = f"/congress/{EVENT_ID}"


def import_example(engine: Engine) -> None:
    """The event file, its 12 participants and 7 requests (`sezatlas congress import ... --requests`)."""
    import_congress(engine, EXAMPLES / "event.toml", EXAMPLES / "participants.csv", EXAMPLES / "requests.csv")


def participant_page(participant_id: str) -> str:
    return f"{EVENT}/participants/{participant_id}"
