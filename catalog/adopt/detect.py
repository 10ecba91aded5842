"""Recognise a Hive metastore schema in PostgreSQL's `public` schema: its version (from "VERSION",
or from the tables present when that is missing), what it holds, and whether we can adopt it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlalchemy import Connection, text

from catalog.adopt.introspect import SchemaInfo

# Hive releases whose PostgreSQL schema `adopt` upgrades, oldest first (Hive's upgrade.order.postgres).
VERSIONS = ("1.2.0", "2.0.0", "2.1.0", "2.2.0", "2.3.0", "3.0.0", "3.1.0")
TARGET = "3.1.0"

# Tables every Hive metastore since 0.x has; without them this is not a metastore.
CORE_TABLES = (
    "DBS",
    "TBLS",
    "SDS",
    "SERDES",
    "CDS",
    "COLUMNS_V2",
    "PARTITIONS",
    "PARTITION_KEYS",
    "PARTITION_KEY_VALS",
    "TABLE_PARAMS",
)

# What each kind of object is counted from (only tables that exist are counted).
COUNTS = {
    "catalogs": 'SELECT count(*) FROM "CTLGS"',
    "databases": 'SELECT count(*) FROM "DBS"',
    "tables": 'SELECT count(*) FROM "TBLS" WHERE "TBL_TYPE" IS NULL OR "TBL_TYPE" <> \'VIRTUAL_VIEW\'',
    "views": 'SELECT count(*) FROM "TBLS" WHERE "TBL_TYPE" = \'VIRTUAL_VIEW\'',
    "partitions": 'SELECT count(*) FROM "PARTITIONS"',
    "storage descriptors": 'SELECT count(*) FROM "SDS"',
    "functions": 'SELECT count(*) FROM "FUNCS"',
    "roles": 'SELECT count(*) FROM "ROLES"',
    "role grants": 'SELECT count(*) FROM "ROLE_MAP"',
    "privileges": 'SELECT (SELECT count(*) FROM "GLOBAL_PRIVS") + (SELECT count(*) FROM "DB_PRIVS") '
    '+ (SELECT count(*) FROM "TBL_PRIVS") + (SELECT count(*) FROM "PART_PRIVS") '
    '+ (SELECT count(*) FROM "TBL_COL_PRIVS") + (SELECT count(*) FROM "PART_COL_PRIVS")',
    "table column statistics": 'SELECT count(*) FROM "TAB_COL_STATS"',
    "partition column statistics": 'SELECT count(*) FROM "PART_COL_STATS"',
    "notifications": 'SELECT count(*) FROM "NOTIFICATION_LOG"',
}


@dataclass
class Finding:
    version: str | None = None
    version_source: str = ""  # 'VERSION table' or 'inferred from the tables present'
    version_comment: str | None = None
    refusal: str | None = None  # why we will not adopt this database
    already_ours: str | None = None  # our Alembic revision when the database is already ours
    counts: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def adoptable(self) -> bool:
        return self.refusal is None


def _has_column(info: SchemaInfo, table: str, column: str) -> bool:
    return column in info.columns.get(table, {})


def infer_version(info: SchemaInfo) -> str | None:
    """The newest Hive schema version whose marks are all present (None: not even 1.2)."""
    t = info.tables
    if any(c not in t for c in CORE_TABLES):
        return None
    if _has_column(info, "GLOBAL_PRIVS", "AUTHORIZER"):
        return "3.1.0"
    if "CTLGS" in t or "WM_RESOURCEPLAN" in t or "METASTORE_DB_PROPERTIES" in t:
        return "3.0.0"
    if _has_column(info, "TBLS", "IS_REWRITE_ENABLED"):
        # 2.2.0 and 2.3.0 differ only in an ACID index: call it 2.3.0, whose steps are a superset
        return "2.3.0"
    if "KEY_CONSTRAINTS" in t:
        return "2.1.0"
    if "aux_table" in t or "completed_compactions" in t:
        return "2.0.0"
    return "1.2.0"


def inspect(conn: Connection, info: SchemaInfo) -> Finding:
    """What `public` holds; `info` is its description (catalog.adopt.introspect.describe)."""
    f = Finding()
    missing = [c for c in CORE_TABLES if c not in info.tables]
    if missing:
        lower = [c.lower() for c in missing if c.lower() in info.tables]
        f.refusal = (
            "not a Hive metastore schema: public has no " + ", ".join(f'"{c}"' for c in missing)
            if not lower
            else "Hive tables in lower case (" + ", ".join(lower) + "): not the schema Hive's PostgreSQL "
            "scripts or DataNucleus create; use `catalog import --from` instead"
        )
        return f
    f.already_ours = _our_revision(conn)
    rows: list = []
    if "VERSION" in info.tables:
        rows = list(conn.execute(text('SELECT "SCHEMA_VERSION", "VERSION_COMMENT" FROM "VERSION"')))
    if len(rows) > 1:
        f.refusal = (
            f'"VERSION" holds {len(rows)} rows; Hive keeps exactly one, so the schema version is unknown'
        )
        return f
    if rows:
        f.version, f.version_comment, f.version_source = rows[0][0], rows[0][1], '"VERSION" table'
        if f.version not in VERSIONS:
            newer = f.version and f.version.split(".")[0].isdigit() and int(f.version.split(".")[0]) >= 4
            f.refusal = (
                f"schema version {f.version} is newer than {TARGET}; this service keeps Hive's 3.1.0 schema"
                if newer
                else f'unrecognised schema version "{f.version}" (known: {", ".join(VERSIONS)})'
            )
            return f
        inferred = infer_version(info)
        if inferred is not None and VERSIONS.index(inferred) > VERSIONS.index(f.version):
            f.notes.append(f'the tables present look like {inferred}, newer than "VERSION" says')
    else:
        f.version, f.version_source = infer_version(info), "inferred from the tables present"
        f.notes.append('"VERSION" is empty or missing; the version was inferred from the tables present')
        if f.version is None:  # pragma: no cover - CORE_TABLES were checked above
            f.refusal = "no schema version recorded, and the tables match no Hive release"
            return f
    for kind, sql in COUNTS.items():
        if _tables_of(sql) <= info.tables:
            f.counts[kind] = conn.execute(text(sql)).scalar() or 0
    return f


def _tables_of(sql: str) -> set[str]:
    return set(re.findall(r'FROM "([A-Z_0-9]+)"', sql))


def _our_revision(conn: Connection) -> str | None:
    exists = conn.execute(text("SELECT to_regclass('catalog.alembic_version') IS NOT NULL")).scalar()
    if not exists:
        return None
    return conn.execute(text("SELECT version_num FROM catalog.alembic_version")).scalar()
