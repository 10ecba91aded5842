"""Partitions kept in Thrift's binary encoding, for the partition listings.

Every partition's Thrift `Partition` struct (TBinaryProtocol: a field is its type byte and
big-endian i16 id, a string its i32 byte length and UTF-8 bytes, a list its element type and i32
size, a map its key and value types and i32 size, a struct ends with a 0 byte) is kept in
`catalog.partition_wire`, without the fields that name its table (db, table, catalog: a rename
must not rewrite a million rows) and without its closing stop byte. A listing reads the page's
rows in name order and appends those fields and the stop byte: the per-request cost is a join and
the bytes returned, whatever Hive's normalised child rows hold.

The rows are derived data, maintained by PostgreSQL triggers on every Hive table they derive from
(`TRIGGERS`, installed by migration 0006), in the statement and transaction that changes the base
rows, whoever writes them: this service, or a Java metastore sharing the database. A snapshot that
sees a partition's rows sees its encoding of those rows; no replica can read a stale encoding.

The encoding (`catalog.partition_wire_encode(ids)`, `ENCODE_FUNCTION`) decodes to exactly what
`catalog.thrift.convert.partition_to(...)` gives for the same rows (tests/test_thrift_partition_wire.py):
the same fields and defaults, an empty SkewedInfo. Changing it needs a migration that replaces the
function and rebuilds the rows (`REBUILD`).
"""

from __future__ import annotations

import struct
from collections.abc import Iterator

from sqlalchemy import Connection

from catalog.store import raw
from catalog.store.partitions import Selection, page_of
from catalog.store.tables import TableRow

T_BOOL, T_I32, T_STRING, T_STRUCT, T_MAP, T_LIST = 2, 8, 11, 12, 13, 15


def _field(ttype: int, fid: int) -> str:
    """The SQL bytea literal of a field header."""
    return f"'\\x{ttype:02x}{fid:04x}'::bytea"


def _str(expr: str) -> str:
    return f"int4send(octet_length({expr})) || textsend({expr})"


def _opt_str(fid: int, expr: str) -> str:
    """An optional string field: absent when NULL (as the Python encoder skips None)."""
    return f"CASE WHEN {expr} IS NULL THEN ''::bytea ELSE {_field(T_STRING, fid)} || {_str(expr)} END"


def _bool(fid: int, expr: str) -> str:
    return f"{_field(T_BOOL, fid)} || CASE WHEN {expr} THEN '\\x01'::bytea ELSE '\\x00'::bytea END"


_EMPTY = "int4send(0)"
_STOP = "'\\x00'::bytea"
# SkewedInfo: list<string> names, list<list<string>> values, map<list<string>,string> locations;
# empty collections for a descriptor without skew rows (the CTEs sn, sv, sl find none).
_SKEW = (
    f"{_field(T_STRUCT, 11)} || '\\x0f0001'::bytea || '\\x0b'::bytea || coalesce(sn.enc, {_EMPTY}) "
    f"|| '\\x0f0002'::bytea || '\\x0f'::bytea || coalesce(sv.enc, {_EMPTY}) "
    f"|| '\\x0d0003'::bytea || '\\x0f0b'::bytea || coalesce(sl.enc, {_EMPTY}) || {_STOP}"
)


def _kv(key: str, value: str) -> str:
    return _str(key) + " || " + _str("coalesce(" + value + ", '')")


_SERDE = (
    f"{_opt_str(1, 'p.se_name')} || {_opt_str(2, 'p.se_lib')} || {_field(T_MAP, 3)} || '\\x0b0b'::bytea "
    f"|| coalesce(ep.enc, {_EMPTY}) || {_opt_str(4, 'p.se_desc')} || {_opt_str(5, 'p.se_ser')} "
    f"|| {_opt_str(6, 'p.se_deser')} "
    f"|| CASE WHEN p.se_type IS NULL THEN ''::bytea ELSE {_field(T_I32, 7)} || int4send(p.se_type) END "
    f"|| {_STOP}"
)

_SD = (
    f"{_field(T_LIST, 1)} || '\\x0c'::bytea || coalesce(cols.enc, {_EMPTY}) "
    f"|| {_opt_str(2, 'p.location')} || {_opt_str(3, 'p.input_format')} || {_opt_str(4, 'p.output_format')} "
    f"|| {_bool(5, 'coalesce(p.compressed, false)')} "
    f"|| {_field(T_I32, 6)} || int4send(coalesce(p.num_buckets, -1)::int) "
    f"|| {_field(T_STRUCT, 7)} || {_SERDE} "
    f"|| {_field(T_LIST, 8)} || '\\x0b'::bytea || coalesce(bc.enc, {_EMPTY}) "
    f"|| {_field(T_LIST, 9)} || '\\x0c'::bytea || coalesce(sc.enc, {_EMPTY}) "
    f"|| {_field(T_MAP, 10)} || '\\x0b0b'::bytea || coalesce(sp.enc, {_EMPTY}) "
    f"|| {_SKEW} || {_bool(12, 'coalesce(p.subdirs, false)')} || {_STOP}"
)

# Fields 1 (values), 4, 5, 6 (sd) and 7 (parameters); a listing appends 2, 3, 9 and the stop byte.
_PARTITION = (
    f"{_field(T_LIST, 1)} || '\\x0b'::bytea || coalesce(kv.enc, {_EMPTY}) "
    f"|| {_field(T_I32, 4)} || int4send(coalesce(p.create_time, 0)::int) "
    f"|| {_field(T_I32, 5)} || int4send(coalesce(p.last_access_time, 0)::int) "
    f"|| {_field(T_STRUCT, 6)} || {_SD} "
    f"|| {_field(T_MAP, 7)} || '\\x0b0b'::bytea || coalesce(pp.enc, {_EMPTY})"
)


def _agg(expr: str, order: str | None = None) -> str:
    """An encoded collection body: its i32 size, then its elements."""
    return (
        f"int4send(count(*)::int) || string_agg({expr}, ''::bytea"
        + (f" ORDER BY {order}" if order else "")
        + ")"
    )


def _string_list(list_id: str) -> str:
    """The i32 size and strings of the skewed value list `list_id` (a "SKEWED_STRING_LIST")."""
    return (
        "(SELECT int4send(count(*)::int) || coalesce(string_agg("
        + _str("coalesce(l.\"STRING_LIST_VALUE\", '')")
        + ", ''::bytea ORDER BY l.\"INTEGER_IDX\"), ''::bytea) "
        + f'FROM "SKEWED_STRING_LIST_VALUES" l WHERE l."STRING_LIST_ID" = {list_id})'
    )


_KEY_VAL = "coalesce(\"PART_KEY_VAL\", '')"
_COLUMN_NAME = "coalesce(\"COLUMN_NAME\", '')"
_TYPE_NAME = "coalesce(\"TYPE_NAME\", '')"

# The encoding of the partitions `ids`, one row each: the body of catalog.partition_wire_encode.
# Children are aggregated per owner id, each an index lookup by id as in catalog.store.partitions.
_ENCODE_SQL = """
WITH p AS MATERIALIZED (
  SELECT p."PART_ID" AS part_id, p."PART_NAME" AS part_name, p."CREATE_TIME" AS create_time,
         p."LAST_ACCESS_TIME" AS last_access_time, s."SD_ID" AS sd_id, s."LOCATION" AS location,
         s."INPUT_FORMAT" AS input_format, s."OUTPUT_FORMAT" AS output_format, s."IS_COMPRESSED" AS compressed,
         s."NUM_BUCKETS" AS num_buckets, s."IS_STOREDASSUBDIRECTORIES" AS subdirs, s."CD_ID" AS cd_id,
         s."SERDE_ID" AS serde_id, se."NAME" AS se_name, se."SLIB" AS se_lib, se."DESCRIPTION" AS se_desc,
         se."SERIALIZER_CLASS" AS se_ser, se."DESERIALIZER_CLASS" AS se_deser, se."SERDE_TYPE" AS se_type
    FROM unnest(ids) AS u(id)
    JOIN "PARTITIONS" p ON p."PART_ID" = u.id
    LEFT JOIN "SDS" s ON s."SD_ID" = p."SD_ID" LEFT JOIN "SERDES" se ON se."SERDE_ID" = s."SERDE_ID"
), kv AS (
  SELECT "PART_ID" AS id, {kv} AS enc FROM "PARTITION_KEY_VALS"
   WHERE "PART_ID" IN (SELECT part_id FROM p) GROUP BY "PART_ID"
), pp AS (
  SELECT "PART_ID" AS id, {pp} AS enc FROM "PARTITION_PARAMS"
   WHERE "PART_ID" IN (SELECT part_id FROM p) GROUP BY "PART_ID"
), sp AS (
  SELECT "SD_ID" AS id, {sp} AS enc FROM "SD_PARAMS" WHERE "SD_ID" IN (SELECT sd_id FROM p) GROUP BY "SD_ID"
), ep AS (
  SELECT "SERDE_ID" AS id, {ep} AS enc FROM "SERDE_PARAMS"
   WHERE "SERDE_ID" IN (SELECT serde_id FROM p) GROUP BY "SERDE_ID"
), bc AS (
  SELECT "SD_ID" AS id, {bc} AS enc FROM "BUCKETING_COLS"
   WHERE "SD_ID" IN (SELECT sd_id FROM p) GROUP BY "SD_ID"
), sc AS (
  SELECT "SD_ID" AS id, {sc} AS enc FROM "SORT_COLS" WHERE "SD_ID" IN (SELECT sd_id FROM p) GROUP BY "SD_ID"
), cols AS (
  SELECT "CD_ID" AS id, {cols} AS enc FROM "COLUMNS_V2"
   WHERE "CD_ID" IN (SELECT DISTINCT cd_id FROM p) GROUP BY "CD_ID"
), sn AS (
  SELECT "SD_ID" AS id, {sn} AS enc FROM "SKEWED_COL_NAMES"
   WHERE "SD_ID" IN (SELECT sd_id FROM p) GROUP BY "SD_ID"
), sv AS (
  SELECT "SD_ID_OID" AS id, {sv} AS enc FROM "SKEWED_VALUES"
   WHERE "SD_ID_OID" IN (SELECT sd_id FROM p) GROUP BY "SD_ID_OID"
), sl AS (
  SELECT "SD_ID" AS id, {sl} AS enc FROM "SKEWED_COL_VALUE_LOC_MAP"
   WHERE "SD_ID" IN (SELECT sd_id FROM p) GROUP BY "SD_ID"
)
SELECT p.part_id, {partition}
  FROM p LEFT JOIN kv ON kv.id = p.part_id LEFT JOIN pp ON pp.id = p.part_id LEFT JOIN sp ON sp.id = p.sd_id
  LEFT JOIN ep ON ep.id = p.serde_id LEFT JOIN bc ON bc.id = p.sd_id LEFT JOIN sc ON sc.id = p.sd_id
  LEFT JOIN cols ON cols.id = p.cd_id LEFT JOIN sn ON sn.id = p.sd_id LEFT JOIN sv ON sv.id = p.sd_id
  LEFT JOIN sl ON sl.id = p.sd_id
""".format(
    kv=_agg(_str(_KEY_VAL), '"INTEGER_IDX"'),
    pp=_agg(_kv('"PARAM_KEY"', '"PARAM_VALUE"')),
    sp=_agg(_kv('"PARAM_KEY"', '"PARAM_VALUE"')),
    ep=_agg(_kv('"PARAM_KEY"', '"PARAM_VALUE"')),
    bc=_agg(_str('"BUCKET_COL_NAME"'), '"INTEGER_IDX"'),
    sc=_agg(
        _field(T_STRING, 1)
        + " || "
        + _str(_COLUMN_NAME)
        + " || "
        + _field(T_I32, 2)
        + ' || int4send("ORDER"::int) || '
        + _STOP,
        '"INTEGER_IDX"',
    ),
    cols=_agg(
        _field(T_STRING, 1)
        + " || "
        + _str(_COLUMN_NAME)
        + " || "
        + _field(T_STRING, 2)
        + " || "
        + _str(_TYPE_NAME)
        + " || "
        + _opt_str(3, '"COMMENT"')
        + " || "
        + _STOP,
        '"INTEGER_IDX"',
    ),
    sn=_agg(_str("coalesce(\"SKEWED_COL_NAME\", '')"), '"INTEGER_IDX"'),
    sv=_agg("'\\x0b'::bytea || " + _string_list('"STRING_LIST_ID_EID"'), '"INTEGER_IDX"'),
    sl=_agg(
        "'\\x0b'::bytea || "
        + _string_list('"STRING_LIST_ID_KID"')
        + " || "
        + _str("coalesce(\"LOCATION\", '')"),
        '"STRING_LIST_ID_KID"',
    ),
    partition=_PARTITION,
)


ENCODE_FUNCTION = f"""
CREATE OR REPLACE FUNCTION catalog.partition_wire_encode(ids bigint[])
RETURNS TABLE (part_id bigint, enc bytea) LANGUAGE sql STABLE AS $fn$
{_ENCODE_SQL}
$fn$"""

# Re-encode the partitions `ids` (those still there). The partitions' rows are locked first, so
# that two transactions changing different rows of one partition encode one after the other: a
# PL/pgSQL statement takes a fresh snapshot (READ COMMITTED), so the second one's encoding sees
# the first one's committed change. `only_cached`: skip partitions without a row (a drop in
# progress deleted it first).
REFRESH_FUNCTION = """
CREATE OR REPLACE FUNCTION catalog.partition_wire_refresh(ids bigint[], only_cached boolean)
RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  IF only_cached THEN
    ids := ARRAY(SELECT w.part_id FROM catalog.partition_wire w WHERE w.part_id = ANY(ids));
  END IF;
  IF cardinality(ids) = 0 THEN
    RETURN;
  END IF;
  PERFORM 1 FROM "PARTITIONS" WHERE "PART_ID" = ANY(ids) ORDER BY "PART_ID" FOR NO KEY UPDATE;
  INSERT INTO catalog.partition_wire (part_id, enc)
  SELECT e.part_id, e.enc FROM catalog.partition_wire_encode(ids) e
  ON CONFLICT (part_id) DO UPDATE SET enc = EXCLUDED.enc;
END
$fn$"""

_BY_SD = 'SELECT p."PART_ID" FROM "PARTITIONS" p WHERE p."SD_ID" IN ({keys})'
_BY_SERDE = (
    'SELECT p."PART_ID" FROM "PARTITIONS" p JOIN "SDS" s ON s."SD_ID" = p."SD_ID" '
    'WHERE s."SERDE_ID" IN ({keys})'
)
_BY_CD = (
    'SELECT p."PART_ID" FROM "PARTITIONS" p JOIN "SDS" s ON s."SD_ID" = p."SD_ID" WHERE s."CD_ID" IN ({keys})'
)
_BY_LIST = (
    'SELECT p."PART_ID" FROM "PARTITIONS" p WHERE p."SD_ID" IN ('
    'SELECT "SD_ID_OID" FROM "SKEWED_VALUES" WHERE "STRING_LIST_ID_EID" IN ({keys}) UNION '
    'SELECT "SD_ID" FROM "SKEWED_COL_VALUE_LOC_MAP" WHERE "STRING_LIST_ID_KID" IN ({keys}))'
)
_SELF = "SELECT DISTINCT k FROM ({keys}) x(k)"

# Every Hive table an encoding derives from: (table, key column, its partitions, events). A new
# SDS / SERDES row cannot be referenced yet, a deleted one no longer is (foreign keys).
DERIVED_FROM: list[tuple[str, str, str, tuple[str, ...]]] = [
    ("PARTITION_KEY_VALS", "PART_ID", _SELF, ("INSERT", "UPDATE", "DELETE")),
    ("PARTITION_PARAMS", "PART_ID", _SELF, ("INSERT", "UPDATE", "DELETE")),
    ("SDS", "SD_ID", _BY_SD, ("UPDATE",)),
    ("SD_PARAMS", "SD_ID", _BY_SD, ("INSERT", "UPDATE", "DELETE")),
    ("BUCKETING_COLS", "SD_ID", _BY_SD, ("INSERT", "UPDATE", "DELETE")),
    ("SORT_COLS", "SD_ID", _BY_SD, ("INSERT", "UPDATE", "DELETE")),
    ("SKEWED_COL_NAMES", "SD_ID", _BY_SD, ("INSERT", "UPDATE", "DELETE")),
    ("SKEWED_VALUES", "SD_ID_OID", _BY_SD, ("INSERT", "UPDATE", "DELETE")),
    ("SKEWED_COL_VALUE_LOC_MAP", "SD_ID", _BY_SD, ("INSERT", "UPDATE", "DELETE")),
    ("SKEWED_STRING_LIST_VALUES", "STRING_LIST_ID", _BY_LIST, ("INSERT", "UPDATE", "DELETE")),
    ("SERDES", "SERDE_ID", _BY_SERDE, ("UPDATE",)),
    ("SERDE_PARAMS", "SERDE_ID", _BY_SERDE, ("INSERT", "UPDATE", "DELETE")),
    ("COLUMNS_V2", "CD_ID", _BY_CD, ("INSERT", "UPDATE", "DELETE")),
]

_REFERENCING = {
    "INSERT": "REFERENCING NEW TABLE AS n",
    "UPDATE": "REFERENCING OLD TABLE AS o NEW TABLE AS n",
    "DELETE": "REFERENCING OLD TABLE AS o",
}


def _trigger_function(table: str, key: str, parts: str) -> str:
    fn = f"catalog.partition_wire_{table.lower()}"
    sets = {
        "INSERT": f'SELECT "{key}" FROM n',
        "UPDATE": f'SELECT "{key}" FROM n UNION SELECT "{key}" FROM o',
        "DELETE": f'SELECT "{key}" FROM o',
    }
    branch = "\n".join(
        f"  {'IF' if i == 0 else 'ELSIF'} TG_OP = '{op}' THEN\n"
        f"    ids := ARRAY({parts.format(keys=sets[op])});"
        for i, op in enumerate(("INSERT", "UPDATE", "DELETE"))
    )
    return f"""
CREATE OR REPLACE FUNCTION {fn}() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE ids bigint[];
BEGIN
{branch}
  END IF;
  PERFORM catalog.partition_wire_refresh(ids, TG_OP = 'DELETE');
  RETURN NULL;
END
$fn$"""


# A new partition is encoded when its key values are inserted (every writer inserts them right
# after the partition, in its transaction; encoding it twice would double the work of an add). Until
# then a listing in that transaction finds no encoding and encodes the page on the fly.
_PARTITIONS_FUNCTION = """
CREATE OR REPLACE FUNCTION catalog.partition_wire_partitions() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM catalog.partition_wire w USING o WHERE w.part_id = o."PART_ID";
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM catalog.partition_wire_refresh(ARRAY(SELECT "PART_ID" FROM n), false);
  END IF;
  RETURN NULL;
END
$fn$"""


def _triggers(table: str, fn: str, events: tuple[str, ...]) -> list[str]:
    return [
        f'CREATE TRIGGER partition_wire_{ev.lower()} AFTER {ev} ON "{table}" {_REFERENCING[ev]} '
        f"FOR EACH STATEMENT EXECUTE FUNCTION {fn}()"
        for ev in events
    ]


def install_statements() -> list[str]:
    """The functions and statement-level triggers that keep catalog.partition_wire (migration 0006)."""
    out = [ENCODE_FUNCTION, REFRESH_FUNCTION, _PARTITIONS_FUNCTION]
    out += _triggers("PARTITIONS", "catalog.partition_wire_partitions", ("UPDATE", "DELETE"))
    for table, key, parts, events in DERIVED_FROM:
        out.append(_trigger_function(table, key, parts))
        out += _triggers(table, f"catalog.partition_wire_{table.lower()}", events)
    return out


def uninstall_statements() -> list[str]:
    out = [f'DROP TRIGGER IF EXISTS partition_wire_{ev.lower()} ON "PARTITIONS"' for ev in _REFERENCING]
    for table, _key, _parts, events in DERIVED_FROM:
        out += [f'DROP TRIGGER IF EXISTS partition_wire_{ev.lower()} ON "{table}"' for ev in events]
        out.append(f"DROP FUNCTION IF EXISTS catalog.partition_wire_{table.lower()}()")
    out += [
        "DROP FUNCTION IF EXISTS catalog.partition_wire_partitions()",
        "DROP FUNCTION IF EXISTS catalog.partition_wire_refresh(bigint[], boolean)",
        "DROP FUNCTION IF EXISTS catalog.partition_wire_encode(bigint[])",
    ]
    return out


# Encode every partition, a batch at a time (a migration on a large metastore).
REBUILD = """
DO $do$
DECLARE last bigint := -1; ids bigint[];
BEGIN
  LOOP
    ids := ARRAY(SELECT "PART_ID" FROM "PARTITIONS" WHERE "PART_ID" > last ORDER BY "PART_ID" LIMIT 10000);
    EXIT WHEN cardinality(ids) = 0;
    INSERT INTO catalog.partition_wire (part_id, enc)
    SELECT e.part_id, e.enc FROM catalog.partition_wire_encode(ids) e
    ON CONFLICT (part_id) DO UPDATE SET enc = EXCLUDED.enc;
    last := ids[cardinality(ids)];
  END LOOP;
END
$do$"""


class EncodedPage:
    """`count` partitions as the concatenated bytes of Thrift `Partition` structs."""

    __slots__ = ("count", "data", "last_name")

    def __init__(self, count: int, data: bytes, last_name: str | None):
        self.count, self.data, self.last_name = count, data, last_name


# One page: the selection's partitions in name order joined to their encodings, the fields that
# name the table and the stop byte appended to each. The only statement whose text depends on the
# selection; cheap to plan (a join on primary keys).
_PAGE_SQL = """SELECT count(*), count(w.part_id), max(q.name),
       string_agg(w.enc || CAST(:tail AS bytea), ''::bytea ORDER BY q.name)
  FROM (SELECT p."PART_ID" AS id, p."PART_NAME" AS name {from_clause} ORDER BY p."PART_NAME" {limit}) q
  LEFT JOIN catalog.partition_wire w ON w.part_id = q.id"""

# A page whose encodings are missing (only while migration 0006 has not run its rebuild, or after
# someone deleted rows by hand): encoded on the fly, same bytes.
_ENCODE_PAGE_SQL = """SELECT string_agg(e.enc || CAST(:tail AS bytea), ''::bytea ORDER BY u.ord)
  FROM unnest(CAST(:ids AS bigint[])) WITH ORDINALITY AS u(id, ord)
  JOIN catalog.partition_wire_encode(CAST(:ids AS bigint[])) e ON e.part_id = u.id"""

_IDS_SQL = """SELECT CAST(array_agg(q.id ORDER BY q.name) AS text)
  FROM (SELECT p."PART_ID" AS id, p."PART_NAME" AS name {from_clause} ORDER BY p."PART_NAME" {limit}) q"""


# A streamed listing's statements. The selection's partitions in name order, one row each: (NULL,
# name, encoding), written to the client chunk by chunk as PostgreSQL produces them (a scalar
# subquery per row: no sort or hash of the encodings, the first rows leave at once). A missing
# encoding is computed on the fly. The first statement starts with the listing's count (a list's
# size precedes its elements) in a row of its own, (count, NULL, NULL): from its own page when the
# selection fits it, else one count of the selection (capped by max_parts); later statements
# continue after the last name. (A UNION ALL without parallel workers, which a CTE rules out,
# returns its branches in order.)
_ENCODING = """coalesce((SELECT w.enc FROM catalog.partition_wire w WHERE w.part_id = sel.id),
                (SELECT e.enc FROM catalog.partition_wire_encode(ARRAY(SELECT sel.id)) e))"""

_FIRST_SQL = """WITH sel AS MATERIALIZED (
  SELECT p."PART_ID" AS id, p."PART_NAME" AS name {from_clause} ORDER BY p."PART_NAME" LIMIT :page1
), cnt AS MATERIALIZED (
  SELECT CASE WHEN {valid} THEN {count} END AS n
    FROM (SELECT count(*) AS n FROM sel) x
)
SELECT n, NULL, NULL FROM cnt
UNION ALL
(SELECT NULL, sel.name, {encoding} FROM sel ORDER BY sel.name LIMIT {limit})"""

_COUNT = "CASE WHEN n <= :page THEN n ELSE (SELECT count(*) FROM (SELECT 1 {from_clause} LIMIT :cap) c) END"

# The table the statement was built for is still the one the caller read (same id, names and
# partition keys), checked in the statement's own snapshot (see stream_listing(alone=True)).
_SAME_TABLE = """EXISTS (SELECT 1 FROM "TBLS" t JOIN "DBS" d ON d."DB_ID" = t."DB_ID"
   WHERE t."TBL_ID" = :tbl_id AND t."TBL_NAME" = :tbl_name AND d."NAME" = :db_name
     AND d."CTLG_NAME" IS NOT DISTINCT FROM :cat_name
     AND (SELECT coalesce(string_agg(k."PKEY_NAME" || ' ' || k."PKEY_TYPE", ',' ORDER BY k."INTEGER_IDX"), '')
            FROM "PARTITION_KEYS" k WHERE k."TBL_ID" = t."TBL_ID") = :keys)"""

_NEXT_SQL = """SELECT NULL, sel.name, {encoding}
  FROM (SELECT p."PART_ID" AS id, p."PART_NAME" AS name {from_clause} ORDER BY p."PART_NAME" LIMIT :page) sel
 ORDER BY sel.name"""


# Partitions per chunk written to the client: the first goes out once PostgreSQL has produced it.
CHUNK = 100


def _drain(chunks: Iterator[list[tuple]]) -> None:
    for _ in chunks:  # only the statement's end is left (its LIMIT): no cancel needed
        pass


def stream_listing(
    conn: Connection,
    t: TableRow,
    sel: Selection,
    cap: int | None,
    page: int = 1000,
    chunk: int = CHUNK,
    alone: bool = False,
) -> tuple[int, Iterator[EncodedPage]] | None:
    """(count, pages): the selection's partitions in name order, at most `cap`, as pages of at most
    `chunk` partitions, each sent by PostgreSQL as soon as it has produced it; one statement per
    `page` partitions (the caller's snapshot keeps them consistent). The first chunk is read here:
    errors are raised before anything is returned.

    `alone`: `t` was read earlier, outside any snapshot, and the listing is one statement (no
    transaction needed): None, after one small row, if `t` is no longer that table (or its partition
    keys changed) or the listing needs more than one statement; the caller then reads the table
    again and lists in a snapshot."""
    tail = _tail(t)
    first_page = page if cap is None else min(page, cap)
    s, params, _ = page_of(sel, t.tbl_id, None, None)
    params.update(page=first_page, page1=first_page + 1, cap=cap)
    if alone:
        tb = t.table
        params.update(
            tbl_name=tb.table_name,
            db_name=tb.db_name,
            cat_name=tb.catalog_name,
            keys=",".join(f"{k.name} {k.type}" for k in tb.partition_keys),
        )
        valid, limit = _SAME_TABLE, "CASE WHEN (SELECT n FROM cnt) <= :page THEN :page ELSE 0 END"
    else:
        valid, limit = "true", ":page"
    count_sql = "n"  # the selection fits the page (a list of names no longer than it): no second count
    if sel.most is None or sel.most > first_page:
        count_sql = _COUNT.format(from_clause=s.from_clause())
    sql = _FIRST_SQL.format(
        from_clause=s.from_clause(), encoding=_ENCODING, valid=valid, limit=limit, count=count_sql
    )
    rows = raw.stream_chunks(conn, sql, params, chunk)
    head = next(rows)
    count, name, _ = head[0]
    if name is not None:
        raise RuntimeError("the listing's count did not come first")
    if count is None or (alone and count > first_page):
        _drain(rows)
        return None

    def pages() -> Iterator[EncodedPage]:
        done, last, chunks = 0, None, rows
        pending: list[tuple] | None = head[1:]
        while done < count:
            if not pending:
                pending = next(chunks, None)
            if pending is None:  # this statement's page is done: the next one after `last`
                s, params, _ = page_of(sel, t.tbl_id, None, last)
                params["page"] = min(page, count - done)
                nxt = _NEXT_SQL.format(from_clause=s.from_clause(), encoding=_ENCODING)
                chunks = raw.stream_chunks(conn, nxt, params, chunk)
                pending = next(chunks, None)
                if pending is None:
                    return  # fewer than announced: the caller fails the reply
            n = min(len(pending), count - done)
            last = pending[n - 1][1]
            yield EncodedPage(n, tail.join(r[2] for r in pending[:n]) + tail, last)
            done, pending = done + n, []
        _drain(chunks)

    return count, pages()


def _string_field(fid: int, value: str) -> bytes:
    b = value.encode("utf-8")
    return struct.pack(">bhi", T_STRING, fid, len(b)) + b


def _tail(t: TableRow) -> bytes:
    """Fields 2 (db), 3 (table), 9 (catalog) and the stop byte of every partition of the table."""
    tb = t.table
    cat = _string_field(9, tb.catalog_name) if tb.catalog_name is not None else b""
    return _string_field(2, tb.db_name) + _string_field(3, tb.table_name) + cat + b"\x00"


def read_page(
    conn: Connection, t: TableRow, sel: Selection, limit: int | None = None, after: str | None = None
) -> EncodedPage:
    """One page of the selection, ordered by partition name, after `after` (keyset paging): one
    statement, whose cost is the page's bytes."""
    sel, params, lim = page_of(sel, t.tbl_id, limit, after)
    params["tail"] = _tail(t)
    clause = sel.from_clause()
    ((count, cached, last, data),) = raw.fetchall(
        conn, _PAGE_SQL.format(from_clause=clause, limit=lim), params
    )
    if not count:
        return EncodedPage(0, b"", None)
    if cached != count:
        ((ids,),) = raw.fetchall(conn, _IDS_SQL.format(from_clause=clause, limit=lim), params)
        ((data,),) = raw.fetchall(conn, _ENCODE_PAGE_SQL, {"ids": ids, "tail": params["tail"]})
    return EncodedPage(count, bytes(data), last)


__all__ = ["EncodedPage", "install_statements", "read_page", "stream_listing", "uninstall_statements"]
