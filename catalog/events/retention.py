"""Retention of the notification log: events older than the TTL are deleted, in bounded batches.

Every replica runs a cleaner; each round takes a transaction-scoped advisory lock with
`pg_try_advisory_xact_lock`, so one replica cleans while the others skip the round (no waiting, no
lock on the rows writers touch). Deleting rows never moves `"NOTIFICATION_SEQUENCE"`: ids are
never reused. Hive: `hive.metastore.event.db.listener.timetolive` (86,400 s) and
`hive.metastore.event.clean.freq`.
"""

from __future__ import annotations

import logging
import threading
import time

from catalog.db import Database
from catalog.store import notifications as store

log = logging.getLogger(__name__)

DEFAULT_TTL = 86_400.0  # seconds, as hive.metastore.event.db.listener.timetolive
DEFAULT_INTERVAL = 300.0  # seconds between rounds
DEFAULT_BATCH = 5_000  # events deleted per transaction


class EventCleaner:
    def __init__(
        self,
        db: Database,
        ttl: float = DEFAULT_TTL,
        interval: float = DEFAULT_INTERVAL,
        batch: int = DEFAULT_BATCH,
    ):
        self.db = db
        self.ttl = ttl
        self.interval = interval
        self.batch = batch
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def clean_once(self, now: float | None = None) -> int:
        """One round: delete events older than the TTL, batch by batch. Returns how many went (0
        if another replica holds the cleaner's lock)."""
        cutoff = int((time.time() if now is None else now) - self.ttl)
        total = 0
        while not self._stop.is_set():
            with self.db.write() as conn:
                if not store.try_cleaner_lock(conn):
                    return total
                n = store.delete_older_than(conn, cutoff, self.batch)
            total += n
            if n < self.batch:
                break
        if total:
            log.info("deleted %d notification events older than %d s", total, int(self.ttl))
        return total

    def start(self) -> EventCleaner:
        self._thread = threading.Thread(target=self._run, name="event-cleaner", daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self.clean_once()
            except Exception:  # a failed round is retried at the next one
                log.warning("cleaning the notification log failed", exc_info=True)

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)


__all__ = ["DEFAULT_TTL", "EventCleaner"]
