"""Control characters in the organiser's files are refused like any bad value, and nothing is written.

A NUL in an organisation name used to crash the PostgreSQL import with a raw traceback. The rule
(docs/congress.md): no control character but tab and line breaks in text, none at all in an id.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from sezatlas.congress.event_import import CongressImportRejected, import_congress
from sezatlas.congress.files.event_file import EventFileError, event_from_dict
from sezatlas.congress.files.participants import ImportRejected, read_participants, read_requests
from sezatlas.congress.storage.events import list_events
from sezatlas.store.database import transaction

EXAMPLES = Path(__file__).parents[2] / "docs" / "examples" / "congress"
EVENT, PARTICIPANTS, REQUESTS = (
    EXAMPLES / name for name in ("event.toml", "participants.csv", "requests.csv")
)
P04 = "P04,Autopeças Horizonte (fictional),manufacturer"


def edited(folder: Path, source: Path, old: str, new: str) -> Path:
    text = source.read_text(encoding="utf-8")
    assert old in text
    target = folder / source.name
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


def problems_of(path: Path) -> list[tuple[int | None, str | None, str | None]]:
    with pytest.raises(ImportRejected) as caught:
        read_participants(path)
    return [(p.row, p.field, p.value) for p in caught.value.report.problems]


def test_a_nul_in_an_organisation_is_named_by_row_and_field(tmp_path: Path) -> None:
    path = edited(tmp_path, PARTICIPANTS, P04, "P04,Autope\x00ças Horizonte (fictional),manufacturer")
    assert problems_of(path) == [(5, "organisation", "Autope\\x00ças Horizonte (fictional)")]


def test_an_id_may_hold_no_tab_while_free_text_may(tmp_path: Path) -> None:
    path = edited(tmp_path, PARTICIPANTS, P04, '"P0\t4","Autopeças\tHorizonte",manufacturer')
    assert problems_of(path) == [(5, "participant_id", "P0\\x094")]


def test_a_nul_in_a_request_is_refused(tmp_path: Path) -> None:
    path = edited(tmp_path, REQUESTS, "P01,P02,accepted", "P01,P02,accep\x00ted")
    people = read_participants(PARTICIPANTS)
    with pytest.raises(ImportRejected) as caught:
        read_requests(path, {p.participant_id for p in people})
    assert "\x00" not in str(caught.value)
    assert (2, "status", "accep\\x00ted") in [(p.row, p.field, p.value) for p in caught.value.report.problems]


def test_an_event_name_with_a_control_character_is_refused() -> None:
    with pytest.raises(EventFileError) as caught:
        event_from_dict({"name": "Congress\x07", "timezone": "Europe/Moscow", "slot_minutes": 30,
                         "tables_per_slot": 2, "slots": ["2027-06-08T10:00:00"]})  # fmt: skip
    assert "key name:" in str(caught.value) and "U+0007" in str(caught.value)


def test_the_import_with_a_nul_writes_nothing(empty_engine: Engine, tmp_path: Path) -> None:
    bad = edited(tmp_path, PARTICIPANTS, P04, "P04,Autopeças\x00,manufacturer")
    with pytest.raises(CongressImportRejected) as caught:
        import_congress(empty_engine, EVENT, bad, REQUESTS)
    assert (
        "participants.csv, row 5, field organisation: holds the control character U+0000"
        in caught.value.format()
    )
    with transaction(empty_engine) as session:
        assert list_events(session) == []
