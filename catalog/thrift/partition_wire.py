"""Partitions rendered in Thrift's binary encoding by PostgreSQL, for the partition listings.

Building a thousand `Partition` objects in Python, converting them to Thrift structs and encoding
them costs three times what the SQL does (see docs/benchmarks.md). On this path PostgreSQL
writes each page of partitions directly as the bytes of Thrift `list<Partition>` elements (TBinaryProtocol:
a field is its type byte and big-endian i16 id, a string its i32 byte length and UTF-8 bytes, a
list its element type and i32 size, a map its key and value types and i32 size, a struct ends
with a 0 byte), and the server copies them to the socket. The bytes are exactly what
`catalog.thrift.convert.partition_to(...).write()` produces for the same rows (asserted in
tests/test_thrift_partition_wire.py): the same fields, the same defaults.

The page is chosen by the store's `Selection` (the same WHERE clauses as every other partition
read): one statement finds the page's ids, one fixed, prepared statement encodes them; the
service pages through it (`stream_partitions(reader=...)`)
so memory stays bounded whatever the table holds.
"""

from __future__ import annotations

import struct

from catalog.errors import StorageError
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

_PARTITION = (
    f"{_field(T_LIST, 1)} || '\\x0b'::bytea || coalesce(kv.enc, {_EMPTY}) || :wire_names "
    f"|| {_field(T_I32, 4)} || int4send(coalesce(p.create_time, 0)::int) "
    f"|| {_field(T_I32, 5)} || int4send(coalesce(p.last_access_time, 0)::int) "
    f"|| {_field(T_STRUCT, 6)} || {_SD} "
    f"|| {_field(T_MAP, 7)} || '\\x0b0b'::bytea || coalesce(pp.enc, {_EMPTY}) "
    f"|| :wire_catalog || {_STOP}"
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

# The page's partition ids, in name order: the only statement whose text depends on the selection.
# It also asks for a generic plan for the rest of the transaction: PostgreSQL would otherwise plan
# the prepared encoding statement afresh for its first five runs on every pooled connection (~4 ms
# each, more than running it for a small page); its plan does not depend on the ids.
_IDS_SQL = """SELECT CAST(array_agg(q.id ORDER BY q.name) AS text), count(*), max(q.name),
       set_config('plan_cache_mode', 'force_generic_plan', true)
  FROM (SELECT p."PART_ID" AS id, p."PART_NAME" AS name {from_clause} ORDER BY p."PART_NAME" {limit}) q"""

# Their encoding: one fixed statement, prepared once per connection, so that its (sizeable) plan is
# not made again for every page. Children are aggregated per owner id, each an index lookup by id
# as in catalog.store.partitions.
_PAGE_SQL = """
WITH p AS MATERIALIZED (
  SELECT u.ord, p."PART_ID" AS part_id, p."PART_NAME" AS part_name, p."CREATE_TIME" AS create_time,
         p."LAST_ACCESS_TIME" AS last_access_time, s."SD_ID" AS sd_id, s."LOCATION" AS location,
         s."INPUT_FORMAT" AS input_format, s."OUTPUT_FORMAT" AS output_format, s."IS_COMPRESSED" AS compressed,
         s."NUM_BUCKETS" AS num_buckets, s."IS_STOREDASSUBDIRECTORIES" AS subdirs, s."CD_ID" AS cd_id,
         s."SERDE_ID" AS serde_id, se."NAME" AS se_name, se."SLIB" AS se_lib, se."DESCRIPTION" AS se_desc,
         se."SERIALIZER_CLASS" AS se_ser, se."DESERIALIZER_CLASS" AS se_deser, se."SERDE_TYPE" AS se_type
    FROM unnest(CAST(:ids AS bigint[])) WITH ORDINALITY AS u(id, ord)
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
SELECT count(*), string_agg({partition}, ''::bytea ORDER BY p.ord)
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


def _string_field(fid: int, value: str) -> bytes:
    b = value.encode("utf-8")
    return struct.pack(">bhi", T_STRING, fid, len(b)) + b


class EncodedPage:
    """`count` partitions as the concatenated bytes of Thrift `Partition` structs."""

    __slots__ = ("count", "data", "last_name")

    def __init__(self, count: int, data: bytes, last_name: str | None):
        self.count, self.data, self.last_name = count, data, last_name


def read_page(
    conn, t: TableRow, sel: Selection, limit: int | None = None, after: str | None = None
) -> EncodedPage:
    """One page of the selection, ordered by partition name, after `after` (keyset paging)."""
    if _server_encoding(conn) != "UTF8":
        # textsend() gives the server encoding's bytes; Thrift strings are UTF-8.
        return object_page(conn, t, sel, limit, after)
    sel, params, lim = page_of(sel, t.tbl_id, limit, after)
    ((ids, count, last, _),) = raw.fetchall(
        conn, _IDS_SQL.format(from_clause=sel.from_clause(), limit=lim), params
    )
    if not count:
        return EncodedPage(0, b"", None)
    tb = t.table
    names = _string_field(2, tb.db_name) + _string_field(3, tb.table_name)
    catalog = _string_field(9, tb.catalog_name) if tb.catalog_name is not None else b""
    ((n, data),) = raw.fetchall(
        conn, _PAGE_SQL, {"ids": ids, "wire_names": names, "wire_catalog": catalog}, prepare=True
    )
    if n != count:  # a partition dropped between the statements (only outside a snapshot)
        raise StorageError(
            "the partitions changed while they were being read; retry the call", retryable=True
        )
    return EncodedPage(count, bytes(data), last)


def _server_encoding(conn) -> str:
    return conn.connection.driver_connection.info.parameter_status("server_encoding") or ""


def object_page(
    conn, t: TableRow, sel: Selection, limit: int | None = None, after: str | None = None
) -> EncodedPage:
    """The same page built the long way (store rows -> domain -> Thrift objects -> encoder): for a
    database whose encoding is not UTF-8."""
    from thrift.protocol.TBinaryProtocol import TBinaryProtocolAccelerated
    from thrift.transport.TTransport import TMemoryBuffer

    from catalog.store.partitions import select_partitions
    from catalog.thrift import convert as cv

    rows = select_partitions(conn, t, sel, limit, after=after)
    buf = TMemoryBuffer()
    prot = TBinaryProtocolAccelerated(buf)
    memo: dict = {}
    for r in rows:
        cv.partition_to(r.partition, memo).write(prot)
    return EncodedPage(len(rows), buf.getvalue(), rows[-1].name if rows else None)


__all__ = ["EncodedPage", "object_page", "read_page"]
