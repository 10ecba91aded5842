"""The mirror's deletions: UC objects a complete listing no longer shows are first marked
(`catalog.mirror.missing_since`) and purged only in a later run, once the grace period is over;
nothing is deleted because a listing failed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from catalog.service.interfaces import MirrorTarget
from catalog.sync import mapping as mp
from catalog.sync.bookkeeping import SyncOptions, fmt_time
from catalog.sync.runs import MirroredDatabase, MirroredTable


class PassState(Protocol):
    """What the deletions use of their pass (catalog.sync.catalog_pass.CatalogPass)."""

    s: MirrorTarget
    o: SyncOptions
    cat: str
    source: str
    now: float
    dbs: dict[str, MirroredDatabase]
    tables_by_id: dict[str, MirroredTable]
    tables_by_name: dict[tuple[str, str], MirroredTable]
    seen_table_ids: set[str]
    catalog_scope: set[str] | None
    listed_catalogs: set[str] | None
    gone_catalogs: set[str]
    complete_catalogs: set[str]
    present_schemas: set[tuple[str, str]]
    complete_schemas: set[tuple[str, str]]

    def record(
        self,
        kind: str,
        name: str,
        action: str,
        source_id: str | None = None,
        reason: str | None = None,
        plan: str | None = None,
    ) -> None: ...

    def write(
        self, fn: Callable[[], object], kind: str, full: str, uid: str | None, obj: Any = None
    ) -> bool: ...

    def purge_table(self, t: MirroredTable, reason: str) -> bool: ...


class Deletions:
    """The deletions of one pass, decided from what that pass saw."""

    def __init__(self, p: PassState):
        self.p = p

    def _confirmed_gone(self, uc_catalog: str | None, uc_schema: str | None) -> bool:
        """True when a complete listing says the schema (or its catalog) no longer exists."""
        if not uc_catalog:
            return False
        if self.p.catalog_scope is not None and uc_catalog not in self.p.catalog_scope:
            return False
        if uc_catalog in self.p.gone_catalogs:
            return True
        if self.p.listed_catalogs is not None and uc_catalog not in self.p.listed_catalogs:
            return True
        if uc_catalog in self.p.complete_catalogs and (uc_catalog, uc_schema) not in self.p.present_schemas:
            return True
        return False

    def run(self) -> None:
        grace = self.p.o.grace_period_hours * 3600.0
        for t in list(self.p.tables_by_id.values()):
            uid = t.params.get(mp.UNITY_ID)
            if uid in self.p.seen_table_ids:
                continue
            db = self.p.dbs.get(t.db)
            ucat, usch = (db.params.get(mp.UC_CATALOG), db.params.get(mp.UC_SCHEMA)) if db else (None, None)
            if not ((ucat, usch) in self.p.complete_schemas or self._confirmed_gone(ucat, usch)):
                continue  # its parent was not listed completely: touch nothing
            self._missing_or_purge("table", t, grace)
        for db in list(self.p.dbs.values()):
            ucat, usch = db.params.get(mp.UC_CATALOG), db.params.get(mp.UC_SCHEMA)
            if (ucat, usch) in self.p.present_schemas or not self._confirmed_gone(ucat, usch):
                continue
            self._missing_or_purge("schema", db, grace)

    def _missing_or_purge(self, kind: str, obj, grace: float) -> None:
        p = obj.params
        full = p.get(mp.FULL_NAME) or obj.name
        uid = p.get(mp.UNITY_ID)
        since = p.get(mp.MISSING_SINCE)
        if since is None:
            self._mark_missing(kind, obj, full, uid)
            return
        try:
            since_f = float(since)
        except ValueError:
            since_f = 0.0
        if self.p.now - since_f < grace:
            return
        if kind == "table":
            self.p.purge_table(obj, f"missing from Unity Catalog since {fmt_time(since_f)}")
        else:
            self._purge_database(obj, full, uid, since_f)

    def _mark_missing(self, kind: str, obj, full: str, uid: str | None) -> None:
        stamp = str(int(self.p.now))
        reason = "no longer listed by Unity Catalog"
        if kind == "table":

            def change():
                cur = self.p.s.get_table(self.p.cat, obj.db, obj.name)
                cur.parameters[mp.MISSING_SINCE] = stamp
                self.p.s.alter_table(self.p.cat, obj.db, obj.name, cur, update_stats=False)

            name = f"{obj.db}.{obj.name}"
        else:

            def change():
                cur = self.p.s.get_database(self.p.cat, obj.name)
                cur.parameters[mp.MISSING_SINCE] = stamp
                self.p.s.alter_database(self.p.cat, obj.name, cur)

            name = obj.name
        if self.p.write(change, kind, full, uid):
            obj.params[mp.MISSING_SINCE] = stamp
            self.p.record(
                kind,
                full,
                "marked_missing",
                uid,
                reason,
                plan=f"mark {'table' if kind == 'table' else 'database'} {name} missing ({reason})",
            )

    def _purge_database(self, db: MirroredDatabase, full: str, uid: str | None, since: float) -> None:
        if any(t.db == db.name for t in self.p.tables_by_name.values()):
            return  # its tables go first (they are marked with it and purged on the same schedule)
        names = self.p.s.get_tables(self.p.cat, db.name)
        if names:
            self.p.record(
                "schema",
                full,
                "skipped",
                uid,
                f"database {db.name} still holds tables not mirrored from {self.p.source}: kept",
            )
            return
        reason = f"missing from Unity Catalog since {fmt_time(since)}"
        if self.p.write(
            lambda: self.p.s.drop_database(self.p.cat, db.name, False, True), "schema", full, uid
        ):
            del self.p.dbs[db.name]
            self.p.record("schema", full, "purged", uid, reason, plan=f"drop database {db.name} ({reason})")
