"""Mirror a Unity Catalog server (OSS or Databricks) into the catalog: `catalog sync unity`.

    unity_client.py  httpx client: auth (bearer, Databricks OAuth M2M), retries, paging rules
    mapping.py       UC objects -> Hive databases/tables laid out as open-source Spark reads them
    mirror.py        one sync run: plan (diff against the provenance markers) and apply
    runs.py          catalog.sync_runs / catalog.sync_events, the run lock, `list_runs` for the REST API
    guard.py         the read-only guard CatalogService calls on its write paths

Names are imported lazily: `catalog.service` imports `catalog.sync.guard`, and the modules here use
the service, so importing them eagerly would be circular.
"""

from __future__ import annotations

import importlib

_EXPORTS = {
    "UnityClient": "catalog.sync.unity_client",
    "UnityError": "catalog.sync.unity_client",
    "SyncOptions": "catalog.sync.mirror",
    "SyncResult": "catalog.sync.mirror",
    "run_sync": "catalog.sync.mirror",
    "list_runs": "catalog.sync.runs",
    "get_run": "catalog.sync.runs",
    "RunLockBusy": "catalog.sync.runs",
    "mirror_writes": "catalog.sync.guard",
    "check_writable": "catalog.sync.guard",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'catalog.sync' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
