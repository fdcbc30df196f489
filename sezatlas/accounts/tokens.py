"""Links sent by e-mail: signed, expiring, and good for one use.

A link carries `[person_id, fingerprint]` signed with itsdangerous' `URLSafeTimedSerializer` (HMAC with
the server's key, a salt per purpose so a verification link cannot serve as a reset link, the time it
was made). Nothing about the link is stored: it is single-use because the fingerprint hashes the
person's state that using it changes — the password hash and the moment the address was verified — so
once used (or once the password changes any other way) it no longer matches and is refused.
"""

import hashlib
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer


class Purpose(StrEnum):
    VERIFY_EMAIL = "verify-email"
    ACCEPT_INVITATION = "accept-invitation"
    RESET_PASSWORD = "reset-password"


LIFETIME: dict[Purpose, timedelta] = {
    Purpose.VERIFY_EMAIL: timedelta(days=3),
    Purpose.ACCEPT_INVITATION: timedelta(days=14),
    Purpose.RESET_PASSWORD: timedelta(hours=1),  # short: whoever reads the mailbox may take the account
}


class InvalidLinkError(ValueError):
    """The link is malformed, forged, expired, for another purpose, or was used already (HTTP 422)."""


def _utc_naive(moment: datetime) -> datetime:
    """SQLite gives back naive UTC, PostgreSQL aware times: the same moment must hash the same."""
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def fingerprint(password_hash: str | None, email_verified_at: datetime | None) -> str:
    """What using a link changes; a link made before the change no longer matches after it."""
    verified = _utc_naive(email_verified_at).isoformat() if email_verified_at else "-"
    state = f"{password_hash or '-'}|{verified}"
    return hashlib.sha256(state.encode("utf-8")).hexdigest()[:32]


def _serializer(secret: str, purpose: Purpose) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret, salt=f"sezatlas {purpose.value}")


def make_link_token(secret: str, purpose: Purpose, person_id: int, state: str) -> str:
    return str(_serializer(secret, purpose).dumps([person_id, state]))


def read_link_token(secret: str, purpose: Purpose, token: str) -> tuple[int, str]:
    """(person id, fingerprint) of a genuine, unexpired link of this purpose, or `InvalidLinkError`."""
    try:
        person_id, state = _serializer(secret, purpose).loads(
            token, max_age=int(LIFETIME[purpose].total_seconds())
        )
    except SignatureExpired:
        raise InvalidLinkError("link: this link has expired; ask for a new one") from None
    except (BadSignature, ValueError, TypeError):
        raise InvalidLinkError("link: this link is not valid") from None
    if not isinstance(person_id, int) or not isinstance(state, str):
        raise InvalidLinkError("link: this link is not valid")
    return person_id, state
