"""The Content-Disposition of every download, built per RFC 6266 and RFC 5987 in one place.

A file name may hold any letter (a Congress participant id in Cyrillic or Chinese, a quote, a
semicolon), but an HTTP header is Latin-1 and `filename="..."` is a quoted string. So the header
carries two names: `filename*=UTF-8''...` with the exact name percent-encoded (what current browsers
use), and `filename="..."` as a plain-ASCII fallback for old clients, with every other character
replaced by `_` (quotes and backslashes too, so the quoted string cannot be broken out of).
"""

import re
import unicodedata
from urllib.parse import quote

_NOT_SAFE_IN_FALLBACK = re.compile(r"[^A-Za-z0-9 ._()+-]")  # no quote, backslash, ';' or '%'


def ascii_fallback(filename: str) -> str:
    """The name in plain ASCII for `filename="..."`: accents dropped, any other character as `_`."""
    decomposed = unicodedata.normalize("NFKD", filename)
    without_accents = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NOT_SAFE_IN_FALLBACK.sub("_", without_accents) or "download"


def attachment(filename: str) -> dict[str, str]:
    """Response headers making the body a download saved as `filename` (RFC 6266 §4.3)."""
    fallback, exact = ascii_fallback(filename), quote(filename, safe="")
    return {"Content-Disposition": f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{exact}"}
