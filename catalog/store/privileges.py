"""SQL for privileges in Hive's own tables ("GLOBAL_PRIVS", "DB_PRIVS",
"TBL_PRIVS", "PART_PRIVS", "TBL_COL_PRIVS", "PART_COL_PRIVS"), with ids from "SEQUENCE_TABLE" under
DataNucleus' class names, so a Java metastore sharing the database sees the same grants."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, text

from catalog.domain import names as nm
from catalog.errors import NotFoundError
from catalog.store.ids import IdAllocator

_M = "org.apache.hadoop.hive.metastore.model."


@dataclass(frozen=True)
class PrivTable:
    kind: str  # GLOBAL DATABASE TABLE PARTITION TABLE_COLUMN PARTITION_COLUMN
    table: str
    id_col: str
    priv_col: str
    keys: tuple[str, ...]
    seq: tuple


PRIV_TABLES = {
    t.kind: t
    for t in (
        PrivTable(
            "GLOBAL",
            "GLOBAL_PRIVS",
            "USER_GRANT_ID",
            "USER_PRIV",
            (),
            (_M + "MGlobalPrivilege", "GLOBAL_PRIVS", "USER_GRANT_ID"),
        ),
        PrivTable(
            "DATABASE",
            "DB_PRIVS",
            "DB_GRANT_ID",
            "DB_PRIV",
            ("DB_ID",),
            (_M + "MDBPrivilege", "DB_PRIVS", "DB_GRANT_ID"),
        ),
        PrivTable(
            "TABLE",
            "TBL_PRIVS",
            "TBL_GRANT_ID",
            "TBL_PRIV",
            ("TBL_ID",),
            (_M + "MTablePrivilege", "TBL_PRIVS", "TBL_GRANT_ID"),
        ),
        PrivTable(
            "PARTITION",
            "PART_PRIVS",
            "PART_GRANT_ID",
            "PART_PRIV",
            ("PART_ID",),
            (_M + "MPartitionPrivilege", "PART_PRIVS", "PART_GRANT_ID"),
        ),
        PrivTable(
            "TABLE_COLUMN",
            "TBL_COL_PRIVS",
            "TBL_COLUMN_GRANT_ID",
            "TBL_COL_PRIV",
            ("TBL_ID", "COLUMN_NAME"),
            (_M + "MTableColumnPrivilege", "TBL_COL_PRIVS", "TBL_COLUMN_GRANT_ID"),
        ),
        PrivTable(
            "PARTITION_COLUMN",
            "PART_COL_PRIVS",
            "PART_COLUMN_GRANT_ID",
            "PART_COL_PRIV",
            ("PART_ID", "COLUMN_NAME"),
            (_M + "MPartitionColumnPrivilege", "PART_COL_PRIVS", "PART_COLUMN_GRANT_ID"),
        ),
    )
}

# How to name the object of each kind of grant: joins and (catalog, db, table, part name, column).
_OBJECT_SQL = {
    "GLOBAL": ("", "NULL::text, NULL::text, NULL::text, NULL::text, NULL::text"),
    "DATABASE": ('JOIN "DBS" d ON d."DB_ID" = g."DB_ID"', 'd."CTLG_NAME", d."NAME", NULL, NULL, NULL'),
    "TABLE": (
        'JOIN "TBLS" t ON t."TBL_ID" = g."TBL_ID" JOIN "DBS" d ON d."DB_ID" = t."DB_ID"',
        'd."CTLG_NAME", d."NAME", t."TBL_NAME", NULL, NULL',
    ),
    "PARTITION": (
        'JOIN "PARTITIONS" p ON p."PART_ID" = g."PART_ID" JOIN "TBLS" t ON t."TBL_ID" = p."TBL_ID" '
        'JOIN "DBS" d ON d."DB_ID" = t."DB_ID"',
        'd."CTLG_NAME", d."NAME", t."TBL_NAME", p."PART_NAME", NULL',
    ),
    "TABLE_COLUMN": (
        'JOIN "TBLS" t ON t."TBL_ID" = g."TBL_ID" JOIN "DBS" d ON d."DB_ID" = t."DB_ID"',
        'd."CTLG_NAME", d."NAME", t."TBL_NAME", NULL, g."COLUMN_NAME"',
    ),
    "PARTITION_COLUMN": (
        'JOIN "PARTITIONS" p ON p."PART_ID" = g."PART_ID" JOIN "TBLS" t ON t."TBL_ID" = p."TBL_ID" '
        'JOIN "DBS" d ON d."DB_ID" = t."DB_ID"',
        'd."CTLG_NAME", d."NAME", t."TBL_NAME", p."PART_NAME", g."COLUMN_NAME"',
    ),
}


@dataclass
class GrantRow:
    kind: str
    grant_id: int
    catalog: str | None
    db: str | None
    table: str | None
    part_name: str | None
    column: str | None
    principal_name: str
    principal_type: str
    privilege: str
    create_time: int
    grantor: str | None
    grantor_type: str | None
    grant_option: bool
    authorizer: str | None


# ----------------------------------------------------------------------------------------- privileges
def resolve(
    conn: Connection,
    kind: str,
    catalog: str,
    db: str | None,
    table: str | None,
    part_name: str | None,
    column: str | None,
) -> dict:
    """The key columns of a grant's object (raises NotFoundError when it does not exist)."""
    if kind == "GLOBAL":
        return {}
    r = conn.execute(
        text('SELECT "DB_ID" FROM "DBS" WHERE "CTLG_NAME" = :c AND "NAME" = :d'),
        {"c": catalog, "d": nm.normalize(db or "")},
    ).first()
    if r is None:
        raise NotFoundError(f"database {catalog}.{db} does not exist")
    if kind == "DATABASE":
        return {"DB_ID": r[0]}
    t = conn.execute(
        text('SELECT "TBL_ID" FROM "TBLS" WHERE "DB_ID" = :d AND "TBL_NAME" = :t'),
        {"d": r[0], "t": nm.normalize(table or "")},
    ).first()
    if t is None:
        raise NotFoundError(f"table {db}.{table} does not exist")
    keys: dict = {"TBL_ID": t[0]}
    if kind in ("PARTITION", "PARTITION_COLUMN"):
        p = conn.execute(
            text('SELECT "PART_ID" FROM "PARTITIONS" WHERE "TBL_ID" = :t AND "PART_NAME" = :n'),
            {"t": t[0], "n": part_name},
        ).first()
        if p is None:
            raise NotFoundError(f"partition {part_name} of table {db}.{table} does not exist")
        keys = {"PART_ID": p[0]}
    if kind.endswith("COLUMN"):
        keys["COLUMN_NAME"] = (column or "").lower()
    return keys


def select_grants(
    conn: Connection,
    kinds: list[str] | tuple[str, ...],
    *,
    keys: dict | None = None,
    principal: tuple[str | None, str | None] | None = None,
    privilege: str | None = None,
    authorizer: str | None = None,
    any_authorizer: bool = True,
) -> list[GrantRow]:
    out: list[GrantRow] = []
    for kind in kinds:
        pt = PRIV_TABLES[kind]
        joins, obj_cols = _OBJECT_SQL[kind]
        conds, params = [], {}
        for k, v in (keys or {}).items():
            if k in pt.keys:
                conds.append(f'g."{k}" = :{k}')
                params[k] = v
        if principal is not None:
            if principal[0] is not None:
                conds.append('g."PRINCIPAL_NAME" = :pn')
                params["pn"] = principal[0]
            if principal[1] is not None:
                conds.append('g."PRINCIPAL_TYPE" = :pt')
                params["pt"] = principal[1]
        if privilege is not None:
            conds.append(f'upper(g."{pt.priv_col}") = upper(:priv)')
            params["priv"] = privilege
        if not any_authorizer:
            conds.append('g."AUTHORIZER" IS NOT DISTINCT FROM :auth')
            params["auth"] = authorizer
        where = (" WHERE " + " AND ".join(conds)) if conds else ""
        sql = (
            f'SELECT g."{pt.id_col}", {obj_cols}, g."PRINCIPAL_NAME", g."PRINCIPAL_TYPE", g."{pt.priv_col}", '
            f'g."CREATE_TIME", g."GRANTOR", g."GRANTOR_TYPE", g."GRANT_OPTION" <> 0, g."AUTHORIZER" '
            f'FROM "{pt.table}" g {joins}{where} ORDER BY g."{pt.id_col}"'
        )
        out += [GrantRow(kind, *r) for r in conn.execute(text(sql), params)]
    return out


def insert_grant(
    conn: Connection,
    ids: IdAllocator,
    kind: str,
    keys: dict,
    principal: str,
    ptype: str,
    privilege: str,
    grantor: str | None,
    grantor_type: str | None,
    grant_option: bool,
    authorizer: str | None,
    now: int,
) -> int:
    pt = PRIV_TABLES[kind]
    (gid,) = ids.allocate(pt.seq, 1)
    row = (gid, now, 1 if grant_option else 0, grantor, grantor_type, principal, ptype, privilege, authorizer)
    _insert_grants(conn, pt, keys, [row])
    return gid


def _insert_grants(conn: Connection, pt: PrivTable, keys: dict, rows: list[tuple]) -> None:
    """Insert grants on the object `keys` names, in one statement: rows of (id, create time, grant
    option 0/1, grantor, grantor type, principal, principal type, privilege, authorizer)."""
    cols = [
        pt.id_col,
        "CREATE_TIME",
        "GRANT_OPTION",
        "GRANTOR",
        "GRANTOR_TYPE",
        "PRINCIPAL_NAME",
        "PRINCIPAL_TYPE",
        pt.priv_col,
        "AUTHORIZER",
        *keys,
    ]
    conn.execute(
        text(
            f'INSERT INTO "{pt.table}" ('
            + ", ".join(f'"{c}"' for c in cols)
            + ") VALUES ("
            + ", ".join(f":v{i}" for i in range(len(cols)))
            + ")"
        ),
        [{f"v{i}": v for i, v in enumerate((*row, *keys.values()))} for row in rows],
    )


def delete_grants(conn: Connection, kind: str, grant_ids: list[int]) -> None:
    pt = PRIV_TABLES[kind]
    conn.execute(text(f'DELETE FROM "{pt.table}" WHERE "{pt.id_col}" = ANY(:ids)'), {"ids": grant_ids})


def clear_grant_option(conn: Connection, kind: str, grant_ids: list[int]) -> None:
    pt = PRIV_TABLES[kind]
    conn.execute(
        text(f'UPDATE "{pt.table}" SET "GRANT_OPTION" = 0 WHERE "{pt.id_col}" = ANY(:ids)'),
        {"ids": grant_ids},
    )


def replace_grants_of_grantor(
    conn: Connection,
    ids: IdAllocator,
    kind: str,
    keys: dict,
    grantor: str,
    wanted: list[tuple[str, str, str]],
    now: int,
) -> bool:
    """Make the grants by `grantor` on one object exactly `wanted` [(principal, type, privilege)]:
    one read, and only when they differ one delete and one insert. Grants by anyone else are
    never touched. True if anything changed."""
    pt = PRIV_TABLES[kind]
    where = " AND ".join(f'"{k}" = :{k}' for k in keys)
    have = conn.execute(
        text(
            f'SELECT "{pt.id_col}", "PRINCIPAL_NAME", "PRINCIPAL_TYPE", "{pt.priv_col}" '
            f'FROM "{pt.table}" WHERE {where} AND "GRANTOR" = :grantor'
        ),
        {**keys, "grantor": grantor},
    ).all()
    if sorted((r[1], r[2], r[3]) for r in have) == sorted(set(wanted)):
        return False
    if have:
        delete_grants(conn, kind, [r[0] for r in have])
    wanted = sorted(set(wanted))
    if wanted:
        new_ids = ids.allocate(pt.seq, len(wanted))
        rows = [
            (gid, now, 0, grantor, "USER", name, ptype, priv, None)
            for gid, (name, ptype, priv) in zip(new_ids, wanted, strict=True)
        ]
        _insert_grants(conn, pt, keys, rows)
    return True


# The principals (`who`, from the :names and :types arrays) and when they can see table t: they own
# it or hold any table or column privilege on it.
_WHO = """
WITH who(name, type) AS (SELECT * FROM unnest(CAST(:names AS text[]), CAST(:types AS text[])))"""
_SEES_TABLE_T = """(
    (t."OWNER", coalesce(t."OWNER_TYPE", 'USER')) IN (SELECT name, type FROM who)
 OR EXISTS (SELECT 1 FROM "TBL_PRIVS" g WHERE g."TBL_ID" = t."TBL_ID"
            AND (g."PRINCIPAL_NAME", g."PRINCIPAL_TYPE") IN (SELECT name, type FROM who))
 OR EXISTS (SELECT 1 FROM "TBL_COL_PRIVS" g WHERE g."TBL_ID" = t."TBL_ID"
            AND (g."PRINCIPAL_NAME", g."PRINCIPAL_TYPE") IN (SELECT name, type FROM who)))"""


def _who(principals: list[tuple[str, str]]) -> dict[str, list[str]]:
    """The parameters of `_WHO`."""
    return {"names": [p[0] for p in principals], "types": [p[1] for p in principals]}


_EFFECTIVE_SQL = f"""{_WHO}
SELECT 'GLOBAL', "USER_PRIV", "GRANT_OPTION" <> 0 FROM "GLOBAL_PRIVS"
 WHERE ("PRINCIPAL_NAME", "PRINCIPAL_TYPE") IN (SELECT name, type FROM who)
UNION ALL
SELECT 'DATABASE', "DB_PRIV", "GRANT_OPTION" <> 0 FROM "DB_PRIVS"
 WHERE "DB_ID" = :db_id AND ("PRINCIPAL_NAME", "PRINCIPAL_TYPE") IN (SELECT name, type FROM who)
UNION ALL
SELECT 'TABLE', "TBL_PRIV", "GRANT_OPTION" <> 0 FROM "TBL_PRIVS"
 WHERE "TBL_ID" = :tbl_id AND ("PRINCIPAL_NAME", "PRINCIPAL_TYPE") IN (SELECT name, type FROM who)
UNION ALL
SELECT 'TABLE_COLUMN', "TBL_COL_PRIV", "GRANT_OPTION" <> 0 FROM "TBL_COL_PRIVS"
 WHERE "TBL_ID" = :tbl_id AND ("PRINCIPAL_NAME", "PRINCIPAL_TYPE") IN (SELECT name, type FROM who)"""


def effective(
    conn: Connection, principals: list[tuple[str, str]], db_id: int | None, tbl_id: int | None
) -> list[tuple[str, str, bool]]:
    """(level, privilege, grant option) the principals hold on the global level, the database and
    the table (and any of its columns)."""
    return [
        tuple(r)
        for r in conn.execute(
            text(_EFFECTIVE_SQL),
            {
                **_who(principals),
                "db_id": db_id if db_id is not None else -1,
                "tbl_id": tbl_id if tbl_id is not None else -1,
            },
        )
    ]


_VISIBLE_TABLES_SQL = f"""{_WHO}
SELECT t."TBL_NAME" FROM "TBLS" t WHERE t."DB_ID" = :db_id AND t."TBL_NAME" = ANY(:tables) AND {_SEES_TABLE_T}"""


def tables_with_grants(
    conn: Connection, principals: list[tuple[str, str]], db_id: int, tables: list[str]
) -> set[str]:
    """Of `tables` in the database, those the principals own or hold any table or column privilege on."""
    return {
        r[0]
        for r in conn.execute(
            text(_VISIBLE_TABLES_SQL),
            {**_who(principals), "db_id": db_id, "tables": list(tables)},
        )
    }


_VISIBLE_DBS_SQL = f"""{_WHO}
SELECT d."NAME" FROM "DBS" d WHERE d."CTLG_NAME" = :cat AND d."NAME" = ANY(:dbs) AND (
    (d."OWNER_NAME", coalesce(d."OWNER_TYPE", 'USER')) IN (SELECT name, type FROM who)
 OR EXISTS (SELECT 1 FROM "DB_PRIVS" g WHERE g."DB_ID" = d."DB_ID"
            AND (g."PRINCIPAL_NAME", g."PRINCIPAL_TYPE") IN (SELECT name, type FROM who))
 OR EXISTS (SELECT 1 FROM "TBLS" t WHERE t."DB_ID" = d."DB_ID" AND {_SEES_TABLE_T}))"""


def databases_with_grants(
    conn: Connection, principals: list[tuple[str, str]], catalog: str, dbs: list[str]
) -> set[str]:
    """Of `dbs`, those the principals own, hold a database privilege on, or can see a table of."""
    return {
        r[0]
        for r in conn.execute(
            text(_VISIBLE_DBS_SQL),
            {**_who(principals), "cat": catalog, "dbs": list(dbs)},
        )
    }


def owners(conn: Connection, catalog: str, db: str, table: str) -> tuple | None:
    """(DB_ID, database owner, owner type, TBL_ID or None, table owner, owner type) of a database
    and, if it exists, its table `table`; None without the database."""
    return conn.execute(
        text(
            'SELECT d."DB_ID", d."OWNER_NAME", coalesce(d."OWNER_TYPE", \'USER\'), t."TBL_ID", t."OWNER", '
            'coalesce(t."OWNER_TYPE", \'USER\') FROM "DBS" d LEFT JOIN "TBLS" t ON t."DB_ID" = d."DB_ID" '
            'AND t."TBL_NAME" = :tbl WHERE d."CTLG_NAME" = :cat AND d."NAME" = :db'
        ),
        {"cat": catalog, "db": db, "tbl": table},
    ).first()


def object_ids(conn: Connection, catalog: str, db: str, table: str) -> tuple[int, int | None] | None:
    """(DB_ID, TBL_ID or None) of a database and its table `table`; None without the database."""
    r = conn.execute(
        text(
            'SELECT d."DB_ID", t."TBL_ID" FROM "DBS" d LEFT JOIN "TBLS" t ON t."DB_ID" = d."DB_ID" '
            'AND t."TBL_NAME" = :t WHERE d."CTLG_NAME" = :c AND d."NAME" = :d'
        ),
        {"c": catalog, "d": db, "t": table},
    ).first()
    return (r[0], r[1]) if r is not None else None


__all__ = [
    "PRIV_TABLES",
    "GrantRow",
    "PrivTable",
    "clear_grant_option",
    "databases_with_grants",
    "delete_grants",
    "effective",
    "insert_grant",
    "object_ids",
    "owners",
    "replace_grants_of_grantor",
    "resolve",
    "select_grants",
    "tables_with_grants",
]
