"""Counts for the catalog explorer's listings: databases per catalog and tables per database, one
grouped statement for a whole page of names (no query per row)."""

from __future__ import annotations

from sqlalchemy import Connection, bindparam, text

_DBS_PER_CATALOG = text(
    'SELECT "CTLG_NAME", count(*) FROM "DBS" WHERE "CTLG_NAME" IN :cats GROUP BY "CTLG_NAME"'
).bindparams(bindparam("cats", expanding=True))

_TABLES_PER_DB = text(
    'SELECT d."NAME", count(t."TBL_ID") FROM "DBS" d LEFT JOIN "TBLS" t ON t."DB_ID" = d."DB_ID" '
    'WHERE d."CTLG_NAME" = :cat AND d."NAME" IN :dbs GROUP BY d."NAME"'
).bindparams(bindparam("dbs", expanding=True))


def databases_per_catalog(conn: Connection, catalogs: list[str]) -> dict[str, int]:
    if not catalogs:
        return {}
    found = {r[0]: int(r[1]) for r in conn.execute(_DBS_PER_CATALOG, {"cats": list(catalogs)})}
    return {c: found.get(c, 0) for c in catalogs}


def tables_per_database(conn: Connection, catalog: str, dbs: list[str]) -> dict[str, int]:
    if not dbs:
        return {}
    found = {r[0]: int(r[1]) for r in conn.execute(_TABLES_PER_DB, {"cat": catalog, "dbs": list(dbs)})}
    return {d: found.get(d, 0) for d in dbs}


__all__ = ["databases_per_catalog", "tables_per_database"]
