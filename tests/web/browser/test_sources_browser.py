"""The secretariat opens the harvested sources and a failed run's report in chromium, in five languages."""

from pathlib import Path

from playwright.sync_api import Browser

from sezatlas.accounts.actions import create_person
from sezatlas.accounts.roles import Actor, Grant, Role
from sezatlas.store.database import make_engine, session_factory, upgrade
from tests.accounts.people import PASSWORD
from tests.web.browser.conftest import DESKTOP, PHONE, log_in
from tests.web.browser.watched_page import watching
from tests.web.conftest import serving
from tests.web.test_sources_pages import _harvested

HEADINGS = {
    "en": "Harvested sources",
    "ru": "Источники сбора данных",
    "zh": "采集来源",
    "pt": "Fontes coletadas",
    "ar": "مصادر الجمع",
}
FAILED = {"en": "failed, nothing written", "ru": "ошибка, ничего не записано", "zh": "失败，未写入任何内容",
          "pt": "falhou, nada gravado", "ar": "فشل، لم يُكتب شيء"}  # fmt: skip


def test_the_secretariat_reads_sources_and_runs_in_five_languages(browser: Browser, tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'association.sqlite3'}")
    upgrade(engine)
    _harvested(engine, tmp_path)
    with session_factory(engine)() as session:
        create_person(session, Actor.command_line(), "sofia@example.org", "sofia", PASSWORD,
                      (Grant(Role.SECRETARIAT),))  # fmt: skip
    with serving(engine) as url, watching(browser, url, DESKTOP) as page:
        log_in(page, "sofia@example.org", "/sources")
        for lang, heading in HEADINGS.items():
            page.goto(f"/sources?lang={lang}")
            assert page.page.get_by_role("heading", level=1).inner_text() == heading
            statuses = page.page.get_by_test_id("run-status").all_inner_texts()
            assert FAILED[lang] in statuses and len(statuses) == 2
            assert (page.page.locator("html").get_attribute("dir") == "rtl") == (lang == "ar")
            page.screenshot(f"sources-{lang}-1280")
        page.goto("/sources/zaf-package?lang=ar")
        rejected = page.page.get_by_test_id("run-rejected")
        assert "row 3 of zones.csv" in rejected.inner_text() and "latitude" in rejected.inner_text()
        page.screenshot("source-failed-run-ar-1280")
    with serving(engine) as url, watching(browser, url, PHONE) as phone:
        log_in(phone, "sofia@example.org", "/sources")
        phone.assert_fits([("/sources?lang=ru", "sources-ru-375", "[data-testid=sources]"),
                           ("/sources/zaf-node?lang=ar", "source-ar-375", "[data-testid=run]")])  # fmt: skip
    engine.dispose()
