"""The gRPC door's one error table, exercised for real: each catalog error answers its status code
with the Hive exception in the details; calls without (valid) bearer tokens answer UNAUTHENTICATED;
--authorization=enforce answers PERMISSION_DENIED and filters listings as on the other doors; every
write is audited with door `grpc`; deadlines are honoured."""

from __future__ import annotations

import threading
import time

import grpc
import pytest
from google.rpc import error_details_pb2
from grpc_status import rpc_status

from catalog.grpc.auth import CACHE_SECONDS
from catalog.grpc_gen import hive_metastore_pb2 as pb
from catalog.thrift_gen.hive_metastore import ttypes as tt
from tests.grpc_door.conftest import make_door
from tests.grpc_door.helpers import code_of, table

SC = grpc.StatusCode


def failure(call, *args, **kw) -> tuple[grpc.StatusCode, str, str]:
    """(status code, Hive exception from the details, message)."""
    with pytest.raises(grpc.RpcError) as e:
        call(*args, **kw)
    st = rpc_status.from_call(e.value)
    assert st is not None, f"no rich status for {e.value.code()}: {e.value.details()}"
    info = error_details_pb2.ErrorInfo()
    assert st.details[0].Unpack(info)
    assert info.domain == "org.apache.hadoop.hive.metastore" and info.metadata["exception"] == info.reason
    assert info.metadata["message"] == st.message == e.value.details()
    return e.value.code(), info.reason, st.message


def test_each_error_has_its_code_and_hive_exception(door, stub, tmp_path):
    stub.CreateDatabase(pb.Database(name="e"))
    stub.CreateTableReq(pb.CreateTableReqRequest(table=table("e", "t")))
    nf = failure(stub.GetTableReq, pb.GetTableReqRequest(db_name="e", tbl_name="nope"))
    assert nf[:2] == (SC.NOT_FOUND, "NoSuchObjectException") and "nope" in nf[2]
    assert failure(stub.CreateDatabase, pb.Database(name="e"))[:2] == (
        SC.ALREADY_EXISTS,
        "AlreadyExistsException",
    )
    bad_name = pb.CreateTableReqRequest(table=table("e", "no good name"))
    assert failure(stub.CreateTableReq, bad_name)[:2] == (SC.INVALID_ARGUMENT, "InvalidObjectException")
    bad_filter = pb.GetPartitionsByFilterRequest(db_name="e", tbl_name="t", filter="ds = = 1")
    assert failure(stub.GetPartitionsByFilter, bad_filter)[:2] == (SC.INVALID_ARGUMENT, "MetaException")
    not_empty = pb.DropDatabaseReqRequest(name="e")
    assert failure(stub.DropDatabaseReq, not_empty)[:2] == (
        SC.FAILED_PRECONDITION,
        "InvalidOperationException",
    )
    kryo = pb.GetPartitionsByExprRequest(db_name="e", tbl_name="t", expr=b"\x01\x00\xff kryo")
    assert failure(stub.GetPartitionsByExpr, kryo)[:2] == (SC.UNIMPLEMENTED, "MetaException")
    blocked = tmp_path / "file"
    blocked.write_text("a file where a directory should go")
    in_a_file = pb.Database(name="e2", location_uri=f"file:{blocked}/e2.db")
    assert failure(stub.CreateDatabase, in_a_file)[:2] == (SC.INTERNAL, "MetaException")
    assert code_of(stub.GetDatabaseReq, pb.GetDatabaseReqRequest(name="e2")) == SC.NOT_FOUND

    # a method of Hive's service this catalog does not serve
    call = door.channel(door.admin_token).unary_unary(
        "/org.apache.hadoop.hive.metastore.grpc.GrpcHiveMetastore/OpenTxns",
        request_serializer=lambda m: b"",
        response_deserializer=lambda b: b,
    )
    assert code_of(call, None) == SC.UNIMPLEMENTED


def test_unauthenticated_calls(door):
    req = pb.GetAllDatabasesRequest()
    assert failure(door.stub().GetAllDatabases, req)[:2] == (SC.UNAUTHENTICATED, "MetaException")
    assert failure(door.stub("not-a-real-token-0123456789").GetAllDatabases, req)[0] == SC.UNAUTHENTICATED
    basic = (("authorization", "Basic dXNlcjpwdw=="),)
    assert failure(door.stub().GetAllDatabases, req, metadata=basic)[0] == SC.UNAUTHENTICATED
    token = door.token("short-lived")
    assert door.stub(token).GetAllDatabases(req).string_lists
    from catalog.auth.tokens import TokenManager

    TokenManager(door.service.db).revoke(token=token)
    time.sleep(CACHE_SECONDS + 0.2)  # a verified token is remembered this long
    assert failure(door.stub(token).GetAllDatabases, req)[0] == SC.UNAUTHENTICATED
    # nothing was written by the refused calls
    assert door.stub(door.admin_token).GetAllDatabases(req).string_lists == ["default"]


def test_enforced_privileges_listings_and_audit(database_url, tmp_path):
    d = make_door(database_url, tmp_path, authorization="enforce", admin_users=("boss",))
    try:
        boss, olive, nina = (d.stub(d.token(p)) for p in ("boss", "olive", "nina"))
        boss.CreateDatabase(pb.Database(name="sales", owner_name="olive", owner_type=pb.PRINCIPAL_TYPE_USER))
        olive.CreateTableReq(pb.CreateTableReqRequest(table=table("sales", "orders")))  # the owner may
        boss.CreateTableReq(pb.CreateTableReqRequest(table=table("sales", "secret")))
        # the table created over gRPC is owned by its creator (visible over Thrift)
        with d.thrift("boss") as c:
            assert c.get_table("sales", "orders").owner == "olive"
        code, exc, msg = failure(nina.GetTableReq, pb.GetTableReqRequest(db_name="sales", tbl_name="orders"))
        assert (code, exc) == (SC.PERMISSION_DENIED, "MetaException") and "nina" in msg
        assert failure(nina.CreateDatabase, pb.Database(name="mine"))[0] == SC.PERMISSION_DENIED
        assert (
            failure(nina.DropDatabaseReq, pb.DropDatabaseReqRequest(name="sales", cascade=True))[0]
            == SC.PERMISSION_DENIED
        )
        assert list(nina.GetAllTables(pb.GetAllTablesRequest(db_name="sales")).responses) == []
        grant = pb.HiveObjectPrivilege(
            hive_object=pb.HiveObjectRef(
                object_type=pb.HIVE_OBJECT_TYPE_TABLE, db_name="sales", object_name="orders"
            ),
            principal_name="nina",
            principal_type=pb.PRINCIPAL_TYPE_USER,
            grant_info=pb.PrivilegeGrantInfo(
                privilege="SELECT", grantor="olive", grantor_type=pb.PRINCIPAL_TYPE_USER
            ),
        )
        bag = pb.PrivilegeBag(privileges=[grant])
        olive.GrantRevokePrivileges(
            pb.GrantRevokePrivilegesRequest(request_type=pb.GRANT_REVOKE_TYPE_GRANT, privileges=bag)
        )
        assert (
            nina.GetTableReq(pb.GetTableReqRequest(db_name="sales", tbl_name="orders")).table.table_name
            == "orders"
        )
        assert list(nina.GetAllTables(pb.GetAllTablesRequest(db_name="sales")).responses) == ["orders"]
        assert (
            failure(nina.DropTable, pb.DropTableRequest(dbname="sales", name="orders"))[0]
            == SC.PERMISSION_DENIED
        )

        admin = d.admin()
        records = admin.get("/api/v1/audit", params={"door": "grpc"}).json()["records"]
        seen = {(r["principal"], r["action"], r["outcome"]) for r in records}
        assert ("boss", "create_database", "success") in seen
        assert ("olive", "create_table", "success") in seen
        assert ("olive", "grant_privileges", "success") in seen
        assert ("nina", "drop_table", "denied") in seen
        assert ("nina", "create_database", "denied") in seen
        assert all(r["door"] == "grpc" for r in records)
    finally:
        d.close()


def test_unavailable_when_no_database_connection_and_deadlines(database_url, tmp_path):
    d = make_door(database_url, tmp_path, pool_size=1, pool_timeout=1.0)
    try:
        stub = d.admin_stub()
        engine = d.service.db.engine
        held = [engine.connect() for _ in range(2)]  # the pool (1) and its overflow (1)
        try:
            code, exc, msg = failure(stub.GetAllDatabases, pb.GetAllDatabasesRequest())
            assert (code, exc) == (SC.UNAVAILABLE, "MetaException") and "pool" in msg
            # A deadline that passes while the call waits is honoured: the write never runs. (The
            # token has not been verified yet - failures are not remembered - so authentication
            # is what waits for a connection here.)
            threading.Timer(0.8, lambda: [c.close() for c in held]).start()
            late = pb.Database(name="too_late")
            assert code_of(stub.CreateDatabase, late, timeout=0.5) == SC.DEADLINE_EXCEEDED
        finally:
            time.sleep(1.0)
            for c in held:
                c.close()
        time.sleep(0.5)
        assert code_of(stub.GetDatabaseReq, pb.GetDatabaseReqRequest(name="too_late")) == SC.NOT_FOUND
        assert "default" in stub.GetAllDatabases(pb.GetAllDatabasesRequest()).string_lists
        with d.thrift() as c:  # the Thrift door answers the same error type for the same thing
            with pytest.raises(tt.NoSuchObjectException):
                c.get_database("too_late")
    finally:
        d.close()
