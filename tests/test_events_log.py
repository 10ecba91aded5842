"""The notification log's mechanism on a real PostgreSQL: events are written at commit with dense
ids in commit order, nothing for a rolled-back change, and retention keeps the newest."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import text

from catalog.db import Database, make_engine
from catalog.domain import model as m
from catalog.events.log import EventLog
from catalog.events.retention import EventCleaner
from catalog.store import notifications as store


@pytest.fixture
def db(database_url):
    d = Database(make_engine(database_url, pool_size=20, max_overflow=4))
    try:
        yield d
    finally:
        d.dispose()


def _ids(db) -> list[int]:
    with db.read() as conn:
        return [r.event_id for r in store.events_after(conn, 0, None)]


def test_events_are_written_with_the_change_and_dropped_with_a_rollback(db):
    log = EventLog(db)
    with db.write() as conn:
        log.on(conn).create_database(m.Database("a"))
        log.on(conn).create_database(m.Database("b"))
    with pytest.raises(RuntimeError), db.write() as conn:
        log.on(conn).create_database(m.Database("never"))
        raise RuntimeError("the change fails")
    with db.write() as conn:
        log.on(conn).create_database(m.Database("c"))
    with db.read() as conn:
        rows = store.events_after(conn, 0, None)
        assert store.current_event_id(conn) == 3
    assert [(r.event_id, r.db, r.event_type) for r in rows] == [
        (1, "a", "CREATE_DATABASE"),
        (2, "b", "CREATE_DATABASE"),
        (3, "c", "CREATE_DATABASE"),
    ]


def test_a_transaction_without_events_does_not_touch_the_sequence(db):
    EventLog(db)
    with db.write() as conn:
        conn.execute(text("SELECT 1"))
    with db.read() as conn:
        assert store.current_event_id(conn) == 0


def test_events_off_writes_nothing(db):
    log = EventLog(db, enabled=False)
    with db.write() as conn:
        assert log.on(conn).create_database(m.Database("a")) is None
    assert _ids(db) == []


def test_sixteen_concurrent_writers_never_show_a_consumer_a_gap(db):
    """Ids are dense and follow commit order: at every moment, what a reader sees is 1..max."""
    log = EventLog(db)
    writers, per_writer = 16, 15
    stop = threading.Event()
    seen_gaps: list[tuple[int, list[int]]] = []
    reads = [0]

    def reader():
        while not stop.is_set():
            ids = _ids(db)
            reads[0] += 1
            if ids != list(range(1, len(ids) + 1)):
                seen_gaps.append((len(ids), ids[-5:]))

    def writer(w: int):
        for i in range(per_writer):
            with db.write() as conn:
                # some work inside the transaction, so commits interleave
                conn.execute(text("SELECT pg_sleep(0.001)"))
                log.on(conn).create_database(m.Database(f"w{w}_{i}"))
                if i % 3 == 0:
                    log.on(conn).drop_database(m.Database(f"w{w}_{i}"))

    r = threading.Thread(target=reader)
    r.start()
    threads = [threading.Thread(target=writer, args=(w,)) for w in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    stop.set()
    r.join()
    expected = writers * (per_writer + (per_writer + 2) // 3)
    assert _ids(db) == list(range(1, expected + 1))
    assert reads[0] > 5 and seen_gaps == []
    with db.read() as conn:
        rows = store.events_after(conn, 0, None)
    # a transaction's events are consecutive (a drop right after its own create)
    for a, b in zip(rows, rows[1:], strict=False):
        if b.event_type == "DROP_DATABASE":
            assert (a.event_type, a.db) == ("CREATE_DATABASE", b.db)


def test_retention_deletes_old_events_keeps_the_newest_and_never_reuses_ids(db):
    now = int(time.time())
    with db.write() as conn:
        for age_days in (5, 4, 3, 2):  # ids 1..4, old
            store.append(
                conn,
                [store.NewEvent("CREATE_DATABASE", "hive", f"d{age_days}", None, "{}", "json-0.2")],
                now - age_days * 86_400,
            )
        store.append(
            conn, [store.NewEvent("CREATE_DATABASE", "hive", "new", None, "{}", "json-0.2")], now - 60
        )
    cleaner = EventCleaner(db, ttl=86_400, batch=3)
    assert cleaner.clean_once() == 4
    assert _ids(db) == [5]
    assert cleaner.clean_once() == 0
    log = EventLog(db)
    with db.write() as conn:
        log.on(conn).create_database(m.Database("after"))
    assert _ids(db) == [5, 6]


def test_only_one_replica_cleans_at_a_time(db):
    with db.write() as conn:
        store.append(conn, [store.NewEvent("CREATE_DATABASE", "hive", "old", None, "{}", "json-0.2")], 1)
    other = EventCleaner(db, ttl=60)
    with db.write() as conn:
        assert store.try_cleaner_lock(conn)  # another replica is cleaning
        assert other.clean_once() == 0  # skips the round instead of waiting
    assert other.clean_once() == 1
