"""All configuration in one place, read from `SEZATLAS_*` environment variables."""

import os
from functools import cache
from pathlib import Path

from platformdirs import user_data_dir
from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_database_url() -> str:
    """A SQLite file in the user's data directory: works everywhere with nothing to install."""
    folder = Path(user_data_dir("sezatlas", appauthor=False))
    return f"sqlite:///{folder / 'sezatlas.sqlite3'}"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SEZATLAS_")

    database_url: str = Field(
        default_factory=default_database_url,
        description="SQLAlchemy URL; e.g. postgresql+psycopg://user@host:5432/sezatlas for production.",
    )
    host: str = "127.0.0.1"
    port: int = 8000
    connections: int = Field(
        default=20,
        ge=1,
        le=500,
        description="Database connections per server process; as many request threads.",
    )
    statement_timeout_s: float = Field(
        default=30.0, gt=0, description="Longest a PostgreSQL statement of a web request may run."
    )
    max_body_bytes: int = Field(
        default=1024 * 1024,
        ge=1,
        description="Largest request body the web server reads; larger ones get 413.",
    )
    max_upload_bytes: int = Field(
        default=16 * 1024 * 1024,
        ge=1,
        description="Largest body of the upload routes (the secretariat's zones file at /import).",
    )
    max_inquiry_bytes: int = Field(
        default=72 * 1024 * 1024,
        ge=1,
        description="Largest body of POST /api/v1/inquiries: up to five 10 MiB files in base64 (4/3 of their "
        "size) and the message; also of the send form, POST /inquiries/new (the files unencoded).",
    )
    import_dir: Path | None = Field(
        default=None,
        description="Private folder keeping uploaded zones files between preview and import; "
        "unset: imports/ in the user's data folder.",
    )
    chains_dir: Path = Field(
        default_factory=lambda: Path(user_data_dir("sezatlas", appauthor=False)) / "chains",
        description="Folder of the imported OECD ICIO and CEPII BACI tables (`sezatlas chains import-icio`, "
        "`import-baci`); every server process on the host reads it. Unset: chains/ in the user's data "
        "folder.",
    )
    heavy_requests: int = Field(
        default_factory=lambda: os.cpu_count() or 2,
        ge=1,
        le=256,
        description="Rankings and incentive computations run at once per process; more wait, then get 503.",
    )
    heavy_wait_s: float = Field(
        default=2.0, ge=0, description="How long a computation waits for its turn before a 503 + Retry-After."
    )
    requests_at_once: int = Field(
        default=4,
        ge=1,
        le=500,
        description="Requests a process computes at once, at most one per connection; the others wait their "
        "turn in its event loop, first come first served (web/request_queue.py).",
    )
    warm_start: bool = Field(
        default=True,
        description="Build the registry's in-memory indexes (site selection, name search, chains) when a "
        "server process starts, before it takes requests, rather than in its first user's request "
        "(web/warm_start.py); about 1 s per 10,000 zones.",
    )
    queue_wait_s: float = Field(
        default=2.0,
        gt=0,
        description="Longest a request waits for one of the process's threads before a 503 + Retry-After "
        "(web/request_queue.py).",
    )
    answer_cache_mb: int = Field(
        default=64,
        ge=0,
        le=65536,
        description="Memory per process for zone-list answers, kept until the registry or a confirmation "
        "changes or the day does (web/zone_list_cache.py); 0: every list is computed afresh.",
    )
    writes_per_minute: int = Field(
        default=120,
        ge=0,
        description="State-changing requests one client address may make per minute, per process, after a "
        "burst of as many; more get 429 + Retry-After. 0: no limit.",
    )
    job_workers: int = Field(
        default=1,
        ge=0,
        le=32,
        description="Background-job threads the web app starts (scheduler runs); 0: none in this process.",
    )
    # Mail (accounts/mail.py): sign-up, invitations and password reset send links by SMTP. Without a host,
    # self-service sign-up and reset are off and `sezatlas users invite` prints the link instead.
    smtp_host: str | None = Field(default=None, description="SMTP server; unset: this server sends no mail.")
    smtp_port: int = Field(default=587, ge=1, le=65535)
    smtp_user: str | None = None
    smtp_password: SecretStr | None = None
    smtp_from: str | None = Field(default=None, description="Sender, e.g. 'SEZ Atlas <atlas@example.org>'.")
    smtp_starttls: bool = Field(default=True, description="Upgrade the connection with STARTTLS.")
    public_url: str | None = Field(
        default=None,
        description="The site's address as mailed links name it, e.g. https://atlas.example.org "
        "(never taken from a request's Host header); unset: http://HOST:PORT.",
    )
    secret_key: SecretStr | None = Field(
        default=None,
        description="Signs e-mailed links; unset: a random key kept in the database, shared by all workers.",
    )


@cache
def get_settings() -> Settings:
    return Settings()
