"""SQL that moves partitions between tables and directories (exchange_partitions, CASCADE column
changes): partitions and their storage descriptors change owner or location in place."""

from __future__ import annotations

from sqlalchemy import Connection, text


def set_location(conn: Connection, sd_id: int, location: str | None) -> None:
    conn.execute(
        text('UPDATE "SDS" SET "LOCATION" = :loc WHERE "SD_ID" = :sd'), {"loc": location, "sd": sd_id}
    )


def locations_of(conn: Connection, sd_ids: list[int]) -> list[str]:
    """The non-empty locations of these storage descriptors."""
    rows = conn.execute(text('SELECT "LOCATION" FROM "SDS" WHERE "SD_ID" = ANY(:ids)'), {"ids": sd_ids}).all()
    return [r[0] for r in rows if r[0]]


def move_to_table(conn: Connection, part_ids: list[int], tbl_id: int) -> None:
    conn.execute(
        text('UPDATE "PARTITIONS" SET "TBL_ID" = :t WHERE "PART_ID" = ANY(:ids)'),
        {"t": tbl_id, "ids": part_ids},
    )


def partitions_take_columns(conn: Connection, tbl_id: int, new_cd_id: int, old_cd_id: int) -> None:
    """Hive's ALTER TABLE ... CASCADE: every partition takes the table's new column descriptor;
    the old one goes once nothing uses it."""
    conn.execute(
        text(
            'UPDATE "SDS" SET "CD_ID" = :cd WHERE "SD_ID" IN '
            '(SELECT "SD_ID" FROM "PARTITIONS" WHERE "TBL_ID" = :id)'
        ),
        {"cd": new_cd_id, "id": tbl_id},
    )
    conn.execute(
        text(
            'DELETE FROM "COLUMNS_V2" WHERE "CD_ID" = :cd '
            'AND NOT EXISTS (SELECT 1 FROM "SDS" WHERE "CD_ID" = :cd)'
        ),
        {"cd": old_cd_id},
    )
    conn.execute(
        text(
            'DELETE FROM "CDS" WHERE "CD_ID" = :cd AND NOT EXISTS (SELECT 1 FROM "SDS" WHERE "CD_ID" = :cd)'
        ),
        {"cd": old_cd_id},
    )
