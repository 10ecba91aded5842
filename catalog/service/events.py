"""Reading the notification log, and the INSERT events engines report themselves.

What both doors serve: Hive's get_next_notification / get_current_notificationEventId /
get_notification_events_count and fire_listener_event, and the REST change feed's pages. (Hive
3.1's IDL has no add_write_notification_log: its ACID write events come with Hive 4.) Every read
first numbers the events committed but still queued (catalog/events/sequencer.py): a client
reads its own writes without waiting for the background sequencer.
"""

from __future__ import annotations

from collections.abc import Sequence

from catalog.domain import names as nm
from catalog.domain.model import DEFAULT_CATALOG, Partition, Table
from catalog.errors import InvalidInputError, NotFoundError
from catalog.service.core import ServiceCore
from catalog.store import notifications as store
from catalog.store import partitions as parts
from catalog.store import tables as tbls
from catalog.store.notifications import EventFilter, EventRow

# Hive 4's metastore.max.event.response: the most events one get_next_notification answers
# (maxEvents -1 or larger asks for "all": a consumer continues from the last one it got).
DEFAULT_MAX_EVENT_RESPONSE = 100_000


class EventOps:
    def __init__(self, core: ServiceCore, max_response: int = DEFAULT_MAX_EVENT_RESPONSE):
        self.core = core
        self.max_response = max_response

    # -- reading ---------------------------------------------------------------------------------
    def next_notifications(
        self, last_event: int, max_events: int | None, skip_types: Sequence[str] = ()
    ) -> list[EventRow]:
        """Hive's get_next_notification: events after `last_event`, oldest first; `max_events`
        None or < 1 means all of them (up to the response cap)."""
        limit = (
            self.max_response if max_events is None or max_events < 1 else min(max_events, self.max_response)
        )
        self.core.events.number_queued()
        with self.core.db.read() as conn:
            return store.events_after(conn, last_event or 0, limit, EventFilter(skip_types=tuple(skip_types)))

    def current_notification_event_id(self) -> int:
        self.core.events.number_queued()
        with self.core.db.read() as conn:
            return store.current_event_id(conn)

    def notification_events_count(self, from_event: int, db: str | None, catalog: str | None) -> int:
        self.core.events.number_queued()
        with self.core.db.read() as conn:
            return store.count_after(
                conn,
                from_event or 0,
                nm.normalize(db) if db else None,
                nm.normalize(catalog or DEFAULT_CATALOG),
            )

    def events_page(
        self, after: int, limit: int, f: EventFilter, with_message: bool = False
    ) -> list[EventRow]:
        """A page of the change feed (REST): events after `after` matching `f`, oldest first."""
        self.core.events.number_queued()
        with self.core.db.read() as conn:
            return store.events_after(conn, after, limit, f, with_message=with_message)

    # -- events reported by engines ----------------------------------------------------------------
    def fire_insert_event(
        self,
        catalog: str,
        db: str,
        table: str,
        part_values: Sequence[str] | None,
        replace: bool,
        files: Sequence[str],
        checksums: Sequence[str] = (),
    ) -> None:
        """Hive's fire_listener_event with InsertEventRequestData: one INSERT event on the table
        (or one of its partitions), written in a transaction of its own."""
        with self.core.db.write() as conn:
            t, p = self._table_and_partition(conn, catalog, db, table, part_values)
            self.core.events.on(conn).insert(t, p, replace, files, checksums)

    def _table_and_partition(
        self, conn, catalog: str, db: str, table: str, part_values: Sequence[str] | None
    ) -> tuple[Table, Partition | None]:
        row = tbls.get_table(
            conn, nm.normalize(catalog or DEFAULT_CATALOG), nm.normalize(db or ""), nm.normalize(table or "")
        )
        if row is None:
            raise NotFoundError(f"Table {db}.{table} not found")
        if not part_values:
            return row.table, None
        keys = [k.name for k in row.table.partition_keys]
        if len(part_values) != len(keys):
            raise InvalidInputError(
                f"{len(part_values)} partition values given for {len(keys)} partition keys"
            )
        name = nm.make_part_name(keys, list(part_values))
        found = parts.select_partitions(conn, row, parts.by_names([name]))
        if not found:
            raise NotFoundError(f"Partition {name} of {db}.{table} not found")
        return row.table, found[0].partition


__all__ = ["DEFAULT_MAX_EVENT_RESPONSE", "EventOps"]
