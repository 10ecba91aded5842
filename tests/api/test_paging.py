"""Keyset paging stays stable while the catalog changes underneath: no listing repeats or skips an
object that existed throughout, whatever is inserted between pages."""

from __future__ import annotations

import threading

from catalog.domain.model import Partition, StorageDescriptor
from tests import factories as f


def _page_all(client, url, page_size, key, item_key, **params):
    out, token, pages = [], None, 0
    while True:
        body = client.get(
            url, params={"page_size": page_size, **params, **({"page_token": token} if token else {})}
        ).json()
        out += [x[item_key] for x in body[key]]
        token, pages = body["next_page_token"], pages + 1
        if not token:
            return out, pages


def test_partition_pages_are_stable_under_concurrent_inserts(api):
    with api.thrift() as c:
        c.create_database(f.database("sales"))
        c.create_table(f.table("sales", "events", part_keys=[("k", "string")]))
    svc = api.service
    svc.add_partitions(
        "hive",
        "sales",
        "events",
        [Partition("sales", "events", [f"{i:04d}"], sd=StorageDescriptor()) for i in range(0, 600, 2)],
    )
    before = [f"k={i:04d}" for i in range(0, 600, 2)]
    stop = threading.Event()
    inserted: list[str] = []

    def writer():  # odd keys land between, before and after the pages being read
        i = 1
        while not stop.is_set() and i < 600:
            svc.add_partitions(
                "hive",
                "sales",
                "events",
                [Partition("sales", "events", [f"{i:04d}"], sd=StorageDescriptor())],
            )
            inserted.append(f"k={i:04d}")
            i += 2

    t = threading.Thread(target=writer)
    t.start()
    try:
        seen, pages = _page_all(
            api.admin(),
            "/api/v1/catalogs/hive/databases/sales/tables/events/partitions",
            20,
            "partitions",
            "name",
        )
    finally:
        stop.set()
        t.join()
    assert pages > 10 and inserted  # the writer really ran while we paged
    assert len(seen) == len(set(seen)) and seen == sorted(seen)  # nothing twice, in order
    assert set(before) <= set(seen)  # nothing that was there is skipped
    assert set(seen) <= set(before) | set(inserted)


def test_table_pages_are_stable_under_concurrent_creates_and_drops(api):
    with api.thrift() as c:
        c.create_database(f.database("many"))
        for i in range(0, 120, 2):
            c.create_table(f.table("many", f"t{i:03d}"))
    stop = threading.Event()

    def writer():
        with api.thrift() as c:
            i = 1
            while not stop.is_set() and i < 120:
                c.create_table(f.table("many", f"t{i:03d}"))
                i += 2

    t = threading.Thread(target=writer)
    t.start()
    try:
        seen, _ = _page_all(api.admin(), "/api/v1/catalogs/hive/databases/many/tables", 7, "tables", "name")
    finally:
        stop.set()
        t.join()
    assert len(seen) == len(set(seen)) and seen == sorted(seen)
    assert {f"t{i:03d}" for i in range(0, 120, 2)} <= set(seen)
