"""Streaming replies for the partition listings that can be arbitrarily large.

The generated processor builds a whole reply in memory (and the C encoder encodes it in one
piece), so a listing of a million partitions would hold them all at once. For these methods we
replace the processor's entry with one that writes the reply list batch by batch from one
database snapshot: memory stays bounded by the batch size, whatever the table holds. The
partitions arrive from PostgreSQL already in Thrift's binary encoding (partition_wire.py) and
are copied to the transport as they are.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from thrift.Thrift import TApplicationException, TMessageType, TType

import catalog.service.selections as select
from catalog.auth.context import with_thrift_caller
from catalog.observability.calls import note_error
from catalog.service.interfaces import PartitionStreamer
from catalog.service.selections import SelectionOf
from catalog.thrift import binding, partition_wire
from catalog.thrift import convert as cv
from catalog.thrift.binding import max_parts, split_db_name
from catalog.thrift.handler import MetastoreHandler
from catalog.thrift_gen.hive_metastore import ThriftHiveMetastore as svc

log = logging.getLogger(__name__)


def _selection(name: str, args: Any) -> tuple[str, str, str, SelectionOf, int | None]:
    """(catalog, db, table, selection, max_parts) for each streamed method."""
    cat, name_of_db = split_db_name(args.db_name)
    db = name_of_db or ""
    if name in ("get_partitions", "get_partitions_with_auth", "get_partitions_pspec"):
        return cat, db, args.tbl_name, select.everything, max_parts(args.max_parts)
    if name in ("get_partitions_ps", "get_partitions_ps_with_auth"):
        return cat, db, args.tbl_name, select.partial(list(args.part_vals or [])), max_parts(args.max_parts)
    if name == "get_partitions_by_names":
        return cat, db, args.tbl_name, select.by_names(list(args.names or [])), None
    if name in ("get_partitions_by_filter", "get_part_specs_by_filter"):
        return cat, db, args.tbl_name, select.by_filter(args.filter), max_parts(args.max_parts)
    raise KeyError(name)


STREAMED = (
    "get_partitions",
    "get_partitions_with_auth",
    "get_partitions_ps",
    "get_partitions_ps_with_auth",
    "get_partitions_by_filter",
    "get_partitions_by_names",
)
# list<PartitionSpec> replies: without Hive's grouping (a table parameter, see convert.partition_specs_to)
# the one PartitionSpec's partitionList is streamed like the listings above.
STREAMED_SPECS = ("get_partitions_pspec", "get_part_specs_by_filter")


def install(processor: Any, handler: MetastoreHandler, batch: int = 1000) -> None:
    """Replace the processor's entries of the streamed methods; each runs as the connection's
    caller (set_ugi), like binding.BoundHandler's."""
    for name in STREAMED + STREAMED_SPECS:
        processor._processMap[name] = with_thrift_caller(handler.state, _make(name, handler, batch))


def _write_spec_head(oprot, t, count: int) -> None:
    """A PartitionSpec up to its partitionList's `count` elements (fields in any order are valid Thrift)."""
    oprot.writeStructBegin("PartitionSpec")
    for fid, value in (
        (1, t.db_name),
        (2, t.table_name),
        (3, t.sd.location if t.sd else None),
        (6, t.catalog_name),
    ):
        if value is not None:
            oprot.writeFieldBegin("", TType.STRING, fid)
            oprot.writeString(value)
            oprot.writeFieldEnd()
    oprot.writeFieldBegin("partitionList", TType.STRUCT, 5)
    oprot.writeStructBegin("PartitionListComposingSpec")
    oprot.writeFieldBegin("partitions", TType.LIST, 1)
    oprot.writeListBegin(TType.STRUCT, count)


def _write_spec_tail(oprot) -> None:
    oprot.writeListEnd()
    oprot.writeFieldEnd()
    oprot.writeFieldStop()  # PartitionListComposingSpec
    oprot.writeStructEnd()
    oprot.writeFieldEnd()
    oprot.writeFieldStop()  # PartitionSpec
    oprot.writeStructEnd()


def _make(name: str, handler: MetastoreHandler, batch: int) -> Callable[..., None]:
    args_cls = getattr(svc, f"{name}_args")
    result_cls = getattr(svc, f"{name}_result")
    declared = binding.declared_exceptions(name)
    streamer: PartitionStreamer = handler.s
    exc_fields = {
        f[3][0]: f[2] for f in result_cls.thrift_spec if f and f[1] == TType.STRUCT and f[2] != "success"
    }

    lister = functools.partial(partition_wire.listing, page=batch)

    def reply(seqid: int, args: Any, oprot: Any, started: list[bool]) -> None:
        """Write the whole reply; anything raised before `started` is set left the transport
        untouched; a second entry says the reply was sent whole."""
        cat, db, tbl, sel_fn, limit = _selection(name, args)
        table = None
        if name in STREAMED_SPECS:  # Hive reads the table first, then the partitions
            table = streamer.get_table(cat, db, tbl)
            if cv.spec_grouping(table):  # grouped by descriptor: built whole, as Hive does
                with streamer.stream_partitions(cat, db, tbl, sel_fn, limit, batch) as (_, batches):
                    found = [p for chunk in batches for p in chunk]
                result = result_cls(success=cv.partition_specs_to(table, found))
                started.append(True)
                oprot.writeMessageBegin(name, TMessageType.REPLY, seqid)
                result.write(oprot)
                oprot.writeMessageEnd()
                oprot.trans.flush()
                started.append(True)  # sent: the client has the whole reply
                return
        with streamer.stream_partitions(cat, db, tbl, sel_fn, limit, batch, lister=lister) as (
            count,
            batches,
        ):
            started.append(True)
            oprot.writeMessageBegin(name, TMessageType.REPLY, seqid)
            oprot.writeStructBegin(f"{name}_result")
            oprot.writeFieldBegin("success", TType.LIST, 0)
            if table is None:
                oprot.writeListBegin(TType.STRUCT, count)
            else:
                oprot.writeListBegin(TType.STRUCT, 1)
                _write_spec_head(oprot, table, count)
            push = getattr(oprot.trans, "push", None)  # unframed: each page goes out at once
            written = 0
            for page in batches:  # PostgreSQL keeps the Partition structs (partition_wire)
                oprot.trans.write(page.data)
                written += page.count
                if push is not None:
                    push()
            if written != count:
                raise RuntimeError(f"streamed {written} partitions but announced {count}")
            if table is not None:
                _write_spec_tail(oprot)
            oprot.writeListEnd()
            oprot.writeFieldEnd()
            oprot.writeFieldStop()
            oprot.writeStructEnd()
            oprot.writeMessageEnd()
            oprot.trans.flush()
            started.append(True)  # sent: the client has the whole reply

    def process(processor: Any, seqid: int, iprot: Any, oprot: Any) -> None:
        args = args_cls()
        args.read(iprot)
        iprot.readMessageEnd()
        started: list[bool] = []

        def attempt() -> None:
            del started[:]
            try:
                reply(seqid, args, oprot, started)
            except Exception as e:
                if len(started) > 1:  # e.g. the snapshot's end failed after the whole reply was sent
                    log.warning("%s failed after sending its whole reply: %s", name, e)
                    return
                if started:  # the reply is committed: a failure can only close the connection
                    log.error("%s failed while streaming its reply; closing the connection: %s", name, e)
                    raise ConnectionAbortedError(str(e)) from e
                raise

        try:
            # A dead pooled connection met before the reply started: once more, like other reads.
            binding.retried_if_read(name, attempt)
            return
        except ConnectionAbortedError:
            raise
        except Exception as e:  # noqa: BLE001 - every failure is answered (binding.thrift_exception)
            exc = binding.thrift_exception(name, e, declared)
        note_error(exc)  # catalog.observability: the exception this call answers
        if isinstance(exc, TApplicationException):
            oprot.writeMessageBegin(name, TMessageType.EXCEPTION, seqid)
            exc.write(oprot)
        else:
            result = result_cls()
            setattr(result, exc_fields[type(exc)], exc)
            oprot.writeMessageBegin(name, TMessageType.REPLY, seqid)
            result.write(oprot)
        oprot.writeMessageEnd()
        oprot.trans.flush()

    return process
