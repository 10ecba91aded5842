"""Hive's notification messages: the TJSON of each catalog object is what Thrift's own TJSONProtocol
writes for the struct the Thrift door sends for it, and decodes back to that struct; each message
is JSON with the fields of Hive's JSON*Message class."""

from __future__ import annotations

import json

import pytest
from thrift.protocol.TJSONProtocol import TJSONProtocolFactory
from thrift.TSerialization import deserialize, serialize

from catalog.constraints import Constraint
from catalog.domain import model as m
from catalog.events import tjson
from catalog.events.messages import EVENT_TYPES, MESSAGE_FORMAT, MessageBuilder, Origin
from catalog.thrift import convert as cv
from catalog.thrift_gen.hive_metastore import ttypes as tt

PROTO = TJSONProtocolFactory()
# awkward text: quotes, backslashes, the escapes TJSONProtocol shortens, non-ASCII, an emoji
AWKWARD = 'a "quoted" \\ back\tslash\nnew line \u00e9t\u00e9 \u4e2d\u6587 \U0001f600 /slash'


def _sd(i: int = 0) -> m.StorageDescriptor:
    return m.StorageDescriptor(
        cols=[m.FieldSchema("id", "int", None), m.FieldSchema("name", "string", AWKWARD)],
        location=f"file:/wh/db.db/t/dt={i}",
        input_format="org.apache.hadoop.mapred.TextInputFormat",
        output_format="org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
        compressed=False,
        num_buckets=4,
        serde=m.SerDeInfo(
            name="s",
            serialization_lib="org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe",
            parameters={"field.delim": "\t", "serialization.format": "1"},
        ),
        bucket_cols=["id"],
        sort_cols=[m.Order("id", 1), m.Order("name", 0)],
        parameters={"k": AWKWARD},
    )


SKEWED_SD = m.StorageDescriptor(
    cols=[m.FieldSchema("k", "string")],
    skewed_info=m.SkewedInfo(
        col_names=["k", "j"],
        col_values=[["a", "1"], ["b", "2"]],
        location_maps={("a", "1"): "file:/wh/t/k=a/j=1"},
    ),
)
TABLE = m.Table(
    db_name="sales",
    table_name="orders",
    owner="alice",
    create_time=1_700_000_000,
    sd=_sd(),
    partition_keys=[m.FieldSchema("dt", "string", "day")],
    parameters={"EXTERNAL": "TRUE", "comment": AWKWARD},
    table_type="EXTERNAL_TABLE",
    catalog_name="hive",
)
VIEW = m.Table(
    db_name="sales",
    table_name="v",
    owner=None,
    sd=m.StorageDescriptor(),
    view_original_text="select 1",
    view_expanded_text="select 1",
    table_type="VIRTUAL_VIEW",
    owner_type="ROLE",
)
PARTITION = m.Partition("sales", "orders", ["2024-01-01"], 1_700_000_001, 0, _sd(1), {"p": AWKWARD})
DATABASE = m.Database("sales", AWKWARD, "file:/wh/sales.db", {"owner": "x"}, "bob", "USER", "hive")
BARE_DATABASE = m.Database("d", catalog_name="other")
FUNCTION = m.Function(
    "f", "sales", "com.example.F", "bob", "USER", 1_700_000_002, 1, [m.ResourceUri(1, "file:/a.jar")]
)
CATALOG = m.Catalog("spark", AWKWARD, "file:/wh/spark")

_STATS = [
    m.ColumnStats("b", "boolean", "boolean", num_nulls=1, num_trues=5, num_falses=6),
    m.ColumnStats("l", "bigint", "long", num_nulls=0, num_dvs=9, low=-5, high=2**40, bit_vectors=b"\x00\xff"),
    m.ColumnStats("d", "double", "double", num_nulls=2, num_dvs=3, low=-1.5, high=1e300),
    m.ColumnStats("s", "string", "string", num_nulls=0, num_dvs=7, max_col_len=12, avg_col_len=3.25),
    m.ColumnStats("y", "binary", "binary", num_nulls=0, max_col_len=100, avg_col_len=0.1),
    m.ColumnStats("c", "decimal(10,2)", "decimal", num_nulls=0, num_dvs=2, low="-123.45", high="99999999.99"),
    m.ColumnStats("t", "date", "date", num_nulls=0, num_dvs=2, low=19000, high=19999),
    m.ColumnStats("e", "double", "double", num_nulls=0, num_dvs=0),
]
STATS = m.TableColumnStats("sales", "orders", _STATS, None, 1_700_000_003, "hive")
PART_STATS = m.TableColumnStats("sales", "orders", _STATS[:2], "dt=2024-01-01", 1_700_000_004, "hive")

CASES = [
    ("table", TABLE, tjson.table, cv.table_to, tt.Table),
    ("view", VIEW, tjson.table, cv.table_to, tt.Table),
    ("partition", PARTITION, tjson.partition, cv.partition_to, tt.Partition),
    (
        "skewed partition",
        m.Partition("d", "t", ["x"], sd=SKEWED_SD),
        tjson.partition,
        cv.partition_to,
        tt.Partition,
    ),
    ("database", DATABASE, tjson.database, cv.database_to, tt.Database),
    ("bare database", BARE_DATABASE, tjson.database, cv.database_to, tt.Database),
    ("function", FUNCTION, tjson.function, cv.function_to, tt.Function),
    (
        "catalog",
        CATALOG,
        tjson.catalog,
        lambda c: tt.Catalog(name=c.name, description=c.description, locationUri=c.location_uri),
        tt.Catalog,
    ),
    ("table statistics", STATS, tjson.column_statistics, cv.table_column_stats_to, tt.ColumnStatistics),
    (
        "partition statistics",
        PART_STATS,
        tjson.column_statistics,
        cv.table_column_stats_to,
        tt.ColumnStatistics,
    ),
]


@pytest.mark.parametrize("name,obj,encode,to_thrift,cls", CASES, ids=[c[0] for c in CASES])
def test_tjson_is_what_thrift_writes_and_reads(name, obj, encode, to_thrift, cls):
    text = encode(obj)
    assert text == serialize(to_thrift(obj), PROTO).decode("utf-8")
    decoded = deserialize(cls(), text.encode("utf-8"), PROTO)
    assert decoded == to_thrift(obj)


def test_control_characters_are_escaped_as_java_does_and_decode():
    p = m.Partition("d", "t", ["a\x01b\x1f"], sd=m.StorageDescriptor(), catalog_name="hive")
    text = tjson.partition(p)
    assert "\\u0001" in text and "\\u001f" in text and "\x01" not in text
    assert deserialize(tt.Partition(), text.encode(), PROTO).values == ["a\x01b\x1f"]


def test_a_column_list_repeated_by_many_partitions_is_encoded_once_per_message():
    memo: dict = {}
    a, b = PARTITION, m.Partition("sales", "orders", ["2024-01-02"], sd=_sd(2))
    assert tjson.partition(a, memo) == tjson.partition(a)
    assert tjson.partition(b, memo) == tjson.partition(b)
    assert len([k for k in memo if k[:1] != ("sd",)]) == 1  # one column list (and descriptor templates)


def _body(event) -> dict:
    assert event.message_format == MESSAGE_FORMAT == "json-0.2"
    return json.loads(event.message)


def _obj(text: str, cls):
    return deserialize(cls(), text.encode("utf-8"), PROTO)


B = MessageBuilder(Origin(server="thrift://meta:9083", principal=""))


def test_create_and_drop_table_messages():
    e = B.create_table(TABLE)
    body = _body(e)
    assert (e.event_type, e.catalog, e.db, e.table) == ("CREATE_TABLE", "hive", "sales", "orders")
    assert body["server"] == "thrift://meta:9083" and body["servicePrincipal"] == ""
    assert (body["db"], body["table"], body["tableType"], body["files"]) == (
        "sales",
        "orders",
        "EXTERNAL_TABLE",
        [],
    )
    assert isinstance(body["timestamp"], int)
    assert _obj(body["tableObjJson"], tt.Table) == cv.table_to(TABLE)
    e = B.drop_table(TABLE)
    assert e.event_type == "DROP_TABLE" and _obj(_body(e)["tableObjJson"], tt.Table) == cv.table_to(TABLE)


def test_alter_table_message_carries_both_tables_under_the_old_name():
    after = m.Table(**{**TABLE.__dict__, "table_name": "orders2"})
    e = B.alter_table(TABLE, after)
    body = _body(e)
    assert (e.event_type, e.table, body["table"], body["isTruncateOp"]) == (
        "ALTER_TABLE",
        "orders",
        "orders",
        "false",
    )
    assert _obj(body["tableObjBeforeJson"], tt.Table).tableName == "orders"
    assert _obj(body["tableObjAfterJson"], tt.Table).tableName == "orders2"
    assert _body(B.alter_table(TABLE, TABLE, truncate=True))["isTruncateOp"] == "true"


def test_partition_messages_one_per_batch():
    ps = [m.Partition("sales", "orders", [f"2024-01-0{i}"], sd=_sd(i)) for i in range(1, 4)]
    body = _body(B.add_partitions(TABLE, ps))
    assert body["partitions"] == [{"dt": "2024-01-01"}, {"dt": "2024-01-02"}, {"dt": "2024-01-03"}]
    assert [_obj(x, tt.Partition) for x in body["partitionListJson"]] == [cv.partition_to(p) for p in ps]
    assert body["partitionFiles"] == []
    body = _body(B.drop_partitions(TABLE, [p.values for p in ps]))
    assert body["partitions"] == [{"dt": "2024-01-01"}, {"dt": "2024-01-02"}, {"dt": "2024-01-03"}]
    e = B.alter_partitions(TABLE, ps)
    assert e.event_type == "ALTER_PARTITIONS" and len(_body(e)["partitionListJson"]) == 3
    e = B.alter_partition(TABLE, ps[0], ps[1])
    body = _body(e)
    assert e.event_type == "ALTER_PARTITION" and body["keyValues"] == {"dt": "2024-01-01"}
    assert _obj(body["partitionObjAfterJson"], tt.Partition).values == ["2024-01-02"]


def test_database_catalog_and_function_messages():
    body = _body(B.create_database(DATABASE))
    assert (body["db"], body["cat"]) == ("sales", "hive") and _obj(
        body["dbJson"], tt.Database
    ) == cv.database_to(DATABASE)
    after = m.Database(**{**DATABASE.__dict__, "description": "new"})
    body = _body(B.alter_database(DATABASE, after))
    assert _obj(body["dbObjAfterJson"], tt.Database).description == "new"
    assert _body(B.drop_database(DATABASE))["db"] == "sales"
    assert _body(B.create_catalog(CATALOG))["catalog"] == "spark"
    body = _body(B.alter_catalog(CATALOG, m.Catalog("spark", "d", "file:/x")))
    assert _obj(body["catObjAfterJson"], tt.Catalog).locationUri == "file:/x"
    e = B.create_function(FUNCTION)
    assert (e.event_type, e.db, e.table) == ("CREATE_FUNCTION", "sales", None)
    assert _obj(_body(e)["functionObjJson"], tt.Function) == cv.function_to(FUNCTION)
    assert _body(B.drop_function(FUNCTION))["functionName"] == "f"


def test_insert_and_statistics_messages():
    body = _body(B.insert(TABLE, PARTITION, True, ["file:/a/1", "file:/a/2"], ["c1", ""]))
    assert body["replace"] == "true" and body["files"] == ["file:/a/1###c1", "file:/a/2"]
    assert _obj(body["ptnObjJson"], tt.Partition) == cv.partition_to(PARTITION)
    assert _body(B.insert(TABLE, None, False, []))["ptnObjJson"] is None
    e = B.update_column_stats(TABLE, STATS, None)
    assert e.event_type == "UPDATE_TBL_COL_STAT_EVENT"
    assert _obj(_body(e)["colStatsJson"], tt.ColumnStatistics) == cv.table_column_stats_to(STATS)
    e = B.update_column_stats(TABLE, PART_STATS, ["2024-01-01"])
    assert e.event_type == "UPDATE_PART_COL_STAT_EVENT" and _body(e)["partVals"] == ["2024-01-01"]
    e = B.delete_column_stats(TABLE, "id", None, None)
    assert e.event_type == "DELETE_TBL_COL_STAT_EVENT" and _body(e)["colName"] == "id"
    e = B.delete_column_stats(TABLE, None, "dt=2024-01-01", ["2024-01-01"])
    assert e.event_type == "DELETE_PART_COL_STAT_EVENT" and _body(e)["partValues"] == ["2024-01-01"]


PK = [
    Constraint("PRIMARY_KEY", "hive", "sales", "orders", "id", "o_pk", 1, True, False, True),
    Constraint("PRIMARY_KEY", "hive", "sales", "orders", AWKWARD, "o_pk", 2),
]
FK = Constraint(
    "FOREIGN_KEY", "hive", "sales", "lines", "order_id", "l_fk", 1, rely=True,
    ref_db="sales", ref_table="orders", ref_column="id", update_rule=0, delete_rule=1,
)  # fmt: skip
UK = Constraint("UNIQUE", "hive", "sales", "orders", "name", "o_uk", 1, validate=True)
NN = Constraint("NOT_NULL", "hive", "sales", "orders", "name", "o_nn", enable=True)


def _list(e, field: str, cls) -> list:
    """The structs of a constraint message's TJSON list, checking each is byte for byte what
    Thrift's TJSONProtocol writes for the decoded struct."""
    out = []
    for text in _body(e)[field]:
        obj = deserialize(cls(), text.encode("utf-8"), PROTO)
        assert serialize(obj, PROTO).decode("utf-8") == text
        out.append(obj)
    return out


def test_add_constraint_messages_round_trip_to_hives_thrift_structs():
    e = B.add_primary_key(PK)
    assert (e.event_type, e.catalog, e.db, e.table) == ("ADD_PRIMARYKEY", "hive", "sales", "orders")
    assert list(_body(e)) == ["server", "servicePrincipal", "timestamp", "primaryKeyListJson"]
    assert _list(e, "primaryKeyListJson", tt.SQLPrimaryKey) == [
        tt.SQLPrimaryKey("sales", "orders", "id", 1, "o_pk", True, False, True, "hive"),
        tt.SQLPrimaryKey("sales", "orders", AWKWARD, 2, "o_pk", False, False, False, "hive"),
    ]
    e = B.add_foreign_key([FK], ["o_pk"])
    # Hive names a foreign key's event after the referenced (primary key) table
    assert (e.event_type, e.db, e.table) == ("ADD_FOREIGNKEY", "sales", "orders")
    assert _list(e, "foreignKeyListJson", tt.SQLForeignKey) == [
        tt.SQLForeignKey(
            "sales",
            "orders",
            "id",
            "sales",
            "lines",
            "order_id",
            1,
            0,
            1,
            "l_fk",
            "o_pk",
            False,
            False,
            True,
            "hive",
        )
    ]
    e = B.add_unique_constraint([UK])
    assert (e.event_type, e.table) == ("ADD_UNIQUECONSTRAINT", "orders")
    assert _list(e, "uniqueConstraintListJson", tt.SQLUniqueConstraint) == [
        tt.SQLUniqueConstraint("hive", "sales", "orders", "name", 1, "o_uk", False, True, False)
    ]
    e = B.add_not_null_constraint([NN])
    assert (e.event_type, e.table) == ("ADD_NOTNULLCONSTRAINT", "orders")
    assert _list(e, "notNullConstraintListJson", tt.SQLNotNullConstraint) == [
        tt.SQLNotNullConstraint("hive", "sales", "orders", "name", "o_nn", True, False, False)
    ]
    assert {"ADD_PRIMARYKEY", "ADD_FOREIGNKEY", "ADD_UNIQUECONSTRAINT", "ADD_NOTNULLCONSTRAINT"} <= set(
        EVENT_TYPES
    )
