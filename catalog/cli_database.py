"""The database a CLI command works on (shared by `catalog db` and `catalog token`)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def database_url_for(database_url: str | None, data_dir: str) -> Iterator[str]:
    """The URL to work on: the given one, or the embedded PostgreSQL of --data-dir, stopped after
    unless it was already running (a `catalog serve` on the same data directory keeps it)."""
    if database_url:
        yield database_url
        return
    from catalog.embedded_pg import EmbeddedPostgres

    pg = EmbeddedPostgres(Path(data_dir) / "postgres").start()
    try:
        yield pg.url
    finally:
        if pg.started_here:
            pg.stop()
