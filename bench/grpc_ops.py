"""The gRPC door in `python -m bench`: getTable and getPartitions.N through Hive's GrpcHiveMetastore
(catalog/grpc), beside the same operations over Thrift. Set-up goes through Thrift (the same objects
as the Thrift rows); only the timed call is gRPC, on one channel with a bearer token, as a generated
Python client would make it."""

from __future__ import annotations

import grpc

from bench.hbench import Bench, OpSpec, Result

ROWS = ("getTable", "getPartitions")


def admin_token(database_url: str) -> str:
    from catalog.auth.tokens import TokenManager
    from catalog.db import Database, make_engine

    db = Database(make_engine(database_url, pool_size=1, max_overflow=0))
    try:
        return TokenManager(db).create("hbench", is_admin=True, description="python -m bench")[0]
    finally:
        db.dispose()


def run(bench: Bench, target: str, token: str) -> list[Result]:
    """Results named `<op> (gRPC)`, for the operations `bench` selects."""
    from catalog.grpc_gen import hive_metastore_pb2 as pb
    from catalog.grpc_gen import hive_metastore_pb2_grpc as pbg

    channel = grpc.insecure_channel(target, options=[("grpc.max_receive_message_length", 256 * 2**20)])
    stub = pbg.GrpcHiveMetastoreStub(channel)
    md = (("authorization", f"Bearer {token}"),)

    def get_table(c, db, db_loc, rep, wu):
        bench.new_table(c, db, db_loc, "t")
        req = pb.GetTableReqRequest(db_name=db, tbl_name="t")
        return bench.measure(lambda: stub.GetTableReq(req, metadata=md), rep, wu)

    def get_partitions(c, db, db_loc, rep, wu):
        bench._partitioned(c, db, db_loc)
        req = pb.GetPartitionsReqRequest(db_name=db, tbl_name="t")
        got = len(stub.GetPartitionsReq(req, metadata=md).partitions)
        bench._expect(got, bench.n, "GetPartitionsReq")
        return bench.measure(lambda: stub.GetPartitionsReq(req, metadata=md), rep, wu)

    specs = [OpSpec("getTable", get_table), OpSpec(f"getPartitions.{bench.n}", get_partitions)]
    if bench.only:
        specs = [s for s in specs if any(p.search(s.name) or p.search("grpc") for p in bench.only)]
    out = []
    try:
        for spec in specs:
            r = bench.run_op(spec)
            r.name = f"{spec.name} (gRPC)"
            out.append(r)
    finally:
        channel.close()
    return out


__all__ = ["admin_token", "run"]
