"""SQL for databases ("DBS", "DATABASE_PARAMS") and catalogs ("CTLGS")."""

from __future__ import annotations

from sqlalchemy import Connection, insert, text

from catalog.db import PointReader
from catalog.domain.model import Catalog, Database
from catalog.store import raw
from catalog.store import schema as s
from catalog.store.ids import IdAllocator
from catalog.store.patterns import pattern_regex

DATABASE_SQL = """SELECT d."DB_ID", d."NAME", d."DESC", d."DB_LOCATION_URI", d."OWNER_NAME", d."OWNER_TYPE",
       d."CTLG_NAME",
       (SELECT json_object_agg(p."PARAM_KEY", p."PARAM_VALUE") FROM "DATABASE_PARAMS" p
        WHERE p."DB_ID" = d."DB_ID")
FROM "DBS" d"""


def row_to_database(r) -> Database:
    return Database(
        name=r[1],
        description=r[2],
        location_uri=r[3],
        owner_name=r[4],
        owner_type=r[5],
        catalog_name=r[6],
        parameters=r[7] or {},
    )


def get_database(conn: Connection, catalog: str, name: str) -> tuple[int, Database] | None:
    r = conn.execute(
        text(DATABASE_SQL + ' WHERE d."CTLG_NAME" = :cat AND d."NAME" = :name'),
        {"cat": catalog, "name": name},
    ).first()
    return (r[0], row_to_database(r)) if r else None


_DATABASE_BY_NAME = raw.pyformat(DATABASE_SQL + ' WHERE d."CTLG_NAME" = :cat AND d."NAME" = :name')


def read_database(r: PointReader, catalog: str, name: str) -> Database | None:
    """`get_database` as a point read (catalog.db.Database.point_read)."""
    row = r.row(_DATABASE_BY_NAME, {"cat": catalog, "name": name})
    return row_to_database(row) if row else None


_NAMES = 'SELECT "NAME" FROM "DBS" WHERE "CTLG_NAME" = :cat'
_NAMES_SQL = raw.pyformat(_NAMES + ' ORDER BY "NAME"')
_NAMES_MATCHING_SQL = raw.pyformat(_NAMES + ' AND "NAME" ~* :rx ORDER BY "NAME"')


def read_database_names(r: PointReader, catalog: str, pattern: str | None = None) -> list[str]:
    """`database_names` as a point read."""
    rx = pattern_regex(pattern)
    if rx:
        return [n for (n,) in r.rows(_NAMES_MATCHING_SQL, {"cat": catalog, "rx": rx})]
    return [n for (n,) in r.rows(_NAMES_SQL, {"cat": catalog})]


def list_databases(conn: Connection, catalog: str) -> list[Database]:
    rows = conn.execute(
        text(DATABASE_SQL + ' WHERE d."CTLG_NAME" = :cat ORDER BY d."NAME"'), {"cat": catalog}
    )
    return [row_to_database(r) for r in rows]


def database_names(conn: Connection, catalog: str, pattern: str | None = None) -> list[str]:
    rx = pattern_regex(pattern)
    sql = 'SELECT "NAME" FROM "DBS" WHERE "CTLG_NAME" = :cat'
    if rx:
        sql += ' AND "NAME" ~* :rx'
    return [r[0] for r in conn.execute(text(sql + ' ORDER BY "NAME"'), {"cat": catalog, "rx": rx})]


def lock_database(conn: Connection, catalog: str, name: str, exclusive: bool = False) -> int | None:
    """Return the database id, holding a row lock until commit so a concurrent drop or create
    inside it serialises with us."""
    mode = "UPDATE" if exclusive else "SHARE"
    r = conn.execute(
        text(f'SELECT "DB_ID" FROM "DBS" WHERE "CTLG_NAME" = :cat AND "NAME" = :name FOR {mode}'),
        {"cat": catalog, "name": name},
    ).first()
    return r[0] if r else None


def insert_database(conn: Connection, ids: IdAllocator, db: Database) -> int:
    (db_id,) = ids.allocate(s.SEQ_DATABASE, 1)
    conn.execute(
        insert(s.DBS).values(
            DB_ID=db_id,
            NAME=db.name,
            DESC=db.description,
            DB_LOCATION_URI=db.location_uri,
            OWNER_NAME=db.owner_name,
            OWNER_TYPE=db.owner_type,
            CTLG_NAME=db.catalog_name,
        )
    )
    _write_params(conn, db_id, db.parameters)
    return db_id


def update_database(conn: Connection, db_id: int, db: Database) -> None:
    conn.execute(
        text(
            'UPDATE "DBS" SET "DESC" = :desc, "DB_LOCATION_URI" = :loc, "OWNER_NAME" = :owner, '
            '"OWNER_TYPE" = :otype WHERE "DB_ID" = :id'
        ),
        {
            "desc": db.description,
            "loc": db.location_uri,
            "owner": db.owner_name,
            "otype": db.owner_type,
            "id": db_id,
        },
    )
    conn.execute(text('DELETE FROM "DATABASE_PARAMS" WHERE "DB_ID" = :id'), {"id": db_id})
    _write_params(conn, db_id, db.parameters)


def delete_database(conn: Connection, db_id: int) -> None:
    for sql in (
        'DELETE FROM "DATABASE_PARAMS" WHERE "DB_ID" = :id',
        'DELETE FROM "DB_PRIVS" WHERE "DB_ID" = :id',
        'DELETE FROM "FUNC_RU" WHERE "FUNC_ID" IN (SELECT "FUNC_ID" FROM "FUNCS" WHERE "DB_ID" = :id)',
        'DELETE FROM "FUNCS" WHERE "DB_ID" = :id',
        'DELETE FROM "DBS" WHERE "DB_ID" = :id',
    ):
        conn.execute(text(sql), {"id": db_id})


def _write_params(conn: Connection, db_id: int, params: dict[str, str]) -> None:
    if params:
        conn.execute(
            insert(s.DATABASE_PARAMS),
            [{"DB_ID": db_id, "PARAM_KEY": k, "PARAM_VALUE": v} for k, v in params.items()],
        )


def get_catalog(conn: Connection, name: str) -> Catalog | None:
    r = conn.execute(
        text('SELECT "NAME", "DESC", "LOCATION_URI" FROM "CTLGS" WHERE "NAME" = :n'), {"n": name}
    ).first()
    return Catalog(r[0], r[1], r[2]) if r else None


def insert_catalog(conn: Connection, ids: IdAllocator, cat: Catalog) -> int:
    (ctlg_id,) = ids.allocate(s.SEQ_CATALOG, 1)
    conn.execute(
        text('INSERT INTO "CTLGS" ("CTLG_ID", "NAME", "DESC", "LOCATION_URI") VALUES (:i, :n, :d, :l)'),
        {"i": ctlg_id, "n": cat.name, "d": cat.description, "l": cat.location_uri},
    )
    return ctlg_id


def lock_catalog(conn: Connection, name: str) -> Catalog | None:
    """The catalog, row-locked until commit (a concurrent drop and create inside it serialise)."""
    r = conn.execute(
        text('SELECT "NAME", "DESC", "LOCATION_URI" FROM "CTLGS" WHERE "NAME" = :n FOR UPDATE'), {"n": name}
    ).first()
    return Catalog(r[0], r[1], r[2]) if r else None


def update_catalog(conn: Connection, name: str, cat: Catalog) -> None:
    conn.execute(
        text('UPDATE "CTLGS" SET "DESC" = :d, "LOCATION_URI" = :l WHERE "NAME" = :n'),
        {"n": name, "d": cat.description, "l": cat.location_uri},
    )


def delete_catalog(conn: Connection, name: str) -> None:
    conn.execute(text('DELETE FROM "CTLGS" WHERE "NAME" = :n'), {"n": name})


def mirror_source_of_catalog(conn: Connection, name: str) -> str | None:
    """The Unity Catalog source a catalog is mirrored from (catalog.mirrored_catalogs), if any."""
    return conn.execute(
        text("SELECT source FROM catalog.mirrored_catalogs WHERE name = :n"), {"n": name}
    ).scalar()


def record_mirrored_catalog(
    conn: Connection, name: str, source: str, uc_catalog: str, uc_id: str | None
) -> None:
    conn.execute(
        text(
            "INSERT INTO catalog.mirrored_catalogs (name, source, uc_catalog, uc_id) VALUES (:n, :s, :c, :i)"
        ),
        {"n": name, "s": source, "c": uc_catalog, "i": uc_id},
    )


def forget_mirrored_catalog(conn: Connection, name: str) -> None:
    conn.execute(text("DELETE FROM catalog.mirrored_catalogs WHERE name = :n"), {"n": name})


def mirrored_catalogs(conn: Connection, source: str) -> dict[str, str]:
    """{Hive catalog: UC catalog} of the catalogs mirrored from `source`."""
    rows = conn.execute(
        text("SELECT name, uc_catalog FROM catalog.mirrored_catalogs WHERE source = :s"), {"s": source}
    ).all()
    return {r[0]: r[1] for r in rows}


def database_id(conn: Connection, catalog: str, name: str) -> int | None:
    return conn.execute(
        text('SELECT "DB_ID" FROM "DBS" WHERE "CTLG_NAME" = :c AND "NAME" = :d'), {"c": catalog, "d": name}
    ).scalar()


def catalog_names(conn: Connection) -> list[str]:
    return [r[0] for r in conn.execute(text('SELECT "NAME" FROM "CTLGS" ORDER BY "NAME"'))]


def fix_default_catalog_location(conn: Connection, warehouse: str) -> None:
    """Hive's createDefaultCatalog: the seeded 'hive' catalog has location 'TBD' until a server starts."""
    conn.execute(
        text('UPDATE "CTLGS" SET "LOCATION_URI" = :w WHERE "NAME" = \'hive\' AND "LOCATION_URI" = \'TBD\''),
        {"w": warehouse},
    )
