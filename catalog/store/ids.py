"""Id allocation through Hive's `"SEQUENCE_TABLE"`, exactly as DataNucleus allocates them.

A Java metastore sharing the database caches blocks of ids in memory, so ids may only come from
`NEXT_VAL`, and `NEXT_VAL` only moves forward. We do the same: reserve a block in a short
transaction of its own (so a rolled-back catalog call never gives ids back that a cache still
hands out), and hand ids out of the block in memory.
"""

from __future__ import annotations

import threading

from sqlalchemy import Engine, text


class IdAllocator:
    def __init__(self, engine: Engine, block_size: int = 50):
        self._engine = engine
        self._block = block_size
        self._lock = threading.Lock()
        self._cache: dict[str, tuple[int, int]] = {}  # name -> (next id, first id not ours)

    def dispose(self) -> None:
        """Close pooled connections (before fork: a child must not share its parent's sockets)."""
        self._engine.dispose()

    def allocate(self, seq: tuple, n: int) -> list[int]:
        """Return n fresh ids for the model class `seq` (one of schema.SEQ_*)."""
        if n <= 0:
            return []
        name = seq[0]
        with self._lock:
            nxt, limit = self._cache.get(name, (0, 0))
            if limit - nxt < n:
                nxt, limit = self._reserve(seq, max(n, self._block))
            self._cache[name] = (nxt + n, limit)
            return list(range(nxt, nxt + n))

    def _reserve(self, seq: tuple, n: int) -> tuple[int, int]:
        name, table, id_col = seq
        with self._engine.begin() as conn:
            row = conn.execute(
                text(
                    'UPDATE "SEQUENCE_TABLE" SET "NEXT_VAL" = "NEXT_VAL" + :n '
                    'WHERE "SEQUENCE_NAME" = :name RETURNING "NEXT_VAL" - :n'
                ),
                {"n": n, "name": name},
            ).first()
            if row is not None:
                return row[0], row[0] + n
            # First id of this class: DataNucleus starts after the largest id in use.
            table_name = table if isinstance(table, str) else table.name
            start = (conn.execute(text(f'SELECT max("{id_col}") FROM "{table_name}"')).scalar() or 0) + 1
            inserted = conn.execute(
                text(
                    'INSERT INTO "SEQUENCE_TABLE" ("SEQUENCE_NAME", "NEXT_VAL") VALUES (:name, :v) '
                    'ON CONFLICT ("SEQUENCE_NAME") DO NOTHING RETURNING "NEXT_VAL"'
                ),
                {"name": name, "v": start + n},
            ).first()
            if inserted is not None:
                return start, start + n
        return self._reserve(seq, n)  # somebody created the row concurrently: take from it
