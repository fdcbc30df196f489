"""A published passport's PDF in every language of the pages (issue 17, acceptance: "its PDF rendered in
Chinese and Arabic, pdftotext shows the right script"): the text poppler reads back is in the language's
script, carries the translated headings and the passport's own title, and the download is named safely.
"""

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from sezatlas.accounts.roles import Grant, Role
from sezatlas.passports.authoring import save_draft, submit_draft
from sezatlas.passports.review import publish_passport
from sezatlas.standard.passport import Passport
from sezatlas.store.database import session_factory
from sezatlas.web.app import create_app
from sezatlas.web.i18n import translations
from tests.inquiries.test_inquiries import SECRETARIAT, person
from tests.passports.test_passports import CELLS
from tests.web.browser.documents import pdf_text

TITLE = "Kama lithium-cell works QX-7"  # distinctive: found in the PDF's text, nowhere else
CJK = re.compile(r"[\u4e00-\u9fff]")
ARABIC = re.compile(r"[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff]")
HEADINGS = ("Investment project passport", "Incentives that apply", "Land and utilities")


def _published(engine: Engine) -> int:
    with session_factory(engine)() as session:
        keeper = person(session, "desk@example.org", Grant(Role.ZONE_OPERATOR, "RUS-001"))
        passport_id = save_draft(session, keeper, Passport.model_validate({**CELLS, "title": TITLE}))
        submit_draft(session, keeper, passport_id)
        publish_passport(session, SECRETARIAT, passport_id)
    return passport_id


def _pdf(engine: Engine, passport_id: int, lang: str, folder: Path) -> str:
    response = TestClient(create_app(engine)).get(f"/passports/{passport_id}.pdf", params={"lang": lang})
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment;") and f'"sez-atlas-passport-{passport_id}-' in disposition
    assert disposition.endswith(f"-{lang}.pdf")
    return pdf_text(response.content, folder)


@pytest.mark.parametrize("registry_engine", ["sqlite"], indirect=True)
def test_the_pdf_in_chinese_and_arabic_is_in_their_scripts(registry_engine: Engine, tmp_path: Path) -> None:
    passport_id = _published(registry_engine)
    chinese = _pdf(registry_engine, passport_id, "zh", tmp_path)
    assert "投资项目护照" in chinese and TITLE in chinese  # the heading: "investment project passport"
    assert len(CJK.findall(chinese)) > 50
    arabic = _pdf(registry_engine, passport_id, "ar", tmp_path)
    assert len(ARABIC.findall(arabic)) > 50 and TITLE in arabic
    assert not CJK.search(arabic)


@pytest.mark.parametrize("registry_engine", ["sqlite"], indirect=True)
def test_the_pdf_carries_the_translated_headings(registry_engine: Engine, tmp_path: Path) -> None:
    passport_id = _published(registry_engine)
    for lang in ("en", "ru", "pt"):
        text = " ".join(_pdf(registry_engine, passport_id, lang, tmp_path).split())
        assert TITLE in text, lang
        for heading in HEADINGS:
            translated = translations(lang).gettext(heading)
            assert lang == "en" or translated != heading, f"{lang}: {heading!r} is not translated"
            assert translated in text, f"{lang}: {translated!r} is not in the PDF"
