"""Catalog-service performance indexes (OURS, not Hive's).

Hive's 3.1.0 script lacks some indexes that this service's hot paths need. They are kept out of 0001
so that revision stays a faithful copy of Hive's schema. All names start with ``CATALOG_`` so they are
easy to tell apart from Hive's, and a Java metastore sharing the database simply ignores them (extra
non-unique indexes never change query results or Hive's behaviour).

Already covered by Hive, so deliberately NOT duplicated here:
  * "TBLS"("DB_ID")               -> TBLS_N49
  * "TABLE_PARAMS"("TBL_ID")      -> TABLE_PARAMS_N49 (and the PK)
  * "PARTITION_PARAMS"("PART_ID") -> PARTITION_PARAMS_N49 (and the PK)
  * "SERDE_PARAMS"("SERDE_ID")    -> SERDE_PARAMS_N49 (and the PK)
  * "COLUMNS_V2"("CD_ID")         -> leading column of COLUMNS_V2_pkey
  * "PARTITION_KEY_VALS"("PART_ID","INTEGER_IDX") -> PARTITION_KEY_VALS_pkey

On a large existing metastore, build these beforehand with CREATE INDEX CONCURRENTLY under the same
names; ``IF NOT EXISTS`` then makes this revision a cheap no-op.

Revision ID: 0002_catalog_indexes
Revises: 0001_hive_3_1_0_schema
"""

from __future__ import annotations

from alembic import op

revision = "0002_catalog_indexes"
down_revision = "0001_hive_3_1_0_schema"
branch_labels = None
depends_on = None

# (index name, table, columns, why)
CATALOG_INDEXES: list[tuple[str, str, tuple[str, ...], str]] = [
    (
        "CATALOG_PARTITIONS_TBL_ID_PART_NAME",
        "PARTITIONS",
        ("TBL_ID", "PART_NAME"),
        "list/get partitions of one table by name or name range, ordered by name "
        "(UNIQUEPARTITION leads with PART_NAME so cannot serve a per-table range scan)",
    ),
    (
        "CATALOG_PARTITION_KEY_VALS_IDX_VAL_PART",
        "PARTITION_KEY_VALS",
        ("INTEGER_IDX", "PART_KEY_VAL", "PART_ID"),
        "partition pruning: key position + value -> PART_ID, index-only",
    ),
    (
        "CATALOG_TBLS_DB_ID_TBL_NAME",
        "TBLS",
        ("DB_ID", "TBL_NAME"),
        "list tables of a database ordered / filtered by name (UNIQUETABLE leads with TBL_NAME)",
    ),
    (
        "CATALOG_COLUMNS_V2_CD_ID_INTEGER_IDX",
        "COLUMNS_V2",
        ("CD_ID", "INTEGER_IDX"),
        "fetch a column descriptor's columns in schema order",
    ),
    (
        "CATALOG_SDS_CD_ID",
        "SDS",
        ("CD_ID",),
        "is a column descriptor still referenced? (drop table / alter partition cleanup)",
    ),
    (
        "CATALOG_NOTIFICATION_LOG_EVENT_ID",
        "NOTIFICATION_LOG",
        ("EVENT_ID",),
        "event pollers: EVENT_ID > :last ORDER BY EVENT_ID",
    ),
    (
        "CATALOG_KEY_CONSTRAINTS_CHILD_TBL_ID",
        "KEY_CONSTRAINTS",
        ("CHILD_TBL_ID",),
        "drop table removes constraints where the table is the child",
    ),
]


def upgrade() -> None:
    for name, table, cols, _why in CATALOG_INDEXES:
        col_list = ", ".join(f'"{c}"' for c in cols)
        op.execute(f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" ({col_list})')


def downgrade() -> None:
    for name, _table, _cols, _why in reversed(CATALOG_INDEXES):
        op.execute(f'DROP INDEX IF EXISTS "{name}"')
