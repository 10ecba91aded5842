"""`python -m bench.load`: a Thrift load driver with a Spark-like call mix at rising concurrency.

Each client is its own process (so that the driver's GIL never caps the server) holding one Thrift
connection, as a Spark driver or executor does, and calls in a loop for `--duration` seconds:

    get_table 50 %, get_database 15 %, get_partitions_by_filter 15 %, get_all_tables 5 %,
    get_partition_names 5 %, alter_table 4 %, add_partitions 3 %, create_table 3 %

over a `loadtest` database of `--tables` tables (`--partitioned` of them with `--partitions`
partitions each). For each concurrency level (default 1, 2, 4, 8, 16, 32 clients) it reports
throughput (calls/s) and the p50/p99 latency of all calls, and errors.

    python -m bench.load --port 9083                      # against a running service
    python -m bench.load --spawn 1,2 --markdown out.md    # starts PostgreSQL and `catalog serve
                                                          # --processes 1`, then `--processes 2`
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import platform
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

DB = "loadtest"
MIX: list[tuple[str, int]] = [
    ("get_table", 50),
    ("get_database", 15),
    ("get_partitions_by_filter", 15),
    ("get_all_tables", 5),
    ("get_partition_names", 5),
    ("alter_table", 4),
    ("add_partitions", 3),
    ("create_table", 3),
]


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _client(host: str, port: int):
    from thrift.protocol.TBinaryProtocol import TBinaryProtocolAccelerated
    from thrift.transport import TSocket, TTransport

    from catalog.thrift_gen.hive_metastore import ThriftHiveMetastore

    sock = TSocket.TSocket(host, port)
    sock.setTimeout(120_000)
    trans = TTransport.TBufferedTransport(sock)
    c = ThriftHiveMetastore.Client(TBinaryProtocolAccelerated(trans))
    trans.open()
    return c, trans


def _table(name: str, partitioned: bool, cols: int = 12):
    from catalog.thrift_gen.hive_metastore import ttypes as tt

    sd = tt.StorageDescriptor(
        cols=[tt.FieldSchema(f"c{i}", "string" if i % 3 else "bigint", None) for i in range(cols)],
        location=None,
        inputFormat="org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
        outputFormat="org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
        compressed=False,
        numBuckets=-1,
        serdeInfo=tt.SerDeInfo(
            None, "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe", {"serialization.format": "1"}
        ),
        bucketCols=[],
        sortCols=[],
        parameters={},
        skewedInfo=tt.SkewedInfo([], [], {}),
        storedAsSubDirectories=False,
    )
    keys = [tt.FieldSchema("dt", "string", None)] if partitioned else []
    return tt.Table(
        tableName=name,
        dbName=DB,
        owner="load",
        createTime=0,
        lastAccessTime=0,
        retention=0,
        sd=sd,
        partitionKeys=keys,
        parameters={"spark.sql.create.version": "4.0.1", "EXTERNAL": "TRUE"},
        tableType="EXTERNAL_TABLE",
    )


def _partitions(t, values: list[str]):
    import copy

    from catalog.thrift_gen.hive_metastore import ttypes as tt

    out = []
    for v in values:
        sd = copy.deepcopy(t.sd)
        sd.location = None
        out.append(
            tt.Partition(
                values=[v],
                dbName=DB,
                tableName=t.tableName,
                createTime=0,
                lastAccessTime=0,
                sd=sd,
                parameters={},
            )
        )
    return out


def setup(host: str, port: int, tables: int, partitioned: int, partitions: int) -> None:
    from catalog.thrift_gen.hive_metastore import ttypes as tt

    c, trans = _client(host, port)
    try:
        c.set_ugi("load", [])
        try:
            c.drop_database(DB, True, True)
        except tt.NoSuchObjectException:
            pass
        c.create_database(tt.Database(name=DB, description="bench.load", locationUri=None, parameters={}))
        for i in range(tables):
            t = _table(f"t{i:03d}", i < partitioned)
            t.sd.location = None
            c.create_table(t)
            if i < partitioned:
                vals = [f"2024-{1 + d // 28:02d}-{1 + d % 28:02d}" for d in range(partitions)]
                for k in range(0, len(vals), 500):
                    c.add_partitions(_partitions(t, vals[k : k + 500]))
    finally:
        trans.close()


@dataclass
class Level:
    clients: int
    calls: int = 0
    errors: int = 0
    seconds: float = 0.0
    throughput: float = 0.0
    p50_ms: float = 0.0
    p99_ms: float = 0.0
    by_call: dict = field(default_factory=dict)


def _worker(args) -> tuple[list[tuple[str, float]], int]:
    host, port, idx, duration, tables, partitioned, start_at, seed = args
    tag = f"{seed}"  # unique per level and client: names created by one level never collide with another's
    from catalog.thrift_gen.hive_metastore import ttypes as tt

    rng = random.Random(seed)
    names, weights = zip(*MIX, strict=True)
    c, trans = _client(host, port)
    c.set_ugi(f"load{idx}", [])
    samples: list[tuple[str, float]] = []
    errors = 0
    n = 0
    while time.time() < start_at:
        time.sleep(0.001)
    end = start_at + duration
    while True:
        now = time.perf_counter()
        if time.time() >= end:
            break
        op = rng.choices(names, weights)[0]
        n += 1
        ti = rng.randrange(tables)
        tp = rng.randrange(max(1, partitioned))
        try:
            if op == "get_table":
                c.get_table(DB, f"t{ti:03d}")
            elif op == "get_database":
                c.get_database(DB)
            elif op == "get_partitions_by_filter":
                month = rng.randint(1, 12)
                c.get_partitions_by_filter(
                    DB, f"t{tp:03d}", f"dt >= '2024-{month:02d}-01' and dt < '2024-{month:02d}-08'", -1
                )
            elif op == "get_all_tables":
                c.get_all_tables(DB)
            elif op == "get_partition_names":
                c.get_partition_names(DB, f"t{tp:03d}", 100)
            elif op == "alter_table":
                t = c.get_table(DB, f"t{ti:03d}")
                t.parameters["last_load"] = str(n)
                c.alter_table(DB, t.tableName, t)
            elif op == "add_partitions":
                t = _table(f"t{tp:03d}", True)
                c.add_partitions(
                    _partitions(t, [f"load-{tag}-{n}-{k}" for k in range(rng.choice([1, 5, 20]))])
                )
            elif op == "create_table":
                c.create_table(_table(f"new_{tag}_{n}", False))
        except (
            tt.MetaException,
            tt.NoSuchObjectException,
            tt.AlreadyExistsException,
            tt.InvalidOperationException,
            tt.InvalidObjectException,
        ):
            errors += 1
        samples.append((op, (time.perf_counter() - now) * 1000.0))
    trans.close()
    return samples, errors


def _pct(sorted_ms: list[float], p: float) -> float:
    if not sorted_ms:
        return 0.0
    k = min(len(sorted_ms) - 1, max(0, int(round(p / 100.0 * len(sorted_ms) + 0.5)) - 1))
    return sorted_ms[k]


def run_level(host: str, port: int, clients: int, duration: float, tables: int, partitioned: int) -> Level:
    start_at = time.time() + 0.5 + 0.02 * clients  # every client connected before the clock starts
    ctx = mp.get_context("fork")
    with ctx.Pool(clients) as pool:
        results = pool.map(
            _worker,
            [
                (host, port, i, duration, tables, partitioned, start_at, 1000 * clients + i)
                for i in range(clients)
            ],
        )
    lat = sorted(ms for samples, _ in results for _, ms in samples)
    lv = Level(clients=clients, calls=len(lat), errors=sum(e for _, e in results), seconds=duration)
    lv.throughput = round(lv.calls / duration, 1)
    lv.p50_ms, lv.p99_ms = round(_pct(lat, 50), 2), round(_pct(lat, 99), 2)
    by: dict[str, list[float]] = {}
    for samples, _ in results:
        for op, ms in samples:
            by.setdefault(op, []).append(ms)
    lv.by_call = {
        op: {
            "calls": len(v),
            "p50_ms": round(_pct(sorted(v), 50), 2),
            "p99_ms": round(_pct(sorted(v), 99), 2),
        }
        for op, v in sorted(by.items())
    }
    return lv


def run(
    host: str,
    port: int,
    levels: list[int],
    duration: float,
    tables: int,
    partitioned: int,
    partitions: int,
    do_setup: bool = True,
) -> list[Level]:
    if do_setup:
        t0 = time.monotonic()
        setup(host, port, tables, partitioned, partitions)
        log(
            f"setup: {tables} tables, {partitioned} with {partitions} partitions ({time.monotonic() - t0:.1f} s)"
        )
    out = []
    for n in levels:
        lv = run_level(host, port, n, duration, tables, partitioned)
        log(
            f"{n:3d} clients: {lv.throughput:8.1f} calls/s   p50 {lv.p50_ms:7.2f} ms   p99 {lv.p99_ms:8.2f} ms"
            f"   errors {lv.errors}"
        )
        out.append(lv)
    return out


def saturation(levels: list[Level]) -> int | None:
    """The smallest client count that reaches 90 % of the peak throughput (None: the peak is the last
    level, so throughput may still be rising)."""
    peak = max(levels, key=lambda lv: lv.throughput)
    if peak is levels[-1] and len(levels) > 1 and levels[-2].throughput < 0.9 * peak.throughput:
        return None
    return next(lv.clients for lv in levels if lv.throughput >= 0.9 * peak.throughput)


# -- spawning PostgreSQL and the service ----------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_port(port: int, proc: subprocess.Popen, timeout: float = 120) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise RuntimeError(f"catalog serve exited: {proc.stderr.read().decode()[-2000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("catalog serve did not listen in time")


def spawn_and_run(processes_list: list[int], args) -> dict[int, list[Level]]:
    from catalog.embedded_pg import EmbeddedPostgres
    from catalog.store import migrate

    work = Path(tempfile.mkdtemp(prefix="bench-load-"))
    pg = EmbeddedPostgres(work / "pg", durable=False).start()
    results: dict[int, list[Level]] = {}
    try:
        for procs in processes_list:
            url = pg.create_database(f"load_p{procs}")
            migrate.upgrade(url)
            port = _free_port()
            cmd = [
                sys.executable,
                "-m",
                "catalog.cli",
                "--log-level",
                "warning",
                "serve",
                "--database-url",
                url,
                "--no-migrate",
                "--thrift-port",
                str(port),
                "--http-port",
                "-1",
                "--grpc-port",
                "-1",
                "--processes",
                str(procs),
                "--warehouse",
                f"file:{work}/wh{procs}",
                "--slow-call-ms",
                "0",
            ]
            proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=work)
            try:
                _wait_port(port, proc)
                log(f"== catalog serve --processes {procs}")
                results[procs] = run(
                    "127.0.0.1",
                    port,
                    args.levels,
                    args.duration,
                    args.tables,
                    args.partitioned,
                    args.partitions,
                )
            finally:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(60)
                except subprocess.TimeoutExpired:
                    proc.kill()
    finally:
        pg.stop()
        shutil.rmtree(work, ignore_errors=True)
    return results


def markdown(results: dict[int, list[Level]], args) -> str:
    cpu = os.cpu_count()
    lines = [
        f"Machine: {cpu} cores, {platform.python_implementation()} {platform.python_version()}, PostgreSQL "
        f"(embedded, fsync off) and the load driver on the same machine. Mix: "
        + ", ".join(f"{op} {w} %" for op, w in MIX)
        + f". {args.tables} tables ({args.partitioned} with {args.partitions} partitions), {args.duration:g} s "
        "per level, one connection per client process.",
        "",
        "| clients | " + " | ".join(f"--processes {p}: calls/s | p50 ms | p99 ms" for p in results) + " |",
        "|---:|" + "---:|---:|---:|" * len(results),
    ]
    levels = [lv.clients for lv in next(iter(results.values()))]
    for i, n in enumerate(levels):
        row = [str(n)]
        for p in results:
            lv = results[p][i]
            row += [f"{lv.throughput:,.0f}", f"{lv.p50_ms:.1f}", f"{lv.p99_ms:.1f}"]
        lines.append("| " + " | ".join(row) + " |")
    lines.append("")
    for p, lvs in results.items():
        s = saturation(lvs)
        best = max(lvs, key=lambda lv: lv.throughput)
        lines.append(
            f"- `--processes {p}`: peak {best.throughput:,.0f} calls/s at {best.clients} clients; "
            + (
                f"90 % of that from {s} clients on: more clients only add latency."
                if s
                else "throughput still rising at the last level."
            )
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.split("\n\n")[0])
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=9083)
    ap.add_argument("--levels", default="1,2,4,8,16,32", type=lambda s: [int(x) for x in s.split(",")])
    ap.add_argument("--duration", type=float, default=10.0, help="seconds per level")
    ap.add_argument("--tables", type=int, default=50)
    ap.add_argument("--partitioned", type=int, default=10)
    ap.add_argument("--partitions", type=int, default=336)
    ap.add_argument("--no-setup", action="store_true", help="reuse the loadtest database of an earlier run")
    ap.add_argument(
        "--spawn",
        type=lambda s: [int(x) for x in s.split(",")],
        default=None,
        help="start PostgreSQL and `catalog serve --processes N` for each N given (e.g. 1,2)",
    )
    ap.add_argument("--json", dest="json_out", default=None, help="write the results as JSON here")
    ap.add_argument("--markdown", default=None, help="write a markdown table here")
    args = ap.parse_args(argv)
    if args.spawn:
        results = spawn_and_run(args.spawn, args)
    else:
        results = {
            0: run(
                args.host,
                args.port,
                args.levels,
                args.duration,
                args.tables,
                args.partitioned,
                args.partitions,
                not args.no_setup,
            )
        }
    if args.json_out:
        Path(args.json_out).write_text(
            json.dumps({str(k): [asdict(lv) for lv in v] for k, v in results.items()}, indent=2)
        )
    if args.markdown:
        Path(args.markdown).write_text(markdown(results, args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
