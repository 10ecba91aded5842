"""Pushes new events to the change feed's streaming clients as they are numbered.

One listening connection per process (PostgreSQL LISTEN on the channel the sequencer NOTIFYs each
time it gives queued events their ids), whatever the number of clients: on a notification, the
new events are read once (`events_after` the last one seen) and handed to every subscriber. No
client polls the database. NOTIFY is delivered at COMMIT, in commit order, and numbering
transactions follow one another with increasing ids, so reading after the last id seen never
skips an event. A lost connection is re-opened, and the read after it catches up on what was
numbered meanwhile.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

import psycopg

from catalog.db import Database
from catalog.store import notifications as store
from catalog.store.notifications import EventRow

log = logging.getLogger(__name__)

Subscriber = Callable[[list[EventRow] | None], None]  # None: the feed stops
READ_BATCH = 1_000


class EventBroadcaster:
    def __init__(self, db: Database, dsn: str | None = None, wait: float = 1.0):
        self.db = db
        self.dsn = dsn or db.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        self.wait = wait
        self._lock = threading.Lock()
        self._subscribers: dict[int, tuple[Subscriber, bool]] = {}
        self._next = 0
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._listening = threading.Event()
        self.last_id: int | None = None

    # -- subscribers -------------------------------------------------------------------------------
    def subscribe(self, deliver: Subscriber, with_message: bool = False) -> Callable[[], None]:
        """`deliver(events)` is called from the listener thread with each batch of new events (in
        id order); it must not block. Returns the function that unsubscribes. Starts the listener
        on first use and returns once it listens, so no commit after this call is missed."""
        with self._lock:
            key = self._next
            self._next += 1
            self._subscribers[key] = (deliver, with_message)
            if self._thread is None or not self._thread.is_alive():
                self._stop.clear()
                self._listening.clear()
                self._thread = threading.Thread(target=self._run, name="event-listener", daemon=True)
                self._thread.start()
        self._listening.wait(10)

        def unsubscribe() -> None:
            with self._lock:
                self._subscribers.pop(key, None)

        return unsubscribe

    @property
    def subscribers(self) -> int:
        return len(self._subscribers)

    # -- the listener ------------------------------------------------------------------------------
    def _run(self) -> None:
        backoff = 0.5
        while not self._stop.is_set():
            try:
                with psycopg.connect(
                    self.dsn, autocommit=True, application_name="hms-catalog-events"
                ) as conn:
                    conn.execute(store.listen_statement())
                    if self.last_id is None:
                        with self.db.read() as c:
                            self.last_id = store.current_event_id(c)
                    self._listening.set()
                    self._catch_up()  # what committed while (re)connecting
                    backoff = 0.5
                    while not self._stop.is_set():
                        got = False
                        for _ in conn.notifies(timeout=self.wait, stop_after=1):
                            got = True
                        if got:
                            self._catch_up()
            except Exception:  # the feed must survive a database restart
                log.warning("event listener connection lost; reconnecting", exc_info=True)
                self._stop.wait(backoff)
                backoff = min(backoff * 2, 10.0)

    def _catch_up(self) -> None:
        if not self._subscribers:  # nobody to tell: just move past what committed
            with self.db.read() as c:
                self.last_id = store.current_event_id(c)
            return
        while self._subscribers:
            with_message = any(m for _, m in list(self._subscribers.values()))
            with self.db.read() as c:
                rows = store.events_after(c, self.last_id or 0, READ_BATCH, with_message=with_message)
            if not rows:
                return
            self.last_id = rows[-1].event_id
            for deliver, wants_message in list(self._subscribers.values()):
                try:
                    deliver(rows if wants_message or not with_message else [_bare(r) for r in rows])
                except Exception:  # one client's failure is not the feed's
                    log.warning("delivering events to a subscriber failed", exc_info=True)
            if len(rows) < READ_BATCH:
                return

    def stop(self) -> None:
        """Stop listening; every subscriber is told (None) so its stream can end."""
        self._stop.set()
        with self._lock:
            subscribers = list(self._subscribers.values())
            self._subscribers.clear()
        for deliver, _ in subscribers:
            try:
                deliver(None)
            except Exception:  # the subscriber's loop may be gone already
                log.debug("telling a subscriber the feed stops failed", exc_info=True)
        if self._thread is not None:
            self._thread.join(timeout=5)


def _bare(r: EventRow) -> EventRow:
    return EventRow(r.event_id, r.event_time, r.event_type, r.catalog, r.db, r.table, None, r.message_format)


__all__ = ["EventBroadcaster"]
