"""Running the gRPC door: the standard health service, server reflection used the way grpcurl uses
it (no generated code: descriptors fetched from the server, messages built from them), TLS, message
size limits and hostile input (each failing only its own call or connection), metrics, JSON-ready
access logs, and a graceful stop on SIGTERM."""

from __future__ import annotations

import datetime as dt
import logging
import signal
import socket
import subprocess
import sys
import threading
import time

import grpc
import pytest
from google.protobuf import descriptor_pool, message_factory
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha.proto_reflection_descriptor_database import ProtoReflectionDescriptorDatabase

from catalog.auth.tokens import TokenManager
from catalog.db import Database, make_engine
from catalog.embedded_pg import free_port
from catalog.grpc_gen import hive_metastore_pb2 as pb
from catalog.grpc_gen import hive_metastore_pb2_grpc as pbg
from tests.grpc_door.conftest import make_door
from tests.grpc_door.helpers import code_of, table
from tests.ops.conftest import scrape, wait_for, wait_port
from tests.ops.integrity import connect, scalar

SERVICE = "org.apache.hadoop.hive.metastore.grpc.GrpcHiveMetastore"


def test_health_and_reflection_like_grpcurl(door):
    health = health_pb2_grpc.HealthStub(door.channel())  # no token: health is open, like /health
    for name in ("", SERVICE):
        assert (
            health.Check(health_pb2.HealthCheckRequest(service=name)).status
            == health_pb2.HealthCheckResponse.SERVING
        )
    assert (
        code_of(health.Check, health_pb2.HealthCheckRequest(service="no.such.Service"))
        == grpc.StatusCode.NOT_FOUND
    )

    # `grpcurl -plaintext host:port list`
    refl = ProtoReflectionDescriptorDatabase(door.channel())
    assert set(refl.get_services()) >= {
        SERVICE,
        "grpc.health.v1.Health",
        "grpc.reflection.v1alpha.ServerReflection",
    }
    # `grpcurl -plaintext -H 'authorization: Bearer ...' -d '{"name": "default"}' host:port <service>/GetDatabaseReq`,
    # with only what reflection told us
    pool = descriptor_pool.DescriptorPool(refl)
    svc = pool.FindServiceByName(SERVICE)
    assert {"GetTableReq", "GetPartitionsReq", "CreateDatabase", "Lock"} <= {m.name for m in svc.methods}
    method = svc.FindMethodByName("GetDatabaseReq")
    req_cls = message_factory.GetMessageClass(method.input_type)
    resp_cls = message_factory.GetMessageClass(method.output_type)
    call = door.channel(door.admin_token).unary_unary(
        f"/{SERVICE}/GetDatabaseReq",
        request_serializer=req_cls.SerializeToString,
        response_deserializer=resp_cls.FromString,
    )
    answer = call(req_cls(name="default"))
    assert answer.name == "default" and answer.location_uri
    fields = {f.name: f.number for f in method.output_type.fields}
    assert (fields["name"], fields["location_uri"], fields["catalog_name"]) == (1, 3, 8)


def _self_signed(tmp_path):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_pem = cert.public_bytes(serialization.Encoding.PEM)
    key_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    (tmp_path / "cert.pem").write_bytes(cert_pem)
    (tmp_path / "key.pem").write_bytes(key_pem)
    return tmp_path / "cert.pem", tmp_path / "key.pem", cert_pem


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        b, n = n & 0x7F, n >> 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def _wrap(field: int, payload: bytes) -> bytes:
    return _varint(field << 3 | 2) + _varint(len(payload)) + payload


def test_tls_and_message_limits_and_hostile_input(database_url, tmp_path):
    cert, key, cert_pem = _self_signed(tmp_path)
    d = make_door(
        database_url, tmp_path, grpc_tls_cert=str(cert), grpc_tls_key=str(key), grpc_max_message_mb=1
    )
    try:
        creds = grpc.composite_channel_credentials(
            grpc.ssl_channel_credentials(root_certificates=cert_pem),
            grpc.access_token_call_credentials(d.admin_token),
        )
        ch = grpc.secure_channel(f"localhost:{d.grpc_port}", creds)
        d.channels.append(ch)
        stub = pbg.GrpcHiveMetastoreStub(ch)
        assert "default" in stub.GetAllDatabases(pb.GetAllDatabasesRequest()).string_lists  # over TLS
        plain = d.stub(d.admin_token)
        assert (
            code_of(plain.GetAllDatabases, pb.GetAllDatabasesRequest(), timeout=5)
            == grpc.StatusCode.UNAVAILABLE
        )

        # over the size limit (1 MiB here): that call fails, nothing is written
        huge = pb.Database(name="huge", description="x" * (2 * 1024 * 1024))
        assert code_of(stub.CreateDatabase, huge) == grpc.StatusCode.RESOURCE_EXHAUSTED
        # bytes that are not the request message
        raw = ch.unary_unary(
            f"/{SERVICE}/GetDatabaseReq", request_serializer=lambda b: b, response_deserializer=lambda b: b
        )
        raw_create = ch.unary_unary(
            f"/{SERVICE}/CreateTableReq", request_serializer=lambda b: b, response_deserializer=lambda b: b
        )
        assert code_of(raw, b"\xff\xff\xff\xff\x0f garbage") == grpc.StatusCode.INTERNAL
        # nested deeper than protobuf's recursion limit (Table.creation_metadata.source_tables[0].table ...),
        # encoded by hand: protobuf itself refuses to build it
        nested = b""
        for _ in range(150):
            for field in (
                1,
                7,
                15,
            ):  # SourceTable.table, CreationMetadata.source_tables, Table.creation_metadata
                nested = _wrap(field, nested)
        nested = _wrap(1, nested)  # CreateTableReqRequest.table
        assert code_of(raw_create, nested) == grpc.StatusCode.INTERNAL
        # garbage on raw TCP connections: not HTTP/2, a bad preface, a valid preface then a bad frame
        for junk in (
            b"\x00" * 64,
            b"GET / HTTP/1.1\r\nHost: x\r\n\r\n",
            b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" + b"\xff" * 200,
        ):
            s = socket.create_connection(("127.0.0.1", d.grpc_port), timeout=5)
            s.sendall(junk)
            try:
                while s.recv(4096):
                    pass
            except OSError:
                pass
            s.close()
        half_open = [socket.create_connection(("127.0.0.1", d.grpc_port), timeout=5) for _ in range(20)]
        # none of that disturbed the other calls
        assert (
            code_of(stub.GetDatabaseReq, pb.GetDatabaseReqRequest(name="huge")) == grpc.StatusCode.NOT_FOUND
        )
        stub.CreateDatabase(pb.Database(name="fine"))
        assert stub.GetDatabaseReq(pb.GetDatabaseReqRequest(name="fine")).name == "fine"
        for s in half_open:
            s.close()
        with d.thrift() as c:
            assert c.get_database("fine").name == "fine"
    finally:
        d.close()


def test_metrics_and_access_log(database_url, tmp_path, caplog):
    d = make_door(database_url, tmp_path, access_log=True, slow_call_ms=60_000)
    try:
        stub = d.admin_stub()
        with caplog.at_level(logging.INFO, logger="catalog.access"):
            stub.GetAllDatabases(pb.GetAllDatabasesRequest())
            code_of(stub.GetTableReq, pb.GetTableReqRequest(db_name="default", tbl_name="nope"))
            code_of(d.stub().GetAllDatabases, pb.GetAllDatabasesRequest())
        recs = [r for r in caplog.records if getattr(r, "door", None) == "grpc"]
        got = [(r.method, r.outcome, r.caller) for r in recs]
        assert ("GetAllDatabases", "ok", "root") in got
        assert ("GetTableReq", "NOT_FOUND", "root") in got
        assert ("GetAllDatabases", "UNAUTHENTICATED", None) in got
        assert all(len(r.request_id) == 16 and r.duration_ms >= 0 for r in recs)
        samples = scrape(f"{d.url}/metrics")
        calls = {labels: v for (name, labels), v in samples.items() if name == "catalog_grpc_calls_total"}
        assert calls[(("code", "OK"), ("method", "GetAllDatabases"))] >= 1
        assert calls[(("code", "NOT_FOUND"), ("method", "GetTableReq"))] >= 1
        assert calls[(("code", "UNAUTHENTICATED"), ("method", "GetAllDatabases"))] >= 1
        assert samples[("catalog_grpc_call_duration_seconds_count", (("method", "GetTableReq"),))] >= 1
    finally:
        d.close()


@pytest.mark.timeout(180)
def test_sigterm_lets_grpc_calls_in_flight_finish(database_url, tmp_path):
    db = Database(make_engine(database_url))
    try:
        token, _ = TokenManager(db).create("ops", is_admin=True)
    finally:
        db.dispose()
    thrift_port, grpc_port = free_port(), free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "catalog.cli",
            "--log-format",
            "json",
            "serve",
            "--database-url",
            database_url,
            "--no-migrate",
        ]
        + ["--thrift-port", str(thrift_port), "--http-port", "-1", "--grpc-port", str(grpc_port)]
        + ["--warehouse", f"file:{tmp_path}/wh", "--shutdown-timeout", "20"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
    )
    blocker = connect(database_url)
    blocker.autocommit = False
    try:
        wait_port(grpc_port, proc)
        ch = grpc.insecure_channel(f"127.0.0.1:{grpc_port}")
        md = (("authorization", f"Bearer {token}"),)
        stub = pbg.GrpcHiveMetastoreStub(ch)
        assert "default" in stub.GetAllDatabases(pb.GetAllDatabasesRequest(), metadata=md).string_lists
        blocker.execute('SELECT 1 FROM "DBS" WHERE "NAME" = %s FOR UPDATE', ("default",))
        result: dict = {}

        def create():
            try:
                stub.CreateTableReq(
                    pb.CreateTableReqRequest(table=table("default", "in_flight", keys=())),
                    metadata=md,
                    timeout=60,
                )
                result["outcome"] = "ok"
            except grpc.RpcError as e:
                result["outcome"] = e.code()

        caller = threading.Thread(target=create)
        caller.start()
        wait_for(
            lambda: (
                scalar(
                    database_url,
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE wait_event_type = 'Lock' AND datname = current_database()",
                )
                >= 1
            ),
            30,
            what="the call to wait",
        )
        proc.send_signal(signal.SIGTERM)
        time.sleep(1.5)
        late = grpc.insecure_channel(f"127.0.0.1:{grpc_port}")
        assert (
            code_of(
                pbg.GrpcHiveMetastoreStub(late).GetAllDatabases,
                pb.GetAllDatabasesRequest(),
                metadata=md,
                timeout=5,
            )
            == grpc.StatusCode.UNAVAILABLE
        )
        late.close()
        assert proc.poll() is None and caller.is_alive()  # still finishing the call in flight
        blocker.rollback()
        caller.join(30)
        assert result == {"outcome": "ok"}
        assert proc.wait(30) == 0
        ch.close()
    finally:
        blocker.close()
        if proc.poll() is None:
            proc.kill()
    err = proc.stderr.read().decode()
    assert "received signal" in err and "gRPC server stopped" in err and token not in err, err[-3000:]
    assert scalar(database_url, 'SELECT count(*) FROM "TBLS" WHERE "TBL_NAME" = %s', ("in_flight",)) == 1
