"""The country report as documents: the PDF prints Russian, Chinese and Arabic as text with the registry's
figures, and the XLSX annex holds no formula, even for a zone named like one. SQLite only: WeasyPrint takes
seconds per document, and the figures' back-ends are checked in test_report_figures.py."""

import re
from pathlib import Path
from subprocess import run

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine
from typer.testing import CliRunner

from sezatlas.cli import app
from sezatlas.registry.importer import import_file
from sezatlas.registry.statistics import registry_overview
from sezatlas.store.database import transaction
from sezatlas.web.i18n import format_number

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "reports"
SCRIPTS = {"ru": r"[\u0400-\u04FF]", "zh": r"[\u4E00-\u9FFF]", "ar": r"[\u0600-\u06FF]"}
runner = CliRunner()


def _url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


@pytest.mark.parametrize("bundled_engine", ["sqlite"], indirect=True)
def test_the_country_report_prints_each_script_and_the_registrys_figures(
    bundled_engine: Engine, tmp_path: Path
) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with transaction(bundled_engine) as session:
        russia = next(c for c in registry_overview(session).countries if c.iso3 == "RUS")
    zones, coverage = russia.zones, next(r.coverage_pct for r in russia.regimes if r.coverage_pct)
    for lang, letters in SCRIPTS.items():
        pdf = tmp_path / f"rus-{lang}.pdf"
        options = ["--lang", lang, "--as-of", "2099-01-01", "--output", str(pdf)]
        result = runner.invoke(
            app, ["report", "country", "RUS", *options, "--database-url", _url(bundled_engine)]
        )
        assert result.exit_code == 0, result.output
        text = run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert len(re.findall(letters, text)) > 200, f"{lang}: the script does not print as text"
        assert (
            f"{zones}" in text and format_number(coverage, lang, 1) in text
        )  # as the statistics page has them
        assert "https://" in text and "RUS-free-port-vladivostok" in text
        run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", str(pdf), str(ARTIFACTS / f"rus-{lang}")],
            check=True)  # fmt: skip


@pytest.mark.parametrize("registry_engine", ["sqlite"], indirect=True)
def test_the_annex_holds_no_formula_even_for_a_zone_named_like_one(
    registry_engine: Engine, tmp_path: Path
) -> None:
    named = tmp_path / "named.csv"
    formula = '=HYPERLINK("http://example.org","x")'
    named.write_text(
        "zone_id,country_iso3,name_en,zone_type,dataset,source_urls,as_of\n"
        f'RUS-001,RUS,"{formula.replace(chr(34), chr(34) * 2)}",sez,=cmd|calc,https://alabuga.ru/en/,2026-12\n',
        encoding="utf-8",
    )
    import_file(registry_engine, named)
    annex = tmp_path / "rus.xlsx"
    result = runner.invoke(app, ["report", "country", "RUS", "--output", str(annex),
                                 "--database-url", _url(registry_engine)])  # fmt: skip
    assert result.exit_code == 0, result.output
    book = load_workbook(annex)
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    texts = {cell.value for cell in cells if isinstance(cell.value, str)}
    assert any(text.startswith("=") for text in texts)  # the name's text kept, inert
    assert {"Coverage", "Zones", "Regimes", "Matrix", "Incentives", "Sources"} <= set(book.sheetnames)
