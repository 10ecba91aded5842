"""One mechanism for every change event: recorded on the write transaction, written at its commit.

A service method that changes the catalog says what changed on the connection of its write
transaction: `events.on(conn).create_table(t)`. The events wait on that transaction; the
`Database.at_commit` hook writes them all in its last statement (`store.notifications.write_events`),
sent with the COMMIT, so they commit or roll back with the change. If no sequencer is numbering
events at that moment (a lock tried, never waited for), that statement gives them their ids in
Hive's log, after any committed queued ones: one transaction, one WAL flush, as a lone writer did
before the queue. Otherwise they are queued and, once the transaction committed, the process's
sequencer (sequencer.py) is woken to number them; writers never wait for each other's COMMIT.
Every read of the log numbers what waits first (`number_queued`). A rolled-back transaction's
events are dropped with its connection object (a weak reference), never written.
"""

from __future__ import annotations

import time
import weakref
from collections.abc import Callable
from typing import Any, cast

from sqlalchemy import Connection

from catalog.db import Database
from catalog.events.messages import MessageBuilder, Origin
from catalog.events.sequencer import EventSequencer
from catalog.store import notifications as store
from catalog.store.notifications import NewEvent

_pending: weakref.WeakKeyDictionary[Connection, list[NewEvent]] = weakref.WeakKeyDictionary()


class _Recorder(MessageBuilder):
    """A MessageBuilder whose events are appended to one transaction's pending list."""

    def __init__(self, origin: Origin, pending: list[NewEvent]):
        super().__init__(origin)
        self._pending = pending

    def _event(
        self, event_type: str, catalog: str | None, db: str | None, table: str | None, body: dict
    ) -> NewEvent:
        e = super()._event(event_type, catalog, db, table, body)
        self._pending.append(e)
        return e


class _Off:
    """Events switched off: every builder call does nothing (and encodes nothing)."""

    def __getattr__(self, name: str) -> Any:
        return _nothing


def _nothing(*args: Any, **kwargs: Any) -> None:
    return None


_OFF = cast(MessageBuilder, _Off())


class EventLog:
    def __init__(self, db: Database, origin: Origin | None = None, enabled: bool = True):
        self.db = db
        self.origin = origin or Origin()
        self.enabled = enabled
        self.sequencer = EventSequencer(db)
        db.at_commit.append(self._write_pending)
        db.on_dispose.append(self.sequencer.stop)

    def on(self, conn: Connection) -> MessageBuilder:
        """The builder whose events belong to `conn`'s transaction."""
        if not self.enabled:
            return _OFF
        pending = _pending.get(conn)
        if pending is None:
            pending = _pending[conn] = []
        return _Recorder(self.origin, pending)

    def number_queued(self) -> int:
        """Give every committed event still waiting its id (readers call this first, so a client
        reads its own writes). Returns how many were numbered. With events off, nothing: this
        process queues none, and the processes that do number theirs."""
        return self.sequencer.number_now() if self.enabled else 0

    def stop(self) -> None:
        self.sequencer.stop()

    def _write_pending(self, conn: Connection) -> Callable[[], None] | None:
        pending = _pending.pop(conn, None)
        if not pending:
            return None
        # Nobody numbering: numbered here, in this transaction (no second transaction and WAL
        # flush for a lone writer). Otherwise left queued for the sequencer: never wait.
        numbered_directly = store.write_events(conn, pending, int(time.time()), self.sequencer.batch)

        def committed() -> None:
            if not numbered_directly():
                self.sequencer.wake()

        return committed


__all__ = ["EventLog"]
