"""What every part of the catalog service shares: the database, the id allocator, the warehouse,
the limits, and the small helpers several object kinds use (a table's row by name, fast
statistics, directory moves undone when their transaction fails)."""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

from sqlalchemy import Connection

from catalog.db import Database as Db
from catalog.domain import names as nm
from catalog.errors import InvalidObjectError, NotFoundError
from catalog.events.log import EventLog
from catalog.service.analyze import AnalyzeScheduler
from catalog.store import tables as tbls
from catalog.store.ids import IdAllocator
from catalog.warehouse import Warehouse

log = logging.getLogger(__name__)

DDL_TIME = "transient_lastDdlTime"


def now() -> int:
    return int(time.time())


@dataclass
class ServiceLimits:
    """Hive's `metastore.limit.partition.request`: -1 means no limit."""

    max_partitions_per_request: int = -1


@dataclass
class ServiceCore:
    """The shared state of one catalog service. `warehouse` may be replaced (the sync CLI gives
    the mirror a warehouse that touches no files); every part reads it from here."""

    db: Db
    ids: IdAllocator
    warehouse: Warehouse
    limits: ServiceLimits = field(default_factory=ServiceLimits)
    analyze: AnalyzeScheduler | None = None
    events: EventLog = None  # type: ignore[assignment]  # made in __post_init__

    def __post_init__(self) -> None:
        if self.analyze is None:
            self.analyze = AnalyzeScheduler(self.db)
        if self.events is None:
            # every change says what it changed here: Hive's notification log, written at commit
            self.events = EventLog(self.db)

    def table_row(
        self, conn: Connection, catalog: str, db: str | None, name: str | None, begin_snapshot: bool = False
    ) -> tbls.TableRow:
        """`begin_snapshot`: begins a snapshot on Database.listing_read()'s connection."""
        read = tbls.get_table_beginning_snapshot if begin_snapshot else tbls.get_table
        row = read(conn, catalog, nm.normalize(db or ""), nm.normalize(name or ""))
        if row is None:
            raise NotFoundError(f"Table {db}.{name} not found")
        return row

    @contextlib.contextmanager
    def moves_undone_on_failure(self, moved: list[tuple[str, str]]) -> Iterator[None]:
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

    def fast_stats(self, params: dict[str, str], location: str, force: bool) -> None:
        """Hive's updateStatsFast: numFiles/totalSize from a listing of the directory, unless the
        client said DO_NOT_UPDATE_STATS (the marker itself is never stored)."""
        if params.pop("DO_NOT_UPDATE_STATS", "").lower() == "true":
            return
        if not force and "numFiles" in params and "totalSize" in params:
            return
        stats = self.warehouse.quick_stats(location)
        if stats is not None:
            params["numFiles"], params["totalSize"] = str(stats[0]), str(stats[1])


def check_params(params: dict[str, str] | None) -> None:
    for k in params or {}:
        if k is None or len(k) > nm.MAX_PARAM_KEY:
            raise InvalidObjectError(
                f"parameter key '{str(k)[:64]}' is empty or longer than {nm.MAX_PARAM_KEY}"
            )


def check_len(what: str, value: str | None, limit: int) -> None:
    if value is not None and len(value) > limit:
        raise InvalidObjectError(f"{what} is longer than {limit} characters")
