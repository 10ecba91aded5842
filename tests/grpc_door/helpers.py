"""Objects for the gRPC tests, built as a client of Hive's proto would build them."""

from __future__ import annotations

import grpc
import pytest

from catalog.grpc_gen import hive_metastore_pb2 as pb

TEXT_IN = "org.apache.hadoop.mapred.TextInputFormat"
TEXT_OUT = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat"
LAZY = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe"


def sd(cols=(("id", "bigint"), ("name", "string")), location: str = "") -> pb.StorageDescriptor:
    return pb.StorageDescriptor(
        cols=[pb.FieldSchema(name=n, type=t, comment=f"the {n}") for n, t in cols],
        location=location,
        input_format=TEXT_IN,
        output_format=TEXT_OUT,
        num_buckets=-1,
        serde_info=pb.SerDeInfo(serialization_lib=LAZY, parameters={"field.delim": ","}),
        parameters={"sd.param": "1"},
    )


def table(db: str, name: str, keys=(("ds", "string"), ("region", "string")), **kw) -> pb.Table:
    return pb.Table(
        db_name=db,
        table_name=name,
        sd=sd(),
        partition_keys=[pb.FieldSchema(name=k, type=t) for k, t in keys],
        parameters={"comment": "made over gRPC", "EXTERNAL": "FALSE"},
        table_type="MANAGED_TABLE",
        **kw,
    )


def partition(db: str, tbl: str, values) -> pb.Partition:
    return pb.Partition(db_name=db, table_name=tbl, values=list(values), sd=sd(), parameters={"p": "1"})


def code_of(call, *args, **kw) -> grpc.StatusCode:
    with pytest.raises(grpc.RpcError) as e:
        call(*args, **kw)
    return e.value.code()
