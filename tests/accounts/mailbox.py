"""Test helper: a real SMTP server on 127.0.0.1 (aiosmtpd) that keeps every letter it is sent, with the
`SEZATLAS_SMTP_*` settings pointing at it while it runs."""

import email
import os
import re
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import default
from typing import Any
from urllib.parse import urlsplit

from aiosmtpd.controller import Controller

from sezatlas.settings import get_settings

LINK = re.compile(r"https?://\S+")


@dataclass
class Mailbox:
    letters: list[EmailMessage] = field(default_factory=list)

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:  # noqa: N802 (aiosmtpd's name)
        letter = email.message_from_bytes(envelope.content, policy=default)
        assert isinstance(letter, EmailMessage)
        self.letters.append(letter)
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        return [letter for letter in self.letters if letter["To"] == address]

    def last_link(self, address: str) -> str:
        """Path and query of the link in the newest letter to `address` (as a test client follows it)."""
        letters = self.to(address)
        assert letters, f"no letter to {address}; letters to: {[m['To'] for m in self.letters]}"
        body = letters[-1].get_body(("plain",))
        assert body is not None
        found = LINK.search(body.get_content())
        assert found is not None, body.get_content()
        parts = urlsplit(found.group(0))
        return f"{parts.path}?{parts.query}" if parts.query else parts.path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def configured_settings(**values: str) -> Iterator[None]:
    """`SEZATLAS_<NAME>` environment variables set while inside, the cached settings re-read both ways."""
    names = {f"SEZATLAS_{name.upper()}": value for name, value in values.items()}
    saved = {name: os.environ.get(name) for name in names}
    os.environ.update(names)
    get_settings.cache_clear()
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        get_settings.cache_clear()


@contextmanager
def catching_mail() -> Iterator[Mailbox]:
    """A mailbox behind a real SMTP server; the app's mail settings name it while inside."""
    mailbox = Mailbox()
    port = _free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with configured_settings(smtp_host="127.0.0.1", smtp_port=str(port), smtp_from="atlas@example.org",
                                 smtp_starttls="false"):  # fmt: skip
            yield mailbox
    finally:
        controller.stop()
