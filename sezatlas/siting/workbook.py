"""A shortlist as an XLSX workbook an investor can forward: ranking, questions for operators, exclusions.

Every text cell is written as text (`safe_cells.append_row`): a zone named "=HYPERLINK(...)" is never a
formula in the investor's Excel.
"""

from pathlib import Path
from typing import IO

from openpyxl import Workbook
from openpyxl.styles import Font

from sezatlas.siting.shortlist import Shortlist
from sezatlas.tabular.safe_cells import append_row


def write_shortlist_xlsx(shortlist: Shortlist, path: Path | IO[bytes]) -> None:
    """Write to a file, or to a stream (the web page sends it without touching the disk)."""
    book = Workbook()
    ranked = book.active
    ranked.title = "Shortlist"
    append_row(ranked, [f"Project: {shortlist.project}", f"Method: {shortlist.method.value}"])
    append_row(ranked, ["Rank", "Zone", "Name", "Country", "Score", "P(first)", "Why", "Unknown facts",
                        "Requirements confirmed", "Tied for ranks"])  # fmt: skip
    for zone in shortlist.ranked:
        append_row(ranked, [zone.rank, zone.zone_id, zone.name_en, zone.country_iso3, round(zone.score, 4),
                            round(zone.acceptability[0], 4) if zone.acceptability else None,
                            "; ".join(zone.explanation), ", ".join(zone.unknown),
                            f"{zone.evidence.confirmed} of {zone.evidence.required}",
                            "–".join(map(str, zone.tied_ranks))])  # fmt: skip
    for message in shortlist.stability + shortlist.notes:
        append_row(ranked, [message.text])
    for cell in ranked[2]:
        cell.font = Font(bold=True)
    confirm = book.create_sheet("Needs confirmation")
    append_row(confirm, ["Zone", "Facts to ask the operator for"])
    for screening in shortlist.needs_confirmation:
        append_row(confirm, [screening.zone_id, "; ".join(screening.to_confirm)])
    excluded = book.create_sheet("Excluded")
    append_row(excluded, ["Zone", "Reasons"])
    for screening in shortlist.excluded:
        append_row(excluded, [screening.zone_id, "; ".join(screening.reasons)])
    book.save(path)
