"""`python -m sezatlas` is the same as the `sezatlas` command."""

from sezatlas.cli import app

app()
