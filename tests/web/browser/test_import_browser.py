"""The secretariat uploads a zones file in chromium, reads the preview, confirms, and sees the counts."""

from pathlib import Path

import pytest
from playwright.sync_api import Browser
from sqlalchemy import Engine

from sezatlas.accounts.actions import create_person
from sezatlas.accounts.roles import Actor, Grant, Role
from sezatlas.store.database import session_factory
from sezatlas.store.zones import get_zone
from tests.accounts.people import PASSWORD
from tests.web.browser.conftest import DESKTOP, copied_registry, log_in
from tests.web.browser.watched_page import watching
from tests.web.conftest import serving

pytestmark = pytest.mark.parametrize("bundled_engine", ["sqlite"], indirect=True)  # a copy of the SQLite file
SCREENSHOTS = Path("test-artifacts/screenshots")
CSV = ("zone_id,country_iso3,name_en,zone_type,area_ha,free_area_ha,source_urls,as_of\n"
       "RUS-001,RUS,Alabuga SEZ,sez,4000,321.5,https://alabuga.ru/en/,2026-12\n")  # fmt: skip


def test_the_secretariat_uploads_previews_and_confirms_an_import(
    browser: Browser, bundled_engine: Engine, tmp_path: Path
) -> None:
    engine = copied_registry(bundled_engine, tmp_path / "registry.sqlite3")
    with session_factory(engine)() as session:
        create_person(session, Actor.command_line(), "sofia@example.org", "sofia", PASSWORD,
                      (Grant(Role.SECRETARIAT),))  # fmt: skip
    upload = tmp_path / "alabuga.csv"
    upload.write_text(CSV, encoding="utf-8")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with serving(engine) as url, watching(browser, url, DESKTOP) as page:  # the file is removed once imported
        log_in(page, "sofia@example.org", "/import")
        page.page.get_by_label("Zones file").set_input_files(str(upload))
        page.page.get_by_role("button", name="Check the file").click()
        preview = page.page.get_by_test_id("import-preview")
        preview.wait_for()
        assert "321.5" in preview.inner_text() and "free_area_ha" in preview.inner_text()
        page.page.screenshot(path=str(SCREENSHOTS / "import-preview-1280.png"), full_page=True)
        with session_factory(engine)() as session:
            zone = get_zone(session, "RUS-001")
            assert zone is not None and zone.land.free_area_ha != 321.5  # nothing written yet
        page.page.get_by_role("button", name="Confirm import").click()
        done = page.page.get_by_test_id("import-done")
        done.wait_for()
        assert "Updated zones: 1" in done.inner_text()
        page.page.screenshot(path=str(SCREENSHOTS / "import-done-1280.png"), full_page=True)
    with session_factory(engine)() as session:
        zone = get_zone(session, "RUS-001")
        assert zone is not None and zone.land.free_area_ha == 321.5
    engine.dispose()
