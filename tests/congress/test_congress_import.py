"""Importing a Congress is all or nothing, and what comes back is what the files said (both back-ends)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from sezatlas.congress.event_import import CongressImportRejected, import_congress
from sezatlas.congress.files.event_file import read_event_file
from sezatlas.congress.files.participants import read_participants, read_requests
from sezatlas.congress.model import RequestStatus
from sezatlas.congress.scheduling.solve import schedule_event
from sezatlas.congress.storage.events import list_events, set_available_slots
from sezatlas.congress.storage.requests import answer_request, find_request
from sezatlas.congress.storage.schedules import StoredCongress, load_congress, save_schedule
from sezatlas.store.database import transaction

EXAMPLES = Path(__file__).parents[2] / "docs" / "examples" / "congress"
EVENT, PARTICIPANTS, REQUESTS = (
    EXAMPLES / name for name in ("event.toml", "participants.csv", "requests.csv")
)


def stored(engine: Engine) -> StoredCongress:
    with transaction(engine) as session:
        return load_congress(session, "itc-2027")


def broken_copy(folder: Path, source: Path, old: str, new: str) -> Path:
    text = source.read_text(encoding="utf-8")
    assert old in text
    target = folder / source.name
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


def test_the_example_files_come_back_as_they_were_read(empty_engine: Engine) -> None:
    result = import_congress(empty_engine, EVENT, PARTICIPANTS, REQUESTS)
    assert (result.event_id, result.is_new_event, result.slot_count) == ("itc-2027", True, 8)
    assert (result.participants.inserted, result.requests and result.requests.inserted) == (12, 7)
    congress = stored(empty_engine)
    config = read_event_file(EVENT)
    people = read_participants(PARTICIPANTS, config.event.slot_count)
    assert congress.config == config
    assert congress.participants == tuple(sorted(people, key=lambda p: p.participant_id))
    assert congress.requests == tuple(read_requests(REQUESTS, {p.participant_id for p in people}))
    again = import_congress(empty_engine, EVENT, PARTICIPANTS, REQUESTS)
    assert not again.is_new_event and again.participants.unchanged == 12
    assert again.requests is not None and again.requests.unchanged == 7


def test_a_bad_participants_file_changes_nothing(empty_engine: Engine, tmp_path: Path) -> None:
    import_congress(empty_engine, EVENT, PARTICIPANTS, REQUESTS)
    before = stored(empty_engine)
    bad = broken_copy(
        tmp_path,
        PARTICIPANTS,
        "P04,Autopeças Horizonte (fictional),manufacturer,BRA",
        "P04,Autopeças Horizonte (fictional),manufacturer,BRAZ",
    )
    bad = broken_copy(
        tmp_path,
        bad,
        "Delta Cotton Mills (fictional),manufacturer,EGY,ar;en,HS:5205",
        "Delta Cotton Mills (fictional),manufacturer,EGY,ar;en,HS:5205;HS:0000",
    )
    with pytest.raises(CongressImportRejected) as caught:
        import_congress(empty_engine, EVENT, bad, REQUESTS)
    lines = caught.value.format().splitlines()
    assert any(line.startswith("participants.csv, row 5, field country: 'BRAZ'") for line in lines)
    assert any(line.startswith("participants.csv, row 8, field offer_codes:") for line in lines)
    assert stored(empty_engine) == before


def test_problems_of_every_file_are_reported_together_and_nothing_is_written(
    empty_engine: Engine, tmp_path: Path
) -> None:
    event = broken_copy(tmp_path, EVENT, 'timezone = "Europe/Moscow"', 'timezone = "Europe/Mosow"')
    people = broken_copy(tmp_path, PARTICIPANTS, ",investor,CHN,", ",investr,CHN,")
    with pytest.raises(CongressImportRejected) as caught:
        import_congress(empty_engine, event, people, REQUESTS)
    text = caught.value.format()
    assert "event.toml, field timezone: 'Europe/Mosow' is not an IANA time zone" in text
    assert (
        "participants.csv, row 2, field role: 'investr' is not a role" in text
        and "did you mean 'investor'" in text
    )
    with transaction(empty_engine) as session:
        assert list_events(session) == []


def test_requests_naming_unknown_participants_are_refused(empty_engine: Engine, tmp_path: Path) -> None:
    requests = broken_copy(tmp_path, REQUESTS, "P04,P05,accepted", "P04,P99,accepted")
    with pytest.raises(CongressImportRejected, match=r"requests\.csv, row 4, field target: 'P99'"):
        import_congress(empty_engine, EVENT, PARTICIPANTS, requests)


def test_a_dry_run_counts_and_writes_nothing(empty_engine: Engine) -> None:
    result = import_congress(empty_engine, EVENT, PARTICIPANTS, REQUESTS, dry_run=True)
    assert result.dry_run and result.participants.inserted == 12
    with transaction(empty_engine) as session:
        assert list_events(session) == []


def test_reimporting_the_requests_file_keeps_answers_given_since(empty_engine: Engine) -> None:
    import_congress(empty_engine, EVENT, PARTICIPANTS, REQUESTS)
    with transaction(empty_engine) as session:
        pending = find_request(session, "itc-2027", "P07", "P06")
        assert pending is not None
        answer_request(session, "itc-2027", pending.request_id, accept=True)
    import_congress(empty_engine, EVENT, PARTICIPANTS, REQUESTS)
    with transaction(empty_engine) as session:
        kept = find_request(session, "itc-2027", "P07", "P06")
    assert kept is not None and kept.request.status is RequestStatus.ACCEPTED


def test_an_event_update_may_not_drop_slots_a_published_schedule_uses(
    empty_engine: Engine, tmp_path: Path
) -> None:
    import_congress(empty_engine, EVENT, PARTICIPANTS, REQUESTS)
    with transaction(empty_engine) as session:
        set_available_slots(session, "itc-2027", "P01", [6])
        congress = load_congress(session, "itc-2027")
    result = schedule_event(congress.participants, congress.config.event, congress.requests, method="greedy")
    with transaction(empty_engine) as session:
        save_schedule(session, "itc-2027", result, {})
    text = EVENT.read_text(encoding="utf-8").replace("ru-zh = [0, 0, 0, 0, 1, 1, 1, 1]", "ru-zh = 1")
    one_day = tmp_path / "event.toml"  # day 2's session moves to day 1, 16:00-17:00: six slots in all
    day_2 = 'day = 2027-06-09\nstart = "10:00"\nend = "12:00"'
    one_day.write_text(
        text.replace(day_2, 'day = 2027-06-08\nstart = "16:00"\nend = "17:00"'), encoding="utf-8"
    )
    assert read_event_file(one_day).event.slot_count == 6
    with pytest.raises(CongressImportRejected, match="has meetings in slot 6; keep at least 7 slots"):
        import_congress(empty_engine, one_day, PARTICIPANTS)
