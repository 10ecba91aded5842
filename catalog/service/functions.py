"""Functions (Hive UDFs): create, alter (rename, move to another database), drop, read."""

from __future__ import annotations

import copy

from catalog.domain import names as nm
from catalog.domain.model import DEFAULT_CATALOG, Function
from catalog.errors import AlreadyExistsError, InvalidObjectError, InvalidOperationError, NotFoundError
from catalog.service.core import ServiceCore, now
from catalog.store import databases as dbs
from catalog.store import functions as fns


class FunctionOps:
    def __init__(self, core: ServiceCore):
        self.core = core

    def create_function(self, f: Function) -> None:
        f = copy.deepcopy(f)
        f.function_name = nm.check_function_name(f.function_name)
        f.db_name = nm.check_db_name(f.db_name)
        f.catalog_name = nm.normalize(f.catalog_name or DEFAULT_CATALOG)
        if not f.class_name:
            raise InvalidObjectError(f"function {f.db_name}.{f.function_name} has no class name")
        f.create_time = f.create_time or now()
        with self.core.db.write() as conn:
            db_id = dbs.lock_database(conn, f.catalog_name, f.db_name)
            if db_id is None:
                raise NotFoundError(f"The database {f.db_name} does not exist")
            if fns.get_function(conn, f.catalog_name, f.db_name, f.function_name) is not None:
                raise AlreadyExistsError(f"Function {f.function_name} already exists")
            fns.insert_function(conn, self.core.ids, db_id, f)
            self.core.events.on(conn).create_function(f)

    def get_function(self, catalog: str, db: str, name: str) -> Function:
        with self.core.db.read() as conn:
            found = fns.get_function(conn, catalog, nm.normalize(db or ""), nm.normalize(name or ""))
        if found is None:
            raise NotFoundError(f"Function {db}.{name} does not exist")
        return found[1]

    def get_functions(self, catalog: str, db: str, pattern: str | None) -> list[str]:
        with self.core.db.read() as conn:
            found = dbs.get_database(conn, catalog, nm.normalize(db or ""))
            if found is None:
                return []
            return fns.function_names(conn, found[0], pattern)

    def get_all_functions(self, catalog: str) -> list[Function]:
        with self.core.db.read() as conn:
            return fns.list_functions(conn, catalog)

    def alter_function(self, catalog: str, db: str, name: str, new: Function) -> None:
        db, name = nm.normalize(db or ""), nm.normalize(name or "")
        new = copy.deepcopy(new)
        new.function_name = nm.check_function_name(new.function_name or name)
        new.db_name = nm.check_db_name(new.db_name or db)
        with self.core.db.write() as conn:
            found = fns.get_function(conn, catalog, db, name)
            if found is None:
                raise InvalidOperationError(f"Function {db}.{name} does not exist")
            target_db = dbs.lock_database(conn, catalog, new.db_name)
            if target_db is None:
                raise InvalidOperationError(f"database {new.db_name} does not exist")
            if (new.db_name, new.function_name) != (db, name) and fns.get_function(
                conn, catalog, new.db_name, new.function_name
            ) is not None:
                raise InvalidOperationError(f"Function {new.db_name}.{new.function_name} already exists")
            new.create_time = new.create_time or found[1].create_time
            fns.delete_function(conn, found[0])
            fns.insert_function(conn, self.core.ids, target_db, new)

    def drop_function(self, catalog: str, db: str, name: str) -> None:
        with self.core.db.write() as conn:
            found = fns.get_function(conn, catalog, nm.normalize(db or ""), nm.normalize(name or ""))
            if found is None:
                raise NotFoundError(f"Function {db}.{name} does not exist")
            fns.delete_function(conn, found[0])
            self.core.events.on(conn).drop_function(found[1])
