"""Hive 4 clients on the same port as Hive 2.3/3.1 clients.

The client binding here is not ours: it is the one PyIceberg vendors (package `hive_metastore`,
generated from Apache Hive's master IDL of 2022, the Hive 4 line), so these tests check our IDL's
Hive 4 methods and fields against Hive's own definitions, over a real socket."""

from __future__ import annotations

import contextlib

import pytest
from hive_metastore import ThriftHiveMetastore as Hive4
from hive_metastore import ttypes as h4
from thrift.protocol.TBinaryProtocol import TBinaryProtocol
from thrift.transport import TSocket, TTransport

from catalog.thrift_gen.hive_metastore import ttypes as tt


@contextlib.contextmanager
def hive4_client(port: int):
    sock = TSocket.TSocket("127.0.0.1", port)
    sock.setTimeout(60_000)
    trans = TTransport.TBufferedTransport(sock)
    client = Hive4.Client(TBinaryProtocol(trans))
    trans.open()
    try:
        yield client
    finally:
        trans.close()


def sd(location: str, cols=(("id", "int"), ("v", "string"))) -> h4.StorageDescriptor:
    return h4.StorageDescriptor(
        cols=[h4.FieldSchema(name=n, type=t) for n, t in cols],
        location=location,
        inputFormat="org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
        outputFormat="org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
        serdeInfo=h4.SerDeInfo(
            serializationLib="org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"
        ),
        numBuckets=-1,
        bucketCols=[],
        sortCols=[],
        parameters={},
    )


def hive4_table(db: str, name: str, location: str, part_keys=()) -> h4.Table:
    return h4.Table(
        tableName=name,
        dbName=db,
        owner="hive4",
        sd=sd(location),
        partitionKeys=[h4.FieldSchema(name=k, type="string") for k in part_keys],
        parameters={"EXTERNAL": "TRUE", "metadata_location": "m0"},
        tableType="EXTERNAL_TABLE",
        catName="hive",
        writeId=-1,  # a Hive 4 field the 3.1 struct does not have: skipped
        ownerType=h4.PrincipalType.USER,
    )


@pytest.fixture
def h4c(server):
    with hive4_client(server.port) as c:
        c.set_ugi("hive4", ["hive"])
        yield c


def test_databases_and_tables(h4c, tmp_path):
    h4c.create_database(
        h4.Database(name="h4", description="d", locationUri=f"file:{tmp_path}/h4", parameters={})
    )
    db = h4c.get_database_req(
        h4.GetDatabaseRequest(name="h4", catalogName="hive", processorCapabilities=["X"])
    )
    assert (db.name, db.locationUri) == ("h4", f"file:{tmp_path}/h4")
    with pytest.raises(h4.NoSuchObjectException):
        h4c.get_database_req(h4.GetDatabaseRequest(name="nope", catalogName="hive"))

    h4c.create_table_req(
        h4.CreateTableRequest(
            table=hive4_table("h4", "t", f"file:{tmp_path}/h4/t"), processorIdentifier="hive4"
        )
    )
    got = h4c.get_table_req(
        h4.GetTableRequest(
            dbName="h4",
            tblName="t",
            catName="hive",
            getColumnStats=True,
            processorCapabilities=["X"],
            engine="hive",
        )
    ).table
    assert (got.tableName, got.owner, got.parameters["metadata_location"]) == ("t", "hive4", "m0")
    assert (
        h4c.get_table("h4", "t").tableName == "t"
    )  # the Hive 2.3 form is still served (HIVE-26537 removed it)

    h4c.create_table_req(h4.CreateTableRequest(table=hive4_table("h4", "u", f"file:{tmp_path}/h4/u")))
    by_pattern = h4c.get_table_objects_by_name_req(
        h4.GetTablesRequest(
            dbName="h4",
            catName="hive",
            tablesPattern="t*",
            projectionSpec=h4.GetProjectionsSpec(fieldList=["dbName", "tableName", "owner", "ownerType"]),
        )
    ).tables
    assert [t.tableName for t in by_pattern] == ["t"]
    assert [
        e.tblName
        for e in h4c.get_tables_ext(
            h4.GetTablesExtRequest(catalog="hive", database="h4", tableNamePattern="*", requestedFields=1)
        )
    ] == ["t", "u"]
    assert [
        f.name
        for f in h4c.get_fields_req(h4.GetFieldsRequest(catName="hive", dbName="h4", tblName="t")).fields
    ] == ["id", "v"]
    assert [f.name for f in h4c.get_schema_req(h4.GetSchemaRequest(dbName="h4", tblName="t")).fields] == [
        "id",
        "v",
    ]

    with pytest.raises(h4.InvalidOperationException):
        h4c.drop_database_req(
            h4.DropDatabaseRequest(name="h4", catalogName="hive", deleteData=False, cascade=False)
        )
    h4c.drop_database_req(h4.DropDatabaseRequest(name="gone", catalogName="hive", ignoreUnknownDb=True))
    with pytest.raises(h4.NoSuchObjectException):
        h4c.drop_database_req(h4.DropDatabaseRequest(name="gone", catalogName="hive", ignoreUnknownDb=False))
    h4c.drop_database_req(
        h4.DropDatabaseRequest(name="h4", catalogName="hive", deleteData=False, cascade=True)
    )
    assert "h4" not in h4c.get_all_databases()


def test_alter_table_req_with_compare_and_swap(h4c, tmp_path):
    h4c.create_database(h4.Database(name="a4", locationUri=f"file:{tmp_path}/a4", parameters={}))
    h4c.create_table_req(h4.CreateTableRequest(table=hive4_table("a4", "t", f"file:{tmp_path}/a4/t")))
    t = h4c.get_table_req(h4.GetTableRequest(dbName="a4", tblName="t")).table
    t.parameters["metadata_location"] = "m1"
    ctx = h4.EnvironmentContext(
        properties={
            "expected_parameter_key": "metadata_location",
            "expected_parameter_value": "m0",
            "DO_NOT_UPDATE_STATS": "true",
        }
    )
    h4c.alter_table_req(
        h4.AlterTableRequest(
            catName="hive", dbName="a4", tableName="t", table=t, environmentContext=ctx, writeId=-1
        )
    )
    with pytest.raises(h4.MetaException) as e:
        h4c.alter_table_req(
            h4.AlterTableRequest(catName="hive", dbName="a4", tableName="t", table=t, environmentContext=ctx)
        )
    assert e.value.message.startswith(
        "The table has been modified. The parameter value for key 'metadata_location' is 'm1'"
    )


def test_alter_table_req_expected_fields_of_hive_4_0(client, server, tmp_path):
    # fields 10/11 are newer than the 2022 binding: sent here with our own binding
    from tests.factories import database, table

    client.create_database(database("c4"))
    client.create_table(table("c4", "t", params={"metadata_location": "m0"}))
    t = client.get_table("c4", "t")
    t.parameters["metadata_location"] = "m1"
    req = tt.AlterTableRequest(
        dbName="c4",
        tableName="t",
        table=t,
        expectedParameterKey="metadata_location",
        expectedParameterValue="m9",
    )
    with pytest.raises(tt.MetaException, match="The table has been modified"):
        client.alter_table_req(req)
    req.expectedParameterValue = "m0"
    client.alter_table_req(req)
    assert client.get_table("c4", "t").parameters["metadata_location"] == "m1"


def test_partitions(h4c, client, tmp_path):
    h4c.create_database(h4.Database(name="p4", locationUri=f"file:{tmp_path}/p4", parameters={}))
    h4c.create_table_req(
        h4.CreateTableRequest(table=hive4_table("p4", "t", f"file:{tmp_path}/p4/t", part_keys=("dt",)))
    )
    t = h4c.get_table_req(h4.GetTableRequest(dbName="p4", tblName="t")).table
    parts = [
        h4.Partition(
            values=[d],
            dbName="p4",
            tableName="t",
            sd=sd(f"file:{tmp_path}/p4/t/dt={d}"),
            parameters={},
            catName="hive",
        )
        for d in ("2024-01-01", "2024-01-02", "2024-02-01")
    ]
    h4c.add_partitions_req(
        h4.AddPartitionsRequest(dbName="p4", tblName="t", parts=parts, ifNotExists=False, needResult=False)
    )

    def vals(ps):
        return [p.values[0] for p in ps]

    assert vals(
        h4c.get_partitions_req(
            h4.PartitionsRequest(catName="hive", dbName="p4", tblName="t", maxParts=-1)
        ).partitions
    ) == [
        "2024-01-01",
        "2024-01-02",
        "2024-02-01",
    ]
    assert vals(
        h4c.get_partitions_req(h4.PartitionsRequest(dbName="p4", tblName="t", maxParts=1)).partitions
    ) == ["2024-01-01"]
    ps = h4c.get_partitions_ps_with_auth_req(
        h4.GetPartitionsPsWithAuthRequest(
            dbName="p4", tblName="t", partVals=["2024-01-02"], userName="u", groupNames=[]
        )
    )
    assert vals(ps.partitions) == ["2024-01-02"]
    by_names = h4c.get_partitions_by_names_req(
        h4.GetPartitionsByNamesRequest(
            db_name="@hive#p4", tbl_name="t", names=["dt=2024-02-01", "dt=1999-01-01"], get_col_stats=False
        )
    )
    assert vals(by_names.partitions) == ["2024-02-01"]
    one = h4c.get_partition_req(
        h4.GetPartitionRequest(dbName="p4", tblName="t", partVals=["2024-01-01"])
    ).partition
    assert one.sd.location == f"file:{tmp_path}/p4/t/dt=2024-01-01"
    with pytest.raises(h4.NoSuchObjectException):
        h4c.get_partition_req(h4.GetPartitionRequest(dbName="p4", tblName="t", partVals=["1999-01-01"]))

    one.parameters = {"k": "v"}
    h4c.alter_partitions_req(
        h4.AlterPartitionsRequest(dbName="p4", tableName="t", partitions=[one], writeId=-1)
    )
    assert h4c.get_partition("p4", "t", ["2024-01-01"]).parameters["k"] == "v"

    # get_partitions_by_filter_req is newer than the 2022 binding: our binding sends it
    got = client.get_partitions_by_filter_req(
        tt.GetPartitionsByFilterRequest(dbName="p4", tblName="t", filter="dt like '2024-01.*'")
    )
    assert vals(got) == ["2024-01-01", "2024-01-02"]
    assert t.tableName == "t"


def test_hive4_lock_request_fields_are_read(h4c):
    r = h4c.lock(
        h4.LockRequest(
            component=[
                h4.LockComponent(
                    type=h4.LockType.EXCLUSIVE,
                    level=h4.LockLevel.TABLE,
                    dbname="d",
                    tablename="t",
                    operationType=h4.DataOperationType.UNSET,
                )
            ],
            user="u",
            hostname="h",
            agentInfo="Iceberg-1",
            zeroWaitReadEnabled=False,
            exclusiveCTAS=False,
        )
    )
    assert r.state == h4.LockState.ACQUIRED
    shown = h4c.show_locks(h4.ShowLocksRequest(dbname="d", txnid=0)).locks
    assert [(x.lockid, x.agentInfo) for x in shown] == [(r.lockid, "Iceberg-1")]
    h4c.unlock(h4.UnlockRequest(lockid=r.lockid))


def test_get_all_table_constraints(client):
    from tests.factories import database, table

    client.create_database(database("k4"))
    flags = {"enable_cstr": False, "validate_cstr": False, "rely_cstr": False}
    client.create_table_with_constraints(
        table("k4", "t"),
        [tt.SQLPrimaryKey("k4", "t", "id", 1, "pk_t", **flags)],
        [],
        [],
        [tt.SQLNotNullConstraint("hive", "k4", "t", "name", "nn_name", **flags)],
        [],
        [],
    )
    got = client.get_all_table_constraints(
        tt.AllTableConstraintsRequest(dbName="k4", tblName="t", catName="hive")
    )
    c = got.allTableConstraints
    assert [k.pk_name for k in c.primaryKeys] == ["pk_t"] and [n.nn_name for n in c.notNullConstraints] == [
        "nn_name"
    ]
    assert c.foreignKeys == [] and c.uniqueConstraints == [] and c.checkConstraints == []
