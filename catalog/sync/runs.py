"""The sync's own records: runs and their events (catalog.sync_runs / catalog.sync_events), the
one-run-at-a-time lock, and the read-only inventory of mirrored objects (SQL: catalog.store.sync_runs).

`list_runs(db, limit, before_id)` and `get_run(db, run_id)` are plain functions for the REST API
(`GET /api/v1/sync/runs`); they return JSON-ready dicts.

Catalog objects themselves are only ever written through CatalogService; this module writes only
the run records.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Connection

from catalog.db import Database as Db
from catalog.store import databases as dbs
from catalog.store import sync_runs as store

log = logging.getLogger(__name__)

# pg_try_advisory_lock key of `catalog sync unity` (any source): 'hmsync' as a number.
LOCK_KEY = 0x686D73796E63
RUNNING, SUCCEEDED, PARTIAL, FAILED, ABANDONED = "running", "succeeded", "partial", "failed", "abandoned"


class RunLockBusy(Exception):
    """Another sync run holds the lock."""


class RunLock:
    """A PostgreSQL session advisory lock held on a dedicated connection for the whole run; it is
    released when the run ends or its process dies (the session ends)."""

    def __init__(self, db: Db, key: int = LOCK_KEY):
        self.db, self.key = db, key
        self._conn: Connection | None = None

    def __enter__(self) -> RunLock:
        conn = self.db.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        try:
            got = store.try_lock(conn, self.key)
        except Exception:
            conn.close()
            raise
        if not got:
            conn.close()
            raise RunLockBusy(
                "another `catalog sync unity` run is in progress (PostgreSQL advisory lock "
                f"{self.key} is held); this run exits without changes"
            )
        self._conn = conn
        return self

    def __exit__(self, *exc) -> None:
        if self._conn is not None:
            try:
                store.unlock(self._conn, self.key)
            finally:
                self._conn.close()
                self._conn = None


class RunStore:
    """Writes one run's record and its events (events are buffered and flushed in batches)."""

    def __init__(self, db: Db, flush_every: int = 50):
        self.db = db
        self.flush_every = flush_every
        self._pending: list[dict] = []
        self.run_id: int | None = None

    def start(self, source: str, dry_run: bool) -> int:
        with self.db.write() as conn:
            # We hold the run lock (or this is a dry run): a 'running' row of a real run is a dead one.
            if not dry_run:
                store.abandon_running(conn, RUNNING, ABANDONED)
            run_id = store.insert_run(conn, source[:1024], RUNNING, dry_run)
        self.run_id = run_id
        return run_id

    def event(
        self,
        object_type: str,
        object_name: str,
        action: str,
        source_id: str | None = None,
        reason: str | None = None,
    ) -> None:
        self._pending.append(
            {
                "run": self.run_id,
                "ot": object_type[:32],
                "sid": (source_id or None) and source_id[:256],
                "name": object_name[:1024],
                "action": action[:32],
                "reason": reason,
            }
        )
        if len(self._pending) >= self.flush_every:
            self.flush()

    def flush(self) -> None:
        if not self._pending or self.run_id is None:
            return
        rows, self._pending = self._pending, []
        with self.db.write() as conn:
            store.insert_events(conn, rows)

    def progress(self, counts: dict) -> None:
        """Record the counts so far (a killed run still shows how far it got)."""
        self.flush()
        if self.run_id is None:
            return
        with self.db.write() as conn:
            store.set_counts(conn, self.run_id, counts)

    def finish(self, status: str, counts: dict, error: str | None = None) -> None:
        try:
            self.flush()
        finally:
            if self.run_id is not None:
                with self.db.write() as conn:
                    store.finish_run(conn, self.run_id, status, counts, error)
            from catalog.observability.metrics import sync_run_finished

            sync_run_finished(status, counts)


def _run_dict(r) -> dict:
    return {
        "id": r[0],
        "source": r[1],
        "started_at": _iso(r[2]),
        "finished_at": _iso(r[3]),
        "status": r[4],
        "dry_run": r[5],
        "counts": r[6] or {},
        "error": r[7],
    }


def _iso(v: datetime | None) -> str | None:
    return v.isoformat() if v is not None else None


def list_runs(db: Db, limit: int = 20, before_id: int | None = None) -> list[dict]:
    """The most recent runs first; `before_id` pages backwards (keyset on id)."""
    limit = max(1, min(int(limit or 20), 1000))
    with db.read() as conn:
        rows = store.list_runs(conn, limit, before_id)
    return [_run_dict(r) for r in rows]


def get_run(db: Db, run_id: int, events: bool = True, event_limit: int = 10_000) -> dict | None:
    with db.read() as conn:
        r = store.get_run(conn, run_id)
        if r is None:
            return None
        out = _run_dict(r)
        if events:
            rows = store.run_events(conn, run_id, event_limit)
            out["events"] = [
                {
                    "id": e[0],
                    "at": _iso(e[1]),
                    "object_type": e[2],
                    "source_id": e[3],
                    "object_name": e[4],
                    "action": e[5],
                    "reason": e[6],
                }
                for e in rows
            ]
    return out


# -- inventory (read-only) ---------------------------------------------------------------------------
@dataclass
class MirroredTable:
    db: str
    name: str
    params: dict[str, str]
    partition_keys: list[str] = field(default_factory=list)


@dataclass
class MirroredDatabase:
    name: str
    params: dict[str, str]


def load_inventory(
    db: Db, hive_catalog: str, source: str
) -> tuple[dict[str, MirroredDatabase], list[MirroredTable]]:
    """Every database and table of `hive_catalog` mirrored from `source`, with its markers."""
    with db.read() as conn:
        drows = store.mirrored_databases(conn, hive_catalog, source)
        trows = store.mirrored_tables(conn, hive_catalog, source)
    databases = {r[0]: MirroredDatabase(r[0], dict(r[1] or {})) for r in drows}
    tables = [MirroredTable(r[0], r[1], dict(r[2] or {}), [k.lower() for k in (r[3] or [])]) for r in trows]
    return databases, tables


def mirrored_catalogs(db: Db, source: str) -> dict[str, str]:
    """{Hive catalog: UC catalog} of the Hive 3 catalogs the mirror created for `source`."""
    with db.read() as conn:
        return dbs.mirrored_catalogs(conn, source)
