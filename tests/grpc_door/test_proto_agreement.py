"""Our proto/hive_metastore.proto against Apache Hive's own file.

The facts of Hive's file (package, service, every RPC, and the messages and enums of what we
implement) were recorded with `python -m catalog.grpc.proto_facts` into
tests/data/hive_metastore_proto_upstream.json (Hive's file is not kept here). This compares them
with the descriptor protoc built from our file, and proto/README.md's coverage tables with both."""

from __future__ import annotations

import json
import re
from pathlib import Path

from google.protobuf import descriptor_pb2

from catalog.grpc.methods import METHODS
from catalog.grpc.proto_facts import facts_of_file, facts_of_proto_text
from catalog.grpc.server import SERVICE_NAME
from catalog.grpc_gen import hive_metastore_pb2 as pb

ROOT = Path(__file__).resolve().parents[2]
UPSTREAM = json.loads((ROOT / "tests/data/hive_metastore_proto_upstream.json").read_text())


def ours() -> dict:
    fd = descriptor_pb2.FileDescriptorProto()
    pb.DESCRIPTOR.CopyToProto(fd)
    return facts_of_file(fd)


def test_package_and_service_are_hives():
    o = ours()
    assert o["package"] == UPSTREAM["package"] == "org.apache.hadoop.hive.metastore.grpc"
    assert o["services"] == UPSTREAM["services"] == ["GrpcHiveMetastore"]


def test_every_rpc_has_hives_name_and_types():
    o = ours()
    assert len(o["rpcs"]) >= 90
    for name, types in o["rpcs"].items():
        assert UPSTREAM["rpcs"].get(name) == types, name


def test_every_message_and_enum_agrees_field_by_field():
    o = ours()
    assert o["messages"], "no messages"
    for name, fields in o["messages"].items():
        assert name in UPSTREAM["messages"], f"message {name} is not Hive's"
        # name, number, type, repeated, oneof: all of them, in full (no field left out or added)
        assert fields == UPSTREAM["messages"][name], name
    for name, values in o["enums"].items():
        assert values == UPSTREAM["enums"][name], name


def test_everything_an_rpc_references_is_defined_like_hives():
    o = ours()
    seen, todo = set(), [t for types in o["rpcs"].values() for t in types]
    while todo:
        t = todo.pop()
        if t in seen or t in o["enums"]:
            continue
        seen.add(t)
        assert o["messages"][t] == UPSTREAM["messages"][t]
        for _, _, ftype, _, _ in o["messages"][t]:
            m = re.match(r"map<\w+,(\w+)>", ftype)
            ftype = m.group(1) if m else ftype
            if ftype in UPSTREAM["messages"] or ftype in UPSTREAM["enums"]:
                todo.append(ftype)


def test_the_source_file_compiles_to_the_generated_descriptor():
    """proto/hive_metastore.proto and catalog/grpc_gen/ are in step (`make grpc` was run)."""
    text_facts = facts_of_proto_text(ROOT / "proto/hive_metastore.proto")
    assert text_facts == ours()


def test_every_rpc_of_the_service_is_served():
    assert SERVICE_NAME == "org.apache.hadoop.hive.metastore.grpc.GrpcHiveMetastore"
    assert set(METHODS) == set(ours()["rpcs"])


def _readme_rpcs(section: str) -> set[str]:
    text = (ROOT / "proto/README.md").read_text()
    part = text.split(f"<!-- {section} -->")[1].split("<!-- end -->")[0]
    return set(re.findall(r"`(\w+)`", part))


def test_readme_lists_what_is_covered_and_what_is_not():
    o = ours()
    covered, not_covered = _readme_rpcs("covered"), _readme_rpcs("not covered")
    assert covered == set(o["rpcs"])
    assert not_covered == set(UPSTREAM["rpcs"]) - set(o["rpcs"])
