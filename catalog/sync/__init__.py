"""Mirror a Unity Catalog server (OSS or Databricks) into the catalog: `catalog sync unity`.

    unity_client.py  httpx client: auth (bearer, Databricks OAuth M2M), retries, paging rules
    mapping.py       UC objects -> Hive databases/tables laid out as open-source Spark reads them
    mirror.py        one sync run: plan (diff against the mirror's inventory) and apply
    runs.py          run records, the run lock, `list_runs` for the REST API (SQL: catalog.store.sync_runs)
    grants.py        UC grants -> Hive privileges

Which objects the mirror owns, and the rule that nobody else changes them, are part of the core
(`catalog.provenance`, enforced by `catalog.auth.guarded`): the service does not import this package.
"""
