"""Text holding control characters is refused wherever it comes in: import files and API bodies.

A NUL cannot be stored in PostgreSQL at all (the driver raises, and the traceback printed the row), and
XML 1.0 forbids the other C0 control characters, so openpyxl refuses them and a name holding one, stored
on SQLite, would break every later XLSX export. The rule, one for every way in:

* text may not hold U+0000-U+001F or U+007F (DEL), except tab, line feed and carriage return (a note
  over several lines is ordinary free text);
* an identifier (a participant id, a requester or target) may hold none of them at all.
"""

import re
from collections.abc import Iterator
from typing import Any

_IN_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_IN_IDENTIFIER = re.compile("[\x00-\x1f\x7f]")


def control_character_reason(text: str, *, is_identifier: bool = False) -> str | None:
    """Why `text` is refused (the first control character and where it is), or None if it is fine."""
    found = (_IN_IDENTIFIER if is_identifier else _IN_TEXT).search(text)
    if found is None:
        return None
    where = f"U+{ord(found.group()):04X} at character {found.start() + 1}"
    if is_identifier:
        return f"holds the control character {where}; an identifier may hold none"
    return f"holds the control character {where}; text may hold no control character but tab and line breaks"


def printable(text: str) -> str:
    """`text` with every control character written as an escape (``a\\x00b``), safe to print anywhere."""
    return _IN_IDENTIFIER.sub(lambda found: f"\\x{ord(found.group()):02x}", text)


def plain_text(text: str) -> str:
    """A pydantic `AfterValidator`: free text without control characters (tab and line breaks allowed)."""
    reason = control_character_reason(text)
    if reason is not None:
        raise ValueError(reason)
    return text


def identifier_text(text: str) -> str:
    """A pydantic `AfterValidator`: an identifier without any control character."""
    reason = control_character_reason(text, is_identifier=True)
    if reason is not None:
        raise ValueError(reason)
    return text


def strings_in(value: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], str]]:
    """Every string of a JSON-like value, keys included, with the keys leading to it (list positions
    are not keys)."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item, path)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield (*path, str(key)), str(key)  # keys are stored too (field_provenance is keyed by column)
            yield from strings_in(item, (*path, str(key)))
