"""SQL for single table parameters: the compare-and-swap of HIVE-26882 (ObjectStore's
updateParameterWithExpectedValue)."""

from __future__ import annotations

from sqlalchemy import Connection, text


def param_value(conn: Connection, tbl_id: int, key: str) -> str | None:
    row = conn.execute(
        text('SELECT "PARAM_VALUE" FROM "TABLE_PARAMS" WHERE "TBL_ID" = :id AND "PARAM_KEY" = :k'),
        {"id": tbl_id, "k": key},
    ).first()
    return None if row is None else row[0]


def swap_param(conn: Connection, tbl_id: int, key: str, expected: str, new: str) -> int:
    """Set the parameter only where it still holds `expected`; the number of rows changed. The row
    stays locked until the transaction ends, so a concurrent swap (ours or a Java metastore's) waits
    and then finds the new value."""
    return conn.execute(
        text(
            'UPDATE "TABLE_PARAMS" SET "PARAM_VALUE" = :new'
            ' WHERE "TBL_ID" = :id AND "PARAM_KEY" = :k AND "PARAM_VALUE" = :old'
        ),
        {"new": new, "id": tbl_id, "k": key, "old": expected},
    ).rowcount
