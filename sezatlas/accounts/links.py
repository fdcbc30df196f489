"""A person's e-mailed links: made from their current state, and checked against it when used."""

from sqlalchemy.orm import Session

from sezatlas.accounts.tokens import InvalidLinkError, Purpose, fingerprint, make_link_token, read_link_token
from sezatlas.store.accounts_tables import PersonRow


def link_token(secret: str, purpose: Purpose, person: PersonRow) -> str:
    state = fingerprint(person.password_hash, person.email_verified_at)
    return make_link_token(secret, purpose, person.person_id, state)


def person_of_link(session: Session, secret: str, purpose: Purpose, token: str) -> PersonRow:
    """The person a genuine, unexpired, unused link is for; `InvalidLinkError` otherwise."""
    person_id, state = read_link_token(secret, purpose, token)
    person = session.get(PersonRow, person_id)
    if person is None or not person.is_active:
        raise InvalidLinkError("link: this link is not valid")
    if fingerprint(person.password_hash, person.email_verified_at) != state:
        raise InvalidLinkError("link: this link was used already (or the password changed since)")
    return person
