"""The site navigation marks where the reader is: the current page, or the section a page belongs to."""

import re

import pytest
from fastapi.testclient import TestClient

from sezatlas.web.pages.navigation import NO_ENTRY, CurrentEntry, current_entry

TOP_LEVEL = ["/", "/stats", "/rank", "/incentives", "/passports", "/offers", "/responses", "/congress",
             "/members", "/compare?zones=RUS-001,RUS-002"]  # fmt: skip
NAV = re.compile(r'<nav class="site-nav".*?</nav>', re.S)
MARKED = re.compile(
    r'<a (?:id="compare-link" class="compare-link" )?href="([^"?]*)[^"]*"\s*aria-current="(\w+)"'
)


def marked(client: TestClient, path: str) -> list[tuple[str, str]]:
    """(entry path, aria-current value) of every entry of the navigation the page marks."""
    page = client.get(path)
    assert page.status_code == 200, path
    found = NAV.search(page.text)
    assert found, f"{path} has no site navigation"
    return MARKED.findall(found.group(0))


@pytest.mark.parametrize("lang", ["en", "ru", "ar"])
@pytest.mark.parametrize("path", TOP_LEVEL)
def test_every_top_level_page_marks_itself_and_nothing_else_in_every_language(
    client: TestClient, path: str, lang: str
) -> None:
    joiner = "&" if "?" in path else "?"
    assert marked(client, f"{path}{joiner}lang={lang}") == [(path.partition("?")[0], "page")]


@pytest.mark.parametrize(("path", "section"), [("/zones/RUS-001", "/"), ("/countries/CHN", "/stats")])
def test_a_page_below_an_entry_marks_that_entry_as_the_current_section(
    client: TestClient, path: str, section: str
) -> None:
    assert marked(client, path) == [(section, "true")]


def test_a_page_of_no_entry_marks_none(client: TestClient) -> None:
    assert marked(client, "/login") == []


def test_the_marked_entry_is_styled_without_relying_on_colour(client: TestClient) -> None:
    css = client.get("/static/css/site.css").text
    rule = css[css.index(".site-nav a[aria-current]") :].split("}")[0]
    assert "font-weight: 700" in rule and "border-block-end" in rule  # a bar, mirrored in RTL pages too


def test_current_entry_tells_the_page_from_its_section() -> None:
    assert current_entry("/congress") == CurrentEntry("/congress", "page")
    assert current_entry("/congress/itc-2027/participants/P01") == CurrentEntry("/congress", "true")
    assert current_entry("/compare") == CurrentEntry("/compare", "page")
    assert current_entry("/statistics") == NO_ENTRY  # a prefix of a word is not a section
    assert current_entry("/api/v1/zones") == NO_ENTRY
