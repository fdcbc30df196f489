"""A participant finds their own page from the Congress page, by organisation or id, without an account;
the finder shows no more than the participant pages already do (organisation and id), on the example event.
"""

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from sezatlas.congress.finder import MAX_FOUND, match_participants
from sezatlas.congress.model import Participant, Role
from sezatlas.web.app import create_app
from tests.web.browser.congress_example import EVENT_ID, import_example, participant_page

RESULTS = re.compile(r'<ul class="people" data-testid="finder-results">(.*?)</ul>', re.S)
OUTCOME = re.compile(r'data-testid="finder-outcome">(.*?)</p>', re.S)


@pytest.fixture
def visitor(empty_engine: Engine) -> Iterator[TestClient]:
    """Anyone: no account, no session."""
    import_example(empty_engine)
    with TestClient(create_app(empty_engine)) as client:
        yield client


def find(visitor: TestClient, query: str, lang: str = "en") -> tuple[str, str]:
    """What the Congress page says for `query`, and the list of what it found ("" for none)."""
    page = visitor.get("/congress", params={"event": EVENT_ID, "q": query, "lang": lang})
    assert page.status_code == 200
    outcome = OUTCOME.search(page.text)
    results = RESULTS.search(page.text)
    return (outcome.group(1) if outcome else ""), (results.group(1) if results else "")


def test_the_congress_page_offers_a_finder_with_its_form_before_any_search(visitor: TestClient) -> None:
    page = visitor.get("/congress").text
    assert 'role="search"' in page and 'name="q"' in page and f'name="event" value="{EVENT_ID}"' in page
    assert 'data-testid="finder-outcome"' not in page


def test_a_participant_finds_their_page_by_organisation_whatever_the_case_and_accents(
    visitor: TestClient,
) -> None:
    outcome, found = find(visitor, "autopecas HORIZONTE")
    assert outcome == "1 participant matches “autopecas HORIZONTE”:"
    assert f'<a href="{participant_page("P04")}" dir="auto">Autopeças Horizonte (fictional)</a>' in found
    assert visitor.get(participant_page("P04")).status_code == 200  # the page opens without an account


def test_a_participant_id_finds_its_page_first(visitor: TestClient) -> None:
    _, found = find(visitor, "p05")
    assert found.count("<li>") == 1 and "Deccan Forgings (fictional)" in found and ">P05<" in found


def test_the_finder_shows_organisation_and_id_only(visitor: TestClient) -> None:
    _, found = find(visitor, "Autopeças")
    assert "Fabricamos autopeças" not in found and "BRA" not in found and "Brazil" not in found
    assert re.findall(r"<li>.*?</li>", found, re.S) == [
        f'<li><a href="{participant_page("P04")}" dir="auto">Autopeças Horizonte (fictional)</a> '
        '<span class="meta" dir="ltr">P04</span></li>'
    ]


def test_a_one_letter_query_lists_nobody_and_says_how_much_to_type(visitor: TestClient) -> None:
    outcome, found = find(visitor, "a")
    assert found == "" and outcome.startswith("Type at least 2 characters")


def test_a_query_nobody_matches_says_so(visitor: TestClient) -> None:
    outcome, found = find(visitor, "Narnia Steel")
    assert found == "" and outcome.startswith("No participant of this event matches “Narnia Steel”")


@pytest.mark.parametrize(
    ("lang", "query", "expected"),
    [
        ("ru", "deccan", "1 участник соответствует запросу «deccan»:"),
        ("ru", "industrial", "2 участника соответствуют запросу «industrial»:"),
        ("ru", "fictional", "12 участников соответствуют запросу «fictional»:"),
        ("ar", "deccan", "1 مشارك يطابق «deccan»:"),
        ("ar", "industrial", "2 مشاركان يطابقان «industrial»:"),
        ("ar", "fictional", "12 مشاركًا يطابقون «fictional»:"),
        ("zh", "fictional", "有 12 位参会者与“fictional”匹配："),
    ],
)
def test_the_number_found_takes_each_languages_plural_form(
    visitor: TestClient, lang: str, query: str, expected: str
) -> None:
    assert find(visitor, query, lang)[0] == expected


def test_the_api_finds_the_same_participants(visitor: TestClient) -> None:
    found = visitor.get(f"/api/v1/congress/events/{EVENT_ID}/participants", params={"q": "industrial"}).json()
    assert sorted(p["participant_id"] for p in found) == ["P08", "P09"]
    assert visitor.get("/api/v1/congress/events/no-such-event/participants?q=steel").status_code == 404


def test_an_unknown_event_is_a_404_page(visitor: TestClient) -> None:
    assert visitor.get("/congress", params={"event": "no-such-event", "q": "steel"}).status_code == 404


def test_at_most_max_found_are_listed_best_first() -> None:
    people = [
        Participant(f"P{i:03}", f"Steel works {i:03}", Role.MANUFACTURER, "RUS", ("en",)) for i in range(30)
    ]
    people.append(Participant("steel", "Zeta Forgings", Role.MANUFACTURER, "IND", ("en",)))
    found = match_participants(people, "Steel")
    assert found.total == 31 and len(found.people) == MAX_FOUND
    assert found.people[0].participant_id == "steel"  # the id itself, then names that start with it
    assert [p.organisation for p in found.people[1:3]] == ["Steel works 000", "Steel works 001"]
