"""A fast path for hot, row-heavy reads: run SQL written for SQLAlchemy's `text()` (`:name`
parameters) directly on the psycopg cursor, skipping SQLAlchemy's per-row result processing.

Integer id lists are sent as one PostgreSQL array literal (cast in the SQL), which psycopg dumps
far faster than a Python list.
"""

from __future__ import annotations

import re
from functools import lru_cache

from sqlalchemy import Connection, Table

_PARAM = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")


@lru_cache(maxsize=256)
def _to_pyformat(sql: str) -> str:
    return _PARAM.sub(r"%(\1)s", sql.replace("%", "%%"))


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
