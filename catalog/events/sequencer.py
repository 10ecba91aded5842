"""The sequencer: gives queued change events their dense, ordered ids in Hive's notification log.

A write transaction writes its events (`store.notifications.write_events`, see log.py) and
numbers them itself only if no sequencer is running (a lock tried, never waited for), so
writers never wait for one another's COMMIT on the event sequence's row. The events it left
queued are numbered here, in short transactions of their own, one sequencer at a time across
processes and replicas (the same advisory lock), run:

- by a background thread of each process, woken after every commit that left events queued (it
  waits a few milliseconds first, so one numbering serves the commits that came meanwhile), and
  every second anyway: events a crashed process committed but never numbered are numbered by
  any other;
- synchronously, by every read of the log through the service (`number_now`): a client reads
  its own writes. When nothing waits, that costs one indexed look at the queue.
"""

from __future__ import annotations

import logging
import threading

from catalog.db import Database
from catalog.store import notifications as store

log = logging.getLogger(__name__)

DEFAULT_BATCH = 1_000  # events numbered per transaction (a transaction's events are never split)
DEFAULT_COALESCE = 0.002  # seconds the thread waits after a wake-up, to number several commits at once
DEFAULT_TICK = 1.0  # seconds between looks at the queue when nothing woke the thread


class EventSequencer:
    def __init__(
        self,
        db: Database,
        batch: int = DEFAULT_BATCH,
        coalesce: float = DEFAULT_COALESCE,
        tick: float = DEFAULT_TICK,
    ):
        self.db = db
        self.batch = batch
        self.coalesce = coalesce
        self.tick = tick
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def number_now(self) -> int:
        """Number every event committed so far that waits for its id; returns how many."""
        with self.db.read() as conn:
            if not store.has_queued(conn):
                return 0
        total = 0
        while True:
            with self.db.own_transaction() as conn:
                store.lock_sequencer(conn)
                n, _ = store.number_queued(conn, self.batch)
            total += n
            if n < self.batch:
                return total

    def wake(self) -> None:
        """A transaction queued events: number them soon (starts the thread on first use)."""
        self._wake.set()
        if self._thread is None or not self._thread.is_alive():
            self.start()

    def start(self) -> EventSequencer:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._stop.clear()
                self._thread = threading.Thread(target=self._run, name="event-sequencer", daemon=True)
                self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.is_set():
            if self._wake.wait(self.tick) and self.coalesce > 0:
                self._stop.wait(self.coalesce)
            self._wake.clear()
            if self._stop.is_set():
                return
            try:
                self.number_now()
            except Exception:  # retried at the next wake-up or tick
                log.warning("numbering queued change events failed", exc_info=True)
                self._stop.wait(self.tick)

    def stop(self, drain: bool = True) -> None:
        """Stop the thread; with `drain`, number what this process queued first (best effort: any
        other process numbers it otherwise)."""
        with self._lock:
            thread, self._thread = self._thread, None
            self._stop.set()
            self._wake.set()
        if thread is not None:
            thread.join(timeout=5)
            if drain:
                try:
                    self.number_now()
                except Exception:  # the database may be gone already
                    log.debug("numbering queued change events at shutdown failed", exc_info=True)


__all__ = ["EventSequencer"]
