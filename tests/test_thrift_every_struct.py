"""No well-formed Thrift message drops a connection: every struct of the IDL, with every field and
every container filled, round-trips through the generated binding (pure-Python and C-accelerated
decoders), and every method of the service, called over a real socket with all its arguments
filled, answers (a result, a declared exception or a TApplicationException) instead of closing
the connection. This is what caught `map<list<string>, string>` (SkewedInfo's location maps)
crashing the decoder with `unhashable type: 'list'`."""

from __future__ import annotations

import inspect
import itertools

import pytest
from thrift.protocol.TBinaryProtocol import TBinaryProtocol, TBinaryProtocolAccelerated
from thrift.Thrift import TApplicationException, TException, TType
from thrift.transport.TTransport import TMemoryBuffer, TTransportException

from catalog.thrift_gen.fb303 import FacebookService
from catalog.thrift_gen.hive_metastore import ThriftHiveMetastore as svc
from catalog.thrift_gen.hive_metastore import ttypes as tt
from tests.conftest import thrift_client

MAX_DEPTH = 6  # Hive's IDL nests far less; guards against a recursive struct


class Filler:
    """Builds values for thrift_spec entries: every optional field set, two elements per container,
    distinct values so that set elements and map keys stay distinct."""

    def __init__(self) -> None:
        self._n = itertools.count(1)

    def struct(self, cls, depth: int = 0):
        obj = cls()
        if depth > MAX_DEPTH:
            return obj
        for spec in cls.thrift_spec or ():
            if spec is None:
                continue
            _, ttype, name, args, _default = spec
            setattr(obj, name, self.value(ttype, args, depth))
        return obj

    def value(self, ttype, args, depth):
        n = next(self._n)
        if ttype == TType.BOOL:
            return bool(n % 2)
        if ttype in (TType.BYTE, TType.I16, TType.I32):
            return n % 3 + 1  # a valid value of every enum (they start at 1)
        if ttype == TType.I64:
            return n
        if ttype == TType.DOUBLE:
            return n + 0.5
        if ttype == TType.STRING:
            return f"v{n}".encode() if args == "BINARY" else f"v{n} é"
        if ttype == TType.STRUCT:
            return self.struct(args[0], depth + 1)
        if ttype in (TType.LIST, TType.SET):
            etype, eargs = args[0], args[1]
            items = [self.value(etype, eargs, depth) for _ in range(2)]
            if ttype == TType.SET:
                return set(items)
            return tuple(items) if len(args) > 2 and args[2] else items
        if ttype == TType.MAP:
            ktype, kargs, vtype, vargs = args[:4]
            out = {}
            for _ in range(2):
                k = self.value(ktype, kargs, depth)
                out[tuple(k) if isinstance(k, list) else k] = self.value(vtype, vargs, depth)
            return out
        raise AssertionError(f"unexpected TType {ttype}")


def _structs() -> list[type]:
    return sorted(
        (
            c
            for _, c in inspect.getmembers(tt, inspect.isclass)
            if c.__module__ == tt.__name__ and getattr(c, "thrift_spec", None) is not None
        ),
        key=lambda c: c.__name__,
    )


def _holds_a_set(cls, seen: frozenset = frozenset()) -> bool:
    if cls in seen:
        return False
    return any(_spec_holds_a_set(spec[1], spec[3], seen | {cls}) for spec in cls.thrift_spec or () if spec)


def _spec_holds_a_set(ttype, args, seen) -> bool:
    if ttype == TType.SET:
        return True
    if ttype == TType.STRUCT:
        return _holds_a_set(args[0], seen)
    if ttype == TType.LIST:
        return _spec_holds_a_set(args[0], args[1], seen)
    if ttype == TType.MAP:
        return _spec_holds_a_set(args[0], args[1], seen) or _spec_holds_a_set(args[2], args[3], seen)
    return False


def _encode(obj) -> bytes:
    buf = TMemoryBuffer()
    obj.write(TBinaryProtocolAccelerated(buf))
    return buf.getvalue()


def test_every_struct_round_trips_with_every_container_filled():
    structs = _structs()
    assert len(structs) > 200  # the whole IDL, not a sample
    filler = Filler()
    for cls in structs:
        obj = filler.struct(cls)
        data = _encode(obj)
        for proto in (TBinaryProtocolAccelerated, TBinaryProtocol):
            back = cls()
            back.read(proto(TMemoryBuffer(data)))
            assert back == obj, (cls.__name__, proto.__name__)
            slow = TMemoryBuffer()
            back.write(TBinaryProtocol(slow))
            again = cls()
            again.read(TBinaryProtocolAccelerated(TMemoryBuffer(slow.getvalue())))
            assert again == obj, cls.__name__
            if not _holds_a_set(cls):
                # A set's wire order is its iteration order, which string hashing makes vary
                # from one interpreter to the next; everything else must encode byte for byte.
                assert slow.getvalue() == data, cls.__name__


def _methods() -> list[str]:
    names = [
        n
        for n in dir(svc.Iface)
        if not n.startswith("_") and hasattr(svc.Client, f"recv_{n}")  # oneway calls have no reply
    ]
    assert "create_table" in names and "getStatus" in names and "shutdown" not in names
    return sorted(names)


@pytest.fixture
def filled_calls():
    filler = Filler()
    calls = []
    for name in _methods():
        mod = svc if hasattr(svc, f"{name}_args") else FacebookService
        args_cls = getattr(mod, f"{name}_args")
        args = filler.struct(args_cls)
        calls.append((name, [getattr(args, spec[2]) for spec in args_cls.thrift_spec if spec is not None]))
    return calls


def test_every_method_with_every_field_filled_answers(server, filled_calls):
    assert len(filled_calls) > 150
    dropped = []
    with thrift_client(server.port) as client:
        for name, args in filled_calls:
            try:
                getattr(client, name)(*args)
            except (TTransportException, EOFError, ConnectionError) as e:
                dropped.append((name, repr(e)))
                break  # the connection is gone; the rest would only repeat it
            except (TApplicationException, TException):
                pass  # a declared exception or "unknown method" is a well-formed answer
        if not dropped:
            assert client.get_all_databases() is not None  # still the same, working connection
    assert dropped == []
