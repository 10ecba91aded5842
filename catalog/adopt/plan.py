"""The steps that bring an existing Hive metastore schema (1.2 .. 3.1, created by Hive's scripts or by
DataNucleus) to Hive 3.1.0's PostgreSQL schema, as our migration 0001 creates it.

Two kinds of step, in this order:
  * Hive's own upgrade scripts' data changes (upgrade-1.2.0-to-2.0.0 .. upgrade-3.0.0-to-3.1.0
    .postgres.sql), for the versions the database is below: the catalog row and `CTLG_NAME` /
    `CAT_NAME` set to 'hive', s3n:// locations to s3a://, the misspelt serde key, the id and event
    sequences' seed rows, write ids for transactional tables, renamed ACID columns;
  * the structure: the reference 3.1.0 schema is built in a scratch schema by running migration 0001
    and compared with `public`; missing tables are created, missing columns added (and filled the way
    Hive's scripts fill them), narrower columns widened, indexes and unique constraints that differ
    from Hive 3.1's re-created (UNIQUE_DATABASE gains CTLG_NAME, the privilege indexes AUTHORIZER).

Nothing is dropped but an index or a constraint that is re-created at once: no table, no column, no
row. What differs and is not ours to change (extra tables, columns of other types) is reported.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, field

from alembic.operations import Operations
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, text

from catalog.adopt.detect import VERSIONS
from catalog.adopt.introspect import Column, Index, SchemaInfo, describe, quote

REFERENCE_SCHEMA = "hms_adopt_reference"
MNOTIFICATIONLOG = "org.apache.hadoop.hive.metastore.model.MNotificationLog"


@dataclass
class Step:
    what: str
    sql: str
    only_if: str | None = None  # a SELECT answering true/false at run time: the step runs only on true


@dataclass
class Plan:
    steps: list[Step] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # differences left alone

    def add(self, what: str, sql: str, only_if: str | None = None) -> None:
        self.steps.append(Step(what, sql, only_if))


def build_reference(conn: Connection) -> SchemaInfo:
    """Hive 3.1.0's schema, as migration 0001 creates it, described (and then removed again)."""
    conn.execute(text(f"DROP SCHEMA IF EXISTS {REFERENCE_SCHEMA} CASCADE"))
    conn.execute(text(f"CREATE SCHEMA {REFERENCE_SCHEMA}"))
    old_path = conn.execute(text("SHOW search_path")).scalar()
    conn.execute(text("SELECT set_config('search_path', :p, true)"), {"p": f"{REFERENCE_SCHEMA}, pg_catalog"})
    try:
        rev = importlib.import_module("migrations.versions.0001_hive_3_1_0_schema")
        with Operations.context(MigrationContext.configure(conn)):
            rev.upgrade()
    finally:
        conn.execute(text("SELECT set_config('search_path', :p, true)"), {"p": old_path})
    info = describe(conn, REFERENCE_SCHEMA)
    conn.execute(text(f"DROP SCHEMA {REFERENCE_SCHEMA} CASCADE"))
    return info


def _below(version: str, target: str) -> bool:
    return VERSIONS.index(version) < VERSIONS.index(target)


# Columns Hive's upgrade scripts add and fill for the rows already there (table, column) -> value.
FILLS = {
    ("DBS", "CTLG_NAME"): "'hive'",
    ("TAB_COL_STATS", "CAT_NAME"): "'hive'",
    ("PART_COL_STATS", "CAT_NAME"): "'hive'",
    ("PARTITION_EVENTS", "CAT_NAME"): "CASE WHEN \"DB_NAME\" IS NOT NULL THEN 'hive' END",
    ("NOTIFICATION_LOG", "CAT_NAME"): "CASE WHEN \"DB_NAME\" IS NOT NULL THEN 'hive' END",
    ("MV_CREATION_METADATA", "MATERIALIZATION_TIME"): "0",
    ("TBLS", "IS_REWRITE_ENABLED"): "false",
    ("completed_txn_components", "ctc_update_delete"): "'N'",
    ("completed_txn_components", "ctc_timestamp"): "CURRENT_TIMESTAMP",
    ("completed_txn_components", "ctc_writeid"): "ctc_txnid",
    ("txn_components", "tc_writeid"): "tc_txnid",
}

# Columns Hive's scripts set NOT NULL once filled (the fresh 3.1.0 script leaves some of them nullable).
NOT_NULL_AFTER_FILL = {
    ("DBS", "CTLG_NAME"),
    ("TAB_COL_STATS", "CAT_NAME"),
    ("PART_COL_STATS", "CAT_NAME"),
    ("MV_CREATION_METADATA", "MATERIALIZATION_TIME"),
    ("TBLS", "IS_REWRITE_ENABLED"),
    ("completed_txn_components", "ctc_update_delete"),
    ("completed_txn_components", "ctc_timestamp"),
}

# Columns Hive renamed (upgrade-2.3.0-to-3.0.0): (table, old, new).
RENAMES = (
    ("compaction_queue", "cq_highest_txn_id", "cq_highest_write_id"),
    ("completed_compactions", "cc_highest_txn_id", "cc_highest_write_id"),
)


def data_steps(plan: Plan, version: str, have: SchemaInfo) -> None:
    """Hive's upgrade scripts' data changes for a database at `version` (before the structure)."""
    t = have.tables
    if _below(version, "3.0.0"):
        if "SERDE_PARAMS" in t:
            plan.add(
                "rename the misspelt serde parameter colelction.delim to collection.delim (HIVE-16922)",
                'UPDATE "SERDE_PARAMS" p SET "PARAM_KEY" = \'collection.delim\' '
                'WHERE "PARAM_KEY" = \'colelction.delim\' AND NOT EXISTS (SELECT 1 FROM "SERDE_PARAMS" q '
                'WHERE q."SERDE_ID" = p."SERDE_ID" AND q."PARAM_KEY" = \'collection.delim\')',
            )
        for table, col in (
            ("FUNC_RU", "RESOURCE_URI"),
            ("SKEWED_COL_VALUE_LOC_MAP", "LOCATION"),
            ("SDS", "LOCATION"),
            ("DBS", "DB_LOCATION_URI"),
        ):
            if table in t:
                plan.add(
                    f"s3n:// to s3a:// in {table}.{col} (HIVE-18489)",
                    f"UPDATE {quote(table)} SET {quote(col)} = 's3a' || substr({quote(col)}, 4) "
                    f"WHERE {quote(col)} LIKE 's3n://%'",
                )
    for table, old, new in RENAMES:
        cols = have.columns.get(table, {})
        if old in cols and new not in cols:
            plan.add(
                f"rename {table}.{old} to {new} (HIVE-18192)", f"ALTER TABLE {table} RENAME {old} TO {new}"
            )


def seed_steps(plan: Plan, version: str, have: SchemaInfo) -> None:
    """Rows Hive's 3.1.0 schema must hold (after the structure exists)."""
    plan.add(
        "the default catalog 'hive' (HIVE-18755; Hive sets its location at start-up)",
        'INSERT INTO "CTLGS" ("CTLG_ID", "NAME", "DESC", "LOCATION_URI") '
        "SELECT coalesce(max(\"CTLG_ID\"), 0) + 1, 'hive', 'Default catalog for Hive', 'TBD' FROM \"CTLGS\"",
        only_if='SELECT NOT EXISTS (SELECT 1 FROM "CTLGS" WHERE "NAME" = \'hive\')',
    )
    plan.add(
        "the notification id row in SEQUENCE_TABLE (DbNotificationListener reads it directly)",
        'INSERT INTO "SEQUENCE_TABLE" ("SEQUENCE_NAME", "NEXT_VAL") '
        f'SELECT \'{MNOTIFICATIONLOG}\', coalesce(max("NL_ID"), 0) + 1 FROM "NOTIFICATION_LOG"',
        only_if='SELECT NOT EXISTS (SELECT 1 FROM "SEQUENCE_TABLE" '
        f"WHERE \"SEQUENCE_NAME\" = '{MNOTIFICATIONLOG}')",
    )
    plan.add(
        "the event id row in NOTIFICATION_SEQUENCE (HIVE-16886)",
        'INSERT INTO "NOTIFICATION_SEQUENCE" ("NNI_ID", "NEXT_EVENT_ID") '
        'SELECT 1, coalesce(max("EVENT_ID"), 0) + 1 FROM "NOTIFICATION_LOG"',
        only_if='SELECT NOT EXISTS (SELECT 1 FROM "NOTIFICATION_SEQUENCE")',
    )
    for table, col in (
        ("next_txn_id", "ntxn_next"),
        ("next_lock_id", "nl_next"),
        ("next_compaction_queue_id", "ncq_next"),
    ):
        plan.add(
            f"the ACID counter row in {table}",
            f"INSERT INTO {table} ({col}) VALUES (1)",
            only_if=f"SELECT NOT EXISTS (SELECT 1 FROM {table})",
        )
    if _below(version, "3.0.0") and "next_txn_id" in have.tables:
        plan.add(
            "write ids for transactional tables, starting at the next transaction id (HIVE-18193)",
            "INSERT INTO next_write_id (nwi_database, nwi_table, nwi_next) "
            'SELECT d."NAME", t."TBL_NAME", (SELECT max(ntxn_next) FROM next_txn_id) FROM "TBLS" t '
            'JOIN "DBS" d ON d."DB_ID" = t."DB_ID" JOIN "TABLE_PARAMS" p ON p."TBL_ID" = t."TBL_ID" '
            "AND p.\"PARAM_KEY\" = 'transactional' AND p.\"PARAM_VALUE\" = 'true' "
            "WHERE NOT EXISTS (SELECT 1 FROM next_write_id w "
            'WHERE w.nwi_database = d."NAME" AND w.nwi_table = t."TBL_NAME")',
        )
        plan.add(
            "write ids of open and aborted transactions on transactional tables (HIVE-18193)",
            "INSERT INTO txn_to_write_id (t2w_database, t2w_table, t2w_txnid, t2w_writeid) "
            'SELECT d."NAME", t."TBL_NAME", x.txn_id, x.txn_id FROM "TBLS" t '
            'JOIN "DBS" d ON d."DB_ID" = t."DB_ID" JOIN "TABLE_PARAMS" p ON p."TBL_ID" = t."TBL_ID" '
            "AND p.\"PARAM_KEY\" = 'transactional' AND p.\"PARAM_VALUE\" = 'true' CROSS JOIN txns x "
            "ON CONFLICT DO NOTHING",
        )


def structure_steps(plan: Plan, have: SchemaInfo, ref: SchemaInfo) -> list[Step]:
    """Tables, columns, indexes and constraints; returns the foreign keys to add once the seed rows
    (the 'hive' catalog DBS_FK1 points to) are in."""
    new_tables = sorted(ref.tables - have.tables)
    for table in new_tables:
        for c in ref.columns[table].values():
            serial = _NEXTVAL.match(c.default or "")
            if serial:
                plan.add(
                    f"sequence for {table}.{c.name}",
                    f"CREATE SEQUENCE IF NOT EXISTS {quote(serial.group(1))}",
                )
        cols = ", ".join(_column_ddl(c, with_not_null=True) for c in ref.columns[table].values())
        plan.add(f"create table {table}", f"CREATE TABLE {quote(table)} ({cols})")
    for table in sorted(have.tables & ref.tables):
        _column_steps(plan, table, have.columns[table], ref.columns[table])
    _index_steps(plan, have, ref, set(new_tables))
    fks: list[Step] = []
    for fk in sorted(ref.foreign_keys.values(), key=lambda f: f.name):
        if fk.name in have.foreign_keys:
            continue
        same = any(f.table == fk.table and f.definition == fk.definition for f in have.foreign_keys.values())
        if same:
            continue
        if fk.table in new_tables or fk.name == "DBS_FK1":
            fks.append(
                Step(
                    f"foreign key {fk.name} on {fk.table}",
                    f"ALTER TABLE {quote(fk.table)} ADD CONSTRAINT {quote(fk.name)} {fk.definition}",
                )
            )
    for table in sorted(have.tables - ref.tables):
        plan.notes.append(f"table {table} is not part of Hive 3.1.0's schema; kept as it is")
    return fks


_NEXTVAL = re.compile(r"""^nextval\('"?([^"']+)"?'::regclass\)$""")


def _sequence_steps(plan: Plan, table: str, c: Column) -> None:
    """A SERIAL column's sequence (DataNucleus makes plain integer columns), continuing after the
    largest id already used."""
    m = _NEXTVAL.match(c.default or "")
    if not m:
        return
    seq = quote(m.group(1))
    plan.add(f"sequence {m.group(1)}", f"CREATE SEQUENCE IF NOT EXISTS {seq}")
    plan.add(
        f"sequence {m.group(1)} continues after the ids in {table}",
        f"SELECT setval('{seq}', coalesce(max({quote(c.name)}), 0) + 1, false) FROM {quote(table)}",
    )


def _column_ddl(c: Column, with_not_null: bool) -> str:
    out = f"{quote(c.name)} {c.type}"
    if c.default is not None:
        out += f" DEFAULT {c.default}"
    if with_not_null and c.not_null:
        out += " NOT NULL"
    return out


def _column_steps(plan: Plan, table: str, have: dict[str, Column], ref: dict[str, Column]) -> None:
    qt = quote(table)
    for name, c in ref.items():
        if name not in have:
            _sequence_steps(plan, table, c)
            plan.add(
                f"add column {table}.{name} {c.type}", f"ALTER TABLE {qt} ADD COLUMN {_column_ddl(c, False)}"
            )
            fill = FILLS.get((table, name))
            if fill is not None:
                plan.add(
                    f"fill {table}.{name} for the rows already there",
                    f"UPDATE {qt} SET {quote(name)} = {fill} WHERE {quote(name)} IS NULL",
                )
            if c.not_null and (
                c.default is not None or fill is not None or (table, name) in NOT_NULL_AFTER_FILL
            ):
                plan.add(
                    f"{table}.{name} NOT NULL",
                    f"ALTER TABLE {qt} ALTER COLUMN {quote(name)} SET NOT NULL",
                    only_if=f"SELECT NOT EXISTS (SELECT 1 FROM {qt} WHERE {quote(name)} IS NULL)",
                )
            elif (table, name) in NOT_NULL_AFTER_FILL:
                plan.add(
                    f"{table}.{name} NOT NULL (as Hive's upgrade scripts leave it)",
                    f"ALTER TABLE {qt} ALTER COLUMN {quote(name)} SET NOT NULL",
                    only_if=f"SELECT NOT EXISTS (SELECT 1 FROM {qt} WHERE {quote(name)} IS NULL)",
                )
            elif c.not_null:
                plan.notes.append(
                    f"{table}.{name} is NOT NULL in Hive 3.1.0; added as nullable (no value to fill)"
                )
            continue
        h = have[name]
        if h.type != c.type:
            if _widens(h.type, c.type):
                plan.add(
                    f"widen {table}.{name} from {h.type} to {c.type}",
                    f"ALTER TABLE {qt} ALTER COLUMN {quote(name)} TYPE {c.type}",
                )
            else:
                plan.notes.append(f"{table}.{name} is {h.type} (Hive 3.1.0: {c.type}); kept")
        if c.default is not None and h.default is None:
            _sequence_steps(plan, table, c)
            plan.add(
                f"default of {table}.{name}",
                f"ALTER TABLE {qt} ALTER COLUMN {quote(name)} SET DEFAULT {c.default}",
            )
    for name in have:
        if name not in ref:
            plan.notes.append(f"column {table}.{name} is not part of Hive 3.1.0's schema; kept")


_INT_WIDTH = {"smallint": 1, "integer": 2, "bigint": 3}


def _varchar_len(t: str) -> int | None:
    if t.startswith("character varying(") and t.endswith(")"):
        return int(t[len("character varying(") : -1])
    return None


def _widens(old: str, new: str) -> bool:
    """True if changing a column from `old` to `new` keeps every value (never narrows)."""
    if old in _INT_WIDTH and new in _INT_WIDTH:
        return _INT_WIDTH[new] > _INT_WIDTH[old]
    lo, ln = _varchar_len(old), _varchar_len(new)
    if lo is not None and new == "text":
        return True
    if lo is not None and ln is not None:
        return ln > lo
    return old in ("character varying", "character(1)") and new == "text"


def _create_index_sql(ix: Index) -> str:
    if ix.constraint is not None and ix.constraint_def is not None:
        return f"ALTER TABLE {quote(ix.table)} ADD CONSTRAINT {quote(ix.name)} {ix.constraint_def}"
    return f"CREATE {'UNIQUE ' if ix.unique else ''}INDEX {quote(ix.name)} ON {quote(ix.table)} {ix.body}"


def _drop_index_sql(ix: Index) -> str:
    if ix.constraint is not None:
        return f"ALTER TABLE {quote(ix.table)} DROP CONSTRAINT {quote(ix.name)}"
    return f"DROP INDEX {quote(ix.name)}"


def _index_steps(plan: Plan, have: SchemaInfo, ref: SchemaInfo, new_tables: set[str]) -> None:
    by_sig = {ix.signature: ix for ix in have.indexes.values()}
    # primary keys first: other tables' foreign keys need them
    for ix in sorted(ref.indexes.values(), key=lambda i: (i.constraint != "p", i.name)):
        mine = have.indexes.get(ix.name)
        if mine is not None and mine.signature == ix.signature:
            continue  # a unique index where Hive has a unique constraint enforces the same
        if mine is not None and mine.table != ix.table:
            plan.notes.append(f"index {ix.name} is on {mine.table} here, on {ix.table} in Hive 3.1.0; kept")
            continue
        if mine is None and ix.table not in new_tables:
            twin = by_sig.get(ix.signature)
            if twin is not None and (ix.constraint != "p" or twin.constraint == "p"):
                continue  # an equivalent index under another name (DataNucleus names them its way)
            if ix.constraint == "p" and any(
                i.constraint == "p" and i.table == ix.table for i in have.indexes.values()
            ):
                plan.notes.append(
                    f"table {ix.table} has a primary key other than Hive 3.1.0's {ix.name}; kept"
                )
                continue
        if mine is not None and not (mine.unique or ix.unique or mine.constraint):
            # DataNucleus numbers its plain indexes (TBLS_N49 ...) in another order than Hive's script
            if by_sig.get(ix.signature) is not None:
                continue
            plan.add(
                f"rename index {ix.name} to {ix.name}_DN (Hive 3.1.0 gives that name to another index)",
                f"ALTER INDEX {quote(ix.name)} RENAME TO {quote(ix.name + '_DN')}",
            )
        elif mine is not None:
            plan.add(f"re-create {ix.name} as Hive 3.1.0 defines it", _drop_index_sql(mine))
        plan.add(
            f"{'constraint' if ix.constraint else 'index'} {ix.name} on {ix.table}", _create_index_sql(ix)
        )


def version_step(plan: Plan) -> None:
    plan.add(
        "record schema version 3.1.0 in VERSION",
        'UPDATE "VERSION" SET "SCHEMA_VERSION" = \'3.1.0\', '
        "\"VERSION_COMMENT\" = 'Hive release version 3.1.0'",
    )
    plan.add(
        "the VERSION row",
        'INSERT INTO "VERSION" ("VER_ID", "SCHEMA_VERSION", "VERSION_COMMENT") '
        "VALUES (1, '3.1.0', 'Hive release version 3.1.0')",
        only_if='SELECT NOT EXISTS (SELECT 1 FROM "VERSION")',
    )


def make_plan(version: str, have: SchemaInfo, ref: SchemaInfo) -> Plan:
    plan = Plan()
    data_steps(plan, version, have)
    for table, old, new in RENAMES:  # the structure is compared as it is after the renames
        cols = have.columns.get(table, {})
        if old in cols and new not in cols:
            c = cols.pop(old)
            cols[new] = Column(new, c.type, c.not_null, c.default)
    fks = structure_steps(plan, have, ref)
    after = SchemaInfo(have.name, columns={**{t: ref.columns[t] for t in ref.tables}, **have.columns})
    seed_steps(plan, version, after)
    plan.steps += fks
    version_step(plan)
    return plan
