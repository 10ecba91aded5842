"""Keyset-paged listings for the REST API: each page is `name > :after ORDER BY name LIMIT :n`
on an index, so paging is stable under concurrent inserts (nothing is skipped or repeated)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, text

from catalog.domain.model import Catalog, Database, Function
from catalog.store import databases as dbs
from catalog.store import functions as fns


@dataclass
class TableSummary:
    name: str
    table_type: str
    owner: str | None
    comment: str | None
    create_time: int


def _after(col: str, after: str | None) -> str:
    return "TRUE" if after is None else f"{col} > :after"


def catalogs(conn: Connection, after: str | None, limit: int) -> list[Catalog]:
    rows = conn.execute(
        text(
            'SELECT "NAME", "DESC", "LOCATION_URI" FROM "CTLGS" '
            "WHERE " + _after('"NAME"', after) + ' ORDER BY "NAME" LIMIT :n'
        ),
        {"after": after, "n": limit},
    )
    return [Catalog(*r) for r in rows]


def databases(conn: Connection, catalog: str, after: str | None, limit: int) -> list[Database]:
    rows = conn.execute(
        text(
            dbs.DATABASE_SQL
            + ' WHERE d."CTLG_NAME" = :cat AND '
            + _after('d."NAME"', after)
            + ' ORDER BY d."NAME" LIMIT :n'
        ),
        {"cat": catalog, "after": after, "n": limit},
    )
    return [dbs.row_to_database(r) for r in rows]


def tables(conn: Connection, db_id: int, after: str | None, limit: int) -> list[TableSummary]:
    rows = conn.execute(
        text(
            'SELECT t."TBL_NAME", t."TBL_TYPE", t."OWNER", '
            '(SELECT p."PARAM_VALUE" FROM "TABLE_PARAMS" p '
            'WHERE p."TBL_ID" = t."TBL_ID" AND p."PARAM_KEY" = \'comment\'), '
            't."CREATE_TIME" FROM "TBLS" t WHERE t."DB_ID" = :db '
            "AND " + _after('t."TBL_NAME"', after) + ' ORDER BY t."TBL_NAME" LIMIT :n'
        ),
        {"db": db_id, "after": after, "n": limit},
    )
    return [TableSummary(r[0], r[1] or "", r[2], r[3], r[4] or 0) for r in rows]


def functions(conn: Connection, catalog: str, db: str, after: str | None, limit: int) -> list[Function]:
    rows = conn.execute(
        text(
            fns.FUNCTION_SQL + 'WHERE d."CTLG_NAME" = :cat AND d."NAME" = :db '
            "AND " + _after('f."FUNC_NAME"', after) + ' ORDER BY f."FUNC_NAME" LIMIT :n'
        ),
        {"cat": catalog, "db": db, "after": after, "n": limit},
    )
    return [fns.row_to_function(r)[1] for r in rows]


__all__ = ["TableSummary", "catalogs", "databases", "functions", "tables"]
