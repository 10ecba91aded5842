"""The whole life cycle over gRPC, with the stubs generated from proto/hive_metastore.proto on a real
channel to the real server: databases, tables, partitions (filters, names, specs, renames, drops),
column statistics, functions, roles and grants, catalogs."""

from __future__ import annotations

import grpc

from catalog.grpc_gen import hive_metastore_pb2 as pb
from tests.grpc_door.helpers import code_of, partition, table

USER, ROLE = pb.PRINCIPAL_TYPE_USER, pb.PRINCIPAL_TYPE_ROLE


def test_databases_and_tables(stub):
    stub.CreateDatabase(
        pb.Database(
            name="life", description="a db", parameters={"k": "v"}, owner_name="alice", owner_type=USER
        )
    )
    db = stub.GetDatabaseReq(pb.GetDatabaseReqRequest(name="LIFE"))
    assert (db.name, db.description, dict(db.parameters), db.owner_name, db.owner_type, db.catalog_name) == (
        "life",
        "a db",
        {"k": "v"},
        "alice",
        USER,
        "hive",
    )
    assert db.location_uri.endswith("/life.db")
    assert code_of(stub.CreateDatabase, pb.Database(name="life")) == grpc.StatusCode.ALREADY_EXISTS
    assert list(stub.GetDatabases(pb.GetDatabasesRequest(pattern="li*")).string_lists) == ["life"]
    assert {"default", "life"} <= set(stub.GetAllDatabases(pb.GetAllDatabasesRequest()).string_lists)
    stub.AlterDatabase(
        pb.AlterDatabaseRequest(dbname="life", db=pb.Database(name="life", parameters={"k": "w"}))
    )
    assert dict(stub.GetDatabaseReq(pb.GetDatabaseReqRequest(name="life")).parameters) == {"k": "w"}

    stub.CreateTableReq(pb.CreateTableReqRequest(table=table("life", "events")))
    t = stub.GetTableReq(pb.GetTableReqRequest(db_name="life", tbl_name="Events")).table
    assert (t.table_name, t.db_name, t.table_type, t.cat_name) == ("events", "life", "MANAGED_TABLE", "hive")
    assert [(c.name, c.type, c.comment) for c in t.sd.cols] == [
        ("id", "bigint", "the id"),
        ("name", "string", "the name"),
    ]
    assert [k.name for k in t.partition_keys] == ["ds", "region"]
    assert t.sd.location.endswith("/life.db/events") and t.create_time > 0
    assert t.sd.serde_info.parameters["field.delim"] == ","
    assert t.parameters["comment"] == "made over gRPC"
    assert list(stub.GetTables(pb.GetTablesRequest(db_name="life", pattern="ev*")).responses) == ["events"]
    assert list(stub.GetAllTables(pb.GetAllTablesRequest(db_name="life")).responses) == ["events"]
    by_type = stub.GetTablesByType(
        pb.GetTablesByTypeRequest(db_name="life", pattern="*", table_type="EXTERNAL_TABLE")
    )
    assert list(by_type.responses) == []
    meta = stub.GetTableMeta(pb.GetTableMetaRequest(db_patterns="life", tbl_patterns="*")).responses
    assert [(m.db_name, m.table_name, m.table_type) for m in meta] == [("life", "events", "MANAGED_TABLE")]
    fields = stub.GetFieldsReq(pb.GetFieldsReqRequest(db_name="life", tbl_name="events")).fields
    assert [f.name for f in fields] == ["id", "name"]
    schema = stub.GetSchemaReq(pb.GetSchemaReqRequest(db_name="life", tbl_name="events")).fields
    assert [f.name for f in schema] == ["id", "name", "ds", "region"]
    ext = stub.GetTablesExt(pb.GetTablesExtRequest(database="life", table_name_pattern="ev*"))
    assert [x.tbl_name for x in ext.responses] == ["events"]
    objs = stub.GetTableObjectsByNameReq(
        pb.GetTableObjectsByNameReqRequest(db_name="life", tbl_names=["events", "nope"])
    )
    assert [x.table_name for x in objs.tables] == ["events"]

    new = table("life", "events")
    new.sd.cols.add(name="extra", type="int")
    new.parameters["added"] = "yes"
    stub.AlterTableReq(pb.AlterTableReqRequest(db_name="life", table_name="events", table=new))
    t2 = stub.GetTableReq(pb.GetTableReqRequest(db_name="life", tbl_name="events")).table
    assert [c.name for c in t2.sd.cols] == ["id", "name", "extra"] and t2.parameters["added"] == "yes"
    stub.TruncateTable(pb.TruncateTableRequest(db_name="life", table_name="events"))
    by_param = pb.GetTableNamesByFilterRequest(
        dbname="life", filter='hive_filter_field_params__added = "yes"'
    )
    assert list(stub.GetTableNamesByFilter(by_param).responses) == ["events"]
    by_param.filter = 'hive_filter_field_params__added = "no"'
    assert list(stub.GetTableNamesByFilter(by_param).responses) == []

    assert (
        code_of(stub.DropDatabaseReq, pb.DropDatabaseReqRequest(name="life"))
        == grpc.StatusCode.FAILED_PRECONDITION
    )
    stub.DropTable(pb.DropTableRequest(dbname="life", name="events", delete_data=True))
    assert (
        code_of(stub.GetTableReq, pb.GetTableReqRequest(db_name="life", tbl_name="events"))
        == grpc.StatusCode.NOT_FOUND
    )
    stub.DropDatabaseReq(pb.DropDatabaseReqRequest(name="life", delete_data=True, cascade=True))
    assert code_of(stub.GetDatabaseReq, pb.GetDatabaseReqRequest(name="life")) == grpc.StatusCode.NOT_FOUND
    stub.DropDatabaseReq(pb.DropDatabaseReqRequest(name="life", ignore_unknown_db=True))  # no error


def test_partitions_with_filters(stub):
    stub.CreateDatabase(pb.Database(name="p"))
    stub.CreateTableReq(pb.CreateTableReqRequest(table=table("p", "t")))
    parts = [partition("p", "t", (f"2024-01-0{d}", r)) for d in (1, 2, 3) for r in ("eu", "us")]
    added = stub.AddPartitionsReq(
        pb.AddPartitionsReqRequest(db_name="p", tbl_name="t", parts=parts, need_result=True)
    )
    assert len(added.partitions) == 6 and added.partitions[0].sd.location.endswith(
        "/t/ds=2024-01-01/region=eu"
    )
    again = pb.AddPartitionsReqRequest(db_name="p", tbl_name="t", parts=parts[:1])
    assert code_of(stub.AddPartitionsReq, again) == grpc.StatusCode.ALREADY_EXISTS
    stub.AddPartitionsReq(
        pb.AddPartitionsReqRequest(db_name="p", tbl_name="t", parts=parts[:1], if_not_exists=True)
    )

    names = stub.GetPartitionNamesPSReq(pb.GetPartitionNamesPSReqRequest(db_name="p", tbl_name="t")).names
    assert len(names) == 6 and "ds=2024-01-02/region=us" in names
    some = stub.GetPartitionNamesPSReq(
        pb.GetPartitionNamesPSReqRequest(db_name="p", tbl_name="t", part_values=["2024-01-01"])
    )
    assert sorted(some.names) == ["ds=2024-01-01/region=eu", "ds=2024-01-01/region=us"]

    all_names = stub.GetPartitionNamesReq(pb.GetPartitionNamesReqRequest(db_name="p", tbl_name="t")).responses
    assert sorted(all_names) == sorted(names)
    us = pb.GetPartitionNamesReqRequest(db_name="p", tbl_name="t", expr=b'region = "us"')
    assert sorted(stub.GetPartitionNamesReq(us).responses) == [n for n in sorted(names) if n.endswith("us")]

    def by_filter(f, max_parts=0):
        r = stub.GetPartitionsByFilter(
            pb.GetPartitionsByFilterRequest(db_name="p", tbl_name="t", filter=f, max_parts=max_parts)
        )
        return sorted(tuple(x.values) for x in r.responses)

    assert by_filter('ds = "2024-01-02"') == [("2024-01-02", "eu"), ("2024-01-02", "us")]
    assert by_filter('region = "eu" and ds > "2024-01-01"') == [("2024-01-02", "eu"), ("2024-01-03", "eu")]
    assert by_filter("") == sorted(tuple(p.values) for p in parts)
    assert code_of(by_filter, "ds = ") == grpc.StatusCode.INVALID_ARGUMENT
    n = stub.GetNumPartitionsByFilter(
        pb.GetNumPartitionsByFilterRequest(db_name="p", tbl_name="t", filter='region = "us"')
    )
    assert n.response == 3
    expr = stub.GetPartitionsByExpr(
        pb.GetPartitionsByExprRequest(db_name="p", tbl_name="t", expr=b'ds = "2024-01-03"')
    )
    assert sorted(tuple(x.values) for x in expr.partitions) == [("2024-01-03", "eu"), ("2024-01-03", "us")]
    specs = stub.GetPartSpecsByFilter(
        pb.GetPartSpecsByFilterRequest(db_name="p", tbl_name="t", filter='region = "eu"')
    )
    assert len(specs.responses[0].partition_list.partitions) == 3
    all_specs = stub.GetPartitionsPSpec(pb.GetPartitionsPSpecRequest(db_name="p", tbl_name="t"))
    assert len(all_specs.responses[0].partition_list.partitions) == 6

    assert len(stub.GetPartitionsReq(pb.GetPartitionsReqRequest(db_name="p", tbl_name="t")).partitions) == 6
    assert (
        len(
            stub.GetPartitionsReq(
                pb.GetPartitionsReqRequest(db_name="p", tbl_name="t", max_parts=4)
            ).partitions
        )
        == 4
    )
    with_auth = stub.GetPartitionsWithAuth(
        pb.GetPartitionsWithAuthRequest(db_name="p", tbl_name="t", user_name="x")
    )
    assert len(with_auth.responses) == 6
    ps = stub.GetPartitionsPSWithAuthReq(
        pb.GetPartitionsPSWithAuthReqRequest(db_name="p", tbl_name="t", part_vals=["", "us"])
    )
    assert sorted(x.values[0] for x in ps.partitions) == ["2024-01-01", "2024-01-02", "2024-01-03"]
    one = stub.GetPartitionReq(
        pb.GetPartitionReqRequest(db_name="p", tbl_name="t", part_vals=["2024-01-01", "eu"])
    )
    assert one.partition.parameters["p"] == "1" and one.partition.sd.cols[0].name == "id"
    by_name = stub.GetPartitionByName(
        pb.GetPartitionByNameRequest(db_name="p", tbl_name="t", part_name="ds=2024-01-01/region=eu")
    )
    assert by_name == one.partition
    got = stub.GetPartitionsByNamesReq(
        pb.GetPartitionsByNamesReqRequest(
            db_name="p", tbl_name="t", names=["ds=2024-01-02/region=us", "ds=1999-01-01/region=x"]
        )
    )
    assert [tuple(x.values) for x in got.partitions] == [("2024-01-02", "us")]
    missing = pb.GetPartitionReqRequest(db_name="p", tbl_name="t", part_vals=["1999-01-01", "x"])
    assert code_of(stub.GetPartitionReq, missing) == grpc.StatusCode.NOT_FOUND

    appended = stub.AppendPartition(
        pb.AppendPartitionRequest(db_name="p", tbl_name="t", part_vals=["2024-02-01", "eu"])
    )
    assert appended.sd.location.endswith("/ds=2024-02-01/region=eu")
    stub.AppendPartitionByName(
        pb.AppendPartitionByNameRequest(db_name="p", tbl_name="t", part_name="ds=2024-02-01/region=us")
    )
    changed = partition("p", "t", ("2024-02-01", "eu"))
    changed.parameters["altered"] = "1"
    stub.AlterPartition(pb.AlterPartitionRequest(db_name="p", tbl_name="t", new_part=changed))
    p2 = stub.GetPartitionReq(
        pb.GetPartitionReqRequest(db_name="p", tbl_name="t", part_vals=["2024-02-01", "eu"])
    ).partition
    assert p2.parameters["altered"] == "1"
    stub.RenamePartitionReq(
        pb.RenamePartitionReqRequest(
            db_name="p",
            table_name="t",
            part_vals=["2024-02-01", "eu"],
            new_part=partition("p", "t", ("2024-02-02", "eu")),
        )
    )
    assert stub.GetPartitionReq(
        pb.GetPartitionReqRequest(db_name="p", tbl_name="t", part_vals=["2024-02-02", "eu"])
    ).partition.values == ["2024-02-02", "eu"]
    values = stub.GetPartitionValues(
        pb.GetPartitionValuesRequest(
            db_name="p",
            tbl_name="t",
            partition_keys=[pb.FieldSchema(name="region", type="string")],
            apply_distinct=True,
            ascending=True,
        )
    )
    assert [list(v.rows) for v in values.partition_values] == [["eu"], ["us"]]
    assert list(
        stub.PartitionNameToVals(pb.PartitionNameToValsRequest(part_name="ds=a/region=b")).responses
    ) == ["a", "b"]
    assert dict(
        stub.PartitionNameToSpec(pb.PartitionNameToSpecRequest(part_name="ds=a/region=b")).response
    ) == {"ds": "a", "region": "b"}

    assert stub.DropPartition(
        pb.DropPartitionRequest(db_name="p", tbl_name="t", part_vals=["2024-02-02", "eu"], delete_data=True)
    ).response
    assert stub.DropPartitionByName(
        pb.DropPartitionByNameRequest(db_name="p", tbl_name="t", part_name="ds=2024-02-01/region=us")
    ).response
    dropped = stub.DropPartitionsReq(
        pb.DropPartitionsReqRequest(
            db_name="p",
            tbl_name="t",
            parts=pb.RequestPartsSpec(names=pb.StringList(string_lists=["ds=2024-01-03/region=eu"])),
            need_result=True,
            delete_data=True,
        )
    )
    assert [tuple(x.values) for x in dropped.partitions] == [("2024-01-03", "eu")]
    by_expr = pb.DropPartitionsReqRequest(
        db_name="p",
        tbl_name="t",
        parts=pb.RequestPartsSpec(
            exprs=pb.DropPartitionsExprList(exprs_lists=[pb.DropPartitionsExpr(expr=b'region = "us"')])
        ),
    )
    stub.DropPartitionsReq(by_expr)
    left = stub.GetPartitionNamesPSReq(pb.GetPartitionNamesPSReqRequest(db_name="p", tbl_name="t")).names
    assert sorted(left) == ["ds=2024-01-01/region=eu", "ds=2024-01-02/region=eu"]


def _long_stats(db, tbl, col, low, high, part=""):
    return pb.ColumnStatistics(
        stats_desc=pb.ColumnStatisticsDesc(is_tbl_level=not part, db_name=db, table_name=tbl, part_name=part),
        stats_objs=[
            pb.ColumnStatisticsObj(
                col_name=col,
                col_type="bigint",
                stats_data=pb.ColumnStatisticsData(
                    long_stats=pb.LongColumnStatsData(low_value=low, high_value=high, num_nulls=1, num_dvs=5)
                ),
            )
        ],
    )


def test_statistics_and_functions(stub):
    stub.CreateDatabase(pb.Database(name="s"))
    stub.CreateTableReq(pb.CreateTableReqRequest(table=table("s", "t")))
    for d in ("2024-01-01", "2024-01-02"):
        stub.AddPartition(partition("s", "t", (d, "eu")))
    ok = stub.UpdateTableColumnStatisticsReq(
        pb.UpdateTableColumnStatisticsReqRequest(col_stats=[_long_stats("s", "t", "id", 1, 100)])
    )
    assert ok.result
    ts = stub.GetTableStatisticsReq(
        pb.GetTableStatisticsReqRequest(db_name="s", tbl_name="t", col_names=["id"])
    )
    assert [(o.col_name, o.stats_data.long_stats.high_value) for o in ts.table_stats] == [("id", 100)]
    one = stub.GetTableColumnStatistics(
        pb.GetTableColumnStatisticsRequest(db_name="s", tbl_name="t", col_name="id")
    )
    assert one.stats_desc.is_tbl_level and one.stats_objs[0].stats_data.long_stats.num_dvs == 5
    set_req = pb.SetAggrStatsForRequest(
        col_stats=[
            _long_stats("s", "t", "id", 1, 10, "ds=2024-01-01/region=eu"),
            _long_stats("s", "t", "id", 5, 50, "ds=2024-01-02/region=eu"),
        ]
    )
    assert stub.SetAggrStatsFor(set_req).response
    parts = stub.GetPartitionsStatisticsReq(
        pb.GetPartitionsStatisticsReqRequest(
            db_name="s",
            tbl_name="t",
            col_names=["id"],
            part_names=["ds=2024-01-01/region=eu", "ds=2024-01-02/region=eu"],
        )
    )
    assert {
        k: v.column_statistics_obj_lists[0].stats_data.long_stats.high_value
        for k, v in parts.part_stats.items()
    } == {
        "ds=2024-01-01/region=eu": 10,
        "ds=2024-01-02/region=eu": 50,
    }
    aggr = stub.GetAggrStatsFor(
        pb.GetAggrStatsForRequest(
            db_name="s",
            tbl_name="t",
            col_names=["id"],
            part_names=["ds=2024-01-01/region=eu", "ds=2024-01-02/region=eu"],
        )
    )
    assert aggr.parts_found == 2 and aggr.col_stats[0].stats_data.long_stats.high_value == 50
    pcs = stub.GetPartitionColumnStatistics(
        pb.GetPartitionColumnStatisticsRequest(
            db_name="s", tbl_name="t", part_name="ds=2024-01-01/region=eu", col_name="id"
        )
    )
    assert pcs.stats_objs[0].stats_data.long_stats.low_value == 1
    assert stub.DeleteTableColumnStatistics(
        pb.DeleteTableColumnStatisticsRequest(db_name="s", tbl_name="t", col_name="id")
    ).response
    gone = pb.GetTableColumnStatisticsRequest(db_name="s", tbl_name="t", col_name="id")
    assert code_of(stub.GetTableColumnStatistics, gone) == grpc.StatusCode.NOT_FOUND
    assert stub.DeletePartitionColumnStatistics(
        pb.DeletePartitionColumnStatisticsRequest(
            db_name="s", tbl_name="t", part_name="ds=2024-01-01/region=eu", col_name="id"
        )
    ).response

    fn = pb.Function(
        function_name="my_upper",
        db_name="s",
        class_name="com.example.Upper",
        owner_name="root",
        owner_type=USER,
        function_type=pb.FUNCTION_TYPE_JAVA,
        resource_urises=[pb.ResourceUri(resource_type=pb.RESOURCE_TYPE_JAR, uri="file:/tmp/udf.jar")],
    )
    stub.CreateFunction(fn)
    got = stub.GetFunction(pb.GetFunctionRequest(db_name="s", func_name="my_upper"))
    assert (got.class_name, got.function_type, [(r.resource_type, r.uri) for r in got.resource_urises]) == (
        "com.example.Upper",
        pb.FUNCTION_TYPE_JAVA,
        [(pb.RESOURCE_TYPE_JAR, "file:/tmp/udf.jar")],
    )
    assert list(stub.GetFunctions(pb.GetFunctionsRequest(db_name="s", pattern="my_*")).responses) == [
        "my_upper"
    ]
    assert "my_upper" in [
        f.function_name for f in stub.GetAllFunctions(pb.GetAllFunctionsRequest()).functions
    ]
    fn.class_name = "com.example.Upper2"
    stub.AlterFunction(pb.AlterFunctionRequest(db_name="s", func_name="my_upper", new_func=fn))
    assert (
        stub.GetFunction(pb.GetFunctionRequest(db_name="s", func_name="my_upper")).class_name
        == "com.example.Upper2"
    )
    stub.DropFunction(pb.DropFunctionRequest(db_name="s", func_name="my_upper"))
    assert (
        code_of(stub.GetFunction, pb.GetFunctionRequest(db_name="s", func_name="my_upper"))
        == grpc.StatusCode.NOT_FOUND
    )


def test_roles_grants_catalogs_and_session(stub):
    assert stub.CreateRole(pb.Role(role_name="analysts", owner_name="root")).response
    assert "analysts" in stub.GetRoleNames(pb.GetRoleNamesRequest()).responses
    grant = pb.GrantRevokeRoleRequest(
        request_type=pb.GRANT_REVOKE_TYPE_GRANT,
        role_name="analysts",
        principal_name="bob",
        principal_type=USER,
        grantor="root",
        grantor_type=USER,
    )
    assert stub.GrantRevokeRole(grant).success
    roles = stub.ListRoles(pb.ListRolesRequest(principal_name="bob", principal_type=USER)).responses
    assert sorted(r.role_name for r in roles) == ["analysts", "public"]
    members = stub.GetPrincipalsInRole(pb.GetPrincipalsInRoleRequest(role_name="analysts")).principal_grants
    assert [(m.principal_name, m.principal_type) for m in members] == [("bob", USER)]
    mine = stub.GetRoleGrantsForPrincipal(
        pb.GetRoleGrantsForPrincipalRequest(principal_name="bob", principal_type=USER)
    )
    assert [g.role_name for g in mine.principal_grants] == ["analysts"]

    stub.CreateDatabase(pb.Database(name="g"))
    stub.CreateTableReq(pb.CreateTableReqRequest(table=table("g", "t")))
    obj = pb.HiveObjectRef(object_type=pb.HIVE_OBJECT_TYPE_TABLE, db_name="g", object_name="t")
    priv = pb.HiveObjectPrivilege(
        hive_object=obj,
        principal_name="analysts",
        principal_type=ROLE,
        grant_info=pb.PrivilegeGrantInfo(privilege="SELECT", grantor="root", grantor_type=USER),
    )
    bag = pb.PrivilegeBag(privileges=[priv])
    assert stub.GrantRevokePrivileges(
        pb.GrantRevokePrivilegesRequest(request_type=pb.GRANT_REVOKE_TYPE_GRANT, privileges=bag)
    ).success
    listed = stub.ListPrivileges(
        pb.ListPrivilegesRequest(principal_name="analysts", principal_type=ROLE, hive_object=obj)
    ).responses
    assert [(p.hive_object.object_name, p.grant_info.privilege) for p in listed] == [("t", "SELECT")]
    ps = stub.GetPrivilegeSet(pb.GetPrivilegeSetRequest(hive_object=obj, user_name="bob"))
    assert [g.privilege for g in ps.role_privileges["analysts"].privilege_grant_info_lists] == ["SELECT"]
    stub.GrantRevokePrivileges(
        pb.GrantRevokePrivilegesRequest(request_type=pb.GRANT_REVOKE_TYPE_REVOKE, privileges=bag)
    )
    assert not stub.ListPrivileges(
        pb.ListPrivilegesRequest(principal_name="analysts", principal_type=ROLE, hive_object=obj)
    ).responses
    grant.request_type = pb.GRANT_REVOKE_TYPE_REVOKE
    assert stub.GrantRevokeRole(grant).success
    assert stub.DropRole(pb.DropRoleRequest(role_name="analysts")).response
    assert code_of(stub.DropRole, pb.DropRoleRequest(role_name="analysts")) == grpc.StatusCode.NOT_FOUND

    stub.CreateCatalog(
        pb.CreateCatalogRequest(
            catalog=pb.Catalog(name="lake", description="d", location_uri="file:/tmp/lake-grpc")
        )
    )
    assert stub.GetCatalog(pb.GetCatalogRequest(name="lake")).catalog.location_uri == "file:/tmp/lake-grpc"
    assert {"hive", "lake"} <= set(stub.GetCatalogs(pb.GetCatalogsRequest()).names)
    stub.CreateDatabase(pb.Database(name="sales", catalog_name="lake"))
    assert (
        stub.GetDatabaseReq(pb.GetDatabaseReqRequest(name="sales", catalog_name="lake")).catalog_name
        == "lake"
    )
    assert code_of(stub.GetDatabaseReq, pb.GetDatabaseReqRequest(name="sales")) == grpc.StatusCode.NOT_FOUND
    stub.DropDatabaseReq(pb.DropDatabaseReqRequest(name="sales", catalog_name="lake"))
    stub.DropDatabaseReq(pb.DropDatabaseReqRequest(name="default", catalog_name="lake"))
    stub.DropCatalog(pb.DropCatalogRequest(name="lake"))
    assert code_of(stub.GetCatalog, pb.GetCatalogRequest(name="lake")) == grpc.StatusCode.NOT_FOUND

    assert stub.GetMetaConf(pb.GetMetaConfRequest(key="hive.metastore.batch.retrieve.max")).response == "300"
    assert (
        code_of(stub.GetMetaConf, pb.GetMetaConfRequest(key="no.such.key"))
        == grpc.StatusCode.INVALID_ARGUMENT
    )
    assert list(stub.SetUgi(pb.SetUgiRequest(user_name="u", group_names=["g1"])).responses) == ["g1", "u"]
    uuid = stub.GetMetastoreDbUuid(pb.GetMetastoreDbUuidRequest()).response
    assert len(uuid) >= 32 and uuid == stub.GetMetastoreDbUuid(pb.GetMetastoreDbUuidRequest()).response
    before = stub.GetCurrentNotificationEventId(pb.GetCurrentNotificationEventIdRequest()).event_id
    assert before >= 0


def test_locks(stub):
    stub.CreateDatabase(pb.Database(name="lk"))
    stub.CreateTableReq(pb.CreateTableReqRequest(table=table("lk", "t", keys=())))

    def component(kind):
        return pb.LockComponent(
            type=kind,
            level=pb.LOCK_LEVEL_TABLE,
            dbname="lk",
            tablename="t",
            operation_type=pb.DATA_OPERATION_TYPE_UPDATE,
        )

    first = stub.Lock(pb.LockRequest(components=[component(pb.LOCK_TYPE_EXCLUSIVE)], hostname="h1"))
    assert first.state == pb.LOCK_STATE_ACQUIRED and first.lockid > 0
    second = stub.Lock(
        pb.LockRequest(components=[component(pb.LOCK_TYPE_EXCLUSIVE)], user="other", hostname="h2")
    )
    assert second.state == pb.LOCK_STATE_WAITING
    shown = stub.ShowLocks(pb.ShowLocksRequest(dbname="lk")).locks
    assert sorted((x.lockid, x.user, x.state) for x in shown) == [
        (first.lockid, "root", pb.LOCK_STATE_ACQUIRED),  # no user in the request: the caller
        (second.lockid, "other", pb.LOCK_STATE_WAITING),
    ]
    stub.Heartbeat(pb.HeartbeatRequest(lockid=first.lockid))
    stub.Unlock(pb.UnlockRequest(lockid=first.lockid))
    assert stub.CheckLock(pb.CheckLockRequest(lockid=second.lockid)).state == pb.LOCK_STATE_ACQUIRED
    stub.Unlock(pb.UnlockRequest(lockid=second.lockid))
    assert code_of(stub.CheckLock, pb.CheckLockRequest(lockid=second.lockid)) == grpc.StatusCode.NOT_FOUND
    assert not stub.ShowLocks(pb.ShowLocksRequest(dbname="lk")).locks
    rng = stub.HeartbeatTxnRange(pb.HeartbeatTxnRangeRequest(min=1, max=3))
    assert sorted(rng.nosuches) == [1, 2, 3] and not rng.aborteds


def test_table_constraints(stub):
    stub.CreateDatabase(pb.Database(name="c"))
    pk = pb.SQLPrimaryKey(table_db="c", table_name="parent", column_name="id", key_seq=1, pk_name="parent_pk")
    stub.CreateTableReq(pb.CreateTableReqRequest(table=table("c", "parent", keys=()), primary_keys=[pk]))
    stub.CreateTableReq(pb.CreateTableReqRequest(table=table("c", "child", keys=())))
    fk = pb.SQLForeignKey(
        pktable_db="c",
        pktable_name="parent",
        pkcolumn_name="id",
        fktable_db="c",
        fktable_name="child",
        fkcolumn_name="id",
        key_seq=1,
        fk_name="child_fk",
        pk_name="parent_pk",
    )
    stub.AddForeignKey(pb.AddForeignKeyRequest(foreign_key_cols=[fk]))
    nn = pb.SQLNotNullConstraint(table_db="c", table_name="child", column_name="name", nn_name="child_nn")
    stub.AddNotNullConstraint(pb.AddNotNullConstraintRequest(not_null_constraint_cols=[nn]))
    pks = stub.GetPrimaryKeys(pb.GetPrimaryKeysRequest(db_name="c", tbl_name="parent")).primary_keys
    assert [(k.column_name, k.pk_name) for k in pks] == [("id", "parent_pk")]
    fks = stub.GetForeignKeys(
        pb.GetForeignKeysRequest(foreign_db_name="c", foreign_tbl_name="child")
    ).foreign_keys
    assert [(k.pktable_name, k.fkcolumn_name, k.fk_name) for k in fks] == [("parent", "id", "child_fk")]
    nns = stub.GetNotNullConstraints(
        pb.GetNotNullConstraintsRequest(db_name="c", tbl_name="child")
    ).not_null_constraints
    assert [(k.column_name, k.nn_name) for k in nns] == [("name", "child_nn")]
    stub.DropConstraint(pb.DropConstraintRequest(dbname="c", tablename="child", constraint_name="child_nn"))
    assert not stub.GetNotNullConstraints(
        pb.GetNotNullConstraintsRequest(db_name="c", tbl_name="child")
    ).not_null_constraints
    assert not stub.GetCheckConstraints(
        pb.GetCheckConstraintsRequest(db_name="c", tbl_name="child")
    ).check_constraints
