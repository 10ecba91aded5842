"""SQL for tables ("TBLS", "TABLE_PARAMS", "PARTITION_KEYS", and their storage descriptor)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, insert, text

from catalog.db import PointReader
from catalog.domain.model import FieldSchema, Table, TableMeta
from catalog.store import raw
from catalog.store import schema as s
from catalog.store.ids import IdAllocator
from catalog.store.patterns import pattern_regex
from catalog.store.storage import cols_from_json, delete_sds, insert_sds, sd_from_json, sd_json_sql


@dataclass
class TableRow:
    """A table as stored, with the surrogate ids writers need."""

    tbl_id: int
    db_id: int
    sd_id: int | None
    cd_id: int | None
    table: Table


_TABLE_SQL = f"""SELECT t."TBL_ID", t."DB_ID", t."SD_ID", d."NAME", d."CTLG_NAME", t."TBL_NAME", t."OWNER",
       t."OWNER_TYPE", t."CREATE_TIME", t."LAST_ACCESS_TIME", t."RETENTION", t."TBL_TYPE",
       t."VIEW_ORIGINAL_TEXT", t."VIEW_EXPANDED_TEXT", t."IS_REWRITE_ENABLED",
       (SELECT json_object_agg(p."PARAM_KEY", p."PARAM_VALUE") FROM "TABLE_PARAMS" p WHERE p."TBL_ID" = t."TBL_ID"),
       (SELECT json_agg(json_build_array(k."PKEY_NAME", k."PKEY_TYPE", k."PKEY_COMMENT") ORDER BY k."INTEGER_IDX")
        FROM "PARTITION_KEYS" k WHERE k."TBL_ID" = t."TBL_ID"),
       {sd_json_sql('t."SD_ID"')}
FROM "TBLS" t JOIN "DBS" d ON d."DB_ID" = t."DB_ID"
"""


def _row_to_table(r) -> TableRow:
    sd_json = r[17]
    table = Table(
        db_name=r[3],
        catalog_name=r[4],
        table_name=r[5],
        owner=r[6],
        owner_type=r[7],
        create_time=r[8] or 0,
        last_access_time=r[9] or 0,
        retention=r[10] or 0,
        table_type=r[11] or "",
        view_original_text=r[12],
        view_expanded_text=r[13],
        rewrite_enabled=bool(r[14]),
        parameters=r[15] or {},
        partition_keys=cols_from_json(r[16]),
        sd=sd_from_json(sd_json),
    )
    return TableRow(r[0], r[1], r[2], sd_json.get("cd_id") if sd_json else None, table)


_ONE_TABLE = _TABLE_SQL + 'WHERE d."CTLG_NAME" = :cat AND d."NAME" = :db AND t."TBL_NAME" = :name'


def get_table(conn: Connection, catalog: str, db: str, name: str) -> TableRow | None:
    r = conn.execute(text(_ONE_TABLE), {"cat": catalog, "db": db, "name": name}).first()
    return _row_to_table(r) if r else None


def get_table_beginning_snapshot(conn: Connection, catalog: str, db: str, name: str) -> TableRow | None:
    """get_table as the first statement of a read-only snapshot it begins in the same round trip, on
    an autocommit connection (see raw.begin_snapshot_fetchall; the caller ends it)."""
    rows = raw.begin_snapshot_fetchall(conn, _ONE_TABLE, {"cat": catalog, "db": db, "name": name})
    return _row_to_table(rows[0]) if rows else None


_TABLE_BY_NAME = raw.pyformat(_ONE_TABLE)


def read_table(r: PointReader, catalog: str, db: str, name: str) -> Table | None:
    """`get_table` as a point read (catalog.db.Database.point_read)."""
    row = r.row(_TABLE_BY_NAME, {"cat": catalog, "db": db, "name": name})
    return _row_to_table(row).table if row else None


def _names_in_database_sql(matching: bool, of_type: bool) -> str:
    filters = (' AND t."TBL_NAME" ~* :rx' if matching else "") + (
        ' AND t."TBL_TYPE" = :tt' if of_type else ""
    )
    return raw.pyformat(
        'SELECT ARRAY(SELECT t."TBL_NAME" FROM "TBLS" t WHERE t."DB_ID" = d."DB_ID"'
        f'{filters} ORDER BY t."TBL_NAME") FROM "DBS" d WHERE d."CTLG_NAME" = :cat AND d."NAME" = :db'
    )


_NAMES_IN_DATABASE = {(m, o): _names_in_database_sql(m, o) for m in (False, True) for o in (False, True)}


def read_table_names(
    r: PointReader, catalog: str, db: str, pattern: str | None = None, table_type: str | None = None
) -> list[str] | None:
    """The names of a database's tables (matching `pattern`, of `table_type`), in one statement
    with the database's lookup; None when the database does not exist."""
    rx = pattern_regex(pattern)
    sql = _NAMES_IN_DATABASE[(bool(rx), bool(table_type))]
    row = r.row(sql, {"cat": catalog, "db": db, "rx": rx, "tt": table_type})
    return None if row is None else row[0]


def get_tables(conn: Connection, catalog: str, db: str, names: list[str]) -> list[TableRow]:
    rows = conn.execute(
        text(
            _TABLE_SQL + 'WHERE d."CTLG_NAME" = :cat AND d."NAME" = :db '
            'AND t."TBL_NAME" = ANY(:names) ORDER BY t."TBL_NAME"'
        ),
        {"cat": catalog, "db": db, "names": names},
    )
    return [_row_to_table(r) for r in rows]


def table_names(
    conn: Connection, db_id: int, pattern: str | None = None, table_type: str | None = None
) -> list[str]:
    rx = pattern_regex(pattern)
    sql = 'SELECT "TBL_NAME" FROM "TBLS" WHERE "DB_ID" = :db'
    if rx:
        sql += ' AND "TBL_NAME" ~* :rx'
    if table_type:
        sql += ' AND "TBL_TYPE" = :tt'
    return [
        r[0]
        for r in conn.execute(text(sql + ' ORDER BY "TBL_NAME"'), {"db": db_id, "rx": rx, "tt": table_type})
    ]


def table_metas(
    conn: Connection, catalog: str, db_pattern: str | None, tbl_pattern: str | None, types: list[str] | None
) -> list[TableMeta]:
    dbrx, tbrx = pattern_regex(db_pattern), pattern_regex(tbl_pattern)
    sql = (
        'SELECT d."NAME", t."TBL_NAME", t."TBL_TYPE", '
        '(SELECT p."PARAM_VALUE" FROM "TABLE_PARAMS" p WHERE p."TBL_ID" = t."TBL_ID" AND p."PARAM_KEY" = \'comment\'), '
        'd."CTLG_NAME" FROM "TBLS" t JOIN "DBS" d ON d."DB_ID" = t."DB_ID" WHERE d."CTLG_NAME" = :cat'
    )
    if dbrx:
        sql += ' AND d."NAME" ~* :dbrx'
    if tbrx:
        sql += ' AND t."TBL_NAME" ~* :tbrx'
    if types:
        sql += ' AND t."TBL_TYPE" = ANY(:types)'
    rows = conn.execute(
        text(sql + ' ORDER BY d."NAME", t."TBL_NAME"'),
        {"cat": catalog, "dbrx": dbrx, "tbrx": tbrx, "types": types},
    )
    return [TableMeta(r[0], r[1], r[2], r[3], r[4]) for r in rows]


def count_tables(conn: Connection, db_id: int) -> int:
    return conn.execute(text('SELECT count(*) FROM "TBLS" WHERE "DB_ID" = :db'), {"db": db_id}).scalar_one()


def lock_table(conn: Connection, db_id: int, name: str) -> int | None:
    r = conn.execute(
        text('SELECT "TBL_ID" FROM "TBLS" WHERE "DB_ID" = :db AND "TBL_NAME" = :n FOR UPDATE'),
        {"db": db_id, "n": name},
    ).first()
    return r[0] if r else None


def insert_table(conn: Connection, ids: IdAllocator, db_id: int, t: Table) -> int:
    (sd,) = insert_sds(conn, ids, [t.sd])
    (tbl_id,) = ids.allocate(s.SEQ_TABLE, 1)
    conn.execute(
        insert(s.TBLS).values(
            TBL_ID=tbl_id,
            CREATE_TIME=t.create_time,
            DB_ID=db_id,
            LAST_ACCESS_TIME=t.last_access_time,
            OWNER=t.owner,
            OWNER_TYPE=t.owner_type,
            RETENTION=t.retention,
            SD_ID=sd.sd_id,
            TBL_NAME=t.table_name,
            TBL_TYPE=t.table_type,
            VIEW_EXPANDED_TEXT=t.view_expanded_text,
            VIEW_ORIGINAL_TEXT=t.view_original_text,
            IS_REWRITE_ENABLED=bool(t.rewrite_enabled),
        )
    )
    _write_params(conn, tbl_id, t.parameters)
    if t.partition_keys:
        conn.execute(
            insert(s.PARTITION_KEYS),
            [
                {
                    "TBL_ID": tbl_id,
                    "PKEY_NAME": k.name,
                    "PKEY_TYPE": k.type,
                    "PKEY_COMMENT": k.comment,
                    "INTEGER_IDX": i,
                }
                for i, k in enumerate(t.partition_keys)
            ],
        )
    return tbl_id


def update_table(conn: Connection, ids: IdAllocator, old: TableRow, new: Table, new_db_id: int) -> None:
    """Rewrite a table's row, parameters, partition keys and storage descriptor."""
    same_cols = old.cd_id is not None and same_columns(old.table.sd.cols, new.sd.cols)
    (sd,) = insert_sds(conn, ids, [new.sd], [old.cd_id if same_cols else None])
    conn.execute(
        text(
            'UPDATE "TBLS" SET "DB_ID" = :db, "TBL_NAME" = :name, "OWNER" = :owner, "OWNER_TYPE" = :otype, '
            '"CREATE_TIME" = :ct, "LAST_ACCESS_TIME" = :lat, "RETENTION" = :ret, "SD_ID" = :sd, "TBL_TYPE" = :tt, '
            '"VIEW_ORIGINAL_TEXT" = :vot, "VIEW_EXPANDED_TEXT" = :vet, "IS_REWRITE_ENABLED" = :rw WHERE "TBL_ID" = :id'
        ),
        {
            "db": new_db_id,
            "name": new.table_name,
            "owner": new.owner,
            "otype": new.owner_type,
            "ct": new.create_time,
            "lat": new.last_access_time,
            "ret": new.retention,
            "sd": sd.sd_id,
            "tt": new.table_type,
            "vot": new.view_original_text,
            "vet": new.view_expanded_text,
            "rw": bool(new.rewrite_enabled),
            "id": old.tbl_id,
        },
    )
    conn.execute(text('DELETE FROM "TABLE_PARAMS" WHERE "TBL_ID" = :id'), {"id": old.tbl_id})
    _write_params(conn, old.tbl_id, new.parameters)
    if [(k.name, k.type, k.comment) for k in old.table.partition_keys] != [
        (k.name, k.type, k.comment) for k in new.partition_keys
    ]:
        conn.execute(text('DELETE FROM "PARTITION_KEYS" WHERE "TBL_ID" = :id'), {"id": old.tbl_id})
        if new.partition_keys:
            conn.execute(
                insert(s.PARTITION_KEYS),
                [
                    {
                        "TBL_ID": old.tbl_id,
                        "PKEY_NAME": k.name,
                        "PKEY_TYPE": k.type,
                        "PKEY_COMMENT": k.comment,
                        "INTEGER_IDX": i,
                    }
                    for i, k in enumerate(new.partition_keys)
                ],
            )
    if old.sd_id is not None:
        delete_sds(conn, [old.sd_id])


def delete_table(conn: Connection, row: TableRow) -> None:
    """Delete a table row and everything hanging off it except its partitions (delete those first)."""
    delete_tables(conn, [row.tbl_id], [row.sd_id] if row.sd_id is not None else [])


def delete_tables(conn: Connection, tbl_ids: list[int], sd_ids: list[int]) -> None:
    """Delete table rows in bulk with everything hanging off them except partitions."""
    if not tbl_ids:
        return
    p = {"ids": list(tbl_ids)}
    for sql in (
        'DELETE FROM "TABLE_PARAMS" WHERE "TBL_ID" = ANY(:ids)',
        # a table's constraints, and foreign keys of other tables that reference it, go with it (Hive)
        'DELETE FROM "KEY_CONSTRAINTS" WHERE "PARENT_TBL_ID" = ANY(:ids) OR "CHILD_TBL_ID" = ANY(:ids)',
        'DELETE FROM "PARTITION_KEYS" WHERE "TBL_ID" = ANY(:ids)',
        'DELETE FROM "TBL_PRIVS" WHERE "TBL_ID" = ANY(:ids)',
        'DELETE FROM "TBL_COL_PRIVS" WHERE "TBL_ID" = ANY(:ids)',
        'DELETE FROM "TAB_COL_STATS" WHERE "TBL_ID" = ANY(:ids)',
        'DELETE FROM "KEY_CONSTRAINTS" WHERE "PARENT_TBL_ID" = ANY(:ids) OR "CHILD_TBL_ID" = ANY(:ids)',
        'DELETE FROM "MV_TABLES_USED" WHERE "TBL_ID" = ANY(:ids)',
        'DELETE FROM "TBLS" WHERE "TBL_ID" = ANY(:ids)',
    ):
        conn.execute(text(sql), p)
    delete_sds(conn, list(sd_ids))


def tables_of_database(conn: Connection, db_id: int) -> list[tuple[int, int | None, str, str | None, bool]]:
    """(TBL_ID, SD_ID, TBL_TYPE, location, external?) of every table of a database, in one query."""
    rows = conn.execute(
        text(
            'SELECT t."TBL_ID", t."SD_ID", t."TBL_TYPE", s."LOCATION", '
            'EXISTS (SELECT 1 FROM "TABLE_PARAMS" p WHERE p."TBL_ID" = t."TBL_ID" AND p."PARAM_KEY" = \'EXTERNAL\' '
            'AND upper(p."PARAM_VALUE") = \'TRUE\') FROM "TBLS" t LEFT JOIN "SDS" s ON s."SD_ID" = t."SD_ID" '
            'WHERE t."DB_ID" = :db'
        ),
        {"db": db_id},
    )
    return [tuple(r) for r in rows]


def _write_params(conn: Connection, tbl_id: int, params: dict[str, str]) -> None:
    if params:
        conn.execute(
            insert(s.TABLE_PARAMS),
            [{"TBL_ID": tbl_id, "PARAM_KEY": k, "PARAM_VALUE": v} for k, v in params.items()],
        )


def same_columns(a: list[FieldSchema], b: list[FieldSchema]) -> bool:
    return [(c.name, c.type, c.comment) for c in a] == [(c.name, c.type, c.comment) for c in b]
