"""Hive's protobuf messages <-> Hive's Thrift structs, field by field.

The gRPC door translates each request into the Thrift structs the Thrift handler already takes
(and so into the same domain conversion, catalog/thrift/convert.py), and each Thrift answer back
into protobuf. Both IDLs describe the same objects with the same field names (snake_case against
camelCase), so the translation is derived from the two schemas (the protobuf descriptor and the
generated `thrift_spec`) once per pair of types and cached; `RENAMED` lists where Hive's two files
spell a field differently, `WRAPPERS` the protobuf messages that only stand for a Thrift list.

proto3 has no "unset" for scalars. Coming in: an empty string or bytes is Thrift's null, an enum's
0 (`*_UNSPECIFIED`) is null, a 0 where the Thrift field has a non-null default (`max_parts` = -1)
is that default; bools and other numbers are taken as they are. Going out, a null is left unset.
Fields only one side has are skipped (Hive 4 additions on the protobuf side, e.g. `write_id`).
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Callable, Iterator
from typing import Any

from google.protobuf.descriptor import Descriptor, FieldDescriptor
from google.protobuf.message import Message
from thrift.Thrift import TType

# (protobuf message, protobuf field) -> Thrift field, where Hive's two files disagree on the name.
RENAMED: dict[tuple[str, str], str] = {
    ("StorageDescriptor", "sor_cols"): "sortCols",
    ("ColumnStatistics", "stats_objs"): "statsObj",
    ("PartitionValuesRow", "rows"): "row",
    ("Function", "resource_urises"): "resourceUris",
    ("CreationMetadata", "tables_useds"): "tablesUsed",
    ("GetPartitionValuesRequest", "partition_orders"): "partitionOrder",
    ("LockRequest", "components"): "component",
    ("AlterTableReqRequest", "evironment_context"): "environmentContext",
    ("TruncateTableRequest", "evironment_context"): "environmentContext",
    ("HeartbeatTxnRangeResponse", "aborteds"): "aborted",
    ("HeartbeatTxnRangeResponse", "nosuches"): "nosuch",
}

# protobuf messages that are a Thrift list (proto3 has no list of lists, nor list-valued maps).
WRAPPERS: dict[str, str] = {
    "StringList": "string_lists",
    "ByteList": "byte_lists",
    "PrivilegeGrantInfoList": "privilege_grant_info_lists",
    "DropPartitionsExprList": "exprs_lists",
    "ColumnStatisticsObjList": "column_statistics_obj_lists",
}

_STRUCT, _LIST, _SET, _MAP = TType.STRUCT, TType.LIST, TType.SET, TType.MAP
_Conv = Callable[[Any], Any]

# Within one answer, a list of structs shared by many objects (the column list the Thrift conversion
# shares among a table's partitions) is converted once: {id(list): (list, converted)}.
_shared: contextvars.ContextVar[dict | None] = contextvars.ContextVar("grpc_wire_shared", default=None)


@contextlib.contextmanager
def one_answer() -> Iterator[None]:
    """Scope of the shared-list memo: one top-level conversion (never across answers)."""
    token = _shared.set({})
    try:
        yield
    finally:
        _shared.reset(token)


def _norm(name: str) -> str:
    return name.replace("_", "").lower()


def _thrift_fields(cls: type) -> dict[str, tuple]:
    return {_norm(f[2]): f for f in cls.thrift_spec if f}  # type: ignore[attr-defined]


def _is_map(fd: FieldDescriptor) -> bool:
    mt = fd.message_type
    return mt is not None and mt.GetOptions().map_entry


def _is_repeated(fd: FieldDescriptor) -> bool:
    return bool(fd.is_repeated)


# ------------------------------------------------------------------------------------------------
# Thrift -> protobuf: a plain dict of the message's fields (protobuf builds nested messages from
# dicts in one C call, which is much cheaper than building each sub-message).
def _value_to_proto(fd: FieldDescriptor | None, mt: Descriptor | None, ttype: int, targs) -> _Conv | None:
    """The converter of one (non-repeated) value; None when the value passes unchanged."""
    if mt is not None and mt.name in WRAPPERS:  # a Thrift list inside a wrapper message
        inner = mt.fields_by_name[WRAPPERS[mt.name]]
        elem = _elem_to_proto(inner, targs[0], targs[1])
        name = WRAPPERS[mt.name]
        if elem is None:
            return lambda v: {name: list(v)}
        return lambda v: {name: [elem(x) for x in v]}
    if ttype == _STRUCT and mt is not None:
        return to_proto_fn(mt, targs[0])
    if ttype == _SET:
        return list
    return None


def _elem_to_proto(fd: FieldDescriptor, ttype: int, targs) -> _Conv | None:
    return _value_to_proto(fd, fd.message_type, ttype, targs)


def _field_to_proto(fd: FieldDescriptor, spec: tuple) -> _Conv | None:
    ttype, targs = spec[1], spec[3]
    if _is_map(fd):
        vfd = fd.message_type.fields_by_name["value"]
        vconv = _value_to_proto(vfd, vfd.message_type, targs[2], targs[3])
        if vconv is None:
            return dict
        return lambda v: {k: vconv(x) for k, x in v.items()}
    if _is_repeated(fd):
        mt = fd.message_type
        if mt is not None and mt.name == "MapStringListStringEntry":  # Thrift map<list<string>, string>
            return lambda v: [{"key": {"string_lists": list(k)}, "value": x} for k, x in v.items()]
        if ttype not in (_LIST, _SET):
            return None
        econv = _value_to_proto(fd, mt, targs[0], targs[1])
        if econv is None:
            return list
        if mt is None:
            return lambda v: [econv(x) for x in v]

        def structs(v):
            memo = _shared.get()
            if memo is None:
                return [econv(x) for x in v]
            hit = memo.get(id(v))
            if hit is not None and hit[0] is v:
                return hit[1]
            out = [econv(x) for x in v]
            memo[id(v)] = (v, out)
            return out

        return structs
    return _value_to_proto(fd, fd.message_type, ttype, targs)


_TO_PROTO: dict[tuple[str, type], Callable[[Any], dict]] = {}


def to_proto_fn(desc: Descriptor, tcls: type) -> Callable[[Any], dict]:
    """The function that turns a `tcls` Thrift struct into the field dict of protobuf `desc`."""
    key = (desc.full_name, tcls)
    fn = _TO_PROTO.get(key)
    if fn is not None:
        return fn
    plan: list[tuple[str, str, _Conv | None]] = []

    def convert(obj) -> dict:
        d = {}
        for pname, tname, conv in plan:
            v = getattr(obj, tname, None)
            if v is not None:
                d[pname] = conv(v) if conv is not None else v
        return d

    _TO_PROTO[key] = convert  # before the plan: recursive types (Table <- SourceTable <- Table)
    tfields = _thrift_fields(tcls)
    for fd in desc.fields:
        spec = tfields.get(_norm(RENAMED.get((desc.name, fd.name), fd.name)))
        if spec is None:
            continue
        plan.append((fd.name, spec[2], _field_to_proto(fd, spec)))
    return convert


def to_proto(obj, msg_cls: type[Message]) -> Message:
    """The protobuf `msg_cls` message for Thrift struct `obj` (an empty message for None)."""
    if obj is None:
        return msg_cls()
    with one_answer():
        return msg_cls(**to_proto_fn(msg_cls.DESCRIPTOR, type(obj))(obj))


# ------------------------------------------------------------------------------------------------
# protobuf -> Thrift
def _value_to_thrift(fd: FieldDescriptor, mt: Descriptor | None, ttype: int, targs, default) -> _Conv:
    if mt is not None and mt.name in WRAPPERS:
        inner = mt.fields_by_name[WRAPPERS[mt.name]]
        elem = _value_to_thrift(inner, inner.message_type, targs[0], targs[1], None)
        name = WRAPPERS[mt.name]
        return lambda v: [elem(x) for x in getattr(v, name)]
    if mt is not None and ttype == _STRUCT:
        return to_thrift_fn(mt, targs[0])
    if fd.type == FieldDescriptor.TYPE_ENUM:
        return lambda v: v or default
    if fd.type in (FieldDescriptor.TYPE_STRING, FieldDescriptor.TYPE_BYTES):
        return lambda v: v or default
    if fd.type == FieldDescriptor.TYPE_BOOL:
        return bool
    if default is not None:  # a number whose Thrift default is not null (max_parts = -1)
        return lambda v: v or default
    return lambda v: v


def _field_to_thrift(fd: FieldDescriptor, spec: tuple) -> Callable[[Message], Any]:
    name, ttype, targs, default = fd.name, spec[1], spec[3], spec[4]
    if _is_map(fd):
        vfd = fd.message_type.fields_by_name["value"]
        conv = _value_to_thrift(vfd, vfd.message_type, targs[2], targs[3], None)
        return lambda m: {k: conv(x) for k, x in getattr(m, name).items()}
    if _is_repeated(fd):
        mt = fd.message_type
        if mt is not None and mt.name == "MapStringListStringEntry":
            return lambda m: {tuple(e.key.string_lists): e.value for e in getattr(m, name)}
        conv = _value_to_thrift(fd, mt, targs[0], targs[1], None)
        if ttype == _SET:
            return lambda m: {conv(x) for x in getattr(m, name)}
        return lambda m: [conv(x) for x in getattr(m, name)]
    conv = _value_to_thrift(fd, fd.message_type, ttype, targs, default)
    if fd.message_type is not None:  # presence is known for messages
        return lambda m: conv(getattr(m, name)) if m.HasField(name) else None
    return lambda m: conv(getattr(m, name))


_TO_THRIFT: dict[tuple[str, type], Callable[[Message], Any]] = {}


def to_thrift_fn(desc: Descriptor, tcls: type) -> Callable[[Message], Any]:
    key = (desc.full_name, tcls)
    fn = _TO_THRIFT.get(key)
    if fn is not None:
        return fn
    plan: list[tuple[str, Callable[[Message], Any]]] = []

    def convert(msg: Message):
        obj = tcls()
        for tname, get in plan:
            setattr(obj, tname, get(msg))
        return obj

    _TO_THRIFT[key] = convert
    tfields = _thrift_fields(tcls)
    for fd in desc.fields:
        spec = tfields.get(_norm(RENAMED.get((desc.name, fd.name), fd.name)))
        if spec is not None:
            plan.append((spec[2], _field_to_thrift(fd, spec)))
    return convert


def to_thrift(msg: Message, tcls: type):
    """The Thrift `tcls` struct for protobuf message `msg`."""
    return to_thrift_fn(msg.DESCRIPTOR, tcls)(msg)


def text(v: str) -> str | None:
    """A request's string argument: empty is Thrift's null."""
    return v or None


def limit(v: int) -> int:
    """A request's `max_parts`: 0 (unset in proto3) is Thrift's -1, no limit."""
    return v if v else -1


__all__ = [
    "RENAMED",
    "WRAPPERS",
    "limit",
    "one_answer",
    "text",
    "to_proto",
    "to_proto_fn",
    "to_thrift",
    "to_thrift_fn",
]
