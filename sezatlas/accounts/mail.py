"""Sending mail over SMTP (stdlib `smtplib`), configured by the `SEZATLAS_SMTP_*` settings.

A letter is plain text in the reader's language (`letters.py` writes it); the link in it is the only
secret it carries, so nothing here logs a letter's body — only that a letter of a kind went to someone.
"""

import logging
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import make_msgid

from sezatlas.settings import Settings, get_settings

SMTP_TIMEOUT_S = 10
logger = logging.getLogger(__name__)

# Where the links in letters point (the pages of `web/pages/account_pages.py` serve these paths).
VERIFY_PATH = "/verify"
INVITATION_PATH = "/invitation"
RESET_REQUEST_PATH = "/reset"
RESET_PATH = "/reset/new"


class MailNotConfiguredError(RuntimeError):
    """This server sends no e-mail (no `SEZATLAS_SMTP_HOST`), so what needs a mailed link is off (503)."""


class MailNotSentError(RuntimeError):
    """The SMTP server did not take the letter (down, refused, timed out): try again later (503)."""


@dataclass(frozen=True)
class MailSettings:
    host: str | None
    port: int
    user: str | None
    password: str | None
    sender: str | None
    use_starttls: bool
    site_url: str  # links in letters start with it

    @classmethod
    def of(cls, settings: Settings) -> "MailSettings":
        site = settings.public_url or f"http://{settings.host}:{settings.port}"
        password = settings.smtp_password.get_secret_value() if settings.smtp_password else None
        return cls(settings.smtp_host, settings.smtp_port, settings.smtp_user, password,
                   settings.smtp_from, settings.smtp_starttls, site.rstrip("/"))  # fmt: skip

    @classmethod
    def configured(cls) -> "MailSettings":
        return cls.of(get_settings())

    @property
    def is_configured(self) -> bool:
        return bool(self.host and self.sender)

    def link(self, path: str, token: str) -> str:
        return f"{self.site_url}{path}?token={token}"


@dataclass(frozen=True)
class Letter:
    to: str
    subject: str
    body: str
    kind: str  # for the log: "verify-email", "invitation", … (never the body: it holds the link)


def require_mail(mail: MailSettings) -> None:
    if not mail.is_configured:
        raise MailNotConfiguredError("this server sends no e-mail (SEZATLAS_SMTP_HOST is not set)")


def send(mail: MailSettings, letter: Letter) -> None:
    """Hand the letter to the SMTP server, or raise `MailNotSentError`."""
    require_mail(mail)
    assert mail.host is not None and mail.sender is not None
    message = EmailMessage()
    message["From"] = mail.sender
    message["To"] = letter.to
    message["Subject"] = letter.subject
    message["Message-ID"] = make_msgid(domain=mail.sender.rpartition("@")[2].strip("> ") or None)
    message.set_content(letter.body)
    try:
        with smtplib.SMTP(mail.host, mail.port, timeout=SMTP_TIMEOUT_S) as smtp:
            if mail.use_starttls:
                smtp.starttls(context=ssl.create_default_context())
            if mail.user and mail.password:
                smtp.login(mail.user, mail.password)
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as error:
        logger.warning("mail %s to %s not sent: %s", letter.kind, letter.to, type(error).__name__)
        raise MailNotSentError("the mail server did not take the letter; try again later") from None
    logger.info("mail %s sent to %s", letter.kind, letter.to)
