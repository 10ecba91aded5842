"""The wire facts of a .proto file: package, service methods, and every message's fields
(name, number, type, label, oneof) and every enum's values.

Two uses: `python -m catalog.grpc.proto_facts <hive_metastore.proto>` records the facts of Apache Hive's own
file (tests/data/hive_metastore_proto_upstream.json; the upstream file is not kept in this
repository), and tests/grpc_door/test_proto_agreement.py compares our generated descriptor with them.
Only what decides wire compatibility is recorded; comments, order and layout are not.
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
from pathlib import Path

from google.protobuf import descriptor_pb2

_SCALARS = {
    v: k.removeprefix("TYPE_").lower()
    for k, v in descriptor_pb2.FieldDescriptorProto.Type.items()
    if k not in ("TYPE_MESSAGE", "TYPE_ENUM", "TYPE_GROUP")
}


def _short(type_name: str) -> str:
    return type_name.rsplit(".", 1)[-1]


def _field_type(f: descriptor_pb2.FieldDescriptorProto, maps: dict[str, tuple[str, str]]) -> str:
    if f.type in _SCALARS:
        return _SCALARS[f.type]
    name = _short(f.type_name)
    if name in maps:
        k, v = maps[name]
        return f"map<{k},{v}>"
    return name


def facts_of_file(fd: descriptor_pb2.FileDescriptorProto) -> dict:
    messages: dict[str, list] = {}
    enums: dict[str, list] = {e.name: [[v.name, v.number] for v in e.value] for e in fd.enum_type}
    for m in fd.message_type:
        maps = {}
        for nested in m.nested_type:
            if nested.options.map_entry:
                k, v = nested.field
                maps[nested.name] = (_field_type(k, {}), _field_type(v, {}))
        fields = []
        for f in m.field:
            t = _field_type(f, maps)
            label = "repeated" if f.label == f.LABEL_REPEATED and not t.startswith("map<") else ""
            oneof = m.oneof_decl[f.oneof_index].name if f.HasField("oneof_index") else ""
            fields.append([f.name, f.number, t, label, oneof])
        messages[m.name] = fields
    rpcs = {}
    for s in fd.service:
        for meth in s.method:
            rpcs[meth.name] = [_short(meth.input_type), _short(meth.output_type)]
    services = [s.name for s in fd.service]
    return {"package": fd.package, "services": services, "rpcs": rpcs, "messages": messages, "enums": enums}


_RPC = re.compile(r"rpc\s+(\w+)\s*\(\s*(\w+)\s*\)\s*returns\s*\(\s*(\w+)\s*\)", re.S)


def facts_of_proto_text(path: Path) -> dict:
    """Facts of a .proto file, compiled with grpc_tools' protoc (the service's RPC list is also read
    from the text, so that a file whose service names undefined types can still be described)."""
    from grpc_tools import protoc  # test/dev dependency

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "set.pb"
        src = path.resolve()
        rc = protoc.main(["protoc", f"-I{src.parent}", f"--descriptor_set_out={out}", src.name])
        if rc != 0:
            raise SystemExit(f"protoc failed on {path}")
        fds = descriptor_pb2.FileDescriptorSet.FromString(out.read_bytes())
    facts = facts_of_file(fds.file[0])
    if not facts["rpcs"]:
        facts["rpcs"] = {n: [i, o] for n, i, o in _RPC.findall(path.read_text())}
    return facts


if __name__ == "__main__":  # pragma: no cover - a recording tool
    if len(sys.argv) < 2:
        sys.exit(
            "usage: python -m catalog.grpc.proto_facts <hive_metastore.proto> [service.txt] > facts.json"
        )
    result = facts_of_proto_text(Path(sys.argv[1]))
    if len(sys.argv) > 2:  # the service block read separately (when the messages were given in part)
        result["rpcs"] = {n: [i, o] for n, i, o in _RPC.findall(Path(sys.argv[2]).read_text())}
        m = re.search(r"service\s+(\w+)", Path(sys.argv[2]).read_text())
        result["services"] = [m.group(1)] if m else []
    json.dump(result, sys.stdout, indent=1, sort_keys=True)
    print()
