"""Deleting every partition of whole tables (drop table, drop database) with set-based statements.

PostgreSQL checks foreign keys row by row: deleting a partition's "SDS", "PARTITIONS" and
"SERDES" rows costs ~18 index probes through the referential-integrity triggers, 4 of the 4.5
minutes a 1,000,000-partition drop took. A session allowed to set `session_replication_role`
(a superuser, or on PostgreSQL >= 15 a role granted `SET ON PARAMETER session_replication_role`;
see docs/operations.md) skips those triggers for the drop's own statements and keeps the same
guarantees explicitly:

- Parents first. The table rows are locked (FOR UPDATE) by the caller, then "PARTITIONS",
  "SDS", "SERDES" and owned "SKEWED_STRING_LIST" rows are deleted before their children. A
  concurrent writer adding a child (a Java metastore adding a partition, a parameter, statistics)
  takes FOR KEY SHARE on the parent in its own foreign-key check: it waits for this transaction
  and then fails, as it would against a drop with the checks on. A writer that got there first
  has committed before our parent delete could lock the row, so the child deletes, each a fresh
  snapshot (READ COMMITTED), see and delete its rows.
- Every foreign key that references a deleted parent (read from pg_constraint, so a schema that
  adds one is covered) either names a table whose rows belong to the deleted rows (their children,
  deleted here by key) or is checked in one set-based statement; a remaining reference raises a
  foreign-key error and the whole drop rolls back, as with the checks on.
- The triggers skipped are PostgreSQL's own integrity triggers and ours
  (catalog/store/partition_wire.py, whose rows for the deleted partitions are deleted here). If
  any other trigger would be skipped, or fire only in replica mode, the slow path runs instead.
- Column descriptors (shared with the table and other partitions) are deleted with the checks on.

Ids stay in PostgreSQL (temporary tables dropped at the end, and at commit), so the server's
memory does not grow with the table.
"""

from __future__ import annotations

import logging

from sqlalchemy import Connection, text

from catalog.errors import InvalidObjectError

log = logging.getLogger(__name__)

# Parents deleted with the checks off, the temporary table that receives their ids and its column.
_PARENTS = {
    "PARTITIONS": ("pg_temp.drop_parts", "part_id"),
    "SDS": ("pg_temp.drop_sds", "sd_id"),
    "SERDES": ("pg_temp.drop_sds", "serde_id"),
    "SKEWED_STRING_LIST": ("pg_temp.drop_lists", "list_id"),
}
# Tables whose rows belong to a deleted parent: deleted by its key. A reference from any other
# table (TBLS.SD_ID, IDXS.SD_ID, SCHEMA_VERSION.SERDE_ID, another partition's SD_ID, ...) is checked.
_OWNED = {
    "PARTITION_KEY_VALS",
    "PARTITION_PARAMS",
    "PART_COL_STATS",
    "PART_PRIVS",
    "PART_COL_PRIVS",
    "SD_PARAMS",
    "BUCKETING_COLS",
    "SORT_COLS",
    "SKEWED_COL_NAMES",
    "SKEWED_VALUES",
    "SKEWED_COL_VALUE_LOC_MAP",
    "SKEWED_STRING_LIST_VALUES",
    "SERDE_PARAMS",
}

# Partitions deleted per round of statements (one transaction whatever the number of rounds).
# Each statement of a round is one pass (hash join) over its table, dead rows of earlier rounds
# included, so rounds make the drop quadratic: 10 rounds of 100,000 took 66 s for 1,000,000
# partitions, one round ~2 s per 100,000. Rounds only bound a statement's time on enormous tables.
BATCH = 5_000_000

# Whether this role may set session_replication_role, per database URL (users differ by URL).
_ALLOWED: dict[str, bool] = {}

_CAN_SET_SQL = """SELECT CASE
  WHEN (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN true
  WHEN current_setting('server_version_num')::int >= 150000
    THEN has_parameter_privilege('session_replication_role', 'SET')
  ELSE false END"""

# Triggers that replica mode would skip (enabled 'O') or fire (only 'R') on the tables the drop
# deletes from, other than our partition_wire triggers (handled here).
_FOREIGN_TRIGGERS_SQL = """SELECT count(*) FROM pg_trigger
 WHERE NOT tgisinternal AND tgenabled IN ('O', 'R') AND tgname NOT LIKE 'partition\\_wire\\_%'
   AND tgrelid IN (SELECT to_regclass(x) FROM unnest(CAST(:tables AS text[])) x)"""

# Foreign keys referencing the parents deleted with the checks off: (referencing table, its
# column, referenced table); a multi-column key yields NULL columns (the slow path then runs).
_REFERENCES_SQL = """SELECT c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text,
       cardinality(c.conkey)
  FROM pg_constraint c
  JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
 WHERE c.contype = 'f' AND c.confrelid IN (SELECT to_regclass(x) FROM unnest(CAST(:parents AS text[])) x)"""


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _unquoted(regclass_text: str) -> str:
    return regclass_text[1:-1].replace('""', '"') if regclass_text.startswith('"') else regclass_text


def may_skip_checks(conn: Connection) -> bool:
    """True if this role may set session_replication_role (asked once per database URL)."""
    key = conn.engine.url.render_as_string(hide_password=True)
    allowed = _ALLOWED.get(key)
    if allowed is None:
        allowed = bool(conn.execute(text(_CAN_SET_SQL)).scalar())
        _ALLOWED[key] = allowed
        log.info(
            "drop of whole tables: %s",
            "set-based, session_replication_role = replica"
            if allowed
            else "row by row (this role may not set session_replication_role; see docs/operations.md)",
        )
    return allowed


def foreign_triggers(conn: Connection, tables: list[str]) -> int:
    """How many triggers other than ours replica mode would skip (or fire only then) on `tables`."""
    n = conn.execute(text(_FOREIGN_TRIGGERS_SQL), {"tables": [_quoted(t) for t in sorted(tables)]}).scalar()
    if n:
        log.warning("row-by-row foreign-key checks: %d trigger(s) of others on Hive's tables", n)
    return int(n or 0)


def _plan(conn: Connection) -> list[tuple[str, str, str]] | None:
    """The foreign keys to handle, or None if the set-based drop cannot keep the guarantees here."""
    refs = conn.execute(text(_REFERENCES_SQL), {"parents": [_quoted(p) for p in _PARENTS]}).all()
    out = []
    tables = set(_PARENTS)
    for child, col, parent, ncols in refs:
        if ncols != 1:
            return None
        out.append((_unquoted(child), col, _unquoted(parent)))
        tables.add(_unquoted(child))
    tables.add("COLUMNS_V2")
    return None if foreign_triggers(conn, sorted(tables)) else out


def delete_all_partitions_set_based(
    conn: Connection, tbl_ids: list[int], batch: int | None = None
) -> tuple[int, list[int]] | None:
    """Delete every partition of the tables `tbl_ids` (their rows locked by the caller) with the
    foreign-key triggers off; return (partitions deleted, the column descriptor ids their
    descriptors used), or None when this session cannot (the caller then deletes row by row)."""
    if not may_skip_checks(conn):
        return None
    refs = _plan(conn)
    if refs is None:
        return None
    ex = conn.execute
    # the tables' rows first (drop_table holds them already): no partition can be added meanwhile
    ex(
        text(
            'SELECT 1 FROM "TBLS" WHERE "TBL_ID" = ANY(CAST(:ids AS bigint[])) ORDER BY "TBL_ID" FOR UPDATE'
        ),
        {"ids": list(tbl_ids)},
    ).all()
    ex(text("SET LOCAL session_replication_role = replica"))
    for sql in (
        "DROP TABLE IF EXISTS pg_temp.drop_parts, pg_temp.drop_sds, pg_temp.drop_lists",
        "CREATE TEMP TABLE drop_parts (part_id bigint, sd_id bigint) ON COMMIT DROP",
        "CREATE TEMP TABLE drop_sds (sd_id bigint, serde_id bigint, cd_id bigint) ON COMMIT DROP",
        "CREATE TEMP TABLE drop_lists (list_id bigint) ON COMMIT DROP",
    ):
        ex(text(sql))
    total, cds = 0, set[int]()
    while True:  # bounded batches: each statement's time and work memory stay bounded
        n = _delete_batch(conn, tbl_ids, refs, batch or BATCH)
        if n == 0:
            break
        total += n
        cds.update(
            r[0] for r in ex(text("SELECT DISTINCT cd_id FROM pg_temp.drop_sds WHERE cd_id IS NOT NULL"))
        )
        ex(text("TRUNCATE pg_temp.drop_parts, pg_temp.drop_sds, pg_temp.drop_lists"))
    conn.execute(text("DROP TABLE IF EXISTS pg_temp.drop_parts, pg_temp.drop_sds, pg_temp.drop_lists"))
    conn.execute(text("SET LOCAL session_replication_role = origin"))
    return total, sorted(cds)


def _delete_batch(conn: Connection, tbl_ids: list[int], refs: list[tuple[str, str, str]], batch: int) -> int:
    """Delete up to `batch` partitions of the tables with everything they own; their ids stay in
    the temporary tables until the caller empties them."""
    ex = conn.execute
    n = ex(
        text(
            'WITH d AS (DELETE FROM "PARTITIONS" WHERE "PART_ID" IN (SELECT "PART_ID" FROM "PARTITIONS" '
            'WHERE "TBL_ID" = ANY(CAST(:ids AS bigint[])) LIMIT :n) RETURNING "PART_ID", "SD_ID") '
            "INSERT INTO pg_temp.drop_parts SELECT * FROM d"
        ),
        {"ids": list(tbl_ids), "n": batch},
    ).rowcount
    if n == 0:
        return 0
    for sql in (
        "ANALYZE pg_temp.drop_parts",
        'WITH d AS (DELETE FROM "SDS" s USING pg_temp.drop_parts p WHERE s."SD_ID" = p.sd_id '
        'RETURNING s."SD_ID", s."SERDE_ID", s."CD_ID") INSERT INTO pg_temp.drop_sds SELECT * FROM d',
        "ANALYZE pg_temp.drop_sds",
        'DELETE FROM "SERDES" e USING pg_temp.drop_sds s WHERE e."SERDE_ID" = s.serde_id',
        # value lists owned by the descriptors' skew rows
        'WITH d AS (DELETE FROM "SKEWED_STRING_LIST" l WHERE l."STRING_LIST_ID" IN ('
        'SELECT v."STRING_LIST_ID_EID" FROM "SKEWED_VALUES" v JOIN pg_temp.drop_sds s ON s.sd_id = v."SD_ID_OID" '
        'UNION SELECT m."STRING_LIST_ID_KID" FROM "SKEWED_COL_VALUE_LOC_MAP" m '
        'JOIN pg_temp.drop_sds s ON s.sd_id = m."SD_ID") RETURNING l."STRING_LIST_ID") '
        "INSERT INTO pg_temp.drop_lists SELECT * FROM d",
        "DELETE FROM catalog.partition_wire w USING pg_temp.drop_parts p WHERE w.part_id = p.part_id",
    ):
        ex(text(sql))
    # children, then the references that must not exist (each statement a fresh snapshot)
    checks = []
    for child, col, parent in refs:
        tmp, key = _PARENTS[parent]
        if child in _OWNED:
            ex(text(f"DELETE FROM {_quoted(child)} c USING {tmp} d WHERE c.{_quoted(col)} = d.{key}"))
        else:
            checks.append((child, col, parent, tmp, key))
    for child, col, parent, tmp, key in checks:
        hit = ex(
            text(
                f"SELECT c.{_quoted(col)} FROM {_quoted(child)} c JOIN {tmp} d ON c.{_quoted(col)} = d.{key} "
                "LIMIT 1"
            )
        ).first()
        if hit is not None:
            raise InvalidObjectError(
                f'cannot drop: "{child}"."{col}" = {hit[0]} still references a row of "{parent}" '
                "that the drop deletes"
            )
    return n
