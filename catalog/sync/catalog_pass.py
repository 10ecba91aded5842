"""One pass of the mirror: Unity Catalog mirrored into one Hive catalog. It lists UC (catalogs,
schemas, tables), diffs against the inventory of what it mirrored before, and applies the changes,
each one a CatalogService call (one transaction); deletions are in deletions.py."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from typing import Any, Protocol

from catalog.domain.model import Database, Table
from catalog.errors import NotFoundError
from catalog.provenance import SOURCE
from catalog.service.interfaces import MirrorTarget
from catalog.sync import grants as gr
from catalog.sync import mapping as mp
from catalog.sync.bookkeeping import Counts, SyncOptions
from catalog.sync.deletions import Deletions
from catalog.sync.runs import MirroredDatabase, MirroredTable, RunStore, load_inventory
from catalog.sync.unity_client import UnityError

log = logging.getLogger(__name__)

SKIPPED_CATALOGS = {"system"}
SKIPPED_CATALOG_TYPES = {"SYSTEM_CATALOG", "INTERNAL_CATALOG"}
SKIPPED_SCHEMAS = {"information_schema"}


class RunContext(Protocol):
    """What a pass uses of its run (catalog.sync.mirror.SyncRun)."""

    s: MirrorTarget
    client: Any  # the run's caching UnityClient
    o: SyncOptions
    source: str
    dry: bool
    now: float
    store: RunStore
    counts: Counts

    def say(self, line: str) -> None: ...

    def record(
        self, kind: str, name: str, action: str, source_id: str | None, reason: str | None, plan: str | None
    ) -> None: ...

    def write(
        self, fn: Callable[[], object], kind: str, full: str, uid: str | None, hook: Any = None
    ) -> bool: ...

    def error(self, message: str) -> None: ...

    def counts_so_far(self) -> dict: ...


class CatalogPass:
    """Mirror UC into one Hive catalog: diff against what that catalog holds, apply the changes."""

    def __init__(
        self, run: RunContext, hive_catalog: str, template: str, scope: list[str] | None, kind_prefix: str
    ):
        self.run = run
        self.s = run.s
        self.client = run.client
        self.o = run.o
        self.source = run.source
        self.cat = hive_catalog
        self.template = template
        self.scope = scope
        self.prefix = kind_prefix
        self.dry = run.dry
        self.now = run.now
        self.store = run.store
        self.counts = run.counts
        # what UC showed this pass
        self.seen_table_ids: set[str] = set()
        self.listed_catalogs: set[str] | None = None  # None: the catalog list was not complete
        self.catalog_scope: set[str] | None = None  # explicit --catalog names
        self.gone_catalogs: set[str] = set()  # explicit catalogs answered 404
        self.complete_catalogs: set[str] = set()  # schema listing complete
        self.present_schemas: set[tuple[str, str]] = set()
        self.complete_schemas: set[tuple[str, str]] = set()  # table listing complete
        self.db_of_schema: dict[tuple[str, str], str] = {}
        self.deferred: list[tuple[Table, str, str]] = []
        self.mirrored_catalogs: list[dict] = []  # UC catalogs whose schemas were listed

    # -- bookkeeping -----------------------------------------------------------------------------
    def say(self, line: str) -> None:
        self.run.say(line)

    def _count(self, kind: str, action: str) -> None:
        self.counts.add(self.prefix + kind, action)

    def record(
        self,
        kind: str,
        name: str,
        action: str,
        source_id: str | None = None,
        reason: str | None = None,
        plan: str | None = None,
    ) -> None:
        if self.prefix and plan:
            plan += f" [catalog {self.cat}]"
        self.run.record(self.prefix + kind, name, action, source_id, reason, plan)

    def run_pass(self) -> None:
        self.dbs, tables = load_inventory(self.s.db, self.cat, self.source)
        self.tables_by_id: dict[str, MirroredTable] = {}
        self.tables_by_name: dict[tuple[str, str], MirroredTable] = {}
        for t in tables:
            self._index(t)
        log.info(
            "inventory of catalog %s: %d mirrored databases, %d mirrored tables",
            self.cat,
            len(self.dbs),
            len(tables),
        )
        self._mirror_catalogs()
        self._resolve_deferred()
        Deletions(self).run()

    def _index(self, t: MirroredTable) -> None:
        uid = t.params.get(mp.UNITY_ID)
        if uid:
            self.tables_by_id[uid] = t
        self.tables_by_name[(t.db, t.name)] = t

    def _unindex(self, t: MirroredTable) -> None:
        uid = t.params.get(mp.UNITY_ID)
        if uid and self.tables_by_id.get(uid) is t:
            del self.tables_by_id[uid]
        if self.tables_by_name.get((t.db, t.name)) is t:
            del self.tables_by_name[(t.db, t.name)]

    # -- catalogs and schemas --------------------------------------------------------------------
    def _catalogs(self) -> list[dict]:
        if self.scope:
            self.catalog_scope = set(self.scope)
            out = []
            for name in self.scope:
                try:
                    out.append(self.client.get_catalog(name))
                except UnityError as e:
                    if e.not_found:
                        self.gone_catalogs.add(name)
                        self.record("catalog", name, "skipped", reason="catalog not found in Unity Catalog")
                    else:
                        raise
            return out
        t = time.monotonic()
        cats = list(self.client.list_catalogs())
        self.listed_catalogs = {c.get("name") for c in cats}
        log.info("listed %d catalogs in %.2fs", len(cats), time.monotonic() - t)
        keep = []
        for c in cats:
            name = c.get("name") or ""
            if name in SKIPPED_CATALOGS or str(c.get("catalog_type") or "").upper() in SKIPPED_CATALOG_TYPES:
                continue
            keep.append(c)
        return keep

    def _mirror_catalogs(self) -> None:
        for cat in self._catalogs():
            name = cat.get("name")
            if not name:
                continue
            t = time.monotonic()
            cat_grants = self._grants("catalog", name)
            try:
                schemas = list(self.client.list_schemas(name))
            except UnityError as e:
                self._error(f"listing the schemas of catalog {name} failed: {e}")
                self.record("catalog", name, "failed", reason=str(e))
                continue
            self.complete_catalogs.add(name)
            self.mirrored_catalogs.append(cat)
            self.say(
                f"catalog {name}"
                + (f" -> Hive catalog {self.cat}" if self.prefix else "")
                + f": {len(schemas)} schemas"
            )
            for schema in schemas:
                sname = schema.get("name")
                if not sname or sname.lower() in SKIPPED_SCHEMAS:
                    continue
                self.present_schemas.add((name, sname))
                self._mirror_schema(cat, schema, cat_grants)
                self.store.progress(self.run.counts_so_far())
            log.info("catalog %s done in %.2fs", name, time.monotonic() - t)

    def _grants(self, securable: str, full_name: str) -> dict | None:
        if not self.o.grants:
            return None
        try:
            return self.client.get_permissions(securable, full_name)
        except UnityError as e:
            self._error(f"reading the grants of {securable} {full_name} failed: {e}")
            return None

    def _mirror_schema(self, cat: dict, schema: dict, cat_grants: dict | None) -> None:
        cname, sname = cat["name"], schema["name"]
        full = schema.get("full_name") or f"{cname}.{sname}"
        t0 = time.monotonic()
        try:
            db_name = mp.database_name(self.template, cname, sname)
        except mp.Unsupported as e:
            self.record("schema", full, "skipped", schema.get("schema_id"), str(e))
            return
        grants = self._grants("schema", full)
        parents = None
        if grants is not None and cat_grants is not None:
            parents = gr.Parents(cat_grants, grants, cat.get("owner"), schema.get("owner"))
        desired = mp.map_database(
            self.source,
            db_name,
            cat,
            schema,
            self.cat,
            grants,
            cat_grants,
            gr.database_privileges(parents) if parents else self._no_privileges(),
        )
        if not self._reconcile_database(desired, full, schema):
            return
        self.db_of_schema[(cname, sname)] = db_name
        try:
            tables = list(self.client.list_tables(cname, sname))
        except UnityError as e:
            self._error(f"listing the tables of schema {full} failed: {e}")
            self.record("schema", full, "failed", schema.get("schema_id"), f"table listing failed: {e}")
            return
        self.complete_schemas.add((cname, sname))
        for info in tables:
            self._mirror_table(db_name, info, parents)
        self.say(f"  schema {full} -> {db_name}: {len(tables)} tables ({time.monotonic() - t0:.2f}s)")

    def _reconcile_database(self, desired: Database, full: str, schema: dict) -> bool:
        """Create or update the database; False if it cannot hold our tables (name conflict)."""
        uid = desired.parameters.get(mp.UNITY_ID)
        self._count("schema", "seen")
        ours = self.dbs.get(desired.name)
        if ours is None:
            try:
                existing = self.s.get_database(self.cat, desired.name)
            except NotFoundError:
                existing = None
            if existing is not None:
                self.record(
                    "schema",
                    full,
                    "skipped",
                    uid,
                    f"database {desired.name} exists and is not mirrored from {self.source}",
                )
                return False
            if not self.write(
                lambda: self.s.create_database(stamped(desired, self.now)), "schema", full, uid, desired
            ):
                return False
            self.dbs[desired.name] = MirroredDatabase(desired.name, dict(desired.parameters))
            self.record("schema", full, "created", uid, plan=f"create database {desired.name} (from {full})")
            return True
        p = ours.params
        if (
            p.get(mp.HASH) == desired.parameters[mp.HASH]
            and p.get(mp.UPDATED_AT) == desired.parameters[mp.UPDATED_AT]
            and mp.MISSING_SINCE not in p
        ):
            self._count("schema", "unchanged")
            return True
        action = (
            "restored"
            if mp.MISSING_SINCE in p and p.get(mp.HASH) == desired.parameters[mp.HASH]
            else "updated"
        )
        new = stamped(desired, self.now)
        if new.description is None:
            new.description = ""
        if not self.write(
            lambda: self.s.alter_database(self.cat, desired.name, new), "schema", full, uid, desired
        ):
            return True  # the database exists: its tables can still be mirrored
        ours.params = dict(desired.parameters)
        self.record(
            "schema",
            full,
            action,
            uid,
            plan=f"{action[:-1] if action.endswith('ed') else action} database {desired.name} (from {full})",
        )
        return True

    # -- tables ----------------------------------------------------------------------------------
    def _mirror_table(self, db_name: str, info: dict, parents: gr.Parents | None) -> None:
        full = info.get("full_name") or ".".join(
            str(info.get(k)) for k in ("catalog_name", "schema_name", "name")
        )
        uid = str(info.get("table_id") or full)
        self.seen_table_ids.add(uid)
        self._count("table", "seen")
        grants = self._grants("table", full) if self.o.grants else None
        try:
            desired = mp.map_table(
                self.source,
                db_name,
                info,
                self.cat,
                grants,
                gr.table_privileges(grants, parents)
                if grants is not None and parents
                else self._no_privileges(),
            )
        except mp.Unsupported as e:
            kept = " (the previous mirror is kept)" if uid in self.tables_by_id else ""
            self.record("table", full, "skipped", uid, str(e) + kept)
            return
        self._reconcile_table(desired, full, uid, defer=True)

    def _reconcile_table(self, desired: Table, full: str, uid: str, defer: bool) -> None:
        target = (desired.db_name, desired.table_name)
        mine = self.tables_by_id.get(uid)
        occupant = self.tables_by_name.get(target)
        if occupant is None and (mine is None or (mine.db, mine.name) != target):
            try:
                self.s.get_table(self.cat, *target)
                foreign = True
            except NotFoundError:
                foreign = False
            if foreign:
                self.record(
                    "table",
                    full,
                    "skipped",
                    uid,
                    f"table {target[0]}.{target[1]} exists and is not mirrored from {self.source}",
                )
                return
        if occupant is not None and occupant is not mine:
            # The name is held by another mirrored table: a drop+recreate in UC (the old id is gone),
            # or a rename still to come in this listing. Decide once the whole listing is known.
            if defer:
                self.deferred.append((desired, full, uid))
                return
            if occupant.params.get(mp.UNITY_ID) in self.seen_table_ids:
                self.record(
                    "table",
                    full,
                    "skipped",
                    uid,
                    f"name {target[0]}.{target[1]} is still used by "
                    f"{occupant.params.get(mp.FULL_NAME)} (names swapped?)",
                )
                return
            if mine is None:  # replace the old table (same name, new UC id) in one transaction
                self._replace(occupant, desired, full, uid, "updated")
                return
            if not self.purge_table(occupant, f"replaced by {full}"):
                return
        if mine is None:
            if self.write(
                lambda: self.s.create_table(stamped(desired, self.now), skip_fs=True),
                "table",
                full,
                uid,
                desired,
            ):
                self._index(
                    MirroredTable(
                        desired.db_name,
                        desired.table_name,
                        markers(desired),
                        [k.name.lower() for k in desired.partition_keys],
                    )
                )
                self.record(
                    "table",
                    full,
                    "created",
                    uid,
                    plan=f"create table {desired.db_name}.{desired.table_name} (from {full})",
                )
            return
        renamed = (mine.db, mine.name) != target
        p = mine.params
        if (
            not renamed
            and p.get(mp.HASH) == desired.parameters[mp.HASH]
            and p.get(mp.UPDATED_AT) == desired.parameters[mp.UPDATED_AT]
            and mp.MISSING_SINCE not in p
        ):
            self._count("table", "unchanged")
            return
        if renamed:
            action = "renamed"
        elif mp.MISSING_SINCE in p and p.get(mp.HASH) == desired.parameters[mp.HASH]:
            action = "restored"
        else:
            action = "updated"
        self._replace(mine, desired, full, uid, action)

    def _replace(self, old: MirroredTable, desired: Table, full: str, uid: str, action: str) -> None:
        """Turn `old` into `desired` (possibly under another name) in one transaction: an
        alter_table, or replace_table (drop and create) when the partition keys differ (Hive cannot
        alter them)."""
        new = stamped(desired, self.now)
        keys_same = old.partition_keys == [k.name.lower() for k in desired.partition_keys]
        plan = (
            f"rename table {old.db}.{old.name} to {desired.db_name}.{desired.table_name} (from {full})"
            if (old.db, old.name) != (desired.db_name, desired.table_name)
            else f"update table {desired.db_name}.{desired.table_name} (from {full})"
        )
        if keys_same:
            ok = self.write(
                lambda: self.s.alter_table(self.cat, old.db, old.name, new, update_stats=False),
                "table",
                full,
                uid,
                desired,
            )
        else:
            plan += " [drop and create: partition columns changed]"
            ok = self.write(
                lambda: self.s.replace_table(self.cat, old.db, old.name, new), "table", full, uid, desired
            )
        if ok:
            self._unindex(old)
            self._index(
                MirroredTable(
                    desired.db_name,
                    desired.table_name,
                    markers(desired),
                    [k.name.lower() for k in desired.partition_keys],
                )
            )
            self.record("table", full, action, uid, plan=plan)

    def _resolve_deferred(self) -> None:
        for desired, full, uid in self.deferred:
            self._reconcile_table(desired, full, uid, defer=False)

    def purge_table(self, t: MirroredTable, reason: str) -> bool:
        full = t.params.get(mp.FULL_NAME) or f"{t.db}.{t.name}"
        uid = t.params.get(mp.UNITY_ID)
        if self.write(lambda: self.s.drop_table(self.cat, t.db, t.name, False), "table", full, uid):
            self._unindex(t)
            self.record("table", full, "purged", uid, reason, plan=f"drop table {t.db}.{t.name} ({reason})")
            return True
        return False

    # -- writes ----------------------------------------------------------------------------------
    def _no_privileges(self) -> dict | None:
        """Without --grants the mirror maps no grants (and removes those it mapped before); when
        reading a grant failed, None: the privileges already mapped are left as they are."""
        return None if self.o.grants else {}

    def _privileges_hook(self, obj: Database | Table):
        raw = mp.read_split(obj.parameters, mp.HIVE_PRIVILEGES)
        if raw is None:
            return None
        privileges = json.loads(raw)
        if isinstance(obj, Database):
            return gr.writer("DATABASE", self.cat, obj.name, None, privileges, self.s.ids, int(self.now))
        return gr.writer(
            "TABLE", self.cat, obj.db_name, obj.table_name, privileges, self.s.ids, int(self.now)
        )

    def write(
        self,
        fn: Callable[[], object],
        kind: str,
        full: str,
        uid: str | None,
        obj: Database | Table | None = None,
    ) -> bool:
        """Apply one change, with the object's mapped privileges when `obj` carries them."""
        hook = self._privileges_hook(obj) if obj is not None and not self.dry else None
        return self.run.write(fn, self.prefix + kind, full, uid, hook)

    def _error(self, message: str) -> None:
        self.run.error(message)


def stamped(obj, now: float):
    """The object as written: with the time of this write (not part of the content hash)."""
    import copy

    out = copy.deepcopy(obj)
    out.parameters[mp.SYNCED_AT] = str(int(now))
    return out


def markers(t: Table) -> dict[str, str]:
    return {k: v for k, v in t.parameters.items() if k.startswith(mp.PREFIX) or k == SOURCE}
