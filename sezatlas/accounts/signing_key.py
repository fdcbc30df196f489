"""The key that signs e-mailed links: `SEZATLAS_SECRET_KEY`, else one random key kept in the database.

Kept in the database (`registry_meta`, key `signing_key`) rather than made per process, so every worker
of `sezatlas serve` and the command line sign and check with the same key, and a restart does not
invalidate the links already sent. Read in a session of its own, so creating it never mixes with the
use case's unit of work.
"""

import secrets as random_source

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sezatlas.settings import get_settings
from sezatlas.store.models import RegistryMetaRow

KEY_NAME = "signing_key"
KEY_BYTES = 32


def signing_secret(session: Session) -> str:
    """The configured key, or the database's (made on first use; a race between workers keeps one)."""
    configured = get_settings().secret_key
    if configured is not None and configured.get_secret_value():
        return configured.get_secret_value()
    with Session(bind=session.get_bind()) as own:
        kept = own.get(RegistryMetaRow, KEY_NAME)
        if kept is not None:
            return kept.value
        own.add(RegistryMetaRow(key=KEY_NAME, value=random_source.token_urlsafe(KEY_BYTES)))
        try:
            own.commit()
        except IntegrityError:  # another worker made it first: use theirs
            own.rollback()
        made = own.get(RegistryMetaRow, KEY_NAME)
        assert made is not None
        return made.value
