"""The catalog service: every metastore operation, with Apache Hive's metastore semantics.

Thrift handlers and REST routes are thin translators over this class. Each method that writes
runs in one database transaction; warehouse directories are created before the commit (and
removed again if it fails) and deleted or moved only after it succeeds, as Hive's metastore does.
"""

from __future__ import annotations

import contextlib
import copy
import logging
import time
from dataclasses import dataclass, replace

from sqlalchemy import text

from catalog import table_cas
from catalog.db import Database as Db
from catalog.domain import names as nm
from catalog.domain import table_filter
from catalog.domain.model import (
    DEFAULT_CATALOG,
    EXTERNAL_TABLE,
    MANAGED_TABLE,
    TABLE_TYPES,
    VIRTUAL_VIEW,
    Catalog,
    Database,
    Function,
    Partition,
    StorageDescriptor,
    Table,
    TableMeta,
)
from catalog.errors import (
    AlreadyExistsError,
    InvalidInputError,
    InvalidObjectError,
    InvalidOperationError,
    NotFoundError,
    UnsupportedError,
)
from catalog.locks import LockService
from catalog.stats import ColumnStatsMixin
from catalog.store import databases as dbs
from catalog.store import db_properties, table_filter_sql
from catalog.store import functions as fns
from catalog.store import partitions as parts
from catalog.store import tables as tbls
from catalog.store.ids import IdAllocator
from catalog.store.partition_filter_sql import compile_filter
from catalog.sync.guard import SOURCE, check_writable
from catalog.warehouse import Warehouse, child, normalize_location

log = logging.getLogger(__name__)

DDL_TIME = "transient_lastDdlTime"


def _now() -> int:
    return int(time.time())


@dataclass
class ServiceLimits:
    """Hive's `metastore.limit.partition.request`: -1 means no limit."""

    max_partitions_per_request: int = -1


class CatalogService(ColumnStatsMixin):
    def __init__(self, db: Db, ids: IdAllocator, warehouse: Warehouse, limits: ServiceLimits | None = None):
        self.db = db
        self.ids = ids
        self.warehouse = warehouse
        self.limits = limits or ServiceLimits()
        self._analyze = _AnalyzeScheduler(db)
        self.locks = LockService(db)  # Hive's lock manager; the runtime sets its --lock-timeout

    # ------------------------------------------------------------------------------------------
    # start-up
    def bootstrap(self) -> None:
        """What Hive's HMSHandler does at start: fix the default catalog's location and make sure
        the `default` database exists."""
        with self.db.write() as conn:
            dbs.fix_default_catalog_location(conn, self.warehouse.root)
            db_properties.ensure_guid(conn)
        try:
            self.get_database(DEFAULT_CATALOG, "default")
        except NotFoundError:
            try:
                self.create_database(
                    Database(
                        name="default",
                        description="Default Hive database",
                        location_uri=self.warehouse.root,
                        owner_name="public",
                        owner_type="ROLE",
                    )
                )
            except AlreadyExistsError:
                pass  # another replica created it

    def ping(self) -> None:
        with self.db.read() as conn:
            conn.execute(text("SELECT 1"))

    # ------------------------------------------------------------------------------------------
    # catalogs
    def get_catalog(self, name: str) -> Catalog:
        with self.db.read() as conn:
            c = dbs.get_catalog(conn, name.lower())
        if c is None:
            raise NotFoundError(f"catalog '{name}' does not exist")
        return c

    def get_catalogs(self) -> list[str]:
        with self.db.read() as conn:
            return dbs.catalog_names(conn)

    def create_catalog(
        self,
        cat: Catalog,
        default_database: bool = True,
        mirrored_from: tuple[str, str, str | None] | None = None,
    ) -> None:
        """Hive 3's create_catalog: the catalog, its directory, and (as Hive does) a `default`
        database located at the catalog's root, in one transaction. The mirror creates catalogs
        without it (`default_database=False`): UC's own schemas fill them, and records
        `mirrored_from` = (source, UC catalog, UC id) as the catalog's provenance marker."""
        name = nm.check_catalog_name(cat.name)
        if not cat.location_uri:
            raise InvalidObjectError("You must specify a path for the catalog")
        location = normalize_location(cat.location_uri)
        _check_len("catalog location", location, nm.MAX_LOCATION)
        made = False
        try:
            with self.db.write() as conn:
                if dbs.get_catalog(conn, name) is not None:
                    raise AlreadyExistsError(f"Catalog {name} already exists")
                made = self.warehouse.mkdirs(location)
                dbs.insert_catalog(conn, self.ids, Catalog(name, cat.description, location))
                if mirrored_from is not None:
                    conn.execute(
                        text(
                            "INSERT INTO catalog.mirrored_catalogs (name, source, uc_catalog, uc_id) "
                            "VALUES (:n, :s, :c, :i)"
                        ),
                        {"n": name, "s": mirrored_from[0], "c": mirrored_from[1], "i": mirrored_from[2]},
                    )
                if default_database:
                    dbs.insert_database(
                        conn,
                        self.ids,
                        Database(
                            name="default",
                            description=f"Default database for catalog {name}",
                            location_uri=location,
                            parameters={},
                            catalog_name=name,
                        ),
                    )
        except Exception:
            if made:
                self.warehouse.delete(location)
            raise

    def alter_catalog(self, name: str, new: Catalog) -> None:
        """Hive 3's alter_catalog: description and location (the name cannot change)."""
        name = nm.normalize(name or "")
        with self.db.write() as conn:
            old = dbs.lock_catalog(conn, name)
            if old is None:
                raise NotFoundError(f"catalog '{name}' does not exist")
            self._check_catalog_writable(conn, name)
            if new.name and nm.normalize(new.name) != name:
                raise InvalidOperationError("Renaming catalogs is not supported")
            location = normalize_location(new.location_uri) if new.location_uri else old.location_uri
            _check_len("catalog location", location, nm.MAX_LOCATION)
            dbs.update_catalog(
                conn,
                name,
                Catalog(name, new.description if new.description is not None else old.description, location),
            )

    def drop_catalog(self, name: str) -> None:
        """Hive 3's drop_catalog: never `hive`; only a catalog without databases, or whose only
        database is an empty `default` (dropped with it)."""
        name = nm.normalize(name or "")
        if name == DEFAULT_CATALOG:
            raise InvalidInputError(f"Can not drop {DEFAULT_CATALOG} catalog")  # Hive: MetaException
        with self.db.write() as conn:
            cat = dbs.lock_catalog(conn, name)
            if cat is None:
                raise NotFoundError(f"catalog '{name}' does not exist")
            self._check_catalog_writable(conn, name)
            names = dbs.database_names(conn, name)
            if names and names != ["default"]:
                raise InvalidOperationError(
                    f"There are non-default databases in the catalog {name} so it cannot be dropped."
                )
            if names:
                db_id = dbs.lock_database(conn, name, "default", exclusive=True)
                if tbls.table_names(conn, db_id) or fns.function_names(conn, db_id, None):
                    raise InvalidOperationError(
                        f"There are still objects in the default database for catalog {name}"
                    )
                dbs.delete_database(conn, db_id)
            dbs.delete_catalog(conn, name)
            conn.execute(text("DELETE FROM catalog.mirrored_catalogs WHERE name = :n"), {"n": name})
        if cat.location_uri:
            self.warehouse.delete_if_empty(cat.location_uri)

    @staticmethod
    def _check_catalog_writable(conn, name: str) -> None:
        if name == DEFAULT_CATALOG:  # the mirror never owns Hive's own catalog (no lookup needed)
            return
        source = dbs.mirror_source_of_catalog(conn, name)
        if source is not None:
            check_writable("catalog", name, {SOURCE: source})

    # ------------------------------------------------------------------------------------------
    # databases
    def get_database(self, catalog: str, name: str) -> Database:
        with self.db.read() as conn:
            found = dbs.get_database(conn, catalog, nm.normalize(name or ""))
        if found is None:
            raise NotFoundError(f"database {catalog}.{name} does not exist")
        return found[1]

    def get_databases(self, catalog: str, pattern: str | None = None) -> list[str]:
        with self.db.read() as conn:
            return dbs.database_names(conn, catalog, pattern)

    def create_database(self, db: Database) -> None:
        db = copy.deepcopy(db)
        db.name = nm.check_db_name(db.name)
        db.catalog_name = nm.normalize(db.catalog_name or DEFAULT_CATALOG)
        if db.location_uri:
            db.location_uri = normalize_location(db.location_uri)
            _check_len("database location", db.location_uri, nm.MAX_LOCATION)
        _check_params(db.parameters)
        made = False
        try:
            with self.db.write() as conn:
                cat = dbs.get_catalog(conn, db.catalog_name)
                if cat is None:
                    raise InvalidObjectError(f"catalog '{db.catalog_name}' does not exist")
                self._check_catalog_writable(conn, cat.name)
                if not db.location_uri:
                    db.location_uri = self._default_database_location(cat, db.name)
                    _check_len("database location", db.location_uri, nm.MAX_LOCATION)
                if dbs.get_database(conn, db.catalog_name, db.name) is not None:
                    raise AlreadyExistsError(f"Database {db.name} already exists")
                made = self.warehouse.mkdirs(db.location_uri)
                dbs.insert_database(conn, self.ids, db)
        except Exception:
            if made:
                self.warehouse.delete(db.location_uri)
            raise

    def _default_database_location(self, cat: Catalog, name: str) -> str:
        """Hive's Warehouse.determineDatabasePath: the warehouse layout in `hive`; in another
        catalog, `<catalog location>/<name>.db` (its `default` database at the catalog's root)."""
        if cat.name == DEFAULT_CATALOG or not cat.location_uri:
            return self.warehouse.database_location(name)
        return cat.location_uri if name == "default" else child(cat.location_uri, f"{name}.db")

    def alter_database(self, catalog: str, name: str, new: Database) -> None:
        name = nm.normalize(name or "")
        _check_params(new.parameters)
        with self.db.write() as conn:
            found = dbs.get_database(conn, catalog, name)
            if found is None:
                raise NotFoundError(f"database {catalog}.{name} does not exist")
            db_id, old = found
            check_writable("database", f"{catalog}.{name}", old.parameters)
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

    def drop_database(self, catalog: str, name: str, delete_data: bool, cascade: bool) -> None:
        name = nm.normalize(name or "")
        if name == "default" and catalog == DEFAULT_CATALOG:
            raise InvalidOperationError("Can not drop default database")
        to_delete: list[str] = []
        with self.db.write() as conn:
            db_id = dbs.lock_database(conn, catalog, name, exclusive=True)
            if db_id is None:
                raise NotFoundError(f"database {catalog}.{name} does not exist")
            _, db = dbs.get_database(conn, catalog, name)
            check_writable("database", f"{catalog}.{name}", db.parameters)
            table_names = tbls.table_names(conn, db_id)
            if table_names and not cascade:
                raise InvalidOperationError(f"Database {name} is not empty. One or more tables exist.")
            func_names = fns.function_names(conn, db_id, None)
            if func_names and not cascade:
                raise InvalidOperationError(f"Database {name} is not empty. One or more functions exist.")
            # set-based: a fixed number of statements whatever the number of tables
            tables = tbls.tables_of_database(conn, db_id)
            tbl_ids = [t[0] for t in tables]
            if delete_data:
                to_delete += _managed_data(
                    conn, [(t[0], t[3]) for t in tables if t[2] == MANAGED_TABLE and not t[4]]
                )
            parts.delete_all_partitions(conn, tbl_ids)
            tbls.delete_tables(conn, tbl_ids, [t[1] for t in tables if t[1] is not None])
            dbs.delete_database(conn, db_id)
        if delete_data:
            self.warehouse.delete_many(to_delete)
            if db.location_uri:
                self.warehouse.delete(db.location_uri)

    # ------------------------------------------------------------------------------------------
    # tables
    def get_table(self, catalog: str, db: str, name: str) -> Table:
        with self.db.read() as conn:
            row = tbls.get_table(conn, catalog, nm.normalize(db or ""), nm.normalize(name or ""))
        if row is None:
            raise NotFoundError(f"Table {db}.{name} not found")
        return row.table

    def get_tables(
        self, catalog: str, db: str, pattern: str | None = None, table_type: str | None = None
    ) -> list[str]:
        db = nm.normalize(db or "")
        with self.db.read() as conn:
            found = dbs.get_database(conn, catalog, db)
            if found is None:
                return []  # Hive answers an empty list for an unknown database here
            return tbls.table_names(conn, found[0], pattern, table_type)

    def get_table_names_by_filter(
        self, catalog: str, db: str, filter: str, max_tables: int = -1
    ) -> list[str]:
        """Hive's get_table_names_by_filter (catalog.domain.table_filter); [] for an unknown database."""
        parsed = table_filter.parse(filter)
        db = nm.normalize(db or "")
        with self.db.read() as conn:
            found = dbs.get_database(conn, catalog, db)
            if found is None:
                return []
            return table_filter_sql.table_names(conn, found[0], parsed, max_tables)

    def metastore_db_uuid(self) -> str:
        with self.db.read() as conn:  # created by bootstrap (Hive creates it on first access)
            return db_properties.db_guid(conn)

    def get_table_objects(self, catalog: str, db: str, names: list[str]) -> list[Table]:
        db = nm.normalize(db or "")
        with self.db.read() as conn:
            if dbs.get_database(conn, catalog, db) is None:
                raise NotFoundError(f"database {catalog}.{db} does not exist")
            rows = tbls.get_tables(conn, catalog, db, sorted({nm.normalize(n) for n in names if n}))
        return [r.table for r in rows]

    def get_table_meta(
        self, catalog: str, db_pattern: str | None, tbl_pattern: str | None, types: list[str] | None
    ) -> list[TableMeta]:
        with self.db.read() as conn:
            return tbls.table_metas(conn, catalog, db_pattern, tbl_pattern, types)

    def create_table(self, t: Table, skip_fs: bool = False) -> Table:
        t = self._validated_table(t)
        made_dir: str | None = None
        try:
            with self.db.write() as conn:
                db_id = dbs.lock_database(conn, t.catalog_name, t.db_name)
                if db_id is None:
                    raise NotFoundError(f"database {t.catalog_name}.{t.db_name} does not exist")
                if tbls.lock_table(conn, db_id, t.table_name) is not None:
                    raise AlreadyExistsError(f"Table {t.db_name}.{t.table_name} already exists")
                check_writable(
                    "database",
                    f"{t.catalog_name}.{t.db_name}",
                    dbs.get_database(conn, t.catalog_name, t.db_name)[1].parameters,
                )
                if t.table_type != VIRTUAL_VIEW:
                    if not t.sd.location:
                        _, database = dbs.get_database(conn, t.catalog_name, t.db_name)
                        t.sd.location = child(
                            database.location_uri or self.warehouse.database_location(t.db_name), t.table_name
                        )
                    else:
                        t.sd.location = normalize_location(t.sd.location)
                    _check_len("table location", t.sd.location, nm.MAX_LOCATION)
                    if not skip_fs and self.warehouse.mkdirs(t.sd.location):
                        made_dir = t.sd.location
                    elif not skip_fs and not t.partition_keys:
                        self._fast_stats(t.parameters, t.sd.location, force=False)
                tbls.insert_table(conn, self.ids, db_id, t)
        except Exception:
            if made_dir:
                self.warehouse.delete(made_dir)
            raise
        return t

    def alter_table(
        self,
        catalog: str,
        db: str,
        name: str,
        new: Table,
        cascade: bool = False,
        update_stats: bool = True,
        expected: tuple[str, str] | None = None,
    ) -> None:
        """`expected` = (parameter key, value): apply only if the table still holds it (HIVE-26882)."""
        db, name = nm.normalize(db or ""), nm.normalize(name or "")
        new = copy.deepcopy(new)
        new.db_name = nm.check_db_name(new.db_name or db)
        new.table_name = nm.check_table_name(new.table_name or name)
        new.catalog_name = catalog
        _check_columns(new)
        _check_params(new.parameters)
        move: tuple[str, str] | None = None
        moved: list[tuple[str, str]] = []
        with self._moves_undone_on_failure(moved), self.db.write() as conn:
            db_id = dbs.lock_database(conn, catalog, db)
            old = tbls.get_table(conn, catalog, db, name) if db_id is not None else None
            if old is None:
                raise InvalidOperationError(f"table {db}.{name} doesn't exist")
            check_writable("table", f"{db}.{name}", old.table.parameters)
            tbls.lock_table(conn, old.db_id, name)
            if expected is not None:
                table_cas.check_and_swap(conn, old.tbl_id, expected, new.parameters)
            if [k.name.lower() for k in old.table.partition_keys] != [
                k.name.lower() for k in new.partition_keys
            ]:
                raise InvalidOperationError("partition keys can not be changed.")
            new.table_type = _table_type(new)
            if new.create_time == 0:
                new.create_time = old.table.create_time
            new.parameters = dict(new.parameters)
            if DDL_TIME not in new.parameters:
                new.parameters[DDL_TIME] = str(_now())
            new_db_id = old.db_id
            renamed = (new.db_name, new.table_name) != (db, name)
            if renamed:
                new_db_id = dbs.lock_database(conn, catalog, new.db_name)
                if new_db_id is None:
                    raise InvalidOperationError(
                        f"Unable to change partition or table. Database {new.db_name} does "
                        f"not exist. Check metastore logs for detailed stack."
                    )
                if tbls.lock_table(conn, new_db_id, new.table_name) is not None:
                    raise InvalidOperationError(f"new table {new.db_name}.{new.table_name} already exists")
                old_loc = old.table.sd.location
                if (
                    old.table.table_type == MANAGED_TABLE
                    and not old.table.is_external
                    and old_loc
                    and (not new.sd.location or normalize_location(new.sd.location) == old_loc)
                ):
                    _, target_db = dbs.get_database(conn, catalog, new.db_name)
                    new_loc = child(
                        target_db.location_uri or self.warehouse.database_location(new.db_name),
                        new.table_name,
                    )
                    if self.warehouse.exists(new_loc):
                        raise InvalidOperationError(
                            f"New location for this table {new.db_name}.{new.table_name} "
                            f"already exists : {new_loc}"
                        )
                    new.sd.location = new_loc
                    parts.relocate(conn, old.tbl_id, old_loc, new_loc)
                    move = (old_loc, new_loc)
            if new.sd.location:
                new.sd.location = normalize_location(new.sd.location)
            if update_stats and not new.is_view and not new.partition_keys and new.sd.location and not move:
                self._fast_stats(new.parameters, new.sd.location, force=True)
            tbls.update_table(conn, self.ids, old, new, new_db_id)
            _update_stats_identity(conn, old, new)
            if cascade and old.cd_id is not None and not tbls.same_columns(old.table.sd.cols, new.sd.cols):
                # Hive's CASCADE: partitions take the table's new columns too.
                row = tbls.get_table(conn, catalog, new.db_name, new.table_name)
                conn.execute(
                    text(
                        'UPDATE "SDS" SET "CD_ID" = :cd WHERE "SD_ID" IN '
                        '(SELECT "SD_ID" FROM "PARTITIONS" WHERE "TBL_ID" = :id)'
                    ),
                    {"cd": row.cd_id, "id": old.tbl_id},
                )
                conn.execute(
                    text(
                        'DELETE FROM "COLUMNS_V2" WHERE "CD_ID" = :cd AND NOT EXISTS '
                        '(SELECT 1 FROM "SDS" WHERE "CD_ID" = :cd)'
                    ),
                    {"cd": old.cd_id},
                )
                conn.execute(
                    text(
                        'DELETE FROM "CDS" WHERE "CD_ID" = :cd AND NOT EXISTS '
                        '(SELECT 1 FROM "SDS" WHERE "CD_ID" = :cd)'
                    ),
                    {"cd": old.cd_id},
                )
            if move:
                # Inside the transaction: if the move fails, the rename is rolled back.
                if self.warehouse.move(*move):
                    moved.append(move)
        return None

    def drop_table(self, catalog: str, db: str, name: str, delete_data: bool) -> None:
        db, name = nm.normalize(db or ""), nm.normalize(name or "")
        with self.db.write() as conn:
            db_id = dbs.lock_database(conn, catalog, db)
            row = tbls.get_table(conn, catalog, db, name) if db_id is not None else None
            if row is None:
                raise NotFoundError(f"Table {db}.{name} not found")
            check_writable("table", f"{db}.{name}", row.table.parameters)
            tbls.lock_table(conn, row.db_id, name)
            locations = self._drop_table_rows(conn, row, delete_data)
        self.warehouse.delete_many(locations)

    @contextlib.contextmanager
    def _moves_undone_on_failure(self, moved: list[tuple[str, str]]):
        """Directory moves done inside a transaction are moved back if the transaction then fails
        (e.g. at commit), so data and metadata never disagree."""
        try:
            yield
        except BaseException:
            for src, dst in reversed(moved):
                try:
                    self.warehouse.move(dst, src)
                except Exception as e:  # noqa: BLE001
                    log.error("could not move %s back to %s after a failed change: %s", dst, src, e)
            raise

    def _fast_stats(self, params: dict[str, str], location: str, force: bool) -> None:
        """Hive's updateStatsFast: numFiles/totalSize from a listing of the directory, unless the
        client said DO_NOT_UPDATE_STATS (the marker itself is never stored)."""
        if params.pop("DO_NOT_UPDATE_STATS", "").lower() == "true":
            return
        if not force and "numFiles" in params and "totalSize" in params:
            return
        stats = self.warehouse.quick_stats(location)
        if stats is not None:
            params["numFiles"], params["totalSize"] = str(stats[0]), str(stats[1])

    def _drop_table_rows(self, conn, row: tbls.TableRow, delete_data: bool) -> list[str]:
        """Delete a table and its partitions; return the directories to delete after commit."""
        t = row.table
        locations: list[str] = []
        if delete_data and t.table_type == MANAGED_TABLE and not t.is_external:
            locations = _managed_data(conn, [(row.tbl_id, t.sd.location)])
        parts.delete_all_partitions(conn, row.tbl_id)
        tbls.delete_table(conn, row)
        return locations

    def truncate_table(self, catalog: str, db: str, name: str, part_names: list[str] | None) -> None:
        t = self.get_table(catalog, db, name)
        if t.table_type != MANAGED_TABLE or t.is_external:
            raise InvalidOperationError(f"Cannot truncate non-managed table {db}.{name}.")
        if part_names:
            locations = [p.sd.location for p in self.get_partitions_by_names(catalog, db, name, part_names)]
        elif t.partition_keys:
            locations = [p.sd.location for p in self.get_partitions(catalog, db, name, -1)]
        else:
            locations = [t.sd.location]
        for loc in locations:
            if loc:
                self.warehouse.delete(loc)
                self.warehouse.mkdirs(loc)
        new = copy.deepcopy(t)
        new.parameters.pop(DDL_TIME, None)
        self.alter_table(catalog, db, name, new)

    def _validated_table(self, t: Table) -> Table:
        t = copy.deepcopy(t)
        t.db_name = nm.check_db_name(t.db_name)
        t.table_name = nm.check_table_name(t.table_name)
        t.catalog_name = nm.normalize(t.catalog_name or DEFAULT_CATALOG)
        t.table_type = _table_type(t)
        _check_columns(t)
        _check_params(t.parameters)
        if t.sd is None:
            raise InvalidObjectError(f"table {t.db_name}.{t.table_name} has no storage descriptor")
        now = _now()
        if not t.create_time:
            t.create_time = now
        t.parameters = dict(t.parameters or {})
        t.parameters.setdefault(DDL_TIME, str(now))
        return t

    # ------------------------------------------------------------------------------------------
    # partitions
    def _table_row(self, conn, catalog: str, db: str, name: str) -> tbls.TableRow:
        row = tbls.get_table(conn, catalog, nm.normalize(db or ""), nm.normalize(name or ""))
        if row is None:
            raise NotFoundError(f"Table {db}.{name} not found")
        return row

    def _check_limit(self, conn, row: tbls.TableRow, sel: parts.Selection, max_parts: int | None) -> None:
        cap = self.limits.max_partitions_per_request
        if cap is None or cap < 0:
            return
        if max_parts is not None and 0 <= max_parts <= cap:
            return
        n = parts.count(conn, row.tbl_id, sel)
        if n > cap:
            raise InvalidInputError(
                f"Number of partitions scanned (={n}) on table '{row.table.table_name}' exceeds limit (={cap}). "
                f"This is controlled on the metastore server by metastore.limit.partition.request; "
                f"narrow the request with a partition filter or a partial specification."
            )

    def _read_partitions(
        self, catalog: str, db: str, name: str, sel_fn, max_parts: int | None = -1
    ) -> list[Partition]:
        with self.db.read() as conn:
            row = self._table_row(conn, catalog, db, name)
            sel = sel_fn(row)
            self._check_limit(conn, row, sel, max_parts)
            return [r.partition for r in parts.select_partitions(conn, row, sel, _limit(max_parts))]

    @contextlib.contextmanager
    def stream_partitions(
        self,
        catalog: str,
        db: str,
        name: str,
        sel_fn,
        max_parts: int | None = -1,
        batch: int = 1000,
        first_batch: int = 5000,
        reader=None,
    ):
        """Yield (count, batches): the selected partitions in batches, read from one consistent
        snapshot, so a response of any size is produced in bounded memory. Most listings fit in the
        first batch and cost no count. Errors (unknown table, bad filter, over the limit) are
        raised before anything is yielded.

        Each batch is a list of Partition, or, with `reader(conn, table_row, selection, limit,
        after)` returning pages with `count`, `last_name` and any payload, that reader's pages
        (a door can have the database render its own wire format, see catalog.thrift.partition_wire)."""
        read = reader or _partition_page
        with self.db.snapshot() as conn:
            row = self._table_row(conn, catalog, db, name)
            sel = sel_fn(row)
            self._check_limit(conn, row, sel, max_parts)
            cap = _limit(max_parts)
            first_n = first_batch if cap is None else min(first_batch, cap)
            first = read(conn, row, sel, first_n, None)
            if first.count < first_n or (cap is not None and cap <= first_n):
                count = first.count
            else:
                count = parts.count(conn, row.tbl_id, sel)
                count = count if cap is None else min(count, cap)

            def batches():
                done, page = 0, first
                while page.count:
                    yield page if reader else page.partitions
                    done += page.count
                    if done >= count:
                        return
                    page = read(conn, row, sel, min(batch, count - done), page.last_name)

            yield count, batches()

    def _read_names(self, catalog: str, db: str, name: str, sel_fn, max_parts: int | None = -1) -> list[str]:
        with self.db.read() as conn:
            row = self._table_row(conn, catalog, db, name)
            return parts.select_names(conn, row.tbl_id, sel_fn(row), _limit(max_parts))

    def get_partitions(self, catalog: str, db: str, name: str, max_parts: int = -1) -> list[Partition]:
        return self._read_partitions(catalog, db, name, lambda r: parts.Selection(), max_parts)

    def get_partitions_ps(self, catalog: str, db: str, name: str, values: list[str], max_parts: int = -1):
        return self._read_partitions(catalog, db, name, lambda r: _partial(r, values), max_parts)

    def get_partition_names(self, catalog: str, db: str, name: str, max_parts: int = -1) -> list[str]:
        return self._read_names(catalog, db, name, lambda r: parts.Selection(), max_parts)

    def get_partition_names_ps(
        self, catalog: str, db: str, name: str, values: list[str], max_parts: int = -1
    ):
        return self._read_names(catalog, db, name, lambda r: _partial(r, values), max_parts)

    def get_partitions_by_filter(
        self, catalog: str, db: str, name: str, filter_text: str, max_parts: int = -1
    ):
        return self._read_partitions(catalog, db, name, lambda r: _filter(r, filter_text), max_parts)

    def get_partition_names_by_filter(
        self, catalog: str, db: str, name: str, filter_text: str, max_parts: int = -1
    ) -> list[str]:
        return self._read_names(catalog, db, name, lambda r: _filter(r, filter_text), max_parts)

    def get_num_partitions_by_filter(self, catalog: str, db: str, name: str, filter_text: str) -> int:
        with self.db.read() as conn:
            row = self._table_row(conn, catalog, db, name)
            return parts.count(conn, row.tbl_id, _filter(row, filter_text))

    def get_partitions_by_names(self, catalog: str, db: str, name: str, names: list[str]) -> list[Partition]:
        return self._read_partitions(catalog, db, name, lambda r: parts.by_names(list(names or [])), None)

    def get_partition(self, catalog: str, db: str, name: str, values: list[str]) -> Partition:
        with self.db.read() as conn:
            row = self._table_row(conn, catalog, db, name)
            pname = _part_name_exact(row, values)
            found = parts.select_partitions(conn, row, parts.by_names([pname]))
        if not found:
            raise NotFoundError(f"partition values={list(values)} of table {db}.{name} not found")
        return found[0].partition

    def get_partition_by_name(self, catalog: str, db: str, name: str, part_name: str) -> Partition:
        with self.db.read() as conn:
            row = self._table_row(conn, catalog, db, name)
            vals = nm.values_from_part_name([k.name for k in row.table.partition_keys], part_name)
            found = parts.select_partitions(conn, row, parts.by_names([_part_name_exact(row, vals)]))
        if not found:
            raise NotFoundError(f"partition {part_name} of table {db}.{name} not found")
        return found[0].partition

    def partition_name_to_values(self, part_name: str) -> list[str]:
        return [v for _, v in nm.parse_part_name(part_name)]

    def partition_name_to_spec(self, part_name: str) -> dict[str, str]:
        return dict(nm.parse_part_name(part_name))

    def add_partitions(
        self, catalog: str, db: str, name: str, new_parts: list[Partition], if_not_exists: bool = False
    ) -> list[Partition]:
        if not new_parts:
            return []
        for p in new_parts:
            if nm.normalize(p.db_name or db) != nm.normalize(db) or nm.normalize(
                p.table_name or name
            ) != nm.normalize(name):
                raise InvalidObjectError(
                    "all partitions of one call must belong to the same table "
                    f"({db}.{name}); found {p.db_name}.{p.table_name}"
                )
        made: list[str] = []
        try:
            with self.db.write() as conn:
                row = self._table_row(conn, catalog, db, name)
                t = row.table
                check_writable("table", f"{t.db_name}.{t.table_name}", t.parameters)
                if not t.partition_keys:
                    raise InvalidObjectError(f"table {t.db_name}.{t.table_name} is not partitioned")
                if t.is_view:
                    raise InvalidObjectError(f"cannot add partitions to view {t.db_name}.{t.table_name}")
                tbls.lock_table(conn, row.db_id, t.table_name)
                now = _now()
                prepared: list[Partition] = []
                names: list[str] = []
                seen: set[str] = set()
                for p in new_parts:
                    pname = _part_name_exact(row, p.values)
                    if pname in seen:
                        raise InvalidObjectError(f"Duplicate partitions in the list: {pname}")
                    seen.add(pname)
                    q = _partition_copy(p)
                    q.db_name, q.table_name, q.catalog_name = t.db_name, t.table_name, t.catalog_name
                    if not q.sd.location and t.sd.location:
                        q.sd.location = child(t.sd.location, pname)
                    elif q.sd.location:
                        q.sd.location = normalize_location(q.sd.location)
                    if not q.sd.cols:
                        q.sd.cols = list(t.sd.cols)
                    q.create_time = q.create_time or now
                    q.parameters = dict(q.parameters or {})
                    q.parameters.setdefault(DDL_TIME, str(now))
                    _check_params(q.parameters)
                    prepared.append(q)
                    names.append(pname)
                existing = parts.existing_names(conn, row.tbl_id, names)
                if existing and not if_not_exists:
                    raise AlreadyExistsError(
                        f"Partition already exists: {sorted(existing)[0]} of table {t.db_name}.{t.table_name}"
                    )
                keep = [(p, n) for p, n in zip(prepared, names) if n not in existing]
                made += self.warehouse.mkdirs_many([p.sd.location for p, _ in keep if p.sd.location])
                made_set = set(made)
                for p, _ in keep:  # existing directories (files written before the add) get fast stats
                    if p.sd.location and p.sd.location not in made_set:
                        self._fast_stats(p.parameters, p.sd.location, force=False)
                parts.insert_partitions(conn, self.ids, row, [p for p, _ in keep], [n for _, n in keep])
        except Exception:
            for loc in made:
                self.warehouse.delete(loc)
            raise
        self._analyze.changed(len(keep))
        return [p for p, _ in keep]

    def drop_partition(self, catalog: str, db: str, name: str, values: list[str], delete_data: bool) -> None:
        with self.db.read() as conn:
            row = self._table_row(conn, catalog, db, name)
            pname = _part_name_exact(row, values)
        self.drop_partitions_by_names(catalog, db, name, [pname], delete_data, if_exists=False)

    def drop_partition_by_name(
        self, catalog: str, db: str, name: str, part_name: str, delete_data: bool
    ) -> None:
        with self.db.read() as conn:
            row = self._table_row(conn, catalog, db, name)
            vals = nm.values_from_part_name([k.name for k in row.table.partition_keys], part_name)
            pname = _part_name_exact(row, vals)
        self.drop_partitions_by_names(catalog, db, name, [pname], delete_data, if_exists=False)

    def drop_partitions_by_names(
        self,
        catalog: str,
        db: str,
        name: str,
        names: list[str],
        delete_data: bool,
        if_exists: bool = True,
        need_result: bool = False,
    ) -> list[Partition]:
        return self._drop_selected(
            catalog,
            db,
            name,
            lambda r: parts.by_names(list(names)),
            delete_data,
            expect=None if if_exists else len(set(names)),
            need_result=need_result,
        )

    def drop_partitions_by_filter(
        self, catalog: str, db: str, name: str, filter_text: str, delete_data: bool, need_result: bool = False
    ) -> list[Partition]:
        return self._drop_selected(
            catalog,
            db,
            name,
            lambda r: _filter(r, filter_text),
            delete_data,
            expect=None,
            need_result=need_result,
        )

    def _drop_selected(
        self, catalog, db, name, sel_fn, delete_data: bool, expect: int | None, need_result: bool
    ) -> list[Partition]:
        with self.db.write() as conn:
            row = self._table_row(conn, catalog, db, name)
            tbls.lock_table(conn, row.db_id, row.table.table_name)
            sel = sel_fn(row)
            result = [r.partition for r in parts.select_partitions(conn, row, sel)] if need_result else []
            found = parts.select_ids(conn, row.tbl_id, sel)
            if expect is not None and len(found) < expect:
                raise NotFoundError(f"partition not found in table {db}.{name}")
            locations = []
            t = row.table
            if delete_data and t.table_type == MANAGED_TABLE and not t.is_external:
                locs = conn.execute(
                    text('SELECT "LOCATION" FROM "SDS" WHERE "SD_ID" = ANY(:ids)'),
                    {"ids": [f[1] for f in found if f[1] is not None]},
                ).all()
                locations = [r[0] for r in locs if r[0]]
            parts.delete_partitions(conn, [f[0] for f in found], [f[1] for f in found])
        self.warehouse.delete_many(locations)
        return result

    def alter_partitions(self, catalog: str, db: str, name: str, new_parts: list[Partition]) -> None:
        with self.db.write() as conn:
            row = self._table_row(conn, catalog, db, name)
            tbls.lock_table(conn, row.db_id, row.table.table_name)
            names = [_part_name_exact(row, p.values) for p in new_parts]
            olds = {r.name: r for r in parts.select_partitions(conn, row, parts.by_names(names))}
            now = str(_now())
            changes = []
            for p, pname in zip(new_parts, names):
                old = olds.get(pname)
                if old is None:
                    raise InvalidOperationError(
                        f"alter is not possible: partition {pname} of table {db}.{name} does not exist"
                    )
                q = copy.deepcopy(p)
                _normalize_columns(q.sd)
                q.parameters = dict(q.parameters or {})
                q.parameters.setdefault(DDL_TIME, now)
                _check_params(q.parameters)
                if q.sd.location:
                    q.sd.location = normalize_location(q.sd.location)
                q.create_time = q.create_time or old.partition.create_time
                changes.append((old, q, pname))
            if len({n for _, _, n in changes}) != len(changes):
                raise InvalidObjectError("the same partition appears twice in one alter_partitions call")
            parts.update_partitions(conn, self.ids, row, changes)

    def rename_partition(
        self, catalog: str, db: str, name: str, old_values: list[str], new: Partition
    ) -> None:
        if not old_values:
            self.alter_partitions(catalog, db, name, [new])
            return
        move = None
        moved: list[tuple[str, str]] = []
        with self._moves_undone_on_failure(moved), self.db.write() as conn:
            row = self._table_row(conn, catalog, db, name)
            tbls.lock_table(conn, row.db_id, row.table.table_name)
            old_name = _part_name_exact(row, old_values)
            new_name = _part_name_exact(row, new.values)
            found = parts.select_partitions(conn, row, parts.by_names([old_name]))
            if not found:
                raise InvalidOperationError(
                    f"Unable to rename partition: partition {old_name} of table {db}.{name} does not exist"
                )
            if new_name != old_name and parts.existing_names(conn, row.tbl_id, [new_name]):
                raise InvalidOperationError(
                    f"Unable to rename partition: partition {new_name} already exists in table {db}.{name}"
                )
            old = found[0]
            q = copy.deepcopy(new)
            _normalize_columns(q.sd)
            q.parameters = dict(q.parameters or {})
            q.parameters[DDL_TIME] = str(_now())
            t = row.table
            if t.table_type == MANAGED_TABLE and not t.is_external and t.sd.location:
                new_loc = child(t.sd.location, new_name)
                old_loc = old.partition.sd.location
                q.sd.location = new_loc
                if old_loc and old_loc != new_loc:
                    move = (old_loc, new_loc)
            elif q.sd.location:
                q.sd.location = normalize_location(q.sd.location)
            q.create_time = q.create_time or old.partition.create_time
            parts.update_partitions(conn, self.ids, row, [(old, q, new_name)])
            conn.execute(
                text('UPDATE "PART_COL_STATS" SET "PARTITION_NAME" = :n WHERE "PART_ID" = :id'),
                {"n": new_name, "id": old.part_id},
            )
            if move and self.warehouse.move(*move):
                moved.append(move)

    def exchange_partitions(
        self, catalog: str, spec: dict[str, str], src_db: str, src_table: str, dst_db: str, dst_table: str
    ) -> list[Partition]:
        """Hive's EXCHANGE PARTITION: move the partitions matching `spec` (a partial specification)
        from the source table to the destination table, which must have the same columns and
        partition keys and must not already hold them; data directories move with them."""
        moves: list[tuple[str, str]] = []
        moved: list[tuple[str, str]] = []
        with self._moves_undone_on_failure(moved), self.db.write() as conn:
            src = self._table_row(conn, catalog, src_db, src_table)
            dst = self._table_row(conn, catalog, dst_db, dst_table)
            if src.tbl_id == dst.tbl_id:
                raise InvalidInputError("exchange_partition needs two different tables")
            tbls.lock_table(conn, src.db_id, src.table.table_name)
            tbls.lock_table(conn, dst.db_id, dst.table.table_name)
            skeys = [(k.name.lower(), k.type.lower()) for k in src.table.partition_keys]
            if skeys != [(k.name.lower(), k.type.lower()) for k in dst.table.partition_keys]:
                raise InvalidInputError("The tables have different partition keys")
            if not tbls.same_columns(src.table.sd.cols, dst.table.sd.cols):
                raise InvalidInputError(
                    "The tables have different schemas. Their partitions cannot be exchanged."
                )
            spec = {k.lower(): v for k, v in (spec or {}).items()}
            unknown = set(spec) - {k for k, _ in skeys}
            if unknown or not spec:
                raise InvalidInputError(
                    f"invalid partition specification {spec} for keys {[k for k, _ in skeys]}"
                )
            values = [spec.get(k, "") for k, _ in skeys]
            found = parts.select_partitions(conn, src, parts.by_partial_values(values))
            if not found:
                raise NotFoundError(f"no partition of {src_db}.{src_table} matches {spec}")
            names = [f.name for f in found]
            clash = parts.existing_names(conn, dst.tbl_id, names)
            if clash:
                raise AlreadyExistsError(
                    f"partition {sorted(clash)[0]} already exists in {dst_db}.{dst_table}"
                )
            dst_loc = dst.table.sd.location
            for f in found:
                new_loc = child(dst_loc, f.name) if dst_loc else f.partition.sd.location
                if f.partition.sd.location and new_loc != f.partition.sd.location:
                    moves.append((f.partition.sd.location, new_loc))
                conn.execute(
                    text('UPDATE "SDS" SET "LOCATION" = :loc WHERE "SD_ID" = :sd'),
                    {"loc": new_loc, "sd": f.sd_id},
                )
                f.partition.sd.location = new_loc
                f.partition.db_name, f.partition.table_name = dst.table.db_name, dst.table.table_name
            ids = [f.part_id for f in found]
            conn.execute(
                text('UPDATE "PARTITIONS" SET "TBL_ID" = :t WHERE "PART_ID" = ANY(:ids)'),
                {"t": dst.tbl_id, "ids": ids},
            )
            conn.execute(
                text(
                    'UPDATE "PART_COL_STATS" SET "DB_NAME" = :db, "TABLE_NAME" = :tn '
                    'WHERE "PART_ID" = ANY(:ids)'
                ),
                {"db": dst.table.db_name, "tn": dst.table.table_name, "ids": ids},
            )
            for a, b in moves:  # inside the transaction: a failed move rolls the exchange back
                if self.warehouse.move(a, b):
                    moved.append((a, b))
        return [f.partition for f in found]

    # ------------------------------------------------------------------------------------------
    # functions
    def create_function(self, f: Function) -> None:
        f = copy.deepcopy(f)
        f.function_name = nm.check_function_name(f.function_name)
        f.db_name = nm.check_db_name(f.db_name)
        f.catalog_name = nm.normalize(f.catalog_name or DEFAULT_CATALOG)
        if not f.class_name:
            raise InvalidObjectError(f"function {f.db_name}.{f.function_name} has no class name")
        f.create_time = f.create_time or _now()
        with self.db.write() as conn:
            db_id = dbs.lock_database(conn, f.catalog_name, f.db_name)
            if db_id is None:
                raise NotFoundError(f"The database {f.db_name} does not exist")
            if fns.get_function(conn, f.catalog_name, f.db_name, f.function_name) is not None:
                raise AlreadyExistsError(f"Function {f.function_name} already exists")
            fns.insert_function(conn, self.ids, db_id, f)

    def get_function(self, catalog: str, db: str, name: str) -> Function:
        with self.db.read() as conn:
            found = fns.get_function(conn, catalog, nm.normalize(db or ""), nm.normalize(name or ""))
        if found is None:
            raise NotFoundError(f"Function {db}.{name} does not exist")
        return found[1]

    def get_functions(self, catalog: str, db: str, pattern: str | None) -> list[str]:
        with self.db.read() as conn:
            found = dbs.get_database(conn, catalog, nm.normalize(db or ""))
            if found is None:
                return []
            return fns.function_names(conn, found[0], pattern)

    def get_all_functions(self, catalog: str) -> list[Function]:
        with self.db.read() as conn:
            return fns.list_functions(conn, catalog)

    def alter_function(self, catalog: str, db: str, name: str, new: Function) -> None:
        db, name = nm.normalize(db or ""), nm.normalize(name or "")
        new = copy.deepcopy(new)
        new.function_name = nm.check_function_name(new.function_name or name)
        new.db_name = nm.check_db_name(new.db_name or db)
        with self.db.write() as conn:
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
            fns.insert_function(conn, self.ids, target_db, new)

    def drop_function(self, catalog: str, db: str, name: str) -> None:
        with self.db.write() as conn:
            found = fns.get_function(conn, catalog, nm.normalize(db or ""), nm.normalize(name or ""))
            if found is None:
                raise NotFoundError(f"Function {db}.{name} does not exist")
            fns.delete_function(conn, found[0])

    # ------------------------------------------------------------------------------------------
    # notifications
    def current_notification_event_id(self) -> int:
        with self.db.read() as conn:
            v = conn.execute(text('SELECT "NEXT_EVENT_ID" FROM "NOTIFICATION_SEQUENCE"')).scalar()
        return max((v or 1) - 1, 0)


class _AnalyzeScheduler:
    """Refresh PostgreSQL's planner statistics of the partition tables after bulk changes.

    Until ANALYZE has seen freshly added partitions, the planner believes a table has none and
    may choose nested loops that are quadratic in the partition count. Autovacuum gets there within
    a minute or so; after a large add we do it at once, in the background, at most every 30 s."""

    TABLES = '"PARTITIONS", "PARTITION_KEY_VALS", "PARTITION_PARAMS", "SDS", "SERDES", "SERDE_PARAMS"'

    def __init__(self, db: Db, threshold: int = 500, min_interval: float = 30.0):
        import threading

        self.db, self.threshold, self.min_interval = db, threshold, min_interval
        self._pending = 0
        self._last = 0.0
        self._lock = threading.Lock()
        self._running = False

    def changed(self, n: int) -> None:
        import threading

        with self._lock:
            self._pending += n
            if (
                self._pending < self.threshold
                or self._running
                or time.monotonic() - self._last < self.min_interval
            ):
                return
            self._pending, self._running, self._last = 0, True, time.monotonic()
        threading.Thread(target=self._run, name="analyze", daemon=True).start()

    def _run(self) -> None:
        try:
            with self.db.read() as conn:
                conn.execute(text(f"ANALYZE {self.TABLES}"))
        except Exception as e:  # noqa: BLE001 - best effort; autovacuum remains the safety net
            log.info("background ANALYZE failed: %s", e)
        finally:
            with self._lock:
                self._running = False


# ----------------------------------------------------------------------------------------------
# helpers
def _limit(max_parts: int | None) -> int | None:
    return None if max_parts is None or max_parts < 0 else max_parts


def _table_type(t: Table) -> str:
    tt = (t.table_type or MANAGED_TABLE).upper()
    if tt not in TABLE_TYPES:
        raise InvalidObjectError(f"invalid table type '{t.table_type}'")
    if tt == MANAGED_TABLE and (t.parameters or {}).get("EXTERNAL", "").upper() == "TRUE":
        tt = EXTERNAL_TABLE  # as Hive's ObjectStore does
    return tt


def _partition_copy(p: Partition) -> Partition:
    """A copy of a partition to be added that this call may change (names, location, parameters)
    without touching the caller's object; column names lower-cased as `_normalize_columns` does.
    What is never changed (unchanged columns, skew info) is shared: `copy.deepcopy` of every
    partition was a quarter of add_partitions' time."""
    sd = p.sd or StorageDescriptor()
    cols = [c if not c.name or c.name == c.name.lower() else replace(c, name=c.name.lower()) for c in sd.cols]
    sort_cols = [
        o if not o.col or o.col == o.col.lower() else replace(o, col=o.col.lower()) for o in sd.sort_cols
    ]
    serde = replace(sd.serde, parameters=dict(sd.serde.parameters or {})) if sd.serde is not None else None
    new_sd = replace(
        sd,
        cols=cols,
        sort_cols=sort_cols,
        bucket_cols=list(sd.bucket_cols or []),
        parameters=dict(sd.parameters or {}),
        serde=serde,
    )
    return replace(p, values=list(p.values), parameters=dict(p.parameters or {}), sd=new_sd)


def _normalize_columns(sd, keys=None) -> None:
    """Hive stores column and partition-key names lower-case (and sort columns)."""
    if sd is not None:
        for c in sd.cols:
            if c.name:
                c.name = c.name.lower()
        for o in sd.sort_cols:
            if o.col:
                o.col = o.col.lower()
    for k in keys or []:
        if k.name:
            k.name = k.name.lower()


def _check_columns(t: Table) -> None:
    _normalize_columns(t.sd, t.partition_keys)
    cols = t.sd.cols if t.sd else []
    seen: set[str] = set()
    for c in cols:
        if not c.name or not c.name.strip():
            raise InvalidObjectError(f"table {t.db_name}.{t.table_name} has a column without a name")
        if len(c.name) > nm.MAX_COLUMN_NAME:
            raise InvalidObjectError(
                f"column name '{c.name[:64]}…' is longer than {nm.MAX_COLUMN_NAME} characters"
            )
        if not c.type or not c.type.strip():
            raise InvalidObjectError(f"column {c.name} of {t.db_name}.{t.table_name} has no type")
        if c.name.lower() in seen:
            raise InvalidObjectError(f"duplicate column name {c.name} in table {t.db_name}.{t.table_name}")
        seen.add(c.name.lower())
    keys: set[str] = set()
    for k in t.partition_keys:
        if not k.name or not k.name.strip():
            raise InvalidObjectError(f"table {t.db_name}.{t.table_name} has a partition key without a name")
        if not k.type or not k.type.strip():
            raise InvalidObjectError(f"partition key {k.name} of {t.db_name}.{t.table_name} has no type")
        if k.name.lower() in seen:
            raise InvalidObjectError(f"Partition column name {k.name} conflicts with table columns.")
        if k.name.lower() in keys:
            raise InvalidObjectError(f"duplicate partition key {k.name} in table {t.db_name}.{t.table_name}")
        keys.add(k.name.lower())


def _check_params(params: dict | None) -> None:
    for k in params or {}:
        if k is None or len(k) > nm.MAX_PARAM_KEY:
            raise InvalidObjectError(
                f"parameter key '{str(k)[:64]}' is empty or longer than {nm.MAX_PARAM_KEY}"
            )


def _check_len(what: str, value: str | None, limit: int) -> None:
    if value is not None and len(value) > limit:
        raise InvalidObjectError(f"{what} is longer than {limit} characters")


def _part_name_exact(row: tbls.TableRow, values: list[str]) -> str:
    keys = row.table.partition_keys
    if not keys:
        raise InvalidObjectError(f"table {row.table.db_name}.{row.table.table_name} is not partitioned")
    values = list(values or [])
    if len(values) != len(keys):
        raise InvalidObjectError(
            f"partition values {values} do not match the partition keys ({', '.join(k.name for k in keys)}) "
            f"of table {row.table.db_name}.{row.table.table_name}"
        )
    for k, v in zip(keys, values):
        if v is None or v == "":
            raise InvalidObjectError(f"partition value for key {k.name} must not be empty")
        if len(v) > nm.MAX_PARTITION_VALUE:
            raise InvalidObjectError(
                f"partition value for key {k.name} is longer than {nm.MAX_PARTITION_VALUE}"
            )
    name = nm.make_part_name([k.name for k in keys], values)
    if len(name) > nm.MAX_PARTITION_NAME:
        raise InvalidObjectError(
            f"partition name '{name[:64]}…' is longer than {nm.MAX_PARTITION_NAME} characters"
        )
    return name


@dataclass
class _PartitionPage:
    partitions: list[Partition]
    count: int
    last_name: str | None


def _partition_page(
    conn, row: tbls.TableRow, sel: parts.Selection, limit: int | None, after: str | None
) -> _PartitionPage:
    rows = parts.select_partitions(conn, row, sel, limit, after=after)
    return _PartitionPage([r.partition for r in rows], len(rows), rows[-1].name if rows else None)


def _partial(row: tbls.TableRow, values: list[str]) -> parts.Selection:
    keys = row.table.partition_keys
    values = list(values or [])
    if len(values) > len(keys):
        raise InvalidInputError(
            f"partial partition specification {values} has more values than the table has "
            f"partition keys ({', '.join(k.name for k in keys)})"
        )
    return parts.by_partial_values(values)


def _filter(row: tbls.TableRow, filter_text: str) -> parts.Selection:
    keys = row.table.partition_keys
    return compile_filter(filter_text, [k.name for k in keys], [k.type for k in keys])


def _managed_data(conn, tables: list[tuple[int, str | None]]) -> list[str]:
    """The directories dropping these managed tables (id, location) deletes: each table's own, and
    its partitions' directories that lie outside it."""
    tables = [(i, loc) for i, loc in tables if loc]
    return [loc for _, loc in tables] + parts.locations_outside(conn, tables)


def _update_stats_identity(conn, old: tbls.TableRow, new: Table) -> None:
    """Keep Hive's denormalised names in the statistics tables right, and drop the statistics of
    columns that were removed or changed type (as Hive's alter table does)."""
    if (old.table.db_name, old.table.table_name) != (new.db_name, new.table_name):
        p = {"db": new.db_name, "t": new.table_name, "id": old.tbl_id}
        conn.execute(
            text('UPDATE "TAB_COL_STATS" SET "DB_NAME" = :db, "TABLE_NAME" = :t WHERE "TBL_ID" = :id'), p
        )
        conn.execute(
            text(
                'UPDATE "PART_COL_STATS" SET "DB_NAME" = :db, "TABLE_NAME" = :t WHERE "PART_ID" IN '
                '(SELECT "PART_ID" FROM "PARTITIONS" WHERE "TBL_ID" = :id)'
            ),
            p,
        )
    kept = {(c.name.lower(), c.type.lower()) for c in new.sd.cols}
    gone = [c.name.lower() for c in old.table.sd.cols if (c.name.lower(), c.type.lower()) not in kept]
    if gone:
        conn.execute(
            text('DELETE FROM "TAB_COL_STATS" WHERE "TBL_ID" = :id AND "COLUMN_NAME" = ANY(:cols)'),
            {"id": old.tbl_id, "cols": gone},
        )


__all__ = ["CatalogService", "ServiceLimits", "UnsupportedError"]
