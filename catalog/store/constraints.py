"""SQL for table constraints in Hive's "KEY_CONSTRAINTS": one row per constraint column. The
constrained table is the parent (for a foreign key: the referenced table; the referencing one is the
child); columns are addressed as Hive does, by ("CD_ID", "INTEGER_IDX") of "COLUMNS_V2", or, for a
partition key, by a null CD and the key's index in "PARTITION_KEYS"."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, text

# MConstraint's CONSTRAINT_TYPE values
PRIMARY_KEY, FOREIGN_KEY, UNIQUE, NOT_NULL, DEFAULT, CHECK = 0, 1, 2, 3, 4, 5


@dataclass(frozen=True)
class TableColumns:
    tbl_id: int
    cd_id: int | None
    columns: list[str]  # lower-case names in "INTEGER_IDX" order
    partition_keys: list[str]

    def locate(self, column: str) -> tuple[int | None, int] | None:
        """(CD id, index) of a column as Hive stores it; None if the table has no such column."""
        c = column.lower()
        if c in self.columns:
            return self.cd_id, self.columns.index(c)
        if c in self.partition_keys:
            return None, self.partition_keys.index(c)
        return None


@dataclass(frozen=True)
class ConstraintRow:
    name: str
    position: int
    type: int
    update_rule: int | None
    delete_rule: int | None
    enable_validate_rely: int
    value: str | None  # DEFAULT_VALUE: a default value or a check expression
    catalog: str
    db: str
    table: str
    column: str
    child_db: str | None
    child_table: str | None
    child_column: str | None


def table_columns(conn: Connection, catalog: str, db: str, table: str) -> TableColumns | None:
    row = conn.execute(
        text(
            'SELECT t."TBL_ID", s."CD_ID",'
            ' (SELECT array_agg(lower(c."COLUMN_NAME") ORDER BY c."INTEGER_IDX") FROM "COLUMNS_V2" c'
            '   WHERE c."CD_ID" = s."CD_ID"),'
            ' (SELECT array_agg(lower(k."PKEY_NAME") ORDER BY k."INTEGER_IDX") FROM "PARTITION_KEYS" k'
            '   WHERE k."TBL_ID" = t."TBL_ID")'
            ' FROM "TBLS" t JOIN "DBS" d ON d."DB_ID" = t."DB_ID" LEFT JOIN "SDS" s ON s."SD_ID" = t."SD_ID"'
            ' WHERE d."CTLG_NAME" = :cat AND d."NAME" = :db AND t."TBL_NAME" = :tbl FOR UPDATE OF t'
        ),
        {"cat": catalog, "db": db, "tbl": table},
    ).first()
    if row is None:
        return None
    return TableColumns(row[0], row[1], list(row[2] or []), list(row[3] or []))


def table_id(conn: Connection, catalog: str, db: str, table: str) -> int | None:
    row = conn.execute(
        text(
            'SELECT t."TBL_ID" FROM "TBLS" t JOIN "DBS" d ON d."DB_ID" = t."DB_ID"'
            ' WHERE d."CTLG_NAME" = :cat AND d."NAME" = :db AND t."TBL_NAME" = :tbl'
        ),
        {"cat": catalog, "db": db, "tbl": table},
    ).first()
    return None if row is None else int(row[0])


def name_exists(conn: Connection, name: str) -> bool:
    q = text('SELECT 1 FROM "KEY_CONSTRAINTS" WHERE "CONSTRAINT_NAME" = :n LIMIT 1')
    return conn.execute(q, {"n": name}).first() is not None


def has_primary_key(conn: Connection, tbl_id: int) -> bool:
    q = text('SELECT 1 FROM "KEY_CONSTRAINTS" WHERE "PARENT_TBL_ID" = :t AND "CONSTRAINT_TYPE" = 0 LIMIT 1')
    return conn.execute(q, {"t": tbl_id}).first() is not None


def insert(conn: Connection, rows: list[dict]) -> None:
    if rows:
        conn.execute(
            text(
                'INSERT INTO "KEY_CONSTRAINTS" ("CHILD_CD_ID", "CHILD_INTEGER_IDX", "CHILD_TBL_ID",'
                ' "PARENT_CD_ID", "PARENT_INTEGER_IDX", "PARENT_TBL_ID", "POSITION", "CONSTRAINT_NAME",'
                ' "CONSTRAINT_TYPE", "UPDATE_RULE", "DELETE_RULE", "ENABLE_VALIDATE_RELY", "DEFAULT_VALUE")'
                " VALUES (:child_cd, :child_idx, :child_tbl, :parent_cd, :parent_idx, :parent_tbl, :position,"
                " :name, :type, :update_rule, :delete_rule, :evr, :value)"
            ),
            rows,
        )


_SELECT = """
SELECT k."CONSTRAINT_NAME", k."POSITION", k."CONSTRAINT_TYPE", k."UPDATE_RULE", k."DELETE_RULE",
       k."ENABLE_VALIDATE_RELY", k."DEFAULT_VALUE", pd."CTLG_NAME", pd."NAME", pt."TBL_NAME",
       coalesce(pc."COLUMN_NAME", ppk."PKEY_NAME"), cd."NAME", ct."TBL_NAME",
       coalesce(cc."COLUMN_NAME", cpk."PKEY_NAME")
  FROM "KEY_CONSTRAINTS" k
  JOIN "TBLS" pt ON pt."TBL_ID" = k."PARENT_TBL_ID"
  JOIN "DBS" pd ON pd."DB_ID" = pt."DB_ID"
  LEFT JOIN "COLUMNS_V2" pc ON pc."CD_ID" = k."PARENT_CD_ID" AND pc."INTEGER_IDX" = k."PARENT_INTEGER_IDX"
  LEFT JOIN "PARTITION_KEYS" ppk
         ON k."PARENT_CD_ID" IS NULL AND ppk."TBL_ID" = k."PARENT_TBL_ID" AND ppk."INTEGER_IDX" = k."PARENT_INTEGER_IDX"
  LEFT JOIN "TBLS" ct ON ct."TBL_ID" = k."CHILD_TBL_ID"
  LEFT JOIN "DBS" cd ON cd."DB_ID" = ct."DB_ID"
  LEFT JOIN "COLUMNS_V2" cc ON cc."CD_ID" = k."CHILD_CD_ID" AND cc."INTEGER_IDX" = k."CHILD_INTEGER_IDX"
  LEFT JOIN "PARTITION_KEYS" cpk
         ON k."CHILD_CD_ID" IS NULL AND cpk."TBL_ID" = k."CHILD_TBL_ID" AND cpk."INTEGER_IDX" = k."CHILD_INTEGER_IDX"
 WHERE k."CONSTRAINT_TYPE" = :type"""


def read(
    conn: Connection, type_: int, parent_tbl_id: int | None = None, child_tbl_id: int | None = None
) -> list[ConstraintRow]:
    sql, params = _SELECT, {"type": type_}
    if parent_tbl_id is not None:
        sql += ' AND k."PARENT_TBL_ID" = :p'
        params["p"] = parent_tbl_id
    if child_tbl_id is not None:
        sql += ' AND k."CHILD_TBL_ID" = :c'
        params["c"] = child_tbl_id
    rows = conn.execute(text(sql + ' ORDER BY k."CONSTRAINT_NAME", k."POSITION"'), params)
    return [ConstraintRow(*r) for r in rows]


def primary_key_name(conn: Connection, tbl_id: int) -> str | None:
    q = text(
        'SELECT "CONSTRAINT_NAME" FROM "KEY_CONSTRAINTS" WHERE "PARENT_TBL_ID" = :t AND "CONSTRAINT_TYPE" = 0'
    )
    row = conn.execute(q, {"t": tbl_id}).first()
    return None if row is None else row[0]


def delete(conn: Connection, tbl_id: int, name: str) -> int:
    return conn.execute(
        text(
            'DELETE FROM "KEY_CONSTRAINTS" WHERE "CONSTRAINT_NAME" = :n'
            ' AND ("PARENT_TBL_ID" = :t OR "CHILD_TBL_ID" = :t)'
        ),
        {"n": name, "t": tbl_id},
    ).rowcount
