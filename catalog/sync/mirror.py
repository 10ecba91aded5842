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

This module is the run (its record, the Hive 3 catalog passes); a pass over one Hive catalog is in
catalog_pass.py, its deletions in deletions.py, the options and counts in bookkeeping.py.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from catalog.domain import names as nm
from catalog.domain.model import Catalog
from catalog.errors import CatalogError, NotFoundError
from catalog.provenance import mirror_writes
from catalog.service.interfaces import MirrorTarget
from catalog.sync import mapping as mp
from catalog.sync.bookkeeping import COUNT_KEYS, DEFAULT_TEMPLATE, HIVE3, Counts, SyncOptions, reason_key
from catalog.sync.catalog_pass import CatalogPass
from catalog.sync.runs import FAILED, PARTIAL, SUCCEEDED, RunLock, RunStore, mirrored_catalogs
from catalog.sync.unity_client import UnityClient, UnityError
from catalog.warehouse import child

log = logging.getLogger(__name__)

__all__ = ["COUNT_KEYS", "DEFAULT_TEMPLATE", "SyncOptions", "SyncResult", "SyncRun", "run_sync"]


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


def run_sync(
    service: MirrorTarget,
    client: UnityClient,
    options: SyncOptions | None = None,
    progress: Callable[[str], None] | None = None,
) -> SyncResult:
    """Run one sync (taking the run lock unless it is a dry run). Raises RunLockBusy if another
    run holds the lock; every other failure is recorded in the run and returned."""
    options = options or SyncOptions()
    mp.database_name(options.name_template, "c", "s")  # a bad template fails before anything starts
    if options.dry_run:
        return SyncRun(service, client, options, progress).execute()
    with RunLock(service.db):
        return SyncRun(service, client, options, progress).execute()


class SyncRun:
    """One sync run: the shared record (counts, plan, events, errors) and its passes. The first
    pass mirrors every UC schema into the `--hive-catalog` catalog under the name template (what
    Spark's built-in Hive client sees); with `hive3_catalogs`, one more pass per UC catalog mirrors
    its schemas under their own names into a Hive 3 catalog of the same name. Every pass reads the
    one UC listing (the client caches it for the run)."""

    def __init__(self, service, client: UnityClient, options: SyncOptions, progress):
        self.s = service
        self.client = ListingCache(client)
        self.o = options
        self.source = client.api
        self.dry = options.dry_run
        self.now = options.clock()
        self.store = RunStore(service.db)
        self.counts = Counts()
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
                first = CatalogPass(self, self.o.hive_catalog, self.o.name_template, self.o.catalogs, "")
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
    def _catalog_passes(self, first: CatalogPass) -> None:
        """One pass per UC catalog the first pass mirrored, and one per catalog this source
        mirrored before that UC no longer lists (its databases are marked, then purged)."""
        owned = mirrored_catalogs(self.s.db, self.source)  # hive catalog -> UC catalog name
        todo: dict[str, dict | None] = {}
        for listed in first.mirrored_catalogs:
            todo[listed["name"]] = listed
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
            p = CatalogPass(self, hive_name, "{schema}", [uc_name], HIVE3)
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
        ok = self.write(
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
        if self.write(lambda: self.s.drop_catalog(hive_name), HIVE3 + "catalog", uc_name, None):
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
        self.record(HIVE3 + "catalog", uc_name, action, source_id, reason, plan)

    def write(self, fn: Callable[[], object], kind: str, full: str, uid: str | None, hook=None) -> bool:
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
            self.error(f"{kind} {full}: {e.message}")
            self.record(kind, full, "failed", uid, e.message, None)
            return False
        self.writes += 1
        return True

    def error(self, message: str) -> None:
        log.warning("%s", message)
        self.errors.append(message)

    def record(
        self,
        kind: str,
        name: str,
        action: str,
        source_id: str | None,
        reason: str | None,
        plan: str | None,
    ) -> None:
        self.counts.add(kind, action)
        if action == "skipped" and reason:
            self.counts.reasons[reason_key(reason)] += 1
        if action not in ("unchanged", "seen"):
            line = plan or f"{action} {kind} {name}" + (f": {reason}" if reason else "")
            self.plan.append(line)
            self.say(("  would " if self.dry and action not in ("skipped", "failed") else "  ") + line)
            self.store.event(kind, name, action, source_id, reason)


class ListingCache:
    """The UC client for one run: each listing and permissions read is fetched once (its result
    or its error kept), so the run's passes all see one consistent listing."""

    _CACHED = ("list_catalogs", "get_catalog", "list_schemas", "list_tables", "get_permissions")

    def __init__(self, client: UnityClient):
        self._client = client
        self._memo: dict[tuple, tuple[bool, Any]] = {}

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
                raise value  # the UnityError the first call met
            return list(value) if name.startswith("list_") else value

        return cached
