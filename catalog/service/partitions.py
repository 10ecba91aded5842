"""Changing partitions: add, drop (by values, name, names or filter), alter, rename, exchange
between tables. Data directories are created before the commit and deleted after it."""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Callable

import catalog.service.selections as select
from catalog.domain import names as nm
from catalog.domain.model import MANAGED_TABLE, Partition
from catalog.errors import (
    AlreadyExistsError,
    InvalidInputError,
    InvalidObjectError,
    InvalidOperationError,
    NotFoundError,
)
from catalog.service.core import DDL_TIME, ServiceCore, check_params, now
from catalog.service.selections import SelectionOf
from catalog.service.validation import normalize_columns, part_name_exact, partition_copy
from catalog.store import column_stats as cs
from catalog.store import partition_moves
from catalog.store import partitions as parts
from catalog.store import tables as tbls
from catalog.warehouse import child, normalize_location


class PartitionWrites:
    def __init__(self, core: ServiceCore):
        self.core = core

    def add_partitions(
        self, catalog: str, db: str, name: str, new_parts: list[Partition], if_not_exists: bool = False
    ) -> list[Partition]:
        core = self.core
        if not new_parts:
            return []
        for p in new_parts:
            if (nm.normalize(p.db_name or db), nm.normalize(p.table_name or name)) != (
                nm.normalize(db),
                nm.normalize(name),
            ):
                raise InvalidObjectError(
                    "all partitions of one call must belong to the same table "
                    f"({db}.{name}); found {p.db_name}.{p.table_name}"
                )
        made: list[str] = []
        mkdirs: Callable[[], None] | None = None
        try:
            with core.db.write() as conn:
                row = core.table_row(conn, catalog, db, name)
                t = row.table
                if not t.partition_keys:
                    raise InvalidObjectError(f"table {t.db_name}.{t.table_name} is not partitioned")
                if t.is_view:
                    raise InvalidObjectError(f"cannot add partitions to view {t.db_name}.{t.table_name}")
                tbls.lock_table(conn, row.db_id, t.table_name)
                created = now()
                prepared: list[Partition] = []
                names: list[str] = []
                seen: set[str] = set()
                for p in new_parts:
                    pname = part_name_exact(row, p.values)
                    if pname in seen:
                        raise InvalidObjectError(f"Duplicate partitions in the list: {pname}")
                    seen.add(pname)
                    q = partition_copy(p)
                    q.db_name, q.table_name, q.catalog_name = t.db_name, t.table_name, t.catalog_name
                    if not q.sd.location and t.sd.location:
                        q.sd.location = child(t.sd.location, pname)
                    elif q.sd.location:
                        q.sd.location = normalize_location(q.sd.location)
                    if not q.sd.cols:
                        q.sd.cols = list(t.sd.cols)
                    q.create_time = q.create_time or created
                    q.parameters.setdefault(DDL_TIME, str(created))
                    check_params(q.parameters)
                    prepared.append(q)
                    names.append(pname)
                existing = parts.existing_names(conn, row.tbl_id, names)
                if existing and not if_not_exists:
                    raise AlreadyExistsError(
                        f"Partition already exists: {sorted(existing)[0]} of table {t.db_name}.{t.table_name}"
                    )
                keep = [(p, n) for p, n in zip(prepared, names, strict=True) if n not in existing]
                # directories are made while the rows are written (a thread for a large batch)
                mkdirs = core.warehouse.mkdirs_many_later(
                    [p.sd.location for p, _ in keep if p.sd.location], made
                )

                def dirs_made() -> None:
                    nonlocal mkdirs
                    wait, mkdirs = mkdirs, None
                    assert wait is not None
                    wait()
                    made_set = set(made)
                    for p, _ in keep:  # existing directories (files written before the add) get fast stats
                        if p.sd.location and p.sd.location not in made_set:
                            core.fast_stats(p.parameters, p.sd.location, force=False)

                parts.insert_partitions(
                    conn, core.ids, row, [p for p, _ in keep], [n for _, n in keep], before_params=dirs_made
                )
                if keep:  # one event for the batch, as Hive's add_partitions
                    core.events.on(conn).add_partitions(t, [p for p, _ in keep])
        except Exception:
            if mkdirs is not None:  # the rows failed while the directories were being made
                with contextlib.suppress(Exception):
                    mkdirs()
            for loc in made:
                core.warehouse.delete(loc)
            raise
        if core.analyze is not None:
            core.analyze.changed(len(keep))
        return [p for p, _ in keep]

    def drop_partition(self, catalog: str, db: str, name: str, values: list[str], delete_data: bool) -> None:
        with self.core.db.read() as conn:
            row = self.core.table_row(conn, catalog, db, name)
            pname = part_name_exact(row, values)
        self.drop_partitions_by_names(catalog, db, name, [pname], delete_data, if_exists=False)

    def drop_partition_by_name(
        self, catalog: str, db: str, name: str, part_name: str, delete_data: bool
    ) -> None:
        with self.core.db.read() as conn:
            row = self.core.table_row(conn, catalog, db, name)
            vals = nm.values_from_part_name([k.name for k in row.table.partition_keys], part_name)
            pname = part_name_exact(row, vals)
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
        expect = None if if_exists else len(set(names))
        return self._drop_selected(
            catalog, db, name, select.by_names(names), delete_data, expect, need_result
        )

    def drop_partitions_by_filter(
        self, catalog: str, db: str, name: str, filter_text: str, delete_data: bool, need_result: bool = False
    ) -> list[Partition]:
        return self._drop_selected(
            catalog, db, name, select.by_filter(filter_text), delete_data, None, need_result
        )

    def _drop_selected(
        self,
        catalog: str,
        db: str,
        name: str,
        sel_fn: SelectionOf,
        delete_data: bool,
        expect: int | None,
        need_result: bool,
    ) -> list[Partition]:
        with self.core.db.write() as conn:
            row = self.core.table_row(conn, catalog, db, name)
            tbls.lock_table(conn, row.db_id, row.table.table_name)
            sel = sel_fn(row)
            result = [r.partition for r in parts.select_partitions(conn, row, sel)] if need_result else []
            found = parts.select_ids(conn, row.tbl_id, sel)
            if expect is not None and len(found) < expect:
                raise NotFoundError(f"partition not found in table {db}.{name}")
            locations: list[str] = []
            t = row.table
            if delete_data and t.table_type == MANAGED_TABLE and not t.is_external:
                locations = partition_moves.locations_of(conn, [sd for _, sd, _ in found if sd is not None])
            parts.delete_partitions(conn, [f[0] for f in found], [sd for _, sd, _ in found if sd is not None])
            if found:  # one event for the batch, as Hive's drop_partitions_req
                keys = [k.name for k in t.partition_keys]
                values = [nm.values_from_part_name(keys, pname) for _, _, pname in found]
                self.core.events.on(conn).drop_partitions(t, values)
        self.core.warehouse.delete_many(locations)
        return result

    def alter_partitions(self, catalog: str, db: str, name: str, new_parts: list[Partition]) -> None:
        with self.core.db.write() as conn:
            row = self.core.table_row(conn, catalog, db, name)
            tbls.lock_table(conn, row.db_id, row.table.table_name)
            names = [part_name_exact(row, p.values) for p in new_parts]
            olds = {r.name: r for r in parts.select_partitions(conn, row, parts.by_names(names))}
            stamp = str(now())
            changes = []
            for p, pname in zip(new_parts, names, strict=True):
                old = olds.get(pname)
                if old is None:
                    raise InvalidOperationError(
                        f"alter is not possible: partition {pname} of table {db}.{name} does not exist"
                    )
                q = copy.deepcopy(p)
                normalize_columns(q.sd)
                q.parameters = dict(q.parameters or {})
                q.parameters.setdefault(DDL_TIME, stamp)
                check_params(q.parameters)
                if q.sd.location:
                    q.sd.location = normalize_location(q.sd.location)
                q.create_time = q.create_time or old.partition.create_time
                changes.append((old, q, pname))
            if len({n for _, _, n in changes}) != len(changes):
                raise InvalidObjectError("the same partition appears twice in one alter_partitions call")
            parts.update_partitions(conn, self.core.ids, row, changes)
            events = self.core.events.on(conn)
            if len(changes) == 1:
                events.alter_partition(row.table, changes[0][0].partition, changes[0][1])
            elif changes:  # one event for the batch (Hive 4's ALTER_PARTITIONS)
                events.alter_partitions(row.table, [q for _, q, _ in changes])

    def rename_partition(
        self, catalog: str, db: str, name: str, old_values: list[str], new: Partition
    ) -> None:
        if not old_values:
            self.alter_partitions(catalog, db, name, [new])
            return
        core = self.core
        move = None
        moved: list[tuple[str, str]] = []
        with core.moves_undone_on_failure(moved), core.db.write() as conn:
            row = core.table_row(conn, catalog, db, name)
            tbls.lock_table(conn, row.db_id, row.table.table_name)
            old_name = part_name_exact(row, old_values)
            new_name = part_name_exact(row, new.values)
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
            normalize_columns(q.sd)
            q.parameters = dict(q.parameters or {})
            q.parameters[DDL_TIME] = str(now())
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
            parts.update_partitions(conn, core.ids, row, [(old, q, new_name)])
            cs.rename_partition(conn, old.part_id, new_name)
            core.events.on(conn).alter_partition(t, old.partition, q)
            if move and core.warehouse.move(*move):
                moved.append(move)

    def exchange_partitions(
        self, catalog: str, spec: dict[str, str], src_db: str, src_table: str, dst_db: str, dst_table: str
    ) -> list[Partition]:
        """Hive's EXCHANGE PARTITION: move the partitions matching `spec` (a partial specification)
        from the source table to the destination table, which must have the same columns and
        partition keys and must not already hold them; data directories move with them."""
        core = self.core
        moves: list[tuple[str, str]] = []
        moved: list[tuple[str, str]] = []
        with core.moves_undone_on_failure(moved), core.db.write() as conn:
            src = core.table_row(conn, catalog, src_db, src_table)
            dst = core.table_row(conn, catalog, dst_db, dst_table)
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
            clash = parts.existing_names(conn, dst.tbl_id, [f.name for f in found])
            if clash:
                raise AlreadyExistsError(
                    f"partition {sorted(clash)[0]} already exists in {dst_db}.{dst_table}"
                )
            dst_loc = dst.table.sd.location
            for f in found:
                new_loc = child(dst_loc, f.name) if dst_loc else f.partition.sd.location
                if f.partition.sd.location and new_loc and new_loc != f.partition.sd.location:
                    moves.append((f.partition.sd.location, new_loc))
                if f.sd_id is not None:
                    partition_moves.set_location(conn, f.sd_id, new_loc)
                f.partition.sd.location = new_loc
                f.partition.db_name, f.partition.table_name = dst.table.db_name, dst.table.table_name
            ids = [f.part_id for f in found]
            partition_moves.move_to_table(conn, ids, dst.tbl_id)
            cs.move_partitions(conn, ids, dst.table.db_name, dst.table.table_name)
            events = core.events.on(conn)  # as Hive: added to the destination, dropped from the source
            events.add_partitions(dst.table, [f.partition for f in found])
            events.drop_partitions(src.table, [f.partition.values for f in found])
            for a, b in moves:  # inside the transaction: a failed move rolls the exchange back
                if core.warehouse.move(a, b):
                    moved.append((a, b))
        return [f.partition for f in found]
