"""The Thrift door itself: session calls, oneway shutdown, unknown and unimplemented methods, framed
transport, and hostile input that must close one connection only."""

from __future__ import annotations

import socket
import struct

import pytest
from thrift.Thrift import TApplicationException

from catalog.app import Runtime
from catalog.thrift_gen.hive_metastore import ttypes as tt
from tests.conftest import start_service, thrift_client


def test_set_ugi_returns_groups_and_user(client):
    assert client.set_ugi("alice", ["eng"]) == ["eng", "alice"]


def test_oneway_shutdown_does_not_stop_the_server(server):
    with thrift_client(server.port) as c:
        c.shutdown()  # Hive's client sends this on close(): no reply, no stop
        assert c.get_database("default").name == "default"
    with thrift_client(server.port) as c:
        assert c.get_all_databases() == ["default"]


def test_unimplemented_method_names_itself_in_a_meta_exception(client):
    with pytest.raises(tt.MetaException, match="create_type is not implemented"):
        client.create_type(tt.Type(name="x"))
    # a method that declares no exception says it through Thrift's own application exception
    with pytest.raises(TApplicationException, match="get_open_txns is not implemented"):
        client.get_open_txns()
    assert client.get_database("default").name == "default"


def test_kryo_expressions_are_refused_with_a_reason(client):
    from tests.factories import database, table

    client.create_database(database("d1"))
    client.create_table(table("d1", "t", part_keys=[("dt", "string")]))
    with pytest.raises(tt.MetaException, match="Kryo"):
        client.get_partitions_by_expr(
            tt.PartitionsByExprRequest(dbName="d1", tblName="t", expr=b"\x01\x00\xff")
        )
    assert (
        client.get_partitions_by_expr(
            tt.PartitionsByExprRequest(dbName="d1", tblName="t", expr=b"dt = 'x'")
        ).partitions
        == []
    )


def test_unknown_method_is_thrift_unknown_method(server):
    from thrift.protocol.TBinaryProtocol import TBinaryProtocol
    from thrift.Thrift import TMessageType
    from thrift.transport import TSocket, TTransport

    trans = TTransport.TBufferedTransport(TSocket.TSocket("127.0.0.1", server.port))
    trans.open()
    prot = TBinaryProtocol(trans)
    prot.writeMessageBegin("no_such_method", TMessageType.CALL, 1)
    prot.writeStructBegin("args")
    prot.writeFieldStop()
    prot.writeStructEnd()
    prot.writeMessageEnd()
    trans.flush()
    name, mtype, seqid = prot.readMessageBegin()
    assert mtype == TMessageType.EXCEPTION
    exc = TApplicationException()
    exc.read(prot)
    assert exc.type == TApplicationException.UNKNOWN_METHOD
    trans.close()


def test_get_meta_conf(client):
    assert client.getMetaConf("hive.metastore.try.direct.sql") == "true"
    with pytest.raises(tt.MetaException):
        client.getMetaConf("not.a.key")


def test_partition_name_characters_follow_the_whitelist_pattern(client, database_url, tmp_path):
    # Hive's default: no pattern, every value is valid
    assert client.partition_name_has_valid_characters(["2024-01-01", "a b/é"], True) is True
    conf = {"metastore.partition.name.whitelist.pattern": "[a-z0-9-]*"}
    rt: Runtime = start_service(database_url, tmp_path, extra_conf=conf)
    try:
        with thrift_client(rt.thrift.port) as c:
            assert c.partition_name_has_valid_characters(["2024-01-01", "abc"], False) is True
            assert c.partition_name_has_valid_characters(["2024-01-01", "a b"], False) is False
            with pytest.raises(tt.MetaException, match="whitelist pattern"):
                c.partition_name_has_valid_characters(["2024-01-01", "a b"], True)
    finally:
        rt.stop()


def test_framed_transport_option(database_url, tmp_path):
    rt: Runtime = start_service(database_url, tmp_path, framed=True)
    try:
        with thrift_client(rt.thrift.port, framed=True) as c:
            assert c.get_database("default").name == "default"
    finally:
        rt.stop()


def _raw(port: int, payload: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(payload)
        try:
            s.shutdown(socket.SHUT_WR)
        except OSError:
            pass
        chunks = []
        while True:
            try:
                b = s.recv(65536)
            except (TimeoutError, ConnectionResetError):
                break
            if not b:
                break
            chunks.append(b)
        return b"".join(chunks)


@pytest.mark.parametrize(
    "payload",
    [
        b"\x80\x01\x00\x01\x00\x00",  # truncated header
        b"GET / HTTP/1.1\r\nHost: x\r\n\r\n",  # wrong protocol
        b"\x80\x01\x00\x01" + struct.pack(">i", 2**31 - 1) + b"get",  # huge declared name
        b"\x80\x01\x00\x01\x00\x00\x00\x0cget_database\x00\x00\x00\x01"
        b"\x0b\x00\x01" + struct.pack(">i", 2**30),  # huge declared string argument
        b"\x80\x01\x00\x01\x00\x00\x00\x0dget_databases\x00\x00\x00\x01"
        b"\x0f\x00\x01\x0b" + struct.pack(">i", 2**31 - 1),  # huge declared list
        bytes(range(256)) * 4,  # random bytes
    ],
)
def test_hostile_input_closes_only_that_connection(server, payload):
    with thrift_client(server.port) as bystander:
        _raw(server.port, payload)
        assert bystander.get_database("default").name == "default"
    with thrift_client(server.port) as c:
        assert c.get_all_databases() == ["default"]


def test_database_outage_is_meta_exception_then_recovers(server, pg_server):
    import psycopg
    from sqlalchemy.engine import make_url

    with thrift_client(server.port) as c:
        assert c.get_database("default").name == "default"
        u = make_url(server.database_url)
        with psycopg.connect(
            host=u.host, port=u.port, user=u.username, dbname="postgres", autocommit=True
        ) as admin:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s "
                "AND pid <> pg_backend_pid()",
                (u.database,),
            )
        # the pooled connections are dead: a call fails cleanly or succeeds on a fresh connection
        outcomes = []
        for _ in range(3):
            try:
                c.get_database("default")
                outcomes.append("ok")
            except tt.MetaException as e:
                assert "database" in e.message
                outcomes.append("meta")
        assert outcomes == ["ok", "ok", "ok"]  # reads retry once on a fresh connection
        assert c.get_database("default").name == "default"
