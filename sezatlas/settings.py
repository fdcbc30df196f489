"""All configuration in one place, read from `SEZATLAS_*` environment variables."""

from functools import cache
from pathlib import Path

from platformdirs import user_data_dir
from pydantic import Field
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


@cache
def get_settings() -> Settings:
    return Settings()
