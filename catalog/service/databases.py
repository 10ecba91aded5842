"""Databases: create, alter, drop (with everything in them), read."""

from __future__ import annotations

import copy
from dataclasses import replace

from catalog.domain import names as nm
from catalog.domain.model import DEFAULT_CATALOG, MANAGED_TABLE, Catalog, Database
from catalog.errors import AlreadyExistsError, InvalidObjectError, InvalidOperationError, NotFoundError
from catalog.service.core import ServiceCore, check_len, check_params
from catalog.store import databases as dbs
from catalog.store import functions as fns
from catalog.store import partitions as parts
from catalog.store import tables as tbls
from catalog.warehouse import child, normalize_location


class DatabaseOps:
    def __init__(self, core: ServiceCore):
        self.core = core

    def get_database(self, catalog: str, name: str) -> Database:
        with self.core.db.point_read() as r:
            found = dbs.read_database(r, catalog, nm.normalize(name or ""))
        if found is None:
            raise NotFoundError(f"database {catalog}.{name} does not exist")
        return found

    def get_databases(self, catalog: str, pattern: str | None = None) -> list[str]:
        with self.core.db.point_read() as r:
            return dbs.read_database_names(r, catalog, pattern)

    def create_database(self, db: Database) -> None:
        core = self.core
        db = copy.deepcopy(db)
        db.name = nm.check_db_name(db.name)
        db.catalog_name = nm.normalize(db.catalog_name or DEFAULT_CATALOG)
        if db.location_uri:
            db.location_uri = normalize_location(db.location_uri)
            check_len("database location", db.location_uri, nm.MAX_LOCATION)
        check_params(db.parameters)
        made = False
        try:
            with core.db.write() as conn:
                cat = dbs.get_catalog(conn, db.catalog_name)
                if cat is None:
                    raise InvalidObjectError(f"catalog '{db.catalog_name}' does not exist")
                if not db.location_uri:
                    db.location_uri = self._default_location(cat, db.name)
                    check_len("database location", db.location_uri, nm.MAX_LOCATION)
                if dbs.get_database(conn, db.catalog_name, db.name) is not None:
                    raise AlreadyExistsError(f"Database {db.name} already exists")
                made = core.warehouse.mkdirs(db.location_uri)
                dbs.insert_database(conn, core.ids, db)
                core.events.on(conn).create_database(db)
        except Exception:
            if made and db.location_uri:
                core.warehouse.delete(db.location_uri)
            raise

    def _default_location(self, cat: Catalog, name: str) -> str:
        """Hive's Warehouse.determineDatabasePath: the warehouse layout in `hive`; in another
        catalog, `<catalog location>/<name>.db` (its `default` database at the catalog's root)."""
        if cat.name == DEFAULT_CATALOG or not cat.location_uri:
            return self.core.warehouse.database_location(name)
        return cat.location_uri if name == "default" else child(cat.location_uri, f"{name}.db")

    def alter_database(self, catalog: str, name: str, new: Database) -> None:
        name = nm.normalize(name or "")
        check_params(new.parameters)
        with self.core.db.write() as conn:
            found = dbs.get_database(conn, catalog, name)
            if found is None:
                raise NotFoundError(f"database {catalog}.{name} does not exist")
            db_id, old = found
            merged = replace(
                old,
                description=new.description if new.description is not None else old.description,
                location_uri=normalize_location(new.location_uri) if new.location_uri else old.location_uri,
                parameters=dict(new.parameters) if new.parameters is not None else old.parameters,
                owner_name=new.owner_name if new.owner_name is not None else old.owner_name,
                owner_type=new.owner_type if new.owner_type is not None else old.owner_type,
            )
            dbs.lock_database(conn, catalog, name, exclusive=True)
            dbs.update_database(conn, db_id, merged)
            self.core.events.on(conn).alter_database(old, merged)

    def drop_database(self, catalog: str, name: str, delete_data: bool, cascade: bool) -> None:
        name = nm.normalize(name or "")
        if name == "default" and catalog == DEFAULT_CATALOG:
            raise InvalidOperationError("Can not drop default database")
        to_delete: list[str] = []
        with self.core.db.write() as conn:
            db_id = dbs.lock_database(conn, catalog, name, exclusive=True)
            found = dbs.get_database(conn, catalog, name) if db_id is not None else None
            if db_id is None or found is None:
                raise NotFoundError(f"database {catalog}.{name} does not exist")
            db = found[1]
            if tbls.table_names(conn, db_id) and not cascade:
                raise InvalidOperationError(f"Database {name} is not empty. One or more tables exist.")
            if fns.function_names(conn, db_id, None) and not cascade:
                raise InvalidOperationError(f"Database {name} is not empty. One or more functions exist.")
            if self.core.events.enabled:  # Hive's order: functions, tables, then the database
                events = self.core.events.on(conn)
                for fn in fns.list_functions(conn, catalog, name):
                    events.drop_function(fn)
                names = tbls.table_names(conn, db_id)
                for row in tbls.get_tables(conn, catalog, name, names) if names else []:
                    events.drop_table(row.table)
                events.drop_database(db)
            # set-based: a fixed number of statements whatever the number of tables
            tables = tbls.tables_of_database(conn, db_id)
            tbl_ids = [t[0] for t in tables]
            if delete_data:
                to_delete += managed_data(
                    conn, [(t[0], t[3]) for t in tables if t[2] == MANAGED_TABLE and not t[4]]
                )
            parts.delete_all_partitions(conn, tbl_ids)
            tbls.delete_tables(conn, tbl_ids, [t[1] for t in tables if t[1] is not None])
            dbs.delete_database(conn, db_id)
        if delete_data:
            self.core.warehouse.delete_many(to_delete)
            if db.location_uri:
                self.core.warehouse.delete(db.location_uri)


def managed_data(conn, tables: list[tuple[int, str | None]]) -> list[str]:
    """The directories dropping these managed tables (id, location) deletes: each table's own, and
    its partitions' directories that lie outside it."""
    located = [(i, loc) for i, loc in tables if loc]
    return [loc for _, loc in located] + parts.locations_outside(conn, located)
