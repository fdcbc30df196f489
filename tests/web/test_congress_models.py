"""Every field of a Congress core type reaches the API, or is left out on purpose with the reason here.

The API models (`web/congress_models.py`) are the published contract, so they are written out rather than
generated; this test is what makes a new core field one deliberate edit instead of a silent omission.
"""

import dataclasses

import pytest
from pydantic import BaseModel

from sezatlas.congress.agenda import AgendaItem
from sezatlas.congress.dashboard import Dashboard
from sezatlas.congress.model import Meeting, MeetingRequest, Participant
from sezatlas.congress.storage.events import EventSummary
from sezatlas.congress.storage.requests import StoredRequest
from sezatlas.web import congress_models as api

NOT_PUBLISHED = {
    (Participant, "blocked"): "who blocked whom stays with the organiser",
    (AgendaItem, "place"): "published flattened, as hall and table_label",
    (AgendaItem, "is_cancelled"): "published as the agenda's separate `cancelled` list",
    (StoredRequest, "request"): "published flattened: requester, target, status, must-meet, priority",
    (StoredRequest, "event_id"): "the event is in the URL",
    (EventSummary, "latest_version"): "published as latest_schedule_version",
}


@pytest.mark.parametrize(("core", "published"), [
    (Participant, api.ParticipantOut),
    (Meeting, api.MeetingOut),
    (MeetingRequest, api.RequestOut),
    (StoredRequest, api.RequestOut),
    (AgendaItem, api.AgendaItemOut),
    (Dashboard, api.DashboardOut),
    (EventSummary, api.EventSummaryOut),
])  # fmt: skip
def test_every_core_field_is_published_or_left_out_with_a_reason(
    core: type, published: type[BaseModel]
) -> None:
    missing = {
        field.name
        for field in dataclasses.fields(core)
        if field.name not in published.model_fields and (core, field.name) not in NOT_PUBLISHED
    }
    assert missing == set(), f"{core.__name__} fields the API would drop silently: {sorted(missing)}"
