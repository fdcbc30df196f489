"""Importing participants and meeting requests: every bad value is named, and nothing is half-read."""

from pathlib import Path

import pytest
from openpyxl import Workbook

from sezatlas.congress.files.participants import (
    PARTICIPANT_COLUMNS,
    REQUEST_COLUMNS,
    ImportRejected,
    read_participants,
    read_requests,
)
from sezatlas.congress.matching.reasons import ReasonKind
from sezatlas.congress.matching.recommend import recommend
from sezatlas.congress.model import RequestStatus, Role
from sezatlas.registry.bundled import load_bundled_registry

ROOT = Path(__file__).parents[2]
EXAMPLES = ROOT / "docs" / "examples" / "congress"
HEADER = ",".join(PARTICIPANT_COLUMNS)
GOOD_ROWS = [
    "P1,Volga Parts,manufacturer,RU,ru;en,HS:8708.29;ISIC:2930,ISIC:24,Автокомпоненты,Steel,,,0-3;6,5,",
    "P2,Alabuga desk,Zone Operator,RUS,ru,,,Площадки,Investors,,rus-001,,,P1",
    'P3,"Cape Capital, Ltd",investor,ZA,en,,,Equity,"Site, near a port",RUS-001;ZAF-001,,7,0,',
]


def write(tmp_path: Path, text: str, name: str = "participants.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def participants_csv(tmp_path: Path, *rows: str, header: str = HEADER) -> Path:
    return write(tmp_path, "\n".join([header, *rows]) + "\n")


def problems(path: Path, slot_count: int | None = None) -> list[tuple[int | None, str | None, str]]:
    with pytest.raises(ImportRejected) as caught:
        read_participants(path, slot_count)
    return [(p.row, p.field, p.reason) for p in caught.value.report.problems]


def test_a_good_file_gives_participants_with_every_field_parsed(tmp_path: Path) -> None:
    people = read_participants(participants_csv(tmp_path, *GOOD_ROWS), slot_count=8)

    first, second, third = people
    assert (first.country, first.languages, first.role) == ("RUS", ("ru", "en"), Role.MANUFACTURER)
    assert first.offer_codes == ("HS:870829", "ISIC:2930")
    assert first.available_slots == frozenset({0, 1, 2, 3, 6})
    assert first.max_meetings == 5
    assert second.role is Role.ZONE_OPERATOR
    assert second.operated_zones == ("RUS-001",)
    assert second.available_slots == frozenset(range(8))  # blank: every slot of the event
    assert second.max_meetings == 8
    assert second.blocked == frozenset({"P1"})
    assert third.organisation == "Cape Capital, Ltd"
    assert third.zones_of_interest == ("RUS-001", "ZAF-001")
    assert (third.country, third.max_meetings, third.available_slots) == ("ZAF", 0, frozenset({7}))


def test_a_utf8_file_with_a_byte_order_mark_reads_like_one_without(tmp_path: Path) -> None:
    plain = read_participants(participants_csv(tmp_path, *GOOD_ROWS))
    bom = read_participants(write(tmp_path, "\ufeff" + "\n".join([HEADER, *GOOD_ROWS]), "bom.csv"))
    assert bom == plain


def test_an_xlsx_workbook_reads_like_the_csv(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(list(PARTICIPANT_COLUMNS))
    sheet.append(["P1", "Volga Parts", "manufacturer", "RUS", "ru", "HS:8708", None, "Автокомпоненты", None,
                  None, None, "0-3", 5, None])  # fmt: skip
    sheet.append(["P2", "Nile Mills", "manufacturer", "EG", "ar;en", None, "ISIC:2826", None, "معدات الغزل",
                  None, None, 4, 6.0, "P1"])  # fmt: skip
    path = tmp_path / "participants.xlsx"
    book.save(path)

    first, second = read_participants(path)

    assert first.max_meetings == 5 and first.available_slots == frozenset(range(4))
    assert second.need_codes == ("ISIC:2826",)
    assert second.available_slots == frozenset({4}) and second.max_meetings == 6
    assert second.blocked == frozenset({"P1"})


@pytest.mark.parametrize(
    ("row", "field", "reason"),
    [
        ("P9,Org,buyer,RUS,en,,,,,,,,,", "role", "'buyer' is not a role; use one of investor"),
        ("P9,Org,investr,RUS,en,,,,,,,,,", "role", "did you mean 'investor'?"),
        ("P9,Org,investor,Russia,en,,,,,,,,,", "country", "not an ISO 3166 country code"),
        ("P9,Org,investor,XXX,en,,,,,,,,,", "country", "alpha-3 like RUS"),
        ("P9,Org,investor,RUS,english,,,,,,,,,", "languages", "not an ISO 639-1 language code"),
        ("P9,Org,investor,RUS,en;xx,,,,,,,,,", "languages", "'xx' is not an ISO 639-1"),
        ("P9,Org,investor,RUS,,,,,,,,,,", "languages", "a required value is missing"),
        ("P9,,investor,RUS,en,,,,,,,,,", "organisation", "a required value is missing"),
        ("P9,Org,investor,RUS,en,8708,,,,,,,,", "offer_codes", "must start with HS: or ISIC:"),
        (
            "P9,Org,investor,RUS,en,,HS:8799,,,,,,,",
            "need_codes",
            "not an HS 2022 chapter, heading or subheading",
        ),
        ("P9,Org,investor,RUS,en,,ISIC:9999,,,,,,,", "need_codes", "not an ISIC Rev.4 code"),
        ("P9,Org,investor,RUS,en,,,,,Alabuga,,,,", "zones_of_interest", "not a zone id"),
        ("P9,Org,zone_operator,RUS,en,,,,,,RUS_001,,,", "operated_zones", "not a zone id"),
        ("P9,Org,investor,RUS,en,,,,,,,mornings,,", "available_slots", "not a slot number or a range"),
        ("P9,Org,investor,RUS,en,,,,,,,5-2,,", "available_slots", "backwards range"),
        ("P9,Org,investor,RUS,en,,,,,,,0-9,,", "available_slots", "beyond the event's slots 0..7"),
        ("P9,Org,investor,RUS,en,,,,,,,,-1,", "max_meetings", "negative"),
        ("P9,Org,investor,RUS,en,,,,,,,,many,", "max_meetings", "not a whole number"),
        ("P9,Org,investor,RUS,en,,,,,,,,2.5,", "max_meetings", "not a whole number"),
        ("P9,Org,investor,RUS,en,,,,,,,,,P77", "blocked", "'P77' is not a participant_id in this file"),
        ("P9,Org,investor,RUS,en,,,,,,,,,P9", "blocked", "cannot block themself"),
        ("P9;P8,Org,investor,RUS,en,,,,,,,,,", "participant_id", "must not contain ';'"),
        (",Org,investor,RUS,en,,,,,,,,,", "participant_id", "a required value is missing"),
    ],
)
def test_a_bad_value_is_reported_with_its_row_field_and_reason(
    tmp_path: Path, row: str, field: str, reason: str
) -> None:
    found = problems(participants_csv(tmp_path, *GOOD_ROWS, row), slot_count=8)

    assert len(found) == 1, found
    assert found[0][:2] == (5, field)
    assert reason in found[0][2]


def test_one_bad_row_rejects_the_whole_file_and_every_problem_is_listed(tmp_path: Path) -> None:
    path = participants_csv(
        tmp_path,
        *GOOD_ROWS,
        "P4,Org,buyer,Narnia,en,,,,,,,,,",
        "P1,Again,investor,RUS,en,,,,,,,,,",
    )

    with pytest.raises(ImportRejected) as caught:
        read_participants(path)

    message = str(caught.value)
    assert "3 problems, nothing was written" in message
    assert "participants.csv, row 5, field role: 'buyer' is not a role" in message
    assert "row 5, field country" in message
    assert (
        "participants.csv, row 6, field participant_id: duplicate participant_id: P1 is also on row 2"
        in message
    )


def test_missing_and_unknown_columns_are_reported_once_in_the_header(tmp_path: Path) -> None:
    path = participants_csv(
        tmp_path, "P1,Org,investor,RUS,en", header="participant_id,organisation,role,contry,languages"
    )

    found = problems(path)

    assert (1, "contry", "unknown column; did you mean 'country'? (the columns are "
            + ", ".join(PARTICIPANT_COLUMNS) + ")") in found  # fmt: skip
    assert (1, "country", "required column is missing from the header") in found
    assert len(found) == 2


def test_a_row_longer_than_the_header_is_reported(tmp_path: Path) -> None:
    found = problems(participants_csv(tmp_path, GOOD_ROWS[0] + ",extra"))
    assert found == [(2, None, "row has 15 cells but the header has 14 columns")]


def test_a_windows_1252_file_is_refused_cell_by_cell(tmp_path: Path) -> None:
    path = write(tmp_path, f"{HEADER}\nP1,Autopeças Sul,manufacturer,BRA,pt,,,,,,,,,\n", encoding="cp1252")

    found = problems(path)

    assert found[0][0] is None and "not UTF-8 text (1 value cannot be decoded)" in found[0][2]
    assert found[1][:2] == (2, "organisation") and "maybe 'ç' in Windows-1252" in found[1][2]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("participants.csv", "", "the file is empty"),
        ("participants.xls", "x", "unsupported file type '.xls' (save it as .xlsx)"),
        ("participants.xlsx", "not a workbook", "not a readable XLSX workbook"),
    ],
)
def test_a_file_that_is_not_a_table_is_refused(tmp_path: Path, name: str, content: str, reason: str) -> None:
    found = problems(write(tmp_path, content, name))
    assert found[0][0] is None and reason in found[0][2]


REQUEST_HEADER = "requester,target,status,must_meet,priority"


def test_requests_are_read_between_known_participants(tmp_path: Path) -> None:
    path = write(
        tmp_path, f"{REQUEST_HEADER}\nP1,P2,accepted,yes,2\nP2,P1,,,\nP3,P1,Declined,no,0.5\n", "r.csv"
    )

    first, second, third = read_requests(path, ["P1", "P2", "P3"])

    assert (first.status, first.is_must_meet, first.organiser_priority) == (RequestStatus.ACCEPTED, True, 2.0)
    assert (second.status, second.is_must_meet, second.organiser_priority) == (
        RequestStatus.PENDING,
        False,
        0.0,
    )
    assert third.status is RequestStatus.DECLINED


@pytest.mark.parametrize(
    ("row", "field", "reason"),
    [
        ("P1,P9,accepted,no,0", "target", "'P9' is not a known participant_id"),
        ("P1,P1,accepted,no,0", "target", "a participant cannot request a meeting with themself"),
        ("P1,P2,maybe,no,0", "status", "'maybe' is not one of pending, accepted, declined"),
        ("P1,P2,accepted,perhaps,0", "must_meet", "'perhaps' is not yes or no"),
        ("P1,P2,accepted,no,high", "priority", "'high' is not a number"),
        (",P2,accepted,no,0", "requester", "a required value is missing"),
    ],
)
def test_a_bad_request_is_reported(tmp_path: Path, row: str, field: str, reason: str) -> None:
    path = write(tmp_path, f"{REQUEST_HEADER}\nP2,P1,accepted,no,0\n{row}\n", "r.csv")

    with pytest.raises(ImportRejected) as caught:
        read_requests(path, ["P1", "P2"])

    assert [(p.row, p.field, p.reason) for p in caught.value.report.problems] == [(3, field, reason)]


def test_the_same_request_twice_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, f"{REQUEST_HEADER}\nP1,P2,pending,no,0\nP1,P2,accepted,no,0\n", "r.csv")

    with pytest.raises(
        ImportRejected, match=r"row 3, field target: duplicate request: P1 → P2 is also on row 2"
    ):
        read_requests(path, ["P1", "P2"])


def test_the_documented_example_files_import_and_give_the_documented_recommendation() -> None:
    people = read_participants(EXAMPLES / "participants.csv", slot_count=8)
    requests = read_requests(EXAMPLES / "requests.csv", [p.participant_id for p in people])

    assert len(people) == 12 and len(requests) == 7
    assert {p.country for p in people} >= {
        "BRA",
        "RUS",
        "IND",
        "CHN",
        "ZAF",
        "EGY",
        "ETH",
        "ARE",
        "IDN",
        "SAU",
    }
    assert {lang for p in people for lang in p.languages} >= {"en", "ru", "zh", "pt", "ar"}
    assert set(Role) == {p.role for p in people}
    zones = {z.zone_id: tuple(z.specialisation.isic_codes) for z in load_bundled_registry().zones}
    mine = recommend(people, for_id="P01", zones=zones)["P01"]
    assert [r.participant_id for r in mine][:1] == ["P02"]  # the operator of the zone the investor listed
    assert [reason.kind for reason in mine[0].reasons] == [
        ReasonKind.OFFER_NEEDED,
        ReasonKind.OPERATES_LISTED_ZONE,
        ReasonKind.ZONE_FITS_YOU,
        ReasonKind.SHARED_LANGUAGES,  # both speak English
        ReasonKind.ROLE_FIT,
    ]
    assert mine.index(next(r for r in mine if r.participant_id == "P03")) > 5  # the tourism zone's operator


def test_the_docs_list_every_column() -> None:
    text = (ROOT / "docs" / "congress.md").read_text(encoding="utf-8")
    for name in (*PARTICIPANT_COLUMNS, *REQUEST_COLUMNS):
        assert f"| `{name}` |" in text, name
