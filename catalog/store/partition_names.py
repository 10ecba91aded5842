"""A table's partition names in one statement with the table's lookup (`get_partition_names`, a
point read: catalog.db.Database.point_read).

The names come back as one array: fine for the tables a point read is for, but an array of
millions of names costs its bytes, its parsed list and the reply at once. The array therefore
holds at most ARRAY_MOST + 1 names; a caller that gets more than ARRAY_MOST reads the names
row by row instead."""

from __future__ import annotations

from catalog.db import PointReader
from catalog.store import raw

_NAMES_OF_TABLE = raw.pyformat(
    'SELECT ARRAY(SELECT p."PART_NAME" FROM "PARTITIONS" p WHERE p."TBL_ID" = t."TBL_ID" '
    'ORDER BY p."PART_NAME" LIMIT :limit) '
    'FROM "TBLS" t JOIN "DBS" d ON d."DB_ID" = t."DB_ID" '
    'WHERE d."CTLG_NAME" = :cat AND d."NAME" = :db AND t."TBL_NAME" = :name'
)


ARRAY_MOST = 100_000


def read_partition_names(
    r: PointReader, catalog: str, db: str, table: str, limit: int | None = None
) -> list[str] | None:
    """The names of the table's partitions in name order, at most `limit` (None: all) and at most
    ARRAY_MOST + 1 (more than ARRAY_MOST: the table has more, read them row by row); None when
    the table does not exist."""
    most = ARRAY_MOST + 1 if limit is None else min(limit, ARRAY_MOST + 1)
    row = r.row(_NAMES_OF_TABLE, {"cat": catalog, "db": db, "name": table, "limit": most})
    return None if row is None else row[0]
