"""The gRPC door served for real: the whole service (Thrift, REST and gRPC on free ports) over a fresh
database; clients are the stubs generated from proto/hive_metastore.proto on a real channel, with real
bearer tokens in the call metadata."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path

import grpc
import pytest

from catalog.app import Runtime, Settings
from catalog.auth.tokens import TokenManager
from catalog.grpc_gen import hive_metastore_pb2_grpc as pbg
from tests.api.conftest import Api


class _Bearer(grpc.UnaryUnaryClientInterceptor):
    def __init__(self, token: str):
        self.metadata = (("authorization", f"Bearer {token}"),)

    def intercept_unary_unary(self, continuation, details, request):
        md = tuple(details.metadata or ()) + self.metadata
        details = details._replace(metadata=md)
        return continuation(details, request)


@dataclass
class GrpcDoor(Api):
    channels: list = field(default_factory=list)

    @property
    def grpc_port(self) -> int:
        return self.runtime.grpc.port

    @property
    def target(self) -> str:
        return f"127.0.0.1:{self.grpc_port}"

    def channel(self, token: str | None = None, **options) -> grpc.Channel:
        ch = grpc.insecure_channel(self.target, options=list(options.items()))
        self.channels.append(ch)
        if token:
            ch = grpc.intercept_channel(ch, _Bearer(token))
        return ch

    def stub(self, token: str | None = None, **options) -> pbg.GrpcHiveMetastoreStub:
        return pbg.GrpcHiveMetastoreStub(self.channel(token, **options))

    def admin_stub(self) -> pbg.GrpcHiveMetastoreStub:
        return self.stub(self.admin_token)

    def close(self) -> None:
        for c in self.clients:
            c.close()
        for ch in self.channels:
            ch.close()
        self.runtime.stop()


def make_door(database_url: str, tmp_path: Path, **overrides) -> GrpcDoor:
    wh = tmp_path / "warehouse"
    wh.mkdir(exist_ok=True)
    settings = dict(
        database_url=database_url,
        thrift_port=0,
        http_port=0,
        grpc_port=0,
        warehouse="file:" + str(wh),
        migrate=False,
        workers=64,
        pool_size=8,
    )
    rt = Runtime(Settings(**{**settings, **overrides})).start()
    secret, _ = TokenManager(rt.service.db).create("root", is_admin=True, description="tests")
    return GrpcDoor(rt, wh, secret)


@pytest.fixture
def door(database_url, tmp_path):
    d = make_door(database_url, tmp_path)
    try:
        yield d
    finally:
        d.close()


@pytest.fixture
def stub(door):
    return door.admin_stub()


@contextlib.contextmanager
def enforced_door(database_url: str, tmp_path: Path):
    d = make_door(database_url, tmp_path, authorization="enforce", admin_users=("boss",))
    try:
        yield d
    finally:
        d.close()
