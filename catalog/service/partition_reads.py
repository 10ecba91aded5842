"""Reading partitions: listings (whole, streamed in pages from one snapshot), names, counts, one
partition by values or name; all bounded by `metastore.limit.partition.request`."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

import catalog.service.selections as select
from catalog.domain import names as nm
from catalog.domain.model import Partition
from catalog.errors import CatalogError, InvalidInputError, NotFoundError
from catalog.service.core import ServiceCore
from catalog.service.selections import SelectionOf
from catalog.service.validation import part_name_exact
from catalog.store import partition_names
from catalog.store import partitions as parts
from catalog.store import tables as tbls


@dataclass
class PartitionPage:
    """One page of a streamed listing: what a page reader answers (with any payload)."""

    partitions: list[Partition]
    count: int
    last_name: str | None


# reader(conn, table row, selection, limit, after) -> a page with `count` and `last_name`
PageReader = Callable[[Connection, tbls.TableRow, parts.Selection, int | None, str | None], Any]
# lister(conn, table row, selection, cap, alone) -> (count, pages): a door's own listing in name
# order; with `alone`, one statement outside a snapshot that checks the table row itself, or None.
Lister = Callable[
    [Connection, tbls.TableRow, parts.Selection, int | None, bool], tuple[int, Iterator[Any]] | None
]

# Table rows the hot listings last read, by (catalog, db, table): a listing first tries one statement
# built from the row it finds here, which checks in its own snapshot that the row still names that
# table with those partition keys (everything the statement is built from), else reads it again. No
# listing is ever answered from this memory; it only saves the table's round trip.
_SEEN_TABLES_MAX = 1024


def object_page(
    conn: Connection, row: tbls.TableRow, sel: parts.Selection, limit: int | None, after: str | None
) -> PartitionPage:
    rows = parts.select_partitions(conn, row, sel, limit, after=after)
    return PartitionPage([r.partition for r in rows], len(rows), rows[-1].name if rows else None)


class PartitionReads:
    def __init__(self, core: ServiceCore):
        self.core = core
        self._seen_tables: dict[tuple[str, str, str], tbls.TableRow] = {}

    def _limit_needs_count(self, max_parts: int | None) -> bool:
        """Whether metastore.limit.partition.request makes a listing count its selection first."""
        cap = self.core.limits.max_partitions_per_request
        if cap is None or cap < 0:
            return False
        return not (max_parts is not None and 0 <= max_parts <= cap)

    def _check_limit(
        self, conn: Connection, row: tbls.TableRow, sel: parts.Selection, max_parts: int | None
    ) -> None:
        if not self._limit_needs_count(max_parts):
            return
        cap = self.core.limits.max_partitions_per_request
        n = parts.count(conn, row.tbl_id, sel)
        if n > cap:
            raise InvalidInputError(
                f"Number of partitions scanned (={n}) on table '{row.table.table_name}' "
                f"exceeds limit (={cap}). "
                f"This is controlled on the metastore server by metastore.limit.partition.request; "
                f"narrow the request with a partition filter or a partial specification."
            )

    def _read(
        self, catalog: str, db: str, name: str, sel_fn: SelectionOf, max_parts: int | None = -1
    ) -> list[Partition]:
        with self.core.db.read() as conn:
            row = self.core.table_row(conn, catalog, db, name)
            sel = sel_fn(row)
            self._check_limit(conn, row, sel, max_parts)
            return [r.partition for r in parts.select_partitions(conn, row, sel, select.limit_of(max_parts))]

    def _read_names(
        self, catalog: str, db: str, name: str, sel_fn: SelectionOf, max_parts: int | None = -1
    ) -> list[str]:
        with self.core.db.read() as conn:
            row = self.core.table_row(conn, catalog, db, name)
            return parts.select_names(conn, row.tbl_id, sel_fn(row), select.limit_of(max_parts))

    @contextlib.contextmanager
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
    ) -> Iterator[tuple[int, Iterator[Any]]]:
        """Yield (count, batches): the selected partitions in batches, read from one consistent
        snapshot, so a response of any size is produced in bounded memory. Most listings fit in the
        first batch and cost no count. Errors (unknown table, bad filter, over the limit) are
        raised before anything is yielded.

        Each batch is a list of Partition, or, with `reader(conn, table_row, selection, limit,
        after)` returning pages with `count`, `last_name` and any payload, that reader's pages
        (a door can have the database render its own wire format, see catalog.thrift.partition_wire).
        With `lister`, the batches are what it answers (count and pages in one go: the hot Thrift
        listings, whose snapshot begins with the table's read, in one round trip)."""
        if lister is not None:
            key = (catalog, nm.normalize(db or ""), nm.normalize(name or ""))
            cap = select.limit_of(max_parts)
            seen = self._seen_tables.get(key)
            if seen is not None and not self._limit_needs_count(max_parts):
                try:
                    seen_sel = sel_fn(seen)
                except CatalogError:  # e.g. a filter on keys since changed: the fresh row decides
                    seen_sel = None
                if seen_sel is not None:
                    with self.core.db.listing_read() as conn:
                        listed = lister(conn, seen, seen_sel, cap, True)
                        if listed is not None:
                            yield listed
                            return
            with self.core.db.listing_read() as conn:
                row = self.core.table_row(conn, catalog, db, name, begin_snapshot=True)
                if len(self._seen_tables) >= _SEEN_TABLES_MAX:
                    self._seen_tables.clear()
                self._seen_tables[key] = row
                sel = sel_fn(row)
                self._check_limit(conn, row, sel, max_parts)
                listed = lister(conn, row, sel, cap, False)
                assert listed is not None  # in a snapshot a listing always answers
                yield listed
            return
        read = reader or object_page
        with self.core.db.snapshot() as conn:
            row = self.core.table_row(conn, catalog, db, name)
            sel = sel_fn(row)
            self._check_limit(conn, row, sel, max_parts)
            cap = select.limit_of(max_parts)
            first_n = first_batch if cap is None else min(first_batch, cap)
            first = read(conn, row, sel, first_n, None)
            if first.count < first_n or (cap is not None and cap <= first_n):
                count = first.count
            else:
                count = parts.count(conn, row.tbl_id, sel)
                count = count if cap is None else min(count, cap)

            def batches() -> Iterator[Any]:
                done, page = 0, first
                while page.count:
                    yield page if reader else page.partitions
                    done += page.count
                    if done >= count:
                        return
                    page = read(conn, row, sel, min(batch, count - done), page.last_name)

            yield count, batches()

    def get_partitions(self, catalog: str, db: str, name: str, max_parts: int = -1) -> list[Partition]:
        return self._read(catalog, db, name, select.everything, max_parts)

    def get_partitions_ps(
        self, catalog: str, db: str, name: str, values: list[str], max_parts: int = -1
    ) -> list[Partition]:
        return self._read(catalog, db, name, select.partial(values), max_parts)

    def get_partition_names(self, catalog: str, db: str, name: str, max_parts: int = -1) -> list[str]:
        with self.core.db.point_read() as r:  # one statement: the table's lookup and its names
            found = partition_names.read_partition_names(
                r, catalog, nm.normalize(db or ""), nm.normalize(name or ""), select.limit_of(max_parts)
            )
        if found is None:
            raise NotFoundError(f"Table {db}.{name} not found")
        if len(found) > partition_names.ARRAY_MOST:
            # a very large table: its names read row by row (one array of millions of names would
            # hold its bytes, the parsed list and the reply in memory at once)
            return self._read_names(catalog, db, name, select.everything, max_parts)
        return found

    def get_partition_names_ps(
        self, catalog: str, db: str, name: str, values: list[str], max_parts: int = -1
    ) -> list[str]:
        return self._read_names(catalog, db, name, select.partial(values), max_parts)

    def get_partitions_by_filter(
        self, catalog: str, db: str, name: str, filter_text: str, max_parts: int = -1
    ) -> list[Partition]:
        return self._read(catalog, db, name, select.by_filter(filter_text), max_parts)

    def get_partition_names_by_filter(
        self, catalog: str, db: str, name: str, filter_text: str, max_parts: int = -1
    ) -> list[str]:
        return self._read_names(catalog, db, name, select.by_filter(filter_text), max_parts)

    def get_num_partitions_by_filter(self, catalog: str, db: str, name: str, filter_text: str) -> int:
        with self.core.db.read() as conn:
            row = self.core.table_row(conn, catalog, db, name)
            return parts.count(conn, row.tbl_id, select.by_filter(filter_text)(row))

    def get_partitions_by_names(self, catalog: str, db: str, name: str, names: list[str]) -> list[Partition]:
        return self._read(catalog, db, name, select.by_names(names), None)

    def get_partition(self, catalog: str, db: str, name: str, values: list[str]) -> Partition:
        with self.core.db.read() as conn:
            row = self.core.table_row(conn, catalog, db, name)
            pname = part_name_exact(row, values)
            found = parts.select_partitions(conn, row, parts.by_names([pname]))
        if not found:
            raise NotFoundError(f"partition values={list(values)} of table {db}.{name} not found")
        return found[0].partition

    def get_partition_by_name(self, catalog: str, db: str, name: str, part_name: str) -> Partition:
        with self.core.db.read() as conn:
            row = self.core.table_row(conn, catalog, db, name)
            vals = nm.values_from_part_name([k.name for k in row.table.partition_keys], part_name)
            found = parts.select_partitions(conn, row, parts.by_names([part_name_exact(row, vals)]))
        if not found:
            raise NotFoundError(f"partition {part_name} of table {db}.{name} not found")
        return found[0].partition

    def partition_name_to_values(self, part_name: str) -> list[str]:
        return [v for _, v in nm.parse_part_name(part_name)]

    def partition_name_to_spec(self, part_name: str) -> dict[str, str]:
        return dict(nm.parse_part_name(part_name))
