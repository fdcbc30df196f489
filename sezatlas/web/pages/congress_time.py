"""Times of the Congress as a reader sees them: always the venue's wall-clock time, written per locale.

A participant flying in from Shanghai to Moscow plans by the venue's clock, so slot times are never
converted to the reader's zone; the page says which zone they are in ("GMT+03:00, Europe/Moscow").
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_datetime, format_interval, format_skeleton, get_timezone_gmt
from markupsafe import Markup

from sezatlas.web.i18n import LANGUAGES


def _locale(lang: str) -> Locale:
    return LANGUAGES[lang].locale


def day_title(moment: datetime, lang: str) -> str:
    """ "Wednesday, June 9, 2027" / "среда, 9 июня 2027 г."."""
    return format_date(moment.date(), format="full", locale=_locale(lang))


def time_range(start: datetime, end: datetime, lang: str) -> str:
    """ "11:30–12:00" in the venue's zone (the datetimes carry it)."""
    zone = start.tzinfo if isinstance(start.tzinfo, ZoneInfo) else None
    return format_interval(start, end, "Hm", tzinfo=zone, locale=_locale(lang))


def slot_label(start: datetime, lang: str) -> str:
    """A slot in a table header or a menu: "Wed 11:30"."""
    zone = start.tzinfo if isinstance(start.tzinfo, ZoneInfo) else None
    return format_skeleton("EHm", start, tzinfo=zone, locale=_locale(lang))


def zone_label(moment: datetime, timezone: str, lang: str) -> Markup:
    """ "GMT+03:00, Europe/Moscow": the offset people compare, and the IANA name calendars use.

    Each part is isolated: an Arabic offset ("غرينتش+03:00") beside a Latin name stays in order."""
    offset = get_timezone_gmt(moment, locale=_locale(lang))
    return Markup("<bdi>{}</bdi>, <bdi>{}</bdi>").format(offset, timezone)


def date_span(first: datetime | None, last: datetime | None, lang: str) -> str | None:
    """ "Jun 8 – 9, 2027": the days of an event, or None when it has no slots."""
    if first is None or last is None:
        return None
    if first.date() == last.date():
        return format_skeleton("yMMMd", first.date(), locale=_locale(lang))
    return format_interval(first.date(), last.date(), "yMMMd", locale=_locale(lang))


def moment_text(moment: datetime, timezone: str, lang: str) -> str:
    """When something happened (a schedule was published), on the venue's clock: "Jun 9, 2027, 11:30:05"."""
    return format_datetime(moment, format="medium", tzinfo=ZoneInfo(timezone), locale=_locale(lang))
