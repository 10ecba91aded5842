"""The registry of the gRPC door's methods and the helpers they share.

Each method takes the Thrift handler (catalog.thrift.handler.MetastoreHandler: the translation of
Hive's calls onto the catalog service) and the protobuf request, calls the one Thrift method its
RPC corresponds to, and returns the answer as a protobuf message, a dict of its fields, a Thrift
struct (translated by catalog.grpc.wire) or None (an empty response). The RPC's response type comes
from the service descriptor, so a method never names it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from google.protobuf.message import Message

from catalog.grpc import wire
from catalog.grpc_gen import hive_metastore_pb2 as pb
from catalog.thrift_gen.hive_metastore import ttypes as tt

Method = Callable[[Any, Any], Any]
METHODS: dict[str, Method] = {}


def rpc(name: str) -> Callable[[Method], Method]:
    def register(fn: Method) -> Method:
        if name in METHODS:
            raise ValueError(f"RPC {name} registered twice")
        METHODS[name] = fn
        return fn

    return register


def whole_requests(*entries: tuple[str, str, type], answers: bool = True) -> None:
    """Register RPCs that hand their whole request, as one Thrift struct, to one handler method:
    entries (RPC, handler method, Thrift request struct). The RPC answers what the method returns,
    or an empty response (`answers=False`: the method's result, if any, is not part of the RPC's)."""
    for name, method, tcls in entries:

        def call(h, r, method: str = method, tcls: type = tcls) -> Any:
            result = getattr(h, method)(wire.to_thrift(r, tcls))
            return result if answers else None

        call.__name__ = method
        rpc(name)(call)


def qdb(catalog: str, db: str) -> str | None:
    """A database argument with its catalog, as Hive 3 clients send it to Thrift (`@cat#db`)."""
    if catalog:
        return f"@{catalog}#{db}"
    return db or None


def env(msg, field: str = "environment_context"):
    return wire.to_thrift(getattr(msg, field), tt.EnvironmentContext) if msg.HasField(field) else None


def opt(msg, field: str, tcls: type):
    """A message field as its Thrift struct, or None when unset."""
    return wire.to_thrift(getattr(msg, field), tcls) if msg.HasField(field) else None


def dicts(items: Iterable | None, msg_cls: type[Message], tcls: type) -> list[dict]:
    fn = wire.to_proto_fn(msg_cls.DESCRIPTOR, tcls)
    with wire.one_answer():
        return [fn(x) for x in items or ()]


def partitions(items) -> list[dict]:
    return dicts(items, pb.Partition, tt.Partition)


def specs(items) -> list[dict]:
    return dicts(items, pb.PartitionSpec, tt.PartitionSpec)


def to_thrift_list(msgs, tcls: type) -> list:
    return [wire.to_thrift(m, tcls) for m in msgs]


__all__ = [
    "METHODS",
    "dicts",
    "env",
    "opt",
    "partitions",
    "qdb",
    "rpc",
    "specs",
    "to_thrift_list",
    "whole_requests",
]
