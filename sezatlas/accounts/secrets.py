"""Passwords and random tokens, and what of them is stored: a hash, never the value.

Passwords: argon2id through pwdlib with its recommended parameters (RFC 9106's second recommended
option), so a stolen table costs an attacker real memory per guess. Session and API tokens are 32
random bytes from the OS; being random rather than chosen, a plain SHA-256 of them is enough to store.
"""

import hashlib
import secrets as random_source
from functools import cache

from pwdlib import PasswordHash

TOKEN_BYTES = 32
MIN_PASSWORD_LENGTH = 12


@cache
def _hasher() -> PasswordHash:
    return PasswordHash.recommended()


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def password_matches(password: str, stored_hash: str | None) -> bool:
    """True when `password` is the one `stored_hash` was made from; a missing hash still costs a hash,
    so the time taken does not tell whether an account exists."""
    if stored_hash is None:
        _hasher().hash(password)
        return False
    return bool(_hasher().verify(password, stored_hash))


def new_token(prefix: str) -> str:
    """A token such as `sza_…`: the prefix tells a leaked token's kind to secret scanners and people."""
    return f"{prefix}_{random_source.token_urlsafe(TOKEN_BYTES)}"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
