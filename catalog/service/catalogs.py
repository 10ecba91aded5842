"""Hive 3 catalogs: create, alter, drop, read."""

from __future__ import annotations

from catalog.domain import names as nm
from catalog.domain.model import DEFAULT_CATALOG, Catalog, Database
from catalog.errors import (
    AlreadyExistsError,
    InvalidInputError,
    InvalidObjectError,
    InvalidOperationError,
    NotFoundError,
)
from catalog.service.core import ServiceCore, check_len
from catalog.store import databases as dbs
from catalog.store import functions as fns
from catalog.store import tables as tbls
from catalog.warehouse import normalize_location

# (source, UC catalog, UC id): the provenance the mirror records for a catalog it creates.
MirroredFrom = tuple[str, str, str | None]


class CatalogOps:
    def __init__(self, core: ServiceCore):
        self.core = core

    def get_catalog(self, name: str) -> Catalog:
        with self.core.db.read() as conn:
            c = dbs.get_catalog(conn, name.lower())
        if c is None:
            raise NotFoundError(f"catalog '{name}' does not exist")
        return c

    def get_catalogs(self) -> list[str]:
        with self.core.db.read() as conn:
            return dbs.catalog_names(conn)

    def create_catalog(
        self, cat: Catalog, default_database: bool = True, mirrored_from: MirroredFrom | None = None
    ) -> None:
        """Hive 3's create_catalog: the catalog, its directory, and (as Hive does) a `default`
        database located at the catalog's root, in one transaction. The mirror creates catalogs
        without it (`default_database=False`): UC's own schemas fill them, and records
        `mirrored_from` = (source, UC catalog, UC id) as the catalog's provenance marker."""
        core = self.core
        name = nm.check_catalog_name(cat.name)
        if not cat.location_uri:
            raise InvalidObjectError("You must specify a path for the catalog")
        location = normalize_location(cat.location_uri)
        check_len("catalog location", location, nm.MAX_LOCATION)
        made = False
        try:
            with core.db.write() as conn:
                if dbs.get_catalog(conn, name) is not None:
                    raise AlreadyExistsError(f"Catalog {name} already exists")
                made = core.warehouse.mkdirs(location)
                new = Catalog(name, cat.description, location)
                dbs.insert_catalog(conn, core.ids, new)
                core.events.on(conn).create_catalog(new)
                if mirrored_from is not None:
                    dbs.record_mirrored_catalog(conn, name, *mirrored_from)
                if default_database:
                    default = Database(
                        name="default",
                        description=f"Default database for catalog {name}",
                        location_uri=location,
                        parameters={},
                        catalog_name=name,
                    )
                    dbs.insert_database(conn, core.ids, default)
                    core.events.on(conn).create_database(default)
        except Exception:
            if made:
                core.warehouse.delete(location)
            raise

    def alter_catalog(self, name: str, new: Catalog) -> None:
        """Hive 3's alter_catalog: description and location (the name cannot change)."""
        name = nm.normalize(name or "")
        with self.core.db.write() as conn:
            old = dbs.lock_catalog(conn, name)
            if old is None:
                raise NotFoundError(f"catalog '{name}' does not exist")
            if new.name and nm.normalize(new.name) != name:
                raise InvalidOperationError("Renaming catalogs is not supported")
            location = normalize_location(new.location_uri) if new.location_uri else old.location_uri
            check_len("catalog location", location, nm.MAX_LOCATION)
            description = new.description if new.description is not None else old.description
            after = Catalog(name, description, location)
            dbs.update_catalog(conn, name, after)
            self.core.events.on(conn).alter_catalog(old, after)

    def drop_catalog(self, name: str) -> None:
        """Hive 3's drop_catalog: never `hive`; only a catalog without databases, or whose only
        database is an empty `default` (dropped with it)."""
        name = nm.normalize(name or "")
        if name == DEFAULT_CATALOG:
            raise InvalidInputError(f"Can not drop {DEFAULT_CATALOG} catalog")  # Hive: MetaException
        with self.core.db.write() as conn:
            cat = dbs.lock_catalog(conn, name)
            if cat is None:
                raise NotFoundError(f"catalog '{name}' does not exist")
            names = dbs.database_names(conn, name)
            if names and names != ["default"]:
                raise InvalidOperationError(
                    f"There are non-default databases in the catalog {name} so it cannot be dropped."
                )
            if names:
                db_id = dbs.lock_database(conn, name, "default", exclusive=True)
                assert db_id is not None  # listed above, in this transaction
                if tbls.table_names(conn, db_id) or fns.function_names(conn, db_id, None):
                    raise InvalidOperationError(
                        f"There are still objects in the default database for catalog {name}"
                    )
                default = dbs.get_database(conn, name, "default")
                dbs.delete_database(conn, db_id)
                if default is not None:
                    self.core.events.on(conn).drop_database(default[1])
            dbs.delete_catalog(conn, name)
            self.core.events.on(conn).drop_catalog(cat)
            dbs.forget_mirrored_catalog(conn, name)
        if cat.location_uri:
            self.core.warehouse.delete_if_empty(cat.location_uri)
