"""Search indexes for the REST API's `GET /api/v1/search` (OURS, not Hive's).

Trigram GIN indexes (PostgreSQL's `pg_trgm`, a trusted extension shipped with PostgreSQL) on the
names and comments of databases, tables and columns and on table properties, so that
`ILIKE '%term%'` is answered from an index rather than a scan (`catalog/store/search.py` writes
its predicates to match these definitions exactly, partial-index predicates included).

Names start with ``CATALOG_`` like 0002's; a Java metastore sharing the database ignores them.
On a large metastore, build them beforehand with CREATE INDEX CONCURRENTLY under the same names.
The downgrade drops the indexes but keeps the extension (other objects may use it).

Revision ID: 0004_rest_catalog
Revises: 0003_catalog_service_tables
"""

from __future__ import annotations

from alembic import op

revision = "0004_rest_catalog"
down_revision = "0003_catalog_service_tables"
branch_labels = None
depends_on = None

# Table properties that are machinery, not descriptions: never searched (and not indexed).
NOT_SEARCHED_PARAM = (
    '"PARAM_KEY" NOT LIKE \'spark.sql.sources.schema%\' AND "PARAM_KEY" NOT IN '
    "('comment', 'transient_lastDdlTime', 'numFiles', 'numRows', 'totalSize', "
    "'rawDataSize', 'numFilesErasureCoded', 'COLUMN_STATS_ACCURATE', "
    "'spark.sql.create.version', 'spark.sql.sources.provider')"
)
PROPERTY_TEXT = "(\"PARAM_KEY\" || ' ' || coalesce(\"PARAM_VALUE\", ''))"

# (index name, table, indexed expression, partial-index predicate or None)
SEARCH_INDEXES: list[tuple[str, str, str, str | None]] = [
    ("CATALOG_DBS_NAME_TRGM", "DBS", '"NAME"', None),
    ("CATALOG_DBS_DESC_TRGM", "DBS", '"DESC"', None),
    ("CATALOG_TBLS_NAME_TRGM", "TBLS", '"TBL_NAME"', None),
    ("CATALOG_COLUMNS_V2_NAME_TRGM", "COLUMNS_V2", '"COLUMN_NAME"', None),
    ("CATALOG_COLUMNS_V2_COMMENT_TRGM", "COLUMNS_V2", '"COMMENT"', None),
    ("CATALOG_PARTITION_KEYS_NAME_TRGM", "PARTITION_KEYS", '"PKEY_NAME"', None),
    ("CATALOG_TABLE_PARAMS_COMMENT_TRGM", "TABLE_PARAMS", '"PARAM_VALUE"', "\"PARAM_KEY\" = 'comment'"),
    ("CATALOG_TABLE_PARAMS_PROPERTY_TRGM", "TABLE_PARAMS", PROPERTY_TEXT, NOT_SEARCHED_PARAM),
]


def upgrade() -> None:
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, expr, where in SEARCH_INDEXES:
        op.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" USING gin (({expr}) gin_trgm_ops)'
            + (f" WHERE {where}" if where else "")
        )


def downgrade() -> None:
    for name, _table, _expr, _where in reversed(SEARCH_INDEXES):
        op.execute(f'DROP INDEX IF EXISTS "{name}"')
