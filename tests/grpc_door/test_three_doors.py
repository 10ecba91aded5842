"""One object, three doors: what is written through gRPC reads identically through Thrift and REST,
and what is written through Thrift (or REST) reads identically through gRPC."""

from __future__ import annotations

from catalog.grpc import wire
from catalog.grpc_gen import hive_metastore_pb2 as pb
from catalog.thrift_gen.hive_metastore import ttypes as tt
from tests import factories as f
from tests.grpc_door.helpers import partition, table

V1 = "/api/v1/catalogs/hive"


def _cols(cols):
    return [(c.name, c.type, c.comment or None) for c in cols]


def test_written_over_grpc_reads_the_same_over_thrift_and_rest(door, stub):
    stub.CreateDatabase(
        pb.Database(
            name="three",
            description="three doors",
            parameters={"team": "x"},
            owner_name="ann",
            owner_type=pb.PRINCIPAL_TYPE_USER,
        )
    )
    t = table("three", "events")
    t.sd.sor_cols.add(col="id", order=1)
    t.sd.bucket_cols.append("id")
    t.sd.num_buckets = 4
    t.sd.skewed_info.skewed_col_names.append("name")
    t.sd.skewed_info.skewed_col_values.add(string_lists=["a"])
    stub.CreateTableReq(pb.CreateTableReqRequest(table=t))
    stub.AddPartitionsReq(
        pb.AddPartitionsReqRequest(
            db_name="three",
            tbl_name="events",
            parts=[
                partition("three", "events", ("2024-01-01", "eu")),
                partition("three", "events", ("2024-01-02", "us")),
            ],
        )
    )
    stub.CreateFunction(
        pb.Function(
            function_name="f1",
            db_name="three",
            class_name="com.example.F",
            owner_name="ann",
            owner_type=pb.PRINCIPAL_TYPE_USER,
            function_type=pb.FUNCTION_TYPE_JAVA,
            resource_urises=[pb.ResourceUri(resource_type=pb.RESOURCE_TYPE_JAR, uri="file:/f.jar")],
        )
    )

    g_db = stub.GetDatabaseReq(pb.GetDatabaseReqRequest(name="three"))
    g_t = stub.GetTableReq(pb.GetTableReqRequest(db_name="three", tbl_name="events")).table
    g_parts = stub.GetPartitionsReq(pb.GetPartitionsReqRequest(db_name="three", tbl_name="events")).partitions
    g_fn = stub.GetFunction(pb.GetFunctionRequest(db_name="three", func_name="f1"))
    with door.thrift() as c:
        t_db = c.get_database("three")
        t_t = c.get_table("three", "events")
        t_parts = c.get_partitions("three", "events", -1)
        t_fn = c.get_function("three", "f1")
    # field by field, as a user would compare them
    assert (t_db.name, t_db.description, t_db.locationUri, t_db.parameters, t_db.ownerName) == (
        g_db.name,
        g_db.description,
        g_db.location_uri,
        dict(g_db.parameters),
        g_db.owner_name,
    )
    assert (t_t.tableName, t_t.dbName, t_t.tableType, t_t.createTime, t_t.catName) == (
        g_t.table_name,
        g_t.db_name,
        g_t.table_type,
        g_t.create_time,
        g_t.cat_name,
    )
    assert _cols(t_t.sd.cols) == _cols(g_t.sd.cols) and _cols(t_t.partitionKeys) == _cols(g_t.partition_keys)
    assert t_t.parameters == dict(g_t.parameters) and t_t.sd.location == g_t.sd.location
    assert (t_t.sd.numBuckets, t_t.sd.bucketCols, [(o.col, o.order) for o in t_t.sd.sortCols]) == (
        4,
        ["id"],
        [("id", 1)],
    )
    assert (g_t.sd.num_buckets, list(g_t.sd.bucket_cols), [(o.col, o.order) for o in g_t.sd.sor_cols]) == (
        4,
        ["id"],
        [("id", 1)],
    )
    assert t_t.sd.skewedInfo.skewedColNames == list(g_t.sd.skewed_info.skewed_col_names) == ["name"]
    assert t_t.sd.serdeInfo.serializationLib == g_t.sd.serde_info.serialization_lib
    assert t_t.owner == "root"  # the gRPC caller (Hive's proto has no owner field)
    assert [(p.values, p.sd.location, p.parameters, p.createTime) for p in t_parts] == [
        (list(p.values), p.sd.location, dict(p.parameters), p.create_time) for p in g_parts
    ]
    assert (t_fn.className, t_fn.ownerName, [(r.resourceType, r.uri) for r in t_fn.resourceUris]) == (
        g_fn.class_name,
        g_fn.owner_name,
        [(r.resource_type, r.uri) for r in g_fn.resource_urises],
    )
    # and whole: every field the protobuf messages carry
    assert wire.to_proto(t_db, pb.Database) == g_db
    assert wire.to_proto(t_t, pb.Table) == g_t
    assert [wire.to_proto(p, pb.Partition) for p in t_parts] == list(g_parts)
    assert wire.to_proto(t_fn, pb.Function) == g_fn

    rest = door.admin()
    r_db = rest.get(f"{V1}/databases/three").json()
    assert (r_db["description"], r_db["location"], r_db["parameters"], r_db["owner"]) == (
        g_db.description,
        g_db.location_uri,
        dict(g_db.parameters),
        g_db.owner_name,
    )
    r_t = rest.get(f"{V1}/databases/three/tables/events").json()
    assert [(c["name"], c["type"], c["comment"]) for c in r_t["columns"]] == _cols(g_t.sd.cols)
    assert [k["name"] for k in r_t["partition_keys"]] == [k.name for k in g_t.partition_keys]
    assert (
        r_t["storage"]["location"],
        r_t["storage"]["input_format"],
        r_t["storage"]["num_buckets"],
        r_t["create_time"],
        r_t["owner"],
    ) == (
        g_t.sd.location,
        g_t.sd.input_format,
        g_t.sd.num_buckets,
        g_t.create_time,
        "root",
    )
    assert {k: v for k, v in r_t["properties"].items()} == dict(g_t.parameters)
    r_parts = rest.get(f"{V1}/databases/three/tables/events/partitions").json()["partitions"]
    assert [(p["values"], p["location"], p["create_time"]) for p in r_parts] == [
        (list(p.values), p.sd.location, p.create_time) for p in g_parts
    ]
    r_fns = rest.get(f"{V1}/databases/three/functions").json()["functions"]
    assert [(x["name"], x["class_name"]) for x in r_fns] == [("f1", g_fn.class_name)]


def test_written_over_thrift_and_rest_reads_the_same_over_grpc(door, stub):
    with door.thrift() as c:
        c.create_database(f.database("back", params={"k": "v"}, description="from thrift"))
        c.create_table(f.table("back", "t", part_keys=[("dt", "string")], params={"p": "1"}))
        t = c.get_table("back", "t")
        c.add_partitions([f.partition(t, [f"2024-01-0{d}"]) for d in (1, 2, 3)])
        c.update_table_column_statistics(
            tt.ColumnStatistics(
                statsDesc=tt.ColumnStatisticsDesc(isTblLevel=True, dbName="back", tableName="t"),
                statsObj=[
                    tt.ColumnStatisticsObj(
                        "id", "int", tt.ColumnStatisticsData(longStats=tt.LongColumnStatsData(1, 9, 0, 9))
                    )
                ],
            )
        )
        t_t = c.get_table("back", "t")
        t_parts = c.get_partitions_by_filter("back", "t", 'dt >= "2024-01-02"', -1)
        t_stats = c.get_table_column_statistics("back", "t", "id")
    g_t = stub.GetTableReq(pb.GetTableReqRequest(db_name="back", tbl_name="t")).table
    assert (g_t.table_name, g_t.sd.location, dict(g_t.parameters), g_t.create_time) == (
        t_t.tableName,
        t_t.sd.location,
        t_t.parameters,
        t_t.createTime,
    )
    assert wire.to_proto(t_t, pb.Table) == g_t
    g_parts = stub.GetPartitionsByFilter(
        pb.GetPartitionsByFilterRequest(db_name="back", tbl_name="t", filter='dt >= "2024-01-02"')
    ).responses
    assert (
        [list(p.values) for p in g_parts] == [p.values for p in t_parts] == [["2024-01-02"], ["2024-01-03"]]
    )
    assert [wire.to_proto(p, pb.Partition) for p in t_parts] == list(g_parts)
    g_stats = stub.GetTableColumnStatistics(
        pb.GetTableColumnStatisticsRequest(db_name="back", tbl_name="t", col_name="id")
    )
    assert (
        g_stats.stats_objs[0].stats_data.long_stats.high_value
        == t_stats.statsObj[0].statsData.longStats.highValue
        == 9
    )

    # a role and a grant made over REST are seen over gRPC (and the reverse)
    rest = door.admin()
    assert rest.post("/api/v1/roles", json={"name": "readers"}).status_code == 201
    assert "readers" in stub.GetRoleNames(pb.GetRoleNamesRequest()).responses
    stub.CreateRole(pb.Role(role_name="writers"))
    assert "writers" in [r["name"] for r in rest.get("/api/v1/roles").json()["roles"]]
