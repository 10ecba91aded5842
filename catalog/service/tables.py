"""Tables and views: create, alter (rename, move, CASCADE), drop, truncate, read."""

from __future__ import annotations

import copy

from sqlalchemy import Connection

from catalog import table_cas
from catalog.domain import names as nm
from catalog.domain import table_filter
from catalog.domain.model import DEFAULT_CATALOG, MANAGED_TABLE, VIRTUAL_VIEW, Table, TableMeta
from catalog.errors import AlreadyExistsError, InvalidObjectError, InvalidOperationError, NotFoundError
from catalog.service.core import DDL_TIME, ServiceCore, check_len, check_params, now
from catalog.service.databases import managed_data
from catalog.service.partition_reads import PartitionReads
from catalog.service.validation import check_columns, table_type
from catalog.store import column_stats as cs
from catalog.store import databases as dbs
from catalog.store import partition_moves, table_filter_sql
from catalog.store import partitions as parts
from catalog.store import tables as tbls
from catalog.warehouse import child, normalize_location


class TableOps:
    def __init__(self, core: ServiceCore, partitions: PartitionReads):
        self.core = core
        self.partitions = partitions  # truncate_table reads the partitions it empties

    def get_table(self, catalog: str, db: str, name: str) -> Table:
        with self.core.db.point_read() as r:
            table = tbls.read_table(r, catalog, nm.normalize(db or ""), nm.normalize(name or ""))
        if table is None:
            raise NotFoundError(f"Table {db}.{name} not found")
        return table

    def get_tables(
        self, catalog: str, db: str, pattern: str | None = None, table_type: str | None = None
    ) -> list[str]:
        with self.core.db.point_read() as r:  # one statement: the database's lookup and its names
            names = tbls.read_table_names(r, catalog, nm.normalize(db or ""), pattern, table_type)
        return [] if names is None else names  # Hive answers an empty list for an unknown database

    def get_table_names_by_filter(
        self, catalog: str, db: str, filter: str, max_tables: int = -1
    ) -> list[str]:
        """Hive's get_table_names_by_filter (catalog.domain.table_filter); [] for an unknown database."""
        parsed = table_filter.parse(filter)
        db = nm.normalize(db or "")
        with self.core.db.read() as conn:
            found = dbs.get_database(conn, catalog, db)
            if found is None:
                return []
            return table_filter_sql.table_names(conn, found[0], parsed, max_tables)

    def get_table_objects(self, catalog: str, db: str, names: list[str]) -> list[Table]:
        db = nm.normalize(db or "")
        with self.core.db.read() as conn:
            if dbs.get_database(conn, catalog, db) is None:
                raise NotFoundError(f"database {catalog}.{db} does not exist")
            rows = tbls.get_tables(conn, catalog, db, sorted({nm.normalize(n) for n in names if n}))
        return [r.table for r in rows]

    def get_table_meta(
        self, catalog: str, db_pattern: str | None, tbl_pattern: str | None, types: list[str] | None
    ) -> list[TableMeta]:
        with self.core.db.read() as conn:
            return tbls.table_metas(conn, catalog, db_pattern, tbl_pattern, types)

    def create_table(self, t: Table, skip_fs: bool = False) -> Table:
        t = _validated_table(t)
        made: list[str] = []
        try:
            with self.core.db.write() as conn:
                self._insert(conn, t, skip_fs, made)
        except Exception:
            for loc in made:
                self.core.warehouse.delete(loc)
            raise
        return t

    def replace_table(self, catalog: str, db: str, name: str, new: Table) -> Table:
        """Drop a table and create `new` (under any name) in one transaction, touching no files:
        what the mirror does when a table's partition keys changed upstream (Hive cannot alter
        them). Readers see the old table or the new one, never neither."""
        new = _validated_table(new)
        db, name = nm.normalize(db or ""), nm.normalize(name or "")
        with self.core.db.write() as conn:
            db_id = dbs.lock_database(conn, catalog, db)
            old = tbls.get_table(conn, catalog, db, name) if db_id is not None else None
            if old is None:
                raise NotFoundError(f"Table {db}.{name} not found")
            tbls.lock_table(conn, old.db_id, name)
            parts.delete_all_partitions(conn, old.tbl_id)
            tbls.delete_table(conn, old)
            self.core.events.on(conn).drop_table(old.table)
            self._insert(conn, new, True, [])
        return new

    def _insert(self, conn: Connection, t: Table, skip_fs: bool, made: list[str]) -> None:
        """Insert a validated table; a directory this creates is appended to `made` (the caller
        removes it if the transaction fails)."""
        core = self.core
        db_id = dbs.lock_database(conn, t.catalog_name, t.db_name)
        if db_id is None:
            raise NotFoundError(f"database {t.catalog_name}.{t.db_name} does not exist")
        if tbls.lock_table(conn, db_id, t.table_name) is not None:
            raise AlreadyExistsError(f"Table {t.db_name}.{t.table_name} already exists")
        found = dbs.get_database(conn, t.catalog_name, t.db_name)
        assert found is not None  # locked above
        database = found[1]
        if t.table_type != VIRTUAL_VIEW:
            if not t.sd.location:
                parent = database.location_uri or core.warehouse.database_location(t.db_name)
                t.sd.location = child(parent, t.table_name)
            else:
                t.sd.location = normalize_location(t.sd.location)
            check_len("table location", t.sd.location, nm.MAX_LOCATION)
            if not skip_fs and core.warehouse.mkdirs(t.sd.location):
                made.append(t.sd.location)
            elif not skip_fs and not t.partition_keys:
                core.fast_stats(t.parameters, t.sd.location, force=False)
        tbls.insert_table(conn, core.ids, db_id, t)
        core.events.on(conn).create_table(t)

    def alter_table(
        self,
        catalog: str,
        db: str,
        name: str,
        new: Table,
        cascade: bool = False,
        update_stats: bool = True,
        expected: tuple[str, str] | None = None,
        truncate: bool = False,
    ) -> None:
        """`expected` = (parameter key, value): apply only if the table still holds it (HIVE-26882).
        `truncate`: the change is truncate_table's (its event says so, as Hive's does)."""
        core = self.core
        db, name = nm.normalize(db or ""), nm.normalize(name or "")
        new = copy.deepcopy(new)
        new.db_name = nm.check_db_name(new.db_name or db)
        new.table_name = nm.check_table_name(new.table_name or name)
        new.catalog_name = catalog
        check_columns(new)
        check_params(new.parameters)
        move: tuple[str, str] | None = None
        moved: list[tuple[str, str]] = []
        with core.moves_undone_on_failure(moved), core.db.write() as conn:
            db_id = dbs.lock_database(conn, catalog, db)
            old = tbls.get_table(conn, catalog, db, name) if db_id is not None else None
            if old is None:
                raise InvalidOperationError(f"table {db}.{name} doesn't exist")
            tbls.lock_table(conn, old.db_id, name)
            if expected is not None:
                table_cas.check_and_swap(conn, old.tbl_id, expected, new.parameters)
            if [k.name.lower() for k in old.table.partition_keys] != [
                k.name.lower() for k in new.partition_keys
            ]:
                raise InvalidOperationError("partition keys can not be changed.")
            new.table_type = table_type(new)
            if new.create_time == 0:
                new.create_time = old.table.create_time
            new.parameters = dict(new.parameters)
            if DDL_TIME not in new.parameters:
                new.parameters[DDL_TIME] = str(now())
            new_db_id = old.db_id
            if (new.db_name, new.table_name) != (db, name):
                new_db_id, move = self._renamed(conn, catalog, old, new)
            if new.sd.location:
                new.sd.location = normalize_location(new.sd.location)
            if update_stats and not new.is_view and not new.partition_keys and new.sd.location and not move:
                core.fast_stats(new.parameters, new.sd.location, force=True)
            tbls.update_table(conn, core.ids, old, new, new_db_id)
            core.events.on(conn).alter_table(old.table, new, truncate)
            _update_stats_identity(conn, old, new)
            if cascade and old.cd_id is not None and not tbls.same_columns(old.table.sd.cols, new.sd.cols):
                # Hive's CASCADE: partitions take the table's new columns too.
                row = tbls.get_table(conn, catalog, new.db_name, new.table_name)
                assert row is not None and row.cd_id is not None  # written just above
                partition_moves.partitions_take_columns(conn, old.tbl_id, row.cd_id, old.cd_id)
            if move and core.warehouse.move(*move):  # inside the transaction: a failed move rolls back
                moved.append(move)

    def _renamed(
        self, conn: Connection, catalog: str, old: tbls.TableRow, new: Table
    ) -> tuple[int, tuple[str, str] | None]:
        """A rename (maybe into another database): the target database's id, and the directory
        move a managed table whose location follows its name needs."""
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
            found = dbs.get_database(conn, catalog, new.db_name)
            target_location = found[1].location_uri if found else None
            new_loc = child(
                target_location or self.core.warehouse.database_location(new.db_name), new.table_name
            )
            if self.core.warehouse.exists(new_loc):
                raise InvalidOperationError(
                    f"New location for this table {new.db_name}.{new.table_name} already exists : {new_loc}"
                )
            new.sd.location = new_loc
            parts.relocate(conn, old.tbl_id, old_loc, new_loc)
            return new_db_id, (old_loc, new_loc)
        return new_db_id, None

    def drop_table(self, catalog: str, db: str, name: str, delete_data: bool) -> None:
        db, name = nm.normalize(db or ""), nm.normalize(name or "")
        with self.core.db.write() as conn:
            db_id = dbs.lock_database(conn, catalog, db)
            row = tbls.get_table(conn, catalog, db, name) if db_id is not None else None
            if row is None:
                raise NotFoundError(f"Table {db}.{name} not found")
            tbls.lock_table(conn, row.db_id, name)
            t = row.table
            locations: list[str] = []
            if delete_data and t.table_type == MANAGED_TABLE and not t.is_external:
                locations = managed_data(conn, [(row.tbl_id, t.sd.location)])
            parts.delete_all_partitions(conn, row.tbl_id)
            tbls.delete_table(conn, row)
            self.core.events.on(conn).drop_table(t)
        self.core.warehouse.delete_many(locations)

    def truncate_table(self, catalog: str, db: str, name: str, part_names: list[str] | None) -> None:
        t = self.get_table(catalog, db, name)
        if t.table_type != MANAGED_TABLE or t.is_external:
            raise InvalidOperationError(f"Cannot truncate non-managed table {db}.{name}.")
        if part_names:
            locations = [
                p.sd.location for p in self.partitions.get_partitions_by_names(catalog, db, name, part_names)
            ]
        elif t.partition_keys:
            locations = [p.sd.location for p in self.partitions.get_partitions(catalog, db, name, -1)]
        else:
            locations = [t.sd.location]
        for loc in locations:
            if loc:
                self.core.warehouse.delete(loc)
                self.core.warehouse.mkdirs(loc)
        new = copy.deepcopy(t)
        new.parameters.pop(DDL_TIME, None)
        self.alter_table(catalog, db, name, new, truncate=True)


def _validated_table(t: Table) -> Table:
    t = copy.deepcopy(t)
    t.db_name = nm.check_db_name(t.db_name)
    t.table_name = nm.check_table_name(t.table_name)
    t.catalog_name = nm.normalize(t.catalog_name or DEFAULT_CATALOG)
    t.table_type = table_type(t)
    check_columns(t)
    check_params(t.parameters)
    if t.sd is None:
        raise InvalidObjectError(f"table {t.db_name}.{t.table_name} has no storage descriptor")
    created = now()
    if not t.create_time:
        t.create_time = created
    t.parameters = dict(t.parameters or {})
    t.parameters.setdefault(DDL_TIME, str(created))
    return t


def _update_stats_identity(conn: Connection, old: tbls.TableRow, new: Table) -> None:
    """Keep Hive's denormalised names in the statistics tables right, and drop the statistics of
    columns that were removed or changed type (as Hive's alter table does)."""
    if (old.table.db_name, old.table.table_name) != (new.db_name, new.table_name):
        cs.rename_table(conn, old.tbl_id, new.db_name, new.table_name)
    kept = {(c.name.lower(), c.type.lower()) for c in new.sd.cols}
    gone = [c.name.lower() for c in old.table.sd.cols if (c.name.lower(), c.type.lower()) not in kept]
    if gone:
        cs.delete_table_stats_of(conn, old.tbl_id, gone)
