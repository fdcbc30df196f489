"""The words the stewardship pages share (issue 16): where a fact came from, what each kind of version is,
a moment in the reader's language, and a fact diff as rows of a table.

The zone page, the edit form, the review queue and the history all name facts by the zone page's labels
(`facts.GROUPS`) and show values as it does, so an operator and a reviewer read the same words.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from babel.dates import format_datetime

from sezatlas.accounts.mail import MailSettings
from sezatlas.stewardship.versions import Layer
from sezatlas.web.i18n import LANGUAGES
from sezatlas.web.pages.facts import Reader, fact_specs, fact_value_text
from sezatlas.web.pages.labels import N_

# Where a shown fact came from, strongest first (issue 16, item 2); a `zone_fact_origins` layer → title.
ORIGIN_TITLES: dict[str, str] = {
    "operator": N_("operator-confirmed"),
    "secretariat": N_("secretariat import"),
    "import": N_("secretariat import"),
    "harvest": N_("harvested from a registered source"),
    "bundled": N_("public source"),
    "computed": N_("computed"),
}
LAYER_TITLES: dict[Layer, str] = {
    Layer.OPERATOR: N_("operator's change, approved"),
    Layer.REVERT: N_("revert by the secretariat"),
    Layer.IMPORT: N_("secretariat import"),
    Layer.HARVEST: N_("harvest of a registered source"),
    Layer.BUNDLED: N_("bundled public sources"),
    Layer.BASELINE: N_("as the registry held it before its history was kept"),
}


def moment_text(moment: datetime, lang: str) -> str:
    """A date and time in the reader's language (UTC, as stored)."""
    return format_datetime(moment, "medium", tzinfo=None, locale=LANGUAGES[lang].locale) + " UTC"


def fact_label(column: str, reader: Reader) -> str:
    """A fact's label as the zone page shows it (the column's own name for one it does not show)."""
    spec = fact_specs().get(column)
    return reader.gettext(spec.label) if spec is not None else column


@dataclass(frozen=True, slots=True)
class DiffRow:
    column: str
    label: str
    old: str | None  # formatted; None: unknown
    new: str | None
    current: str | None = None  # the stored value, when it differs from `old` (a stale change)
    clears: bool = False
    is_stale: bool = False


def diff_rows(changes: Iterable[Any], reader: Reader) -> list[DiffRow]:
    """Rows of a diff table from `FactDiff`s (column, old, new) or `FactChange`s (also current)."""
    rows = []
    for change in changes:
        is_stale = bool(getattr(change, "is_stale", False))
        rows.append(
            DiffRow(
                column=change.column,
                label=fact_label(change.column, reader),
                old=fact_value_text(change.column, change.old, reader),
                new=fact_value_text(change.column, change.new, reader),
                current=fact_value_text(change.column, change.current, reader) if is_stale else None,
                clears=change.new is None and change.old is not None,
                is_stale=is_stale,
            )
        )
    return rows


def mail_settings() -> MailSettings | None:
    """The server's mail settings, or None when it sends no mail (the use cases then send nothing)."""
    mail = MailSettings.configured()
    return mail if mail.is_configured else None
