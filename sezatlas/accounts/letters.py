"""The letters accounts send, in the reader's language.

`gettext` is the reader's (the web passes the page's catalogue, the command line the one of `--lang`),
so these texts live in the same catalogues as the pages; the domain never imports the web. Named
`gettext` so that `pybabel extract` finds the texts when this module is among its inputs.
"""

from collections.abc import Callable

from sezatlas.accounts.mail import Letter

Translate = Callable[[str], str]


def untranslated(message: str) -> str:
    return message


def verification_letter(gettext: Translate, to: str, name: str, link: str) -> Letter:
    body = gettext(
        "Hello %(name)s,\n\nto finish signing up for SEZ Atlas, open this link within 3 days:\n\n"
        "%(link)s\n\nIf you did not sign up, ignore this letter: the account stays unusable."
    ) % {"name": name, "link": link}
    return Letter(to, gettext("Confirm your e-mail address for SEZ Atlas"), body, "verify-email")


def invitation_letter(gettext: Translate, to: str, name: str, link: str) -> Letter:
    body = gettext(
        "Hello %(name)s,\n\nthe secretariat of the association invites you to SEZ Atlas. To choose "
        "your password, open this link within 14 days:\n\n%(link)s"
    ) % {"name": name, "link": link}
    return Letter(to, gettext("You are invited to SEZ Atlas"), body, "invitation")


def reset_letter(gettext: Translate, to: str, name: str, link: str) -> Letter:
    body = gettext(
        "Hello %(name)s,\n\nsomeone (we hope you) asked to reset your SEZ Atlas password. To choose a "
        "new one, open this link within an hour:\n\n%(link)s\n\nIf it was not you, ignore this letter: "
        "your password stays as it is."
    ) % {"name": name, "link": link}
    return Letter(to, gettext("Reset your SEZ Atlas password"), body, "reset-password")


def existing_account_letter(gettext: Translate, to: str, name: str, link: str) -> Letter:
    """To the owner of an address someone signed up with again: the sign-up page answers the same either
    way, so whether an address has an account is told only to its mailbox."""
    body = gettext(
        "Hello %(name)s,\n\nsomeone (we hope you) tried to sign up for SEZ Atlas with this address, "
        "which has an account already. To log in, or to choose a new password:\n\n%(link)s"
    ) % {"name": name, "link": link}
    return Letter(to, gettext("You already have a SEZ Atlas account"), body, "existing-account")
