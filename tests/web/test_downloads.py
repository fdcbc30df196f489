"""Downloads are named per RFC 6266/5987, whatever letters the name holds (SQLite and PostgreSQL).

A participant id in Cyrillic used to make its `.ics` download a 500 (an HTTP header is Latin-1), and one
holding a quote broke out of `filename="..."`.
"""

from __future__ import annotations

from email.message import Message
from email.utils import collapse_rfc2231_value
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from sezatlas.congress.model import Participant, Role
from sezatlas.congress.storage.events import upsert_participants
from sezatlas.store.database import transaction
from sezatlas.web.app import create_app
from sezatlas.web.downloads import ascii_fallback, attachment
from tests.congress.congress_data import EVENT_ID, EVERY_SLOT, PEOPLE, publish, store_congress

ODD_IDS = ['Иван "Ли"; 李', "Zoë; x=1", '\\"; filename=evil.exe']


def parameters(header: str) -> dict[str, str]:
    """The header's parameters as the standard library's MIME parser reads them (RFC 2231 decoded)."""
    message = Message()
    message["Content-Disposition"] = header
    found = {}
    for name, value in message.get_params(header="content-disposition")[1:]:
        found[name + ("*" if isinstance(value, tuple) else "")] = collapse_rfc2231_value(value)
    return found


@pytest.mark.parametrize("name", ["sez-atlas-comparison.xlsx", *ODD_IDS, "日本語.pdf"])
def test_every_name_round_trips_through_the_header(name: str) -> None:
    header = attachment(name)["Content-Disposition"]
    header.encode("ascii")  # a header must be Latin-1; this one is plain ASCII
    assert header.startswith("attachment; ")
    assert parameters(header) == {"filename": ascii_fallback(name), "filename*": name}
    assert not set('"\\;%') & set(ascii_fallback(name))


def test_the_fallback_keeps_what_ascii_can_say() -> None:
    assert ascii_fallback("Zoë Café-1.ics") == "Zoe Cafe-1.ics"
    assert ascii_fallback("李.ics") == "_.ics"


@pytest.fixture
def odd_api(empty_engine: Engine) -> TestClient:
    store_congress(empty_engine)
    extra = [Participant(pid, f"Org {n}", Role.INVESTOR, "RUS", ("ru",), available_slots=EVERY_SLOT)
             for n, pid in enumerate(ODD_IDS)]  # fmt: skip
    with transaction(empty_engine) as session:
        upsert_participants(session, EVENT_ID, [*PEOPLE.values(), *extra])
    publish(empty_engine)
    return TestClient(create_app(empty_engine))


@pytest.mark.parametrize("pid", ODD_IDS)
def test_an_agenda_of_a_participant_with_any_id_downloads(odd_api: TestClient, pid: str) -> None:
    response = odd_api.get(
        f"/api/v1/congress/events/{EVENT_ID}/participants/{quote(pid, safe='')}/agenda.ics"
    )
    assert response.status_code == 200
    header = response.headers["content-disposition"]
    assert parameters(header)["filename*"] == f"{EVENT_ID}-{pid}.ics"
    assert header.count('"') == 2  # the fallback's own quotes: nothing broke out of them
