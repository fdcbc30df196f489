"""No page shows an internal regime id or a path in a rules file, in any of the five languages.

The browser journeys check the compare and incentives pages as rendered (test_browser_decisions.py);
this walks every other page a visitor reaches from the navigation, as served, so a new page or a new
sentence cannot bring `BRA-zpe` or `cit.phases[0]` back unnoticed (issue 15).
"""

import html
import re

import pytest
from fastapi.testclient import TestClient

from sezatlas.web.i18n import LANGUAGES
from tests.web.browser.test_browser_decisions import FIELD_PATH, REGIME_ID

pytestmark = pytest.mark.parametrize("bundled_engine", ["sqlite"], indirect=True)

PAGES = ["/", "/?q=Alabuga", "/?country=BRA&isic=27", "/zones/RUS-001", "/zones/BRA-001",
         "/zones/CHN-HTZ-001", "/stats", "/countries/RUS", "/rank", "/incentives", "/congress",
         "/members", "/incentives/matrix"]  # fmt: skip
TAGS = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.DOTALL)


def visible_text(page: str) -> str:
    """The page's text as a reader gets it: no markup, no scripts or styles, entities decoded."""
    return html.unescape(TAGS.sub(" ", page))


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_no_page_shows_a_regime_id_or_a_rules_path(client: TestClient, lang: str) -> None:
    for path in PAGES:
        response = client.get(path, params={"lang": lang})
        assert response.status_code == 200, path
        text = visible_text(response.text)
        assert not REGIME_ID.findall(text), f"{lang} {path}: regime ids shown: {set(REGIME_ID.findall(text))}"
        assert not FIELD_PATH.findall(text), (
            f"{lang} {path}: rules paths shown: {set(FIELD_PATH.findall(text))}"
        )
