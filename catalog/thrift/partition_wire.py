"""Pages of partitions as the bytes of Thrift `Partition` structs, for the streamed listings.

PostgreSQL keeps every partition's encoding (catalog/store/partition_wire.py); a listing streams
them from one statement per 1,000 partitions and the server copies their bytes to the socket. A
database whose encoding is not UTF-8 gets the object path (store rows -> domain -> Thrift objects
-> encoder): `textsend` gives the server encoding's bytes, and Thrift strings are UTF-8.
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import Connection

from catalog.store import partition_wire as stored
from catalog.store.partition_wire import EncodedPage
from catalog.store.partitions import Selection
from catalog.store.partitions import count as count_of
from catalog.store.tables import TableRow


def read_page(
    conn: Connection, t: TableRow, sel: Selection, limit: int | None = None, after: str | None = None
) -> EncodedPage:
    """One page of the selection, ordered by partition name, after `after` (keyset paging)."""
    if _server_encoding(conn) != "UTF8":
        return object_page(conn, t, sel, limit, after)
    return stored.read_page(conn, t, sel, limit, after)


def listing(
    conn: Connection, t: TableRow, sel: Selection, cap: int | None, alone: bool = False, page: int = 1000
) -> tuple[int, Iterator[EncodedPage]] | None:
    """(count, pages) of a streamed listing: the selection in name order, at most `cap`, one
    statement per `page` partitions; the pages leave PostgreSQL as it produces them. `alone`: one
    statement outside any snapshot, or None (catalog.store.partition_wire.stream_listing)."""
    if _server_encoding(conn) != "UTF8":
        return None if alone else _object_listing(conn, t, sel, cap, page)
    return stored.stream_listing(conn, t, sel, cap, page, chunk=min(page, stored.CHUNK), alone=alone)


def _object_listing(
    conn: Connection, t: TableRow, sel: Selection, cap: int | None, page: int = 1000
) -> tuple[int, Iterator[EncodedPage]]:
    n = count_of(conn, t.tbl_id, sel)
    count = n if cap is None else min(n, cap)

    def pages() -> Iterator[EncodedPage]:
        done, last = 0, None
        while done < count:
            p = object_page(conn, t, sel, min(page, count - done), last)
            if not p.count:
                return
            yield p
            done, last = done + p.count, p.last_name

    return count, pages()


def _server_encoding(conn: Connection) -> str:
    driver = conn.connection.driver_connection
    assert driver is not None  # a checked-out pooled connection always has its psycopg connection
    return driver.info.parameter_status("server_encoding") or ""


def object_page(
    conn: Connection, t: TableRow, sel: Selection, limit: int | None = None, after: str | None = None
) -> EncodedPage:
    """The same page built the long way (store rows -> domain -> Thrift objects -> encoder)."""
    from thrift.protocol.TBinaryProtocol import TBinaryProtocolAccelerated
    from thrift.transport.TTransport import TMemoryBuffer

    from catalog.store.partitions import select_partitions
    from catalog.thrift import convert as cv

    rows = select_partitions(conn, t, sel, limit, after=after)
    buf = TMemoryBuffer()
    prot = TBinaryProtocolAccelerated(buf)
    memo: dict = {}
    for r in rows:
        cv.partition_to(r.partition, memo).write(prot)
    return EncodedPage(len(rows), buf.getvalue(), rows[-1].name if rows else None)


__all__ = ["EncodedPage", "listing", "object_page", "read_page"]
