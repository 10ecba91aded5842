"""Table constraints (primary and foreign keys, unique, not null, default, check) in Hive's
"KEY_CONSTRAINTS", with Hive 3.1 ObjectStore's rules and messages: every column must exist, a name
is unique across the metastore (lower case; generated when not given), a table has one primary key.
Constraints are informational, as in Hive: they are stored and answered, not enforced on data."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import Connection

from catalog.db import Database
from catalog.errors import InvalidInputError, InvalidObjectError, NotFoundError
from catalog.store import constraints as sql
from catalog.store.constraints import ConstraintRow

KINDS = {
    "PRIMARY_KEY": sql.PRIMARY_KEY,
    "FOREIGN_KEY": sql.FOREIGN_KEY,
    "UNIQUE": sql.UNIQUE,
    "NOT_NULL": sql.NOT_NULL,
    "DEFAULT": sql.DEFAULT,
    "CHECK": sql.CHECK,
}


@dataclass(frozen=True)
class Constraint:
    kind: str  # a key of KINDS
    catalog: str
    db: str
    table: str
    column: str
    name: str | None = None
    position: int = 1
    enable: bool = False
    validate: bool = False
    rely: bool = False
    value: str | None = None  # DEFAULT: the default value; CHECK: the expression
    # FOREIGN_KEY: the referenced (primary key) side; db/table/column above are the referencing side
    ref_db: str | None = None
    ref_table: str | None = None
    ref_column: str | None = None
    update_rule: int | None = None
    delete_rule: int | None = None


def _evr(c: Constraint) -> int:
    return (4 if c.enable else 0) + (2 if c.validate else 0) + (1 if c.rely else 0)


def _columns(conn: Connection, cat: str, db: str, table: str, role: str):
    t = sql.table_columns(conn, cat, db.lower(), table.lower())
    if t is None:
        raise InvalidObjectError(f"{role} table not found: {db}.{table}")
    return t


def add_in(conn: Connection, constraints: list[Constraint]) -> list[str]:
    """Store `constraints` in the caller's transaction; the names used, in order."""
    rows: list[dict] = []
    names: dict[tuple, str] = {}
    seen_names: set[str] = set()
    for c in constraints:
        if c.kind not in KINDS:
            raise InvalidInputError(f"unknown constraint kind {c.kind}")
        if not c.column:
            raise InvalidObjectError("a constraint needs a column name")
        if c.kind == "FOREIGN_KEY":
            parent = _columns(conn, c.catalog, c.ref_db or "", c.ref_table or "", "Parent")
            child = _columns(conn, c.catalog, c.db, c.table, "Child")
            p_at = parent.locate(c.ref_column or "")
            if p_at is None:
                raise InvalidObjectError(f"Parent column not found: {c.ref_column}")
            c_at = child.locate(c.column)
            if c_at is None:
                raise InvalidObjectError(f"Child column not found: {c.column}")
        else:
            parent = _columns(conn, c.catalog, c.db, c.table, "Parent")
            p_at = parent.locate(c.column)
            if p_at is None:
                raise InvalidObjectError(f"Parent column not found: {c.column}")
            child, c_at = None, None
            if c.kind == "PRIMARY_KEY" and sql.has_primary_key(conn, parent.tbl_id):
                raise InvalidInputError(f" Primary key already exists for: {c.catalog}.{c.db}.{c.table}")
        # the columns of one multi-column constraint share its name
        group = (c.kind, c.catalog, c.db.lower(), c.table.lower(), c.name.lower() if c.name else None)
        name = names.get(group)
        if name is None:
            name = c.name.lower() if c.name else f"{c.table.lower()}_{c.kind.lower()}_{uuid.uuid4().hex[:12]}"
            if name in seen_names or sql.name_exists(conn, name):
                raise InvalidObjectError(f"Constraint name already exists: {name}")
            seen_names.add(name)
            names[group] = name
        rows.append(
            {
                "child_cd": c_at[0] if c_at else None,
                "child_idx": c_at[1] if c_at else None,
                "child_tbl": child.tbl_id if child else None,
                "parent_cd": p_at[0],
                "parent_idx": p_at[1],
                "parent_tbl": parent.tbl_id,
                "position": c.position if c.kind in ("PRIMARY_KEY", "FOREIGN_KEY", "UNIQUE") else 1,
                "name": name,
                "type": KINDS[c.kind],
                "update_rule": c.update_rule if c.kind == "FOREIGN_KEY" else None,
                "delete_rule": c.delete_rule if c.kind == "FOREIGN_KEY" else None,
                "evr": _evr(c),
                "value": c.value if c.kind in ("DEFAULT", "CHECK") else None,
            }
        )
    try:
        sql.insert(conn, rows)
    except Exception as e:  # the same (name, position) twice in one request
        if "KEY_CONSTRAINTS_pkey" in str(e):
            raise InvalidObjectError("Constraint name already exists: a name and position repeat") from e
        raise
    return [r["name"] for r in rows]


def drop_in(conn: Connection, catalog: str, db: str, table: str, name: str) -> None:
    """Drop a table's constraint `name` in the caller's transaction."""
    t = sql.table_columns(conn, catalog, db.lower(), table.lower())
    if t is None or not sql.delete(conn, t.tbl_id, (name or "").lower()):
        raise NotFoundError(f"The constraint: {name} does not exist for the associated table: {db}.{table}")


class ConstraintService:
    def __init__(self, db: Database):
        self.db = db

    def add(self, constraints: list[Constraint]) -> list[str]:
        with self.db.write() as conn:
            return add_in(conn, constraints)

    def drop(self, catalog: str, db: str, table: str, name: str) -> None:
        with self.db.write() as conn:
            drop_in(conn, catalog, db, table, name)

    def read(self, kind: str, catalog: str, db: str, table: str) -> list[ConstraintRow]:
        """The constraints of `kind` on a table ([] for an unknown table, as Hive answers)."""
        with self.db.read() as conn:
            t = sql.table_id(conn, catalog, db.lower(), table.lower())
            return [] if t is None else sql.read(conn, KINDS[kind], parent_tbl_id=t)

    def foreign_keys(
        self, catalog: str, parent: tuple[str, str] | None, child: tuple[str, str] | None
    ) -> Iterator[tuple[ConstraintRow, str | None]]:
        """Foreign keys filtered by referenced and/or referencing table, each with the referenced
        table's primary key name."""
        with self.db.read() as conn:
            ids: list[int | None] = []
            for side in (parent, child):
                if side is None or not side[1]:
                    ids.append(None)
                    continue
                t = sql.table_id(conn, catalog, side[0].lower(), side[1].lower())
                if t is None:
                    return
                ids.append(t)
            rows = sql.read(conn, sql.FOREIGN_KEY, parent_tbl_id=ids[0], child_tbl_id=ids[1])
            pk_names: dict[tuple[str, str], str | None] = {}
            out = []
            for r in rows:
                key = (r.db, r.table)
                if key not in pk_names:
                    t = sql.table_id(conn, r.catalog, r.db, r.table)
                    pk_names[key] = sql.primary_key_name(conn, t) if t is not None else None
                out.append((r, pk_names[key]))
        yield from out
