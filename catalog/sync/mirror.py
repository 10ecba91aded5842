"""One sync run: list Unity Catalog, diff against what the catalog holds, apply the changes.

Rules (see shared/reference/unity-catalog-notes.md §5 and the issue):

* Identity is UC's id (`table_id`, `schema_id`) stored in `catalog.mirror.unity_id`: the same id
  under a new name is a rename here (`alter_table`, one transaction), a new id under an old name
  replaces the old object.
* Only objects carrying our provenance marker (`catalog.mirror.source` = this server) are ever
  changed or deleted; a name taken by anything else is skipped with the reason.
* Unchanged objects (same name, content hash and `updated_at`) cost no writes.
* Deletion needs a complete, successful listing of the parent (catalog list, schema list of the
  catalog, table list of the schema). A confirmed-missing object is first marked
  (`catalog.mirror.missing_since`) and purged only in a later run, once the grace period is over;
  if it reappears the mark is removed.
* Every object change is one CatalogService call (one transaction), so a run that dies half-way
  leaves each object in its old or its new state, and the next run finishes the work.
"""

from __future__ import annotations

import collections
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from catalog.domain import names as nm
from catalog.domain.model import Catalog, Database, Table
from catalog.errors import CatalogError, NotFoundError
from catalog.provenance import SOURCE, mirror_writes
from catalog.sync import grants as gr
from catalog.sync import mapping as mp
from catalog.sync.runs import (
    FAILED,
    PARTIAL,
    SUCCEEDED,
    MirroredDatabase,
    MirroredTable,
    RunLock,
    RunStore,
    load_inventory,
    mirrored_catalogs,
)
from catalog.sync.unity_client import UnityClient, UnityError
from catalog.warehouse import child

log = logging.getLogger(__name__)

DEFAULT_TEMPLATE = "{catalog}__{schema}"
SKIPPED_CATALOGS = {"system"}
SKIPPED_CATALOG_TYPES = {"SYSTEM_CATALOG", "INTERNAL_CATALOG"}
SKIPPED_SCHEMAS = {"information_schema"}
HIVE3 = "hive3 "  # kind prefix of what the Hive 3 catalog passes do
COUNT_KEYS = (
    "seen",
    "unchanged",
    "created",
    "updated",
    "renamed",
    "restored",
    "marked_missing",
    "purged",
    "skipped",
    "failed",
)


@dataclass
class SyncOptions:
    catalogs: list[str] | None = None  # None: every catalog but `system`
    dry_run: bool = False
    name_template: str = DEFAULT_TEMPLATE
    grace_period_hours: float = 24.0
    hive_catalog: str = "hive"
    grants: bool = True
    hive3_catalogs: bool = True  # also mirror each UC catalog into a Hive 3 catalog of its name
    clock: Callable[[], float] = time.time


@dataclass
class SyncResult:
    run_id: int | None
    status: str
    counts: dict
    error: str | None = None
    plan: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 0 if self.status == SUCCEEDED else 1

    def summary(self) -> str:
        c = self.counts
        parts = [f"{k}={c.get(k, 0)}" for k in COUNT_KEYS]
        head = f"sync run {self.run_id if self.run_id is not None else '-'}: {self.status}"
        if c.get("dry_run"):
            head += " (dry run: nothing written)"
        out = head + " · " + " ".join(parts) + f" · {c.get('seconds', 0):.1f}s"
        h3 = c.get("hive3") or {}
        if any(h3.values()):
            out += "\n  Hive 3 catalogs: " + " ".join(f"{k}={v}" for k, v in h3.items())
        reasons = c.get("skipped_reasons") or {}
        for reason, n in sorted(reasons.items(), key=lambda kv: -kv[1])[:10]:
            out += f"\n  skipped {n}× {reason}"
        if self.error:
            out += f"\n  error: {self.error}"
        return out


class _Counts:
    def __init__(self) -> None:
        self.by_kind: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
        self.reasons: collections.Counter = collections.Counter()

    def add(self, kind: str, action: str, n: int = 1) -> None:
        self.by_kind[kind][action] += n

    def as_dict(self) -> dict:
        # Top-level totals are the UC objects and the Spark-visible mirror (the first pass); the
        # Hive 3 catalog passes (the same UC objects again) are totalled apart under "hive3".
        total, hive3 = collections.Counter(), collections.Counter()
        for kind, c in self.by_kind.items():
            (hive3 if kind.startswith(HIVE3) else total).update(c)
        out: dict = {k: total.get(k, 0) for k in COUNT_KEYS}
        out["hive3"] = {k: hive3.get(k, 0) for k in COUNT_KEYS if k != "seen"}
        out["by_type"] = {k: dict(v) for k, v in sorted(self.by_kind.items())}
        out["skipped_reasons"] = dict(self.reasons)
        return out


def run_sync(
    service,
    client: UnityClient,
    options: SyncOptions | None = None,
    progress: Callable[[str], None] | None = None,
) -> SyncResult:
    """Run one sync (taking the run lock unless it is a dry run). Raises RunLockBusy if another
    run holds the lock; every other failure is recorded in the run and returned."""
    options = options or SyncOptions()
    mp.database_name(options.name_template, "c", "s")  # a bad template fails before anything starts
    if options.dry_run:
        return _Run(service, client, options, progress).execute()
    with RunLock(service.db):
        return _Run(service, client, options, progress).execute()


class _Run:
    """One sync run: the shared record (counts, plan, events, errors) and its passes. The first
    pass mirrors every UC schema into the `--hive-catalog` catalog under the name template (what
    Spark's built-in Hive client sees); with `hive3_catalogs`, one more pass per UC catalog mirrors
    its schemas under their own names into a Hive 3 catalog of the same name. Every pass reads the
    one UC listing (the client caches it for the run)."""

    def __init__(self, service, client: UnityClient, options: SyncOptions, progress):
        self.s = service
        self.client = _ListingCache(client)
        self.o = options
        self.source = client.api
        self.dry = options.dry_run
        self.now = options.clock()
        self.store = RunStore(service.db)
        self.counts = _Counts()
        self.plan: list[str] = []
        self._progress = progress or (lambda line: None)
        self.errors: list[str] = []
        self.writes = 0
        self.started = time.monotonic()

    def say(self, line: str) -> None:
        log.info("%s", line)
        self._progress(line)

    def execute(self) -> SyncResult:
        t0 = self.started = time.monotonic()
        run_id = self.store.start(self.source, self.dry)
        self.say(
            f"sync run {run_id}: {self.source} -> catalog '{self.o.hive_catalog}'"
            + (" and one Hive catalog per UC catalog" if self.o.hive3_catalogs else "")
            + (" (dry run)" if self.dry else "")
        )
        status, error = SUCCEEDED, None
        try:
            with mirror_writes():
                first = _Pass(self, self.o.hive_catalog, self.o.name_template, self.o.catalogs, "")
                first.run_pass()
                if self.o.hive3_catalogs:
                    self._catalog_passes(first)
            if self.errors:
                status, error = (
                    PARTIAL,
                    "; ".join(self.errors[:5])
                    + (f" (and {len(self.errors) - 5} more)" if len(self.errors) > 5 else ""),
                )
        except UnityError as e:
            status, error = FAILED, str(e)
        except CatalogError as e:
            status, error = FAILED, f"catalog error: {e.message}"
        except BaseException as e:  # record, then re-raise (KeyboardInterrupt, bugs)
            counts = self._final_counts(t0)
            try:
                self.store.finish(FAILED, counts, f"{type(e).__name__}: {e}")
            except Exception:
                log.exception("could not record the failed run")
            raise
        counts = self._final_counts(t0)
        self.store.finish(status, counts, error)
        result = SyncResult(run_id, status, counts, error, self.plan)
        log.info("%s", result.summary().splitlines()[0])
        return result

    def counts_so_far(self) -> dict:
        """The run's counts, with `seconds` since the run started (progress records)."""
        return self._final_counts(self.started)

    def _final_counts(self, t0: float) -> dict:
        c = self.counts.as_dict()
        c["seconds"] = round(time.monotonic() - t0, 3)
        c["requests"] = self.client.requests
        c["retries"] = self.client.retried
        c["dry_run"] = self.dry
        return c

    # -- Hive 3 catalogs -------------------------------------------------------------------------
    def _catalog_passes(self, first: _Pass) -> None:
        """One pass per UC catalog the first pass mirrored, and one per catalog this source
        mirrored before that UC no longer lists (its databases are marked, then purged)."""
        owned = mirrored_catalogs(self.s.db, self.source)  # hive catalog -> UC catalog name
        todo: dict[str, dict | None] = {}
        for cat in first.mirrored_catalogs:
            todo[cat["name"]] = cat
        for uc_name in owned.values():
            if uc_name not in todo and (first.catalog_scope is None or uc_name in first.catalog_scope):
                todo[uc_name] = None  # not listed now: a scoped pass confirms it is gone
        for uc_name, cat in todo.items():
            try:
                hive_name = nm.check_catalog_name(uc_name.lower())
            except CatalogError as e:
                self.record_catalog(uc_name, "skipped", reason=f"no Hive catalog for it: {e.message}")
                continue
            if hive_name == self.o.hive_catalog.lower() or owned.get(hive_name, uc_name) != uc_name:
                self.record_catalog(
                    uc_name, "skipped", reason=f"Hive catalog {hive_name} belongs to another UC catalog"
                )
                continue
            if hive_name not in owned:
                if cat is None:
                    continue
                if not self._create_catalog(hive_name, cat):
                    continue
            p = _Pass(self, hive_name, "{schema}", [uc_name], HIVE3)
            p.run_pass()
            gone = uc_name in p.gone_catalogs or (
                first.listed_catalogs is not None and uc_name not in first.listed_catalogs
            )
            if gone:  # confirmed by a complete listing, never because a listing failed
                self._drop_catalog_if_empty(hive_name, uc_name)

    def _create_catalog(self, hive_name: str, cat: dict) -> bool:
        uc_name = cat["name"]
        try:
            existing = self.s.get_catalog(hive_name)
        except NotFoundError:
            existing = None
        if existing is not None:
            self.record_catalog(
                uc_name,
                "skipped",
                reason=f"Hive catalog {hive_name} exists and is not mirrored from {self.source}",
            )
            return False
        location = (
            cat.get("storage_root")
            or cat.get("storage_location")
            or child(self.s.warehouse.root, f"{hive_name}.catalog")
        )
        desc = mp.clip(
            f"Unity Catalog catalog {uc_name}" + (f": {cat['comment']}" if cat.get("comment") else "")
        )
        ok = self._write(
            lambda: self.s.create_catalog(
                Catalog(hive_name, desc, location),
                default_database=False,
                mirrored_from=(self.source, uc_name, str(cat.get("id") or "") or None),
            ),
            HIVE3 + "catalog",
            uc_name,
            cat.get("id"),
        )
        if ok:
            self.record_catalog(
                uc_name, "created", cat.get("id"), plan=f"create catalog {hive_name} (from {uc_name})"
            )
        return ok

    def _drop_catalog_if_empty(self, hive_name: str, uc_name: str) -> None:
        if self.dry:
            return
        if self.s.get_databases(hive_name):
            return  # its databases are marked missing first and purged after the grace period
        if self._write(lambda: self.s.drop_catalog(hive_name), HIVE3 + "catalog", uc_name, None):
            self.record_catalog(
                uc_name,
                "purged",
                reason="no longer in Unity Catalog",
                plan=f"drop catalog {hive_name} (no longer in Unity Catalog)",
            )

    def record_catalog(
        self,
        uc_name: str,
        action: str,
        source_id: str | None = None,
        reason: str | None = None,
        plan: str | None = None,
    ) -> None:
        _Pass.record_in(self, HIVE3 + "catalog", uc_name, action, source_id, reason, plan)

    def _write(self, fn: Callable[[], object], kind: str, full: str, uid: str | None, hook=None) -> bool:
        """Apply one change (one transaction, with `hook(conn)` run inside it), unless this is a
        dry run; a failure is recorded, not raised."""
        if self.dry:
            return True
        try:
            if hook is None:
                fn()
            else:
                with self.s.db.also_in_each_write(hook):
                    fn()
        except CatalogError as e:
            self._error(f"{kind} {full}: {e.message}")
            _Pass.record_in(self, kind, full, "failed", uid, e.message)
            return False
        self.writes += 1
        return True

    def _error(self, message: str) -> None:
        log.warning("%s", message)
        self.errors.append(message)


class _Pass:
    """Mirror UC into one Hive catalog: diff against what that catalog holds, apply the changes."""

    def __init__(
        self, run: _Run, hive_catalog: str, template: str, scope: list[str] | None, kind_prefix: str
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
        self.record_in(self.run, self.prefix + kind, name, action, source_id, reason, plan)

    @staticmethod
    def record_in(
        run: _Run,
        kind: str,
        name: str,
        action: str,
        source_id: str | None,
        reason: str | None,
        plan: str | None,
    ) -> None:
        run.counts.add(kind, action)
        if action == "skipped" and reason:
            run.counts.reasons[_reason_key(reason)] += 1
        if action not in ("unchanged", "seen"):
            line = plan or f"{action} {kind} {name}" + (f": {reason}" if reason else "")
            run.plan.append(line)
            run.say(("  would " if run.dry and action not in ("skipped", "failed") else "  ") + line)
            run.store.event(kind, name, action, source_id, reason)

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
        self._deletions()

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
            if not self._write(
                lambda: self.s.create_database(_stamped(desired, self.now)), "schema", full, uid, desired
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
        new = _stamped(desired, self.now)
        if new.description is None:
            new.description = ""
        if not self._write(
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
            if not self._purge_table(occupant, f"replaced by {full}"):
                return
        if mine is None:
            if self._write(
                lambda: self.s.create_table(_stamped(desired, self.now), skip_fs=True),
                "table",
                full,
                uid,
                desired,
            ):
                self._index(
                    MirroredTable(
                        desired.db_name,
                        desired.table_name,
                        _markers(desired),
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
        new = _stamped(desired, self.now)
        keys_same = old.partition_keys == [k.name.lower() for k in desired.partition_keys]
        plan = (
            f"rename table {old.db}.{old.name} to {desired.db_name}.{desired.table_name} (from {full})"
            if (old.db, old.name) != (desired.db_name, desired.table_name)
            else f"update table {desired.db_name}.{desired.table_name} (from {full})"
        )
        if keys_same:
            ok = self._write(
                lambda: self.s.alter_table(self.cat, old.db, old.name, new, update_stats=False),
                "table",
                full,
                uid,
                desired,
            )
        else:
            plan += " [drop and create: partition columns changed]"
            ok = self._write(
                lambda: self.s.replace_table(self.cat, old.db, old.name, new), "table", full, uid, desired
            )
        if ok:
            self._unindex(old)
            self._index(
                MirroredTable(
                    desired.db_name,
                    desired.table_name,
                    _markers(desired),
                    [k.name.lower() for k in desired.partition_keys],
                )
            )
            self.record("table", full, action, uid, plan=plan)

    def _resolve_deferred(self) -> None:
        for desired, full, uid in self.deferred:
            self._reconcile_table(desired, full, uid, defer=False)

    # -- deletions -------------------------------------------------------------------------------
    def _confirmed_gone(self, uc_catalog: str | None, uc_schema: str | None) -> bool:
        """True when a complete listing says the schema (or its catalog) no longer exists."""
        if not uc_catalog:
            return False
        if self.catalog_scope is not None and uc_catalog not in self.catalog_scope:
            return False
        if uc_catalog in self.gone_catalogs:
            return True
        if self.listed_catalogs is not None and uc_catalog not in self.listed_catalogs:
            return True
        if uc_catalog in self.complete_catalogs and (uc_catalog, uc_schema) not in self.present_schemas:
            return True
        return False

    def _deletions(self) -> None:
        grace = self.o.grace_period_hours * 3600.0
        for t in list(self.tables_by_id.values()):
            uid = t.params.get(mp.UNITY_ID)
            if uid in self.seen_table_ids:
                continue
            db = self.dbs.get(t.db)
            ucat, usch = (db.params.get(mp.UC_CATALOG), db.params.get(mp.UC_SCHEMA)) if db else (None, None)
            if not ((ucat, usch) in self.complete_schemas or self._confirmed_gone(ucat, usch)):
                continue  # its parent was not listed completely: touch nothing
            self._missing_or_purge("table", t, grace)
        for db in list(self.dbs.values()):
            ucat, usch = db.params.get(mp.UC_CATALOG), db.params.get(mp.UC_SCHEMA)
            if (ucat, usch) in self.present_schemas or not self._confirmed_gone(ucat, usch):
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
        if self.now - since_f < grace:
            return
        if kind == "table":
            self._purge_table(obj, f"missing from Unity Catalog since {_fmt_time(since_f)}")
        else:
            self._purge_database(obj, full, uid, since_f)

    def _mark_missing(self, kind: str, obj, full: str, uid: str | None) -> None:
        stamp = str(int(self.now))
        reason = "no longer listed by Unity Catalog"
        if kind == "table":

            def change():
                cur = self.s.get_table(self.cat, obj.db, obj.name)
                cur.parameters[mp.MISSING_SINCE] = stamp
                self.s.alter_table(self.cat, obj.db, obj.name, cur, update_stats=False)

            name = f"{obj.db}.{obj.name}"
        else:

            def change():
                cur = self.s.get_database(self.cat, obj.name)
                cur.parameters[mp.MISSING_SINCE] = stamp
                self.s.alter_database(self.cat, obj.name, cur)

            name = obj.name
        if self._write(change, kind, full, uid):
            obj.params[mp.MISSING_SINCE] = stamp
            self.record(
                kind,
                full,
                "marked_missing",
                uid,
                reason,
                plan=f"mark {'table' if kind == 'table' else 'database'} {name} missing ({reason})",
            )

    def _purge_table(self, t: MirroredTable, reason: str) -> bool:
        full = t.params.get(mp.FULL_NAME) or f"{t.db}.{t.name}"
        uid = t.params.get(mp.UNITY_ID)
        if self._write(lambda: self.s.drop_table(self.cat, t.db, t.name, False), "table", full, uid):
            self._unindex(t)
            self.record("table", full, "purged", uid, reason, plan=f"drop table {t.db}.{t.name} ({reason})")
            return True
        return False

    def _purge_database(self, db: MirroredDatabase, full: str, uid: str | None, since: float) -> None:
        if any(t.db == db.name for t in self.tables_by_name.values()):
            return  # its tables go first (they are marked with it and purged on the same schedule)
        names = self.s.get_tables(self.cat, db.name)
        if names:
            self.record(
                "schema",
                full,
                "skipped",
                uid,
                f"database {db.name} still holds tables not mirrored from {self.source}: kept",
            )
            return
        reason = f"missing from Unity Catalog since {_fmt_time(since)}"
        if self._write(lambda: self.s.drop_database(self.cat, db.name, False, True), "schema", full, uid):
            del self.dbs[db.name]
            self.record("schema", full, "purged", uid, reason, plan=f"drop database {db.name} ({reason})")

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

    def _write(
        self,
        fn: Callable[[], object],
        kind: str,
        full: str,
        uid: str | None,
        obj: Database | Table | None = None,
    ) -> bool:
        """Apply one change, with the object's mapped privileges when `obj` carries them."""
        hook = self._privileges_hook(obj) if obj is not None and not self.dry else None
        return self.run._write(fn, self.prefix + kind, full, uid, hook)

    def _error(self, message: str) -> None:
        self.run._error(message)


class _ListingCache:
    """The UC client for one run: each listing and permissions read is fetched once (its result
    or its error kept), so the run's passes all see one consistent listing."""

    _CACHED = ("list_catalogs", "get_catalog", "list_schemas", "list_tables", "get_permissions")

    def __init__(self, client: UnityClient):
        self._client = client
        self._memo: dict[tuple, tuple[bool, object]] = {}

    def __getattr__(self, name: str):
        attr = getattr(self._client, name)
        if name not in self._CACHED:
            return attr

        def cached(*args):
            key = (name, *args)
            if key not in self._memo:
                try:
                    value = attr(*args)
                    self._memo[key] = (True, list(value) if name.startswith("list_") else value)
                except UnityError as e:
                    self._memo[key] = (False, e)
            ok, value = self._memo[key]
            if not ok:
                raise value
            return list(value) if name.startswith("list_") else value

        return cached


def _stamped(obj, now: float):
    """The object as written: with the time of this write (not part of the content hash)."""
    import copy

    out = copy.deepcopy(obj)
    out.parameters[mp.SYNCED_AT] = str(int(now))
    return out


def _markers(t: Table) -> dict[str, str]:
    return {k: v for k, v in t.parameters.items() if k.startswith(mp.PREFIX) or k == SOURCE}


def _reason_key(reason: str) -> str:
    """Group skip reasons for the summary: drop the object-specific part before ': '."""
    head, _, tail = reason.partition(": ")
    return tail if head.startswith("column ") and tail else reason


def _fmt_time(t: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))
