"""`sezatlas congress …` end to end on the example files, as an organiser runs the matchmaking."""

from __future__ import annotations

from pathlib import Path

import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from sezatlas.cli import app
from tests.web.browser.documents import pdf_text

EXAMPLES = Path(__file__).parents[2] / "docs" / "examples" / "congress"
runner = CliRunner()


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'congress.sqlite3'}"


def congress(database_url: str, *args: str) -> str:
    result = runner.invoke(app, ["congress", *args, "--database-url", database_url], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result.output


def failing(database_url: str, *args: str) -> str:
    result = runner.invoke(app, ["congress", *args, "--database-url", database_url], env={"COLUMNS": "200"})
    assert result.exit_code != 0, result.output
    return result.output


def imported(database_url: str) -> str:
    files = [str(EXAMPLES / "event.toml"), str(EXAMPLES / "participants.csv")]
    return congress(database_url, "import", *files, "--requests", str(EXAMPLES / "requests.csv"))


def test_import_recommend_request_answer_schedule_and_agenda(database_url: str, tmp_path: Path) -> None:
    assert "Imported event itc-2027 (new), 8 slots: participants 12 new" in imported(database_url)
    recommended = congress(database_url, "recommend", "--participant", "P01", "--top", "3")
    assert "P02" in recommended and "They operate RUS-001, which you listed" in recommended
    assert "pending" in congress(database_url, "request", "P07", "P10")
    assert "accepted" in congress(database_url, "answer", "P07", "P10", "--accept")
    assert "already accepted" in failing(database_url, "answer", "P07", "P10", "--decline")
    assert "Must-meet: P05 ↔ P02" in congress(database_url, "must-meet", "P05", "P02")
    report = congress(database_url, "schedule", "--time-limit", "5", "--method", "greedy")
    figures = ("Schedule version 1", "certified upper bound", "gap (at most)", "mean", "p10", "must-meets",
               "table use", "interpreters en–zh", "unmet requests")  # fmt: skip
    for figure in figures:
        assert figure in report, figure
    agenda = congress(database_url, "agenda", "P10")
    assert "Shenzhen Lithium Energy (fictional)" in agenda and "en–zh" in agenda
    calendar = tmp_path / "p10.ics"
    congress(database_url, "agenda", "P10", "--output", str(calendar))
    assert len(list(Calendar.from_ical(calendar.read_bytes()).walk("VEVENT"))) == 2  # P11 and P07
    document = tmp_path / "p10.pdf"
    congress(database_url, "agenda", "P10", "--format", "pdf", "--output", str(document), "--lang", "en")
    text = pdf_text(document.read_bytes(), tmp_path)
    assert "Gulf Investment Promotion Agency (fictional)" in text and "Delta Cotton Mills (fictional)" in text
    plan = congress(database_url, "tables")
    assert "Hall A, table 1" in plan and "P10" in plan


def test_reschedule_after_a_cancellation_and_a_late_arrival(database_url: str) -> None:
    imported(database_url)
    congress(database_url, "schedule", "--time-limit", "5")
    output = congress(database_url, "reschedule", "--cancel", "P08", "--late", "P05:5", "--time-limit", "5")
    assert "moved or dropped" in output and "Schedule version 2" in output and "meetings moved" in output
    agenda = congress(database_url, "agenda", "P02")
    assert "version 2" in agenda and "no longer scheduled: P08" in agenda
    assert "P08" not in congress(database_url, "tables")
    assert "write ID:SLOT" in failing(database_url, "reschedule", "--late", "P05")
    assert "not participants" in failing(database_url, "reschedule", "--cancel", "P99")


def test_a_bad_participants_file_is_rejected_with_row_and_field(database_url: str, tmp_path: Path) -> None:
    bad = tmp_path / "participants.csv"
    text = (EXAMPLES / "participants.csv").read_text(encoding="utf-8")
    bad.write_text(text.replace(",investor,CHN,", ",investr,CHN,"), encoding="utf-8")
    output = failing(database_url, "import", str(EXAMPLES / "event.toml"), str(bad))
    assert "error: 1 problem, nothing was written" in output
    assert "participants.csv, row 2, field role: 'investr' is not a role" in output
    assert "no Congress event yet" in failing(database_url, "schedule", "--time-limit", "5")


def test_a_dry_run_writes_nothing(database_url: str) -> None:
    files = [str(EXAMPLES / "event.toml"), str(EXAMPLES / "participants.csv")]
    assert "Would import event itc-2027" in congress(database_url, "import", *files, "--dry-run")
    assert "no Congress event yet" in failing(database_url, "tables")


def test_commands_before_a_schedule_say_what_to_do(database_url: str) -> None:
    imported(database_url)
    assert "no published schedule" in failing(database_url, "agenda", "P01")
    assert "requester: P99 is not a participant of event itc-2027" in failing(
        database_url, "request", "P99", "P01"
    )
    assert "has not asked" in failing(database_url, "answer", "P01", "P12", "--accept")
    assert "event nope not found" in failing(database_url, "tables", "--event", "nope")


def test_an_agenda_file_is_refused_up_front_when_its_extension_is_not_ics_or_pdf(
    database_url: str, tmp_path: Path
) -> None:
    target = tmp_path / "p10.docx"
    assert "error: --output" in failing(database_url, "agenda", "P10", "--output", str(target))
    assert "write .ics or .pdf" in failing(database_url, "agenda", "P10", "-o", str(target))
    mismatch = failing(database_url, "agenda", "P10", "--format", "pdf", "-o", str(tmp_path / "p10.ics"))
    assert "the pdf format is written to a .pdf file" in mismatch
    assert not target.exists()


def test_a_lookup_error_is_one_line_without_a_traceback(database_url: str) -> None:
    imported(database_url)
    result = runner.invoke(app, ["congress", "tables", "--event", "nope", "--database-url", database_url])
    assert result.exit_code == 1 and result.stderr == "error: event nope not found\n"
