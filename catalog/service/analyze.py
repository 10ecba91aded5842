"""Refresh PostgreSQL's planner statistics of the partition tables after bulk changes."""

from __future__ import annotations

import logging
import threading
import time

from catalog.db import Database as Db
from catalog.store import maintenance

log = logging.getLogger(__name__)


class AnalyzeScheduler:
    """Until ANALYZE has seen freshly added partitions, the planner believes a table has none and
    may choose nested loops that are quadratic in the partition count. Autovacuum gets there within
    a minute or so; after a large add we do it at once, in the background, at most every 30 s."""

    def __init__(self, db: Db, threshold: int = 500, min_interval: float = 30.0):
        self.db, self.threshold, self.min_interval = db, threshold, min_interval
        self._pending = 0
        self._last = 0.0
        self._lock = threading.Lock()
        self._running = False

    def changed(self, n: int) -> None:
        with self._lock:
            self._pending += n
            if (
                self._pending < self.threshold
                or self._running
                or time.monotonic() - self._last < self.min_interval
            ):
                return
            self._pending, self._running, self._last = 0, True, time.monotonic()
        threading.Thread(target=self._run, name="analyze", daemon=True).start()

    def _run(self) -> None:
        try:
            with self.db.read() as conn:
                maintenance.analyze_partition_tables(conn)
        except Exception as e:  # noqa: BLE001 - best effort; autovacuum remains the safety net
            log.info("background ANALYZE failed: %s", e)
        finally:
            with self._lock:
                self._running = False
