"""The Unity Catalog mirror writes through the catalog service: its changes emit Hive's events like
any other door's, and a run that changes nothing emits none."""

from __future__ import annotations

import json

from catalog.store import notifications as store
from tests.sync.conftest import sync
from tests.sync.fake_uc import FakeUnity, column


def _events(server, after: int = 0) -> list[store.EventRow]:
    """As a consumer reads them (get_next_notification: the queued events are numbered first)."""
    return server.service.next_notifications(after, None)


def _key(e: store.EventRow) -> tuple:
    return (e.event_type, e.catalog, e.db, e.table)


def test_mirror_changes_emit_hives_events(server):
    fake = FakeUnity(dialect="oss").start()
    try:
        fake.add_catalog("main")
        fake.add_schema("main", "sales")
        fake.add_table(
            "main",
            "sales",
            "orders",
            [column("id", "bigint", "long")],
            fmt="PARQUET",
            location="s3://b/orders",
        )
        start = server.service.current_notification_event_id()
        assert sync(server.service, fake).status == "succeeded"
        first = _events(server, start)
        assert sorted(_key(e) for e in first) == sorted(
            [
                ("CREATE_CATALOG", "main", None, None),
                ("CREATE_DATABASE", "hive", "main__sales", None),
                ("CREATE_DATABASE", "main", "sales", None),
                ("CREATE_TABLE", "hive", "main__sales", "orders"),
                ("CREATE_TABLE", "main", "sales", "orders"),
            ]
        )
        table_event = next(e for e in first if e.event_type == "CREATE_TABLE")
        assert json.loads(table_event.message or "{}")["tableType"] == "EXTERNAL_TABLE"

        mark = server.service.current_notification_event_id()
        assert sync(server.service, fake).status == "succeeded"
        assert _events(server, mark) == []  # nothing changed in UC: no event

        fake.add_table(
            "main", "sales", "returns", [column("id", "bigint", "long")], fmt="PARQUET", location="s3://b/r"
        )
        assert sync(server.service, fake).status == "succeeded"
        assert sorted(_key(e) for e in _events(server, mark)) == [
            ("CREATE_TABLE", "hive", "main__sales", "returns"),
            ("CREATE_TABLE", "main", "sales", "returns"),
        ]
    finally:
        fake.stop()
