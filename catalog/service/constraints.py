"""Table constraints (Hive's KEY_CONSTRAINTS; rules and SQL in catalog/constraints.py): the writes,
as operations of the service so that every door's constraint changes are authorized, audited and
pass the write guard like any other change to a table."""

from __future__ import annotations

from catalog.constraints import Constraint, add_in, drop_in
from catalog.domain import names as nm
from catalog.service.core import ServiceCore


class ConstraintOps:
    def __init__(self, core: ServiceCore):
        self.core = core

    def add_constraints(self, constraints: list[Constraint]) -> list[str]:
        """Add constraints (one transaction); the names they were stored under."""
        with self.core.db.write() as conn:
            return add_in(conn, constraints)

    def drop_constraint(self, catalog: str, db: str, table: str, name: str) -> None:
        with self.core.db.write() as conn:
            drop_in(conn, catalog, db, table, name)
            self.core.events.on(conn).drop_constraint(
                nm.normalize(catalog), nm.normalize(db), nm.normalize(table), name
            )
