"""A fast path for hot, row-heavy reads: run SQL written for SQLAlchemy's `text()` (`:name`
parameters) directly on the psycopg cursor, skipping SQLAlchemy's per-row result processing.

Integer id lists are sent as one PostgreSQL array literal (cast in the SQL), which psycopg dumps
far faster than a Python list.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import psycopg
from sqlalchemy import Connection, Table

_PARAM = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")


@lru_cache(maxsize=256)
def _to_pyformat(sql: str) -> str:
    return _PARAM.sub(r"%(\1)s", sql.replace("%", "%%"))


def pyformat(sql: str) -> str:
    """SQL written for `text()` (`:name` parameters) in psycopg's form (`%(name)s`), for the
    statements of point reads (catalog.db.PointReader); convert once, at import."""
    return _to_pyformat(sql)


def fetchall(conn: Connection, sql: str, params: dict, prepare: bool | None = None) -> list[tuple]:
    """`prepare=True` prepares the statement on this connection at its first use (psycopg otherwise
    prepares a statement after 5 uses); for fixed statements whose planning is costly."""
    driver = conn.connection.driver_connection
    assert driver is not None  # a checked-out pooled connection always has its psycopg connection
    cur = driver.cursor()
    try:
        cur.execute(_to_pyformat(sql), params, prepare=prepare)
        return cur.fetchall()
    finally:
        cur.close()


def send(conn: Connection, sql: str, params: dict, prepare: bool | None = True) -> psycopg.Cursor:
    """Queue `sql` on `conn`'s pipeline without waiting for it (a `Database.at_commit` hook's
    statement, which travels with the COMMIT): its result is read from the returned cursor once
    the pipeline synced. Prepared at its first use on the connection by default."""
    driver = conn.connection.driver_connection
    assert driver is not None
    cur = driver.cursor()
    cur.execute(_to_pyformat(sql), params, prepare=prepare)
    return cur


def int_array(values) -> str:
    """`{1,2,3}`: bind as text and CAST(... AS bigint[]) in the SQL."""
    return "{" + ",".join(str(int(v)) for v in values) + "}"


def text_array(values) -> str:
    """`{"a","b"}`: a PostgreSQL text array literal; bind as text and CAST(... AS text[])."""
    return "{" + ",".join('"' + str(v).replace("\\", "\\\\").replace('"', '\\"') + '"' for v in values) + "}"


def copy_rows(conn: Connection, table: Table, rows: list[dict]) -> None:
    """Insert `rows` (dicts with the same keys) into `table` with one COPY: one statement for any
    number of rows (statement-level triggers run once), and far less work than one INSERT each."""
    if not rows:
        return
    cols = list(rows[0])
    driver = conn.connection.driver_connection
    assert driver is not None
    names = ", ".join(f'"{c}"' for c in cols)
    with driver.cursor() as cur, cur.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as cp:
        for r in rows:
            cp.write_row([r[c] for c in cols])


# libpq 17 returns a large result in chunks of N rows (psycopg's stream(size=N)); older ones row by row.
_CHUNKED = psycopg.pq.version() >= 170000


def begin_snapshot_fetchall(conn: Connection, sql: str, params: dict) -> list[tuple]:
    """Begin a read-only REPEATABLE READ transaction on an autocommit connection and run its first
    statement, in one round trip (pipeline mode: BEGIN costs no wait of its own). The caller ends
    the transaction (`end_transaction`)."""
    driver = conn.connection.driver_connection
    assert driver is not None
    cur = driver.cursor()
    with driver.pipeline():
        driver.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cur.execute(_to_pyformat(sql), params)
    try:
        return cur.fetchall()
    finally:
        cur.close()


def end_transaction(conn: Connection) -> None:
    """End the transaction `begin_snapshot_fetchall` began, if any (it only read: a rollback). A
    failure is left to the pool, which resets or discards the connection when it comes back."""
    driver = conn.connection.driver_connection
    if driver is None or driver.closed or driver.info.transaction_status == psycopg.pq.TransactionStatus.IDLE:
        return
    try:
        driver.execute("ROLLBACK")
    except psycopg.Error:
        pass


def stream_chunks(conn: Connection, sql: str, params: dict, size: int) -> Iterator[list[tuple]]:
    """The rows of one statement, `size` at a time as they arrive (binary format: a bytea is its
    bytes, no hex text); memory holds a chunk, whatever the statement returns. Closing the iterator
    early cancels the statement."""
    driver = conn.connection.driver_connection
    assert driver is not None
    cur = driver.cursor(binary=True)
    try:
        chunk: list[tuple] = []
        for row in cur.stream(_to_pyformat(sql), params, size=size if _CHUNKED else 1):
            chunk.append(row)
            if len(chunk) == size:
                yield chunk
                chunk = []
        if chunk:
            yield chunk
    finally:
        cur.close()
