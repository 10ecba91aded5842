"""What the clients of the catalog service depend on, as typed interfaces: the Unity Catalog mirror
(catalog.sync) uses `MirrorTarget`, the streamed partition listings of the Thrift door use
`PartitionStreamer`. CatalogService and GuardedCatalogService satisfy both."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager
from typing import Any, Protocol

from catalog.db import Database as Db
from catalog.domain.model import Catalog, Database, Table
from catalog.service.catalogs import MirroredFrom
from catalog.service.partition_reads import Lister, PageReader
from catalog.service.selections import SelectionOf
from catalog.store.ids import IdAllocator
from catalog.warehouse import Warehouse


class MirrorTarget(Protocol):
    """The operations the mirror writes and reads through (each write one transaction)."""

    @property
    def db(self) -> Db: ...

    @property
    def ids(self) -> IdAllocator: ...

    @property
    def warehouse(self) -> Warehouse: ...

    def get_catalog(self, name: str) -> Catalog: ...

    def create_catalog(
        self, cat: Catalog, default_database: bool = True, mirrored_from: MirroredFrom | None = None
    ) -> None: ...

    def drop_catalog(self, name: str) -> None: ...

    def get_database(self, catalog: str, name: str) -> Database: ...

    def get_databases(self, catalog: str, pattern: str | None = None) -> list[str]: ...

    def create_database(self, db: Database) -> None: ...

    def alter_database(self, catalog: str, name: str, new: Database) -> None: ...

    def drop_database(self, catalog: str, name: str, delete_data: bool, cascade: bool) -> None: ...

    def get_table(self, catalog: str, db: str, name: str) -> Table: ...

    def get_tables(
        self, catalog: str, db: str, pattern: str | None = None, table_type: str | None = None
    ) -> list[str]: ...

    def create_table(self, t: Table, skip_fs: bool = False) -> Table: ...

    def alter_table(
        self, catalog: str, db: str, name: str, new: Table, cascade: bool = False, update_stats: bool = True
    ) -> None: ...

    def replace_table(self, catalog: str, db: str, name: str, new: Table) -> Table: ...

    def drop_table(self, catalog: str, db: str, name: str, delete_data: bool) -> None: ...


class PartitionStreamer(Protocol):
    """A table and its partitions read page by page from one snapshot (catalog.thrift.streaming)."""

    def get_table(self, catalog: str, db: str, name: str) -> Table: ...

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
    ) -> AbstractContextManager[tuple[int, Iterator[Any]]]: ...
