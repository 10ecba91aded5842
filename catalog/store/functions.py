"""SQL for functions ("FUNCS", "FUNC_RU")."""

from __future__ import annotations

from sqlalchemy import Connection, insert, text

from catalog.domain.model import Function, ResourceUri
from catalog.store import schema as s
from catalog.store.ids import IdAllocator
from catalog.store.patterns import pattern_regex

FUNCTION_SQL = """SELECT f."FUNC_ID", f."FUNC_NAME", d."NAME", f."CLASS_NAME", f."OWNER_NAME", f."OWNER_TYPE",
       f."CREATE_TIME", f."FUNC_TYPE", d."CTLG_NAME",
       (SELECT json_agg(json_build_array(r."RESOURCE_TYPE", r."RESOURCE_URI") ORDER BY r."INTEGER_IDX")
        FROM "FUNC_RU" r WHERE r."FUNC_ID" = f."FUNC_ID")
FROM "FUNCS" f JOIN "DBS" d ON d."DB_ID" = f."DB_ID" """


def row_to_function(r) -> tuple[int, Function]:
    return r[0], Function(
        function_name=r[1],
        db_name=r[2],
        class_name=r[3],
        owner_name=r[4],
        owner_type=r[5],
        create_time=r[6] or 0,
        function_type=r[7] or 1,
        catalog_name=r[8],
        resource_uris=[ResourceUri(t, u) for t, u in (r[9] or [])],
    )


def get_function(conn: Connection, catalog: str, db: str, name: str) -> tuple[int, Function] | None:
    r = conn.execute(
        text(FUNCTION_SQL + 'WHERE d."CTLG_NAME" = :cat AND d."NAME" = :db AND f."FUNC_NAME" = :n'),
        {"cat": catalog, "db": db, "n": name},
    ).first()
    return row_to_function(r) if r else None


def list_functions(conn: Connection, catalog: str, db: str | None = None) -> list[Function]:
    sql = FUNCTION_SQL + 'WHERE d."CTLG_NAME" = :cat'
    if db is not None:
        sql += ' AND d."NAME" = :db'
    rows = conn.execute(text(sql + ' ORDER BY d."NAME", f."FUNC_NAME"'), {"cat": catalog, "db": db})
    return [row_to_function(r)[1] for r in rows]


def function_names(conn: Connection, db_id: int, pattern: str | None) -> list[str]:
    rx = pattern_regex(pattern)
    sql = 'SELECT "FUNC_NAME" FROM "FUNCS" WHERE "DB_ID" = :db'
    if rx:
        sql += ' AND "FUNC_NAME" ~* :rx'
    return [r[0] for r in conn.execute(text(sql + ' ORDER BY "FUNC_NAME"'), {"db": db_id, "rx": rx})]


def insert_function(conn: Connection, ids: IdAllocator, db_id: int, f: Function) -> int:
    (fid,) = ids.allocate(s.SEQ_FUNCTION, 1)
    conn.execute(
        insert(s.FUNCS).values(
            FUNC_ID=fid,
            CLASS_NAME=f.class_name,
            CREATE_TIME=f.create_time,
            DB_ID=db_id,
            FUNC_NAME=f.function_name,
            FUNC_TYPE=f.function_type,
            OWNER_NAME=f.owner_name,
            OWNER_TYPE=f.owner_type,
        )
    )
    if f.resource_uris:
        conn.execute(
            insert(s.FUNC_RU),
            [
                {"FUNC_ID": fid, "RESOURCE_TYPE": r.resource_type, "RESOURCE_URI": r.uri, "INTEGER_IDX": i}
                for i, r in enumerate(f.resource_uris)
            ],
        )
    return fid


def delete_function(conn: Connection, func_id: int) -> None:
    conn.execute(text('DELETE FROM "FUNC_RU" WHERE "FUNC_ID" = :id'), {"id": func_id})
    conn.execute(text('DELETE FROM "FUNCS" WHERE "FUNC_ID" = :id'), {"id": func_id})
