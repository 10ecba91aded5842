"""Table constraints (Hive's KEY_CONSTRAINTS; rules and SQL in catalog/constraints.py): the writes,
as operations of the service so that every door's constraint changes are authorized, audited and
pass the write guard like any other change to a table."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import Connection

from catalog.constraints import Constraint, add_in, drop_in
from catalog.domain import names as nm
from catalog.events.log import EventLog
from catalog.service.core import ServiceCore
from catalog.store import constraints as sql


class ConstraintOps:
    def __init__(self, core: ServiceCore):
        self.core = core

    def add_constraints(self, constraints: list[Constraint]) -> list[str]:
        """Add constraints (one transaction); the names they were stored under."""
        with self.core.db.write() as conn:
            return add_with_events(self.core.events, conn, constraints)

    def drop_constraint(self, catalog: str, db: str, table: str, name: str) -> None:
        with self.core.db.write() as conn:
            drop_in(conn, catalog, db, table, name)
            self.core.events.on(conn).drop_constraint(
                nm.normalize(catalog), nm.normalize(db), nm.normalize(table), name
            )


def add_with_events(events: EventLog, conn: Connection, constraints: list[Constraint]) -> list[str]:
    """Store `constraints` in `conn`'s transaction with Hive 3.1's events: one per kind present, in
    the order Hive's create_table_core writes them (default and check constraints have none)."""
    names = add_in(conn, constraints)
    if not events.enabled:
        return names
    stored = [_as_stored(c, n) for c, n in zip(constraints, names, strict=True)]
    on = events.on(conn)
    if pks := [c for c in stored if c.kind == "PRIMARY_KEY"]:
        on.add_primary_key(pks)
    if fks := [c for c in stored if c.kind == "FOREIGN_KEY"]:
        on.add_foreign_key(fks, _referenced_pk_names(conn, fks))
    if uks := [c for c in stored if c.kind == "UNIQUE"]:
        on.add_unique_constraint(uks)
    if nns := [c for c in stored if c.kind == "NOT_NULL"]:
        on.add_not_null_constraint(nns)
    return names


def _as_stored(c: Constraint, name: str) -> Constraint:
    """The constraint under its stored (possibly generated) name and normalised table names."""
    ref_db = nm.normalize(c.ref_db) if c.ref_db is not None else None
    ref_table = nm.normalize(c.ref_table) if c.ref_table is not None else None
    return replace(
        c, name=name, db=nm.normalize(c.db), table=nm.normalize(c.table), ref_db=ref_db, ref_table=ref_table
    )


def _referenced_pk_names(conn: Connection, fks: list[Constraint]) -> list[str | None]:
    found: dict[tuple, str | None] = {}
    for c in fks:
        key = (c.catalog, c.ref_db or "", c.ref_table or "")
        if key not in found:
            t = sql.table_id(conn, *key)
            found[key] = sql.primary_key_name(conn, t) if t is not None else None
    return [found[(c.catalog, c.ref_db or "", c.ref_table or "")] for c in fks]
