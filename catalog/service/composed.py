"""The catalog service: every metastore operation, with Apache Hive's metastore semantics.

`CatalogService` is composed of one part per kind of object (catalogs.py, databases.py, tables.py,
partition_reads.py, partitions.py, functions.py, statistics.py, privileges.py, constraints.py,
browse.py), all sharing one `ServiceCore` (database, id allocator, warehouse, limits). Its methods only delegate:
the code of an operation is in the module named after its object. Doors never call the parts
directly; they call this class, or GuardedCatalogService (catalog.auth.guarded) which wraps it.

Each method that writes runs in one database transaction; warehouse directories are created before
the commit (and removed again if it fails) and deleted or moved only after it succeeds, as Hive's
metastore does.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any

from catalog.constraints import Constraint
from catalog.db import Database as Db
from catalog.domain.model import (
    DEFAULT_CATALOG,
    Catalog,
    ColumnStats,
    Database,
    Function,
    Partition,
    Table,
    TableColumnStats,
    TableMeta,
)
from catalog.errors import AlreadyExistsError, NotFoundError
from catalog.locks import LockService
from catalog.privileges import Grant, ObjectRef, PrivilegeSet, Role, RoleGrant
from catalog.service.browse import BrowseOps, Page
from catalog.service.catalogs import CatalogOps, MirroredFrom
from catalog.service.constraints import ConstraintOps
from catalog.service.core import ServiceCore, ServiceLimits
from catalog.service.databases import DatabaseOps
from catalog.service.events import EventOps
from catalog.service.functions import FunctionOps
from catalog.service.partition_reads import Lister, PageReader, PartitionReads
from catalog.service.partitions import PartitionWrites
from catalog.service.privileges import PrivilegeOps
from catalog.service.selections import SelectionOf
from catalog.service.statistics import StatisticsOps
from catalog.service.tables import TableOps
from catalog.store import audit as audit_store
from catalog.store import databases as dbs
from catalog.store import db_properties, maintenance
from catalog.store import search as search_store
from catalog.store.ids import IdAllocator
from catalog.store.notifications import EventFilter, EventRow
from catalog.warehouse import Warehouse

# The parts CatalogService is composed of (tests enumerate their operations).
PARTS: tuple[type, ...] = (
    CatalogOps,
    DatabaseOps,
    TableOps,
    PartitionReads,
    PartitionWrites,
    FunctionOps,
    StatisticsOps,
    PrivilegeOps,
    BrowseOps,
    ConstraintOps,
    EventOps,
)


class CatalogService:
    def __init__(self, db: Db, ids: IdAllocator, warehouse: Warehouse, limits: ServiceLimits | None = None):
        self.core = ServiceCore(db, ids, warehouse, limits or ServiceLimits())
        self._catalogs = CatalogOps(self.core)
        self._databases = DatabaseOps(self.core)
        self._partition_reads = PartitionReads(self.core)
        self._partition_writes = PartitionWrites(self.core)
        self._tables = TableOps(self.core, self._partition_reads)
        self._functions = FunctionOps(self.core)
        self._statistics = StatisticsOps(self.core)
        self._privileges = PrivilegeOps(self.core)
        self._browse = BrowseOps(self.core)
        self._constraints = ConstraintOps(self.core)
        self.locks = LockService(db)  # Hive's lock manager; the runtime sets its --lock-timeout
        self._events = EventOps(self.core)

    @property
    def db(self) -> Db:
        return self.core.db

    @property
    def ids(self) -> IdAllocator:
        return self.core.ids

    @property
    def limits(self) -> ServiceLimits:
        return self.core.limits

    @property
    def warehouse(self) -> Warehouse:
        return self.core.warehouse

    @warehouse.setter
    def warehouse(self, value: Warehouse) -> None:
        self.core.warehouse = value

    # -- start-up and health --------------------------------------------------------------------
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
            maintenance.ping(conn)

    def metastore_db_uuid(self) -> str:
        with self.db.read() as conn:  # created by bootstrap (Hive creates it on first access)
            return db_properties.db_guid(conn)

    # -- change events (Hive's notification log) -------------------------------------------------
    def current_notification_event_id(self) -> int:
        return self._events.current_notification_event_id()

    def next_notifications(
        self, last_event: int, max_events: int | None, skip_types: Sequence[str] = ()
    ) -> list[EventRow]:
        return self._events.next_notifications(last_event, max_events, skip_types)

    def notification_events_count(self, from_event: int, db: str | None, catalog: str | None) -> int:
        return self._events.notification_events_count(from_event, db, catalog)

    def events_page(
        self, after: int, limit: int, f: EventFilter, with_message: bool = False
    ) -> list[EventRow]:
        return self._events.events_page(after, limit, f, with_message)

    def fire_insert_event(
        self,
        catalog: str,
        db: str,
        table: str,
        part_values: Sequence[str] | None,
        replace: bool,
        files: Sequence[str],
        checksums: Sequence[str] = (),
    ) -> None:
        return self._events.fire_insert_event(catalog, db, table, part_values, replace, files, checksums)

    # -- catalogs ----------------------------------------------------------------------------------
    def get_catalog(self, name: str) -> Catalog:
        return self._catalogs.get_catalog(name)

    def get_catalogs(self) -> list[str]:
        return self._catalogs.get_catalogs()

    def create_catalog(
        self, cat: Catalog, default_database: bool = True, mirrored_from: MirroredFrom | None = None
    ) -> None:
        return self._catalogs.create_catalog(cat, default_database, mirrored_from)

    def alter_catalog(self, name: str, new: Catalog) -> None:
        return self._catalogs.alter_catalog(name, new)

    def drop_catalog(self, name: str) -> None:
        return self._catalogs.drop_catalog(name)

    # -- databases ---------------------------------------------------------------------------------
    def get_database(self, catalog: str, name: str) -> Database:
        return self._databases.get_database(catalog, name)

    def get_databases(self, catalog: str, pattern: str | None = None) -> list[str]:
        return self._databases.get_databases(catalog, pattern)

    def create_database(self, db: Database) -> None:
        return self._databases.create_database(db)

    def alter_database(self, catalog: str, name: str, new: Database) -> None:
        return self._databases.alter_database(catalog, name, new)

    def drop_database(self, catalog: str, name: str, delete_data: bool, cascade: bool) -> None:
        return self._databases.drop_database(catalog, name, delete_data, cascade)

    # -- tables ------------------------------------------------------------------------------------
    def get_table(self, catalog: str, db: str, name: str) -> Table:
        return self._tables.get_table(catalog, db, name)

    def get_tables(
        self, catalog: str, db: str, pattern: str | None = None, table_type: str | None = None
    ) -> list[str]:
        return self._tables.get_tables(catalog, db, pattern, table_type)

    def get_table_names_by_filter(
        self, catalog: str, db: str, filter: str, max_tables: int = -1
    ) -> list[str]:
        return self._tables.get_table_names_by_filter(catalog, db, filter, max_tables)

    def get_table_objects(self, catalog: str, db: str, names: list[str]) -> list[Table]:
        return self._tables.get_table_objects(catalog, db, names)

    def get_table_meta(
        self, catalog: str, db_pattern: str | None, tbl_pattern: str | None, types: list[str] | None
    ) -> list[TableMeta]:
        return self._tables.get_table_meta(catalog, db_pattern, tbl_pattern, types)

    def create_table(self, t: Table, skip_fs: bool = False) -> Table:
        return self._tables.create_table(t, skip_fs)

    def replace_table(self, catalog: str, db: str, name: str, new: Table) -> Table:
        return self._tables.replace_table(catalog, db, name, new)

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
        return self._tables.alter_table(catalog, db, name, new, cascade, update_stats, expected)

    def drop_table(self, catalog: str, db: str, name: str, delete_data: bool) -> None:
        return self._tables.drop_table(catalog, db, name, delete_data)

    def truncate_table(self, catalog: str, db: str, name: str, part_names: list[str] | None) -> None:
        return self._tables.truncate_table(catalog, db, name, part_names)

    # -- partition reads ---------------------------------------------------------------------------
    def stream_partitions(
        self,
        catalog: str,
        db: str,
        name: str,
        sel_fn: SelectionOf,
        max_parts: int | None = -1,
        batch: int = 1000,
        first_batch: int = 5000,
        reader: PageReader | None = None,
        lister: Lister | None = None,
    ) -> AbstractContextManager[tuple[int, Iterator[Any]]]:
        return self._partition_reads.stream_partitions(
            catalog, db, name, sel_fn, max_parts, batch, first_batch, reader, lister
        )

    def get_partitions(self, catalog: str, db: str, name: str, max_parts: int = -1) -> list[Partition]:
        return self._partition_reads.get_partitions(catalog, db, name, max_parts)

    def get_partitions_ps(
        self, catalog: str, db: str, name: str, values: list[str], max_parts: int = -1
    ) -> list[Partition]:
        return self._partition_reads.get_partitions_ps(catalog, db, name, values, max_parts)

    def get_partition_names(self, catalog: str, db: str, name: str, max_parts: int = -1) -> list[str]:
        return self._partition_reads.get_partition_names(catalog, db, name, max_parts)

    def get_partition_names_ps(
        self, catalog: str, db: str, name: str, values: list[str], max_parts: int = -1
    ) -> list[str]:
        return self._partition_reads.get_partition_names_ps(catalog, db, name, values, max_parts)

    def get_partitions_by_filter(
        self, catalog: str, db: str, name: str, filter_text: str, max_parts: int = -1
    ) -> list[Partition]:
        return self._partition_reads.get_partitions_by_filter(catalog, db, name, filter_text, max_parts)

    def get_partition_names_by_filter(
        self, catalog: str, db: str, name: str, filter_text: str, max_parts: int = -1
    ) -> list[str]:
        return self._partition_reads.get_partition_names_by_filter(catalog, db, name, filter_text, max_parts)

    def get_num_partitions_by_filter(self, catalog: str, db: str, name: str, filter_text: str) -> int:
        return self._partition_reads.get_num_partitions_by_filter(catalog, db, name, filter_text)

    def get_partitions_by_names(self, catalog: str, db: str, name: str, names: list[str]) -> list[Partition]:
        return self._partition_reads.get_partitions_by_names(catalog, db, name, names)

    def get_partition(self, catalog: str, db: str, name: str, values: list[str]) -> Partition:
        return self._partition_reads.get_partition(catalog, db, name, values)

    def get_partition_by_name(self, catalog: str, db: str, name: str, part_name: str) -> Partition:
        return self._partition_reads.get_partition_by_name(catalog, db, name, part_name)

    def partition_name_to_values(self, part_name: str) -> list[str]:
        return self._partition_reads.partition_name_to_values(part_name)

    def partition_name_to_spec(self, part_name: str) -> dict[str, str]:
        return self._partition_reads.partition_name_to_spec(part_name)

    # -- partitions --------------------------------------------------------------------------------
    def add_partitions(
        self, catalog: str, db: str, name: str, new_parts: list[Partition], if_not_exists: bool = False
    ) -> list[Partition]:
        return self._partition_writes.add_partitions(catalog, db, name, new_parts, if_not_exists)

    def drop_partition(self, catalog: str, db: str, name: str, values: list[str], delete_data: bool) -> None:
        return self._partition_writes.drop_partition(catalog, db, name, values, delete_data)

    def drop_partition_by_name(
        self, catalog: str, db: str, name: str, part_name: str, delete_data: bool
    ) -> None:
        return self._partition_writes.drop_partition_by_name(catalog, db, name, part_name, delete_data)

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
        return self._partition_writes.drop_partitions_by_names(
            catalog, db, name, names, delete_data, if_exists, need_result
        )

    def drop_partitions_by_filter(
        self, catalog: str, db: str, name: str, filter_text: str, delete_data: bool, need_result: bool = False
    ) -> list[Partition]:
        return self._partition_writes.drop_partitions_by_filter(
            catalog, db, name, filter_text, delete_data, need_result
        )

    def alter_partitions(self, catalog: str, db: str, name: str, new_parts: list[Partition]) -> None:
        return self._partition_writes.alter_partitions(catalog, db, name, new_parts)

    def rename_partition(
        self, catalog: str, db: str, name: str, old_values: list[str], new: Partition
    ) -> None:
        return self._partition_writes.rename_partition(catalog, db, name, old_values, new)

    def exchange_partitions(
        self, catalog: str, spec: dict[str, str], src_db: str, src_table: str, dst_db: str, dst_table: str
    ) -> list[Partition]:
        return self._partition_writes.exchange_partitions(catalog, spec, src_db, src_table, dst_db, dst_table)

    # -- functions ---------------------------------------------------------------------------------
    def create_function(self, f: Function) -> None:
        return self._functions.create_function(f)

    def get_function(self, catalog: str, db: str, name: str) -> Function:
        return self._functions.get_function(catalog, db, name)

    def get_functions(self, catalog: str, db: str, pattern: str | None) -> list[str]:
        return self._functions.get_functions(catalog, db, pattern)

    def get_all_functions(self, catalog: str) -> list[Function]:
        return self._functions.get_all_functions(catalog)

    def alter_function(self, catalog: str, db: str, name: str, new: Function) -> None:
        return self._functions.alter_function(catalog, db, name, new)

    def drop_function(self, catalog: str, db: str, name: str) -> None:
        return self._functions.drop_function(catalog, db, name)

    # -- statistics --------------------------------------------------------------------------------
    def update_column_stats(
        self, items: TableColumnStats | list[TableColumnStats], merge: bool = False
    ) -> None:
        return self._statistics.update_column_stats(items, merge)

    def get_table_column_stats(
        self, catalog: str, db: str, table: str, cols: list[str] | None
    ) -> TableColumnStats:
        return self._statistics.get_table_column_stats(catalog, db, table, cols)

    def get_partition_column_stats(
        self, catalog: str, db: str, table: str, part_names: list[str], cols: list[str] | None
    ) -> dict[str, TableColumnStats]:
        return self._statistics.get_partition_column_stats(catalog, db, table, part_names, cols)

    def aggregate_partition_stats(
        self, catalog: str, db: str, table: str, part_names: list[str], cols: list[str]
    ) -> tuple[list[ColumnStats], int]:
        return self._statistics.aggregate_partition_stats(catalog, db, table, part_names, cols)

    def delete_column_stats(
        self, catalog: str, db: str, table: str, partition_name: str | None, col: str | None
    ) -> bool:
        return self._statistics.delete_column_stats(catalog, db, table, partition_name, col)

    # -- privileges --------------------------------------------------------------------------------
    def bootstrap_privileges(self, admin_users: tuple[str, ...] | list[str] = ()) -> None:
        return self._privileges.bootstrap_privileges(admin_users)

    def create_role(self, role: Role) -> None:
        return self._privileges.create_role(role)

    def drop_role(self, name: str) -> None:
        return self._privileges.drop_role(name)

    def get_role_names(self) -> list[str]:
        return self._privileges.get_role_names()

    def get_roles(self) -> list[Role]:
        return self._privileges.get_roles()

    def grant_role(
        self,
        role: str,
        principal: str,
        principal_type: str,
        grantor: str | None = None,
        grantor_type: str | None = None,
        grant_option: bool = False,
    ) -> None:
        return self._privileges.grant_role(
            role, principal, principal_type, grantor, grantor_type, grant_option
        )

    def revoke_role(
        self, role: str, principal: str, principal_type: str, grant_option_only: bool = False
    ) -> None:
        return self._privileges.revoke_role(role, principal, principal_type, grant_option_only)

    def list_roles(self, principal: str, principal_type: str) -> list[Role]:
        return self._privileges.list_roles(principal, principal_type)

    def get_principals_in_role(self, role: str) -> list[RoleGrant]:
        return self._privileges.get_principals_in_role(role)

    def get_role_grants_for_principal(self, principal: str, principal_type: str) -> list[RoleGrant]:
        return self._privileges.get_role_grants_for_principal(principal, principal_type)

    def roles_of(self, user: str | None, groups: tuple[str, ...] | list[str] = ()) -> dict[str, bool]:
        return self._privileges.roles_of(user, groups)

    def grant_privileges(self, grants: list[Grant]) -> None:
        return self._privileges.grant_privileges(grants)

    def revoke_privileges(self, grants: list[Grant], grant_option_only: bool = False) -> None:
        return self._privileges.revoke_privileges(grants, grant_option_only)

    def list_privileges(
        self, principal: str | None, principal_type: str | None, obj: ObjectRef | None
    ) -> list[Grant]:
        return self._privileges.list_privileges(principal, principal_type, obj)

    def get_privilege_set(
        self, obj: ObjectRef, user: str | None, groups: list[str] | tuple[str, ...] = ()
    ) -> PrivilegeSet:
        return self._privileges.get_privilege_set(obj, user, groups)

    def refresh_privileges(self, obj: ObjectRef, authorizer: str | None, grants: list[Grant]) -> None:
        return self._privileges.refresh_privileges(obj, authorizer, grants)

    # -- browse ------------------------------------------------------------------------------------
    def list_catalogs_page(self, after: str | None, limit: int) -> Page:
        return self._browse.list_catalogs_page(after, limit)

    def list_databases_page(self, catalog: str, after: str | None, limit: int) -> Page:
        return self._browse.list_databases_page(catalog, after, limit)

    def list_tables_page(self, catalog: str, db: str, after: str | None, limit: int) -> Page:
        return self._browse.list_tables_page(catalog, db, after, limit)

    def list_functions_page(self, catalog: str, db: str, after: str | None, limit: int) -> Page:
        return self._browse.list_functions_page(catalog, db, after, limit)

    def get_partitions_page(
        self, catalog: str, db: str, name: str, filter_text: str | None, after: str | None, limit: int
    ) -> Page:
        return self._browse.get_partitions_page(catalog, db, name, filter_text, after, limit)

    def search(
        self,
        term: str,
        *,
        kinds: tuple[str, ...] = search_store.KINDS,
        catalog: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> Page:
        return self._browse.search(term, kinds=kinds, catalog=catalog, limit=limit, offset=offset)

    def audit_records(self, query: audit_store.AuditQuery, before_id: int | None, limit: int) -> Page:
        return self._browse.audit_records(query, before_id, limit)

    # -- constraints ----------------------------------------------------------------------------
    def add_constraints(self, constraints: list[Constraint]) -> list[str]:
        return self._constraints.add_constraints(constraints)

    def drop_constraint(self, catalog: str, db: str, table: str, name: str) -> None:
        return self._constraints.drop_constraint(catalog, db, table, name)


__all__ = ["PARTS", "CatalogService", "ServiceLimits"]
