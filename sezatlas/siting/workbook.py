"""A shortlist as an XLSX workbook an investor can forward: ranking, questions for operators, exclusions."""

from pathlib import Path
from typing import IO

from openpyxl import Workbook
from openpyxl.styles import Font

from sezatlas.siting.shortlist import Shortlist


def write_shortlist_xlsx(shortlist: Shortlist, path: Path | IO[bytes]) -> None:
    """Write to a file, or to a stream (the web page sends it without touching the disk)."""
    book = Workbook()
    ranked = book.active
    ranked.title = "Shortlist"
    ranked.append([f"Project: {shortlist.project}", f"Method: {shortlist.method.value}"])
    ranked.append(["Rank", "Zone", "Name", "Country", "Score", "P(first)", "Why", "Unknown facts"])
    for zone in shortlist.ranked:
        ranked.append([zone.rank, zone.zone_id, zone.name_en, zone.country_iso3, round(zone.score, 4),
                       round(zone.acceptability[0], 4) if zone.acceptability else None,
                       "; ".join(zone.explanation), ", ".join(zone.unknown)])  # fmt: skip
    for line in shortlist.stability + shortlist.notes:
        ranked.append([line])
    for cell in ranked[2]:
        cell.font = Font(bold=True)
    confirm = book.create_sheet("Needs confirmation")
    confirm.append(["Zone", "Facts to ask the operator for"])
    for screening in shortlist.needs_confirmation:
        confirm.append([screening.zone_id, "; ".join(screening.to_confirm)])
    excluded = book.create_sheet("Excluded")
    excluded.append(["Zone", "Reasons"])
    for screening in shortlist.excluded:
        excluded.append([screening.zone_id, "; ".join(screening.reasons)])
    book.save(path)
