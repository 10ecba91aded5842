"""Pages of partitions as the bytes of Thrift `Partition` structs, for the streamed listings.

PostgreSQL keeps every partition's encoding (catalog/store/partition_wire.py); a page is one
statement and the server copies its bytes to the socket. A database whose encoding is not UTF-8
gets the object path (store rows -> domain -> Thrift objects -> encoder): `textsend` gives the
server encoding's bytes, and Thrift strings are UTF-8.
"""

from __future__ import annotations

from sqlalchemy import Connection

from catalog.store import partition_wire as stored
from catalog.store.partition_wire import EncodedPage
from catalog.store.partitions import Selection
from catalog.store.tables import TableRow


def read_page(
    conn: Connection, t: TableRow, sel: Selection, limit: int | None = None, after: str | None = None
) -> EncodedPage:
    """One page of the selection, ordered by partition name, after `after` (keyset paging)."""
    if _server_encoding(conn) != "UTF8":
        return object_page(conn, t, sel, limit, after)
    return stored.read_page(conn, t, sel, limit, after)


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


__all__ = ["EncodedPage", "object_page", "read_page"]
