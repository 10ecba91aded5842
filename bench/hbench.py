"""An hbench-style micro-benchmark for any Hive-metastore-compatible Thrift server.

It follows Apache Hive's `metastore-benchmarks` (HMSBenchmarks.java): the same operation names, an untimed
set-up/tear-down around each timed call, warm-up iterations, and results in milliseconds. Unlike hbench it uses
Spark-shaped objects (parquet serde, explicit table and partition locations, string partition keys) and reports
median and p10/p90, plus a concurrent get_table throughput test (one connection per client process).

Every operation works in its own uniquely named database (`hbench_<run>_<op>`) and drops it afterwards.

    from bench.hbench import Bench
    results = Bench("thrift://127.0.0.1:9083", n=1000).run()
"""

from __future__ import annotations

import copy
import datetime as _dt
import json
import math
import re
import secrets
import sys
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from thrift.protocol.TBinaryProtocol import TBinaryProtocolAccelerated
from thrift.transport import TSocket, TTransport

from catalog.thrift_gen.hive_metastore import ThriftHiveMetastore
from catalog.thrift_gen.hive_metastore.ttypes import (
    Database,
    DropPartitionsRequest,
    FieldSchema,
    Partition,
    RequestPartsSpec,
    SerDeInfo,
    SkewedInfo,
    StorageDescriptor,
    Table,
)

DB_PREFIX = "hbench_"
USER = "hbench"
GROUPS = ["hbench"]

PARQUET_SERDE = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"
PARQUET_IN = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat"
PARQUET_OUT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat"

DATA_COLS = [
    ("id", "bigint"),
    ("name", "string"),
    ("amount", "decimal(10,2)"),
    ("ts", "timestamp"),
    ("tags", "array<string>"),
]
SPARK_TYPES = {
    "bigint": "long",
    "string": "string",
    "decimal(10,2)": "decimal(10,2)",
    "timestamp": "timestamp",
}


# ----------------------------------------------------------------------------------------------------------
# Thrift connection
def parse_uri(uri: str) -> tuple[str, int]:
    if "://" not in uri:
        uri = "thrift://" + uri
    parts = urlsplit(uri)
    return parts.hostname or "127.0.0.1", parts.port or 9083


class Conn:
    """One Thrift connection (unframed binary, C-accelerated) that opens with set_ugi like Hive's client."""

    def __init__(self, uri: str, timeout_s: float = 600.0):
        host, port = parse_uri(uri)
        sock = TSocket.TSocket(host, port)
        sock.setTimeout(int(timeout_s * 1000))
        self.transport = TTransport.TBufferedTransport(sock)
        self.client = ThriftHiveMetastore.Client(TBinaryProtocolAccelerated(self.transport))
        self.transport.open()
        self.client.set_ugi(USER, GROUPS)

    def close(self) -> None:
        try:
            self.transport.close()
        except Exception:  # noqa: BLE001
            pass

    def __enter__(self) -> ThriftHiveMetastore.Client:
        return self.client

    def __exit__(self, *exc) -> None:
        self.close()


# ----------------------------------------------------------------------------------------------------------
# Spark-shaped objects
def _spark_schema_json(cols: list[tuple[str, str]], part_keys: list[str]) -> str:
    def spark_type(t: str):
        if t.startswith("array<"):
            return {"type": "array", "elementType": spark_type(t[6:-1]), "containsNull": True}
        return SPARK_TYPES.get(t, t)

    fields = [{"name": n, "type": spark_type(t), "nullable": True, "metadata": {}} for n, t in cols]
    fields += [{"name": k, "type": "string", "nullable": True, "metadata": {}} for k in part_keys]
    return json.dumps({"type": "struct", "fields": fields}, separators=(",", ":"))


def make_table(
    db: str,
    name: str,
    location: str,
    part_keys: Iterable[str] = ("dt",),
    cols: list[tuple[str, str]] = DATA_COLS,
) -> Table:
    """A managed parquet table as Spark 4 creates it through HiveExternalCatalog (Hive-compatible form)."""
    part_keys = list(part_keys)
    now = int(time.time())
    params = {
        "spark.sql.sources.provider": "parquet",
        "spark.sql.sources.schema": _spark_schema_json(cols, part_keys),
        "spark.sql.create.version": "4.0.1",
    }
    if part_keys:
        params["spark.sql.sources.schema.numPartCols"] = str(len(part_keys))
        params.update({f"spark.sql.sources.schema.partCol.{i}": k for i, k in enumerate(part_keys)})
        params["spark.sql.partitionProvider"] = "catalog"
    sd = StorageDescriptor(
        cols=[FieldSchema(n, t, None) for n, t in cols],
        location=location,
        inputFormat=PARQUET_IN,
        outputFormat=PARQUET_OUT,
        compressed=False,
        numBuckets=-1,
        serdeInfo=SerDeInfo(
            name=None,
            serializationLib=PARQUET_SERDE,
            parameters={"path": location, "serialization.format": "1"},
        ),
        bucketCols=[],
        sortCols=[],
        parameters={},
        skewedInfo=SkewedInfo(skewedColNames=[], skewedColValues=[], skewedColValueLocationMaps={}),
        storedAsSubDirectories=False,
    )
    return Table(
        tableName=name,
        dbName=db,
        owner=USER,
        createTime=now,
        lastAccessTime=0,
        retention=0,
        sd=sd,
        partitionKeys=[FieldSchema(k, "string", None) for k in part_keys],
        parameters=params,
        tableType="MANAGED_TABLE",
    )


def partition_name(keys: list[str], values: list[str]) -> str:
    return "/".join(f"{k}={v}" for k, v in zip(keys, values, strict=True))


def make_partitions(table: Table, values_list: list[list[str]]) -> list[Partition]:
    """Partitions as Spark's add_partitions sends them: the table's sd with location table/k=v/..."""
    keys = [k.name for k in table.partitionKeys]
    now = int(time.time())
    out = []
    for values in values_list:
        sd = copy.deepcopy(table.sd)
        sd.location = table.sd.location.rstrip("/") + "/" + partition_name(keys, values)
        sd.serdeInfo.parameters = {"serialization.format": "1"}
        out.append(
            Partition(
                values=list(values),
                dbName=table.dbName,
                tableName=table.tableName,
                createTime=now,
                lastAccessTime=0,
                sd=sd,
                parameters={},
            )
        )
    return out


def dt_values(n: int) -> list[list[str]]:
    """n single-key values: consecutive dates (dt=2020-01-01, ...); past ~27 years, numbered suffixes."""
    base = _dt.date(2020, 1, 1)
    out = []
    for i in range(n):
        d = base + _dt.timedelta(days=i % 10_000)
        out.append([d.isoformat() if i < 10_000 else f"{d.isoformat()}_{i // 10_000}"])
    return out


# ----------------------------------------------------------------------------------------------------------
# results
def percentile(sorted_vals: list[float], q: float) -> float:
    """Linear interpolation between closest ranks (numpy's default); q in [0, 1]."""
    if not sorted_vals:
        return math.nan
    if len(sorted_vals) == 1:
        return sorted_vals[0]
    pos = q * (len(sorted_vals) - 1)
    lo = math.floor(pos)
    hi = min(lo + 1, len(sorted_vals) - 1)
    return sorted_vals[lo] + (sorted_vals[hi] - sorted_vals[lo]) * (pos - lo)


@dataclass
class Result:
    name: str
    unit: str = "ms"  # "ms" (lower is better) or "calls/s" (higher is better)
    samples: list[float] = field(default_factory=list)
    error: str | None = None
    note: str = ""

    @property
    def base(self) -> str:
        return self.name.split(".")[0]

    def _q(self, q: float) -> float:
        return percentile(sorted(self.samples), q)

    @property
    def median(self) -> float:
        return self._q(0.5)

    @property
    def p10(self) -> float:
        return self._q(0.1)

    @property
    def p90(self) -> float:
        return self._q(0.9)

    @property
    def ok(self) -> bool:
        return self.error is None and bool(self.samples) and all(math.isfinite(s) for s in self.samples)

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "unit": self.unit,
            "median": self.median,
            "p10": self.p10,
            "p90": self.p90,
            "samples": self.samples,
            "error": self.error,
            "note": self.note,
        }


class BenchError(RuntimeError):
    pass


# ----------------------------------------------------------------------------------------------------------
# the benchmark
@dataclass
class OpSpec:
    name: str  # as reported, e.g. "getPartitions.1000"
    fn: Callable
    heavy: bool = False  # set-up per sample is expensive: fewer repetitions
    counts: tuple[int, int] | None = None  # (samples, warm-ups) instead of the cheap/heavy defaults


class Bench:
    """Runs the operations against one metastore. `repeat`/`warmup` override the per-operation defaults
    (cheap: 15 samples after 5 warm-ups; heavy: 5 after 1)."""

    CHEAP = (15, 5)
    HEAVY = (5, 1)

    def __init__(
        self,
        uri: str,
        *,
        n: int = 1000,
        list_tables_n: int = 100,
        repeat: int | None = None,
        warmup: int | None = None,
        duration: float = 5.0,
        threads: Iterable[int] = (1, 4, 16),
        only: str | None = None,
        log: Callable[[str], None] | None = None,
        run_id: str | None = None,
        settle: Callable[[], None] | None = None,
    ):
        self.uri = uri
        self.n = n
        self.list_tables_n = list_tables_n
        self.repeat = repeat
        self.warmup = warmup
        self.duration = duration
        self.threads = list(threads)
        self.only = (
            [re.compile(p.strip(), re.IGNORECASE) for p in only.split(",") if p.strip()] if only else None
        )
        self.log = log or (lambda msg: print(msg, file=sys.stderr, flush=True))
        self.run_id = run_id or secrets.token_hex(3)
        # Called once after an operation's set-up, before its first sample (the runner uses it to ANALYZE the
        # server's PostgreSQL database, as autovacuum would in a long-running deployment).
        self.settle = settle

    # -- plumbing ---------------------------------------------------------------------------------
    def connect(self) -> Conn:
        return Conn(self.uri)

    def counts(self, spec: OpSpec) -> tuple[int, int]:
        rep, wu = spec.counts or (self.HEAVY if spec.heavy else self.CHEAP)
        return (self.repeat if self.repeat is not None else rep), (
            self.warmup if self.warmup is not None else wu
        )

    def measure(
        self,
        run: Callable[[], object],
        repeat: int,
        warmup: int,
        pre: Callable[[], object] | None = None,
        post: Callable[[], object] | None = None,
    ) -> list[float]:
        """hbench's MicroBenchmark.measure: pre (untimed), run (timed), post (untimed); ms per sample."""
        self.do_settle()
        samples = []
        for i in range(warmup + repeat):
            if pre:
                pre()
            t0 = time.perf_counter()
            run()
            dt = time.perf_counter() - t0
            if post:
                post()
            if i >= warmup:
                samples.append(dt * 1000.0)
        return samples

    def do_settle(self) -> None:
        if self.settle is not None:
            self.settle()

    def db_name(self, op: str) -> str:
        return (DB_PREFIX + self.run_id + "_" + re.sub(r"[^a-z0-9]+", "_", op.lower())).strip("_")

    def create_db(self, c, name: str) -> str:
        """Create a database (no location given, as Hive's CLI does) and return its location."""
        c.create_database(
            Database(name=name, description="hbench", parameters={}, ownerName=USER, ownerType=1)
        )
        return c.get_database(name).locationUri

    @staticmethod
    def drop_db(c, name: str) -> None:
        c.drop_database(name, True, True)

    def new_table(self, c, db: str, db_loc: str, name: str, part_keys=("dt",), create: bool = True) -> Table:
        t = make_table(db, name, db_loc.rstrip("/") + "/" + name, part_keys)
        if create:
            c.create_table(t)
        return t

    def create_tables(
        self, db: str, db_loc: str, names: list[str], part_keys=("dt",), parallel: int = 4
    ) -> None:
        """Untimed set-up of many tables over `parallel` connections."""
        chunks = [names[i::parallel] for i in range(parallel) if names[i::parallel]]

        def work(chunk: list[str]) -> None:
            with self.connect() as c:
                for name in chunk:
                    self.new_table(c, db, db_loc, name, part_keys)

        with ThreadPoolExecutor(max_workers=max(1, len(chunks))) as ex:
            list(ex.map(work, chunks))

    @staticmethod
    def add_partitions(c, parts: list[Partition], batch: int = 1000) -> None:
        for i in range(0, len(parts), batch):
            c.add_partitions(parts[i : i + batch])

    @staticmethod
    def drop_partitions(c, db: str, tbl: str, names: list[str]) -> None:
        if names:
            c.drop_partitions_req(
                DropPartitionsRequest(
                    dbName=db,
                    tblName=tbl,
                    parts=RequestPartsSpec(names=names),
                    deleteData=True,
                    ifExists=True,
                )
            )

    @staticmethod
    def _expect(got: int, want: int, what: str) -> None:
        if got != want:
            raise BenchError(f"{what}: expected {want}, got {got}")

    # -- operations -------------------------------------------------------------------------------
    def ops(self) -> list[OpSpec]:
        n = self.n
        specs = [
            OpSpec("getDatabase", self.op_get_database),
            OpSpec("listDatabases", self.op_list_databases),
            OpSpec(f"listTables.{self.list_tables_n}", self.op_list_tables),
            OpSpec("getTable", self.op_get_table),
            OpSpec("createTable", self.op_create_table),
            OpSpec("dropTable", self.op_drop_table),
            OpSpec(f"addPartitions.{n}", self.op_add_partitions, heavy=True),
            OpSpec(f"dropPartitions.{n}", self.op_drop_partitions, heavy=True),
            OpSpec(f"getPartitions.{n}", self.op_get_partitions),
            OpSpec(f"getPartitionNames.{n}", self.op_get_partition_names),
            OpSpec(f"getPartitionsByNames.{n}", self.op_get_partitions_by_names),
            OpSpec(f"getPartitionsByFilter.{n}", self.op_get_partitions_by_filter),
            OpSpec(f"getPartitionsByPs.{n}", self.op_get_partitions_by_ps),
            OpSpec(f"alterPartitions.{n}", self.op_alter_partitions, heavy=True),
            OpSpec(f"renameTable.{n}", self.op_rename_table, heavy=True),
            OpSpec(f"dropDatabase.{n}", self.op_drop_database, heavy=True, counts=(3, 1)),
        ]
        specs += [OpSpec(f"concurrentGetTable.t{t}", self._concurrent_op(t)) for t in self.threads]
        return specs

    def selected(self) -> list[OpSpec]:
        specs = self.ops()
        if self.only:
            specs = [s for s in specs if any(p.search(s.name) for p in self.only)]
        return specs

    def op_get_database(self, c, db, db_loc, rep, wu):
        return self.measure(lambda: c.get_database(db), rep, wu)

    def op_list_databases(self, c, db, db_loc, rep, wu):
        return self.measure(c.get_all_databases, rep, wu)

    def op_list_tables(self, c, db, db_loc, rep, wu):
        self.create_tables(db, db_loc, [f"tmp_table_{i}" for i in range(self.list_tables_n)])
        self._expect(len(c.get_all_tables(db)), self.list_tables_n, "get_all_tables")
        return self.measure(lambda: c.get_all_tables(db), rep, wu)

    def op_get_table(self, c, db, db_loc, rep, wu):
        self.new_table(c, db, db_loc, "t")
        return self.measure(lambda: c.get_table(db, "t"), rep, wu)

    def op_create_table(self, c, db, db_loc, rep, wu):
        t = self.new_table(c, db, db_loc, "t", create=False)
        return self.measure(lambda: c.create_table(t), rep, wu, post=lambda: c.drop_table(db, "t", True))

    def op_drop_table(self, c, db, db_loc, rep, wu):
        t = self.new_table(c, db, db_loc, "t", create=False)
        return self.measure(lambda: c.drop_table(db, "t", True), rep, wu, pre=lambda: c.create_table(t))

    def _partitioned(self, c, db, db_loc, keys=("dt",), values=None, add=True):
        t = self.new_table(c, db, db_loc, "t", part_keys=keys)
        values = values if values is not None else dt_values(self.n)
        parts = make_partitions(t, values)
        names = [partition_name(list(keys), v) for v in values]
        if add:
            self.add_partitions(c, parts)
        return t, parts, names

    def op_add_partitions(self, c, db, db_loc, rep, wu):
        _, parts, names = self._partitioned(c, db, db_loc, add=False)
        return self.measure(
            lambda: c.add_partitions(parts), rep, wu, post=lambda: self.drop_partitions(c, db, "t", names)
        )

    def op_drop_partitions(self, c, db, db_loc, rep, wu):
        _, parts, names = self._partitioned(c, db, db_loc, add=False)
        return self.measure(
            lambda: self.drop_partitions(c, db, "t", names), rep, wu, pre=lambda: c.add_partitions(parts)
        )

    def op_get_partitions(self, c, db, db_loc, rep, wu):
        self._partitioned(c, db, db_loc)
        self._expect(len(c.get_partitions(db, "t", -1)), self.n, "get_partitions")
        return self.measure(lambda: c.get_partitions(db, "t", -1), rep, wu)

    def op_get_partition_names(self, c, db, db_loc, rep, wu):
        self._partitioned(c, db, db_loc)
        self._expect(len(c.get_partition_names(db, "t", -1)), self.n, "get_partition_names")
        return self.measure(lambda: c.get_partition_names(db, "t", -1), rep, wu)

    def op_get_partitions_by_names(self, c, db, db_loc, rep, wu):
        _, _, names = self._partitioned(c, db, db_loc)
        self._expect(len(c.get_partitions_by_names(db, "t", names)), self.n, "get_partitions_by_names")
        return self.measure(lambda: c.get_partitions_by_names(db, "t", names), rep, wu)

    def op_get_partitions_by_filter(self, c, db, db_loc, rep, wu):
        # hbench: a 3-key table with values (a<i>, b<i>, c<i>) and two filters per sample. Hive 2.3's filter
        # parser rejects back-quoted names, so the names are bare here.
        values = [[f"a{i}", f"b{i}", f"c{i}"] for i in range(self.n)]
        self._partitioned(c, db, db_loc, keys=("p_a", "p_b", "p_c"), values=values)
        f1 = "p_a = 'a0'"
        f2 = "p_a = 'a0' or p_b = 'b0' or p_c = 'c0' or p_a = 'a1' or p_b = 'b1' or p_c = 'c1'"
        self._expect(len(c.get_partitions_by_filter(db, "t", f1, -1)), 1, "get_partitions_by_filter(f1)")
        self._expect(
            len(c.get_partitions_by_filter(db, "t", f2, -1)), min(2, self.n), "get_partitions_by_filter(f2)"
        )

        def run():
            c.get_partitions_by_filter(db, "t", f1, -1)
            c.get_partitions_by_filter(db, "t", f2, -1)

        return self.measure(run, rep, wu)

    def op_get_partitions_by_ps(self, c, db, db_loc, rep, wu):
        # hbench: values (a0, b<i>, c<i>); a partial spec [a0] matches all N. Spark passes user and groups.
        values = [["a0", f"b{i}", f"c{i}"] for i in range(self.n)]
        self._partitioned(c, db, db_loc, keys=("p_a", "p_b", "p_c"), values=values)

        def run():
            return c.get_partitions_ps_with_auth(db, "t", ["a0"], -1, USER, GROUPS)

        self._expect(len(run()), self.n, "get_partitions_ps_with_auth")
        return self.measure(run, rep, wu)

    def op_alter_partitions(self, c, db, db_loc, rep, wu):
        # hbench: add a parameter and a column to every partition, then one alter_partitions call.
        _, parts, names = self._partitioned(c, db, db_loc, add=False)
        new_parts: list[Partition] = []

        def pre():
            c.add_partitions(parts)
            got = c.get_partitions(db, "t", -1)
            for p in got:
                p.parameters = dict(p.parameters or {}, new_param="param_val")
                p.sd.cols = list(p.sd.cols) + [FieldSchema("new_col", "string", None)]
            new_parts[:] = got

        return self.measure(
            lambda: c.alter_partitions(db, "t", new_parts),
            rep,
            wu,
            pre=pre,
            post=lambda: self.drop_partitions(c, db, "t", names),
        )

    def op_rename_table(self, c, db, db_loc, rep, wu):
        # hbench measures two renames per sample (there and back). Like Spark, the new Table keeps the
        # current location, so the server moves the managed table's directory and its partitions' locations.
        self._partitioned(c, db, db_loc)
        self.do_settle()
        samples = []
        for i in range(wu + rep):
            total = 0.0
            for old, new in (("t", "t_renamed"), ("t_renamed", "t")):
                tbl = c.get_table(db, old)
                tbl.tableName = new
                t0 = time.perf_counter()
                c.alter_table(db, old, tbl)
                total += time.perf_counter() - t0
            if i >= wu:
                samples.append(total * 1000.0)
        self._expect(len(c.get_partition_names(db, "t", -1)), self.n, "partitions after rename")
        return samples

    def op_drop_database(self, c, db, db_loc, rep, wu):
        # hbench: a database with N tables, dropped with cascade.
        target = db + "_x"

        def pre():
            loc = self.create_db(c, target)
            self.create_tables(target, loc, [f"tmp_table_{i}" for i in range(self.n)])

        try:
            return self.measure(lambda: self.drop_db(c, target), rep, wu, pre=pre)
        finally:
            self._drop_quietly(target)

    def _concurrent_op(self, threads: int):
        def op(c, db, db_loc, rep, wu):
            self.new_table(c, db, db_loc, "t")
            self.do_settle()
            return self.throughput(db, "t", threads)

        op.unit = "calls/s"
        return op

    def throughput(self, db: str, tbl: str, clients: int) -> list[float]:
        """get_table from `clients` client processes, each on its own connection, for `self.duration`
        seconds after a short warm-up. Processes, not threads: a Python client's GIL would otherwise
        cap both servers at what one client process can send. Returns calls/s per 1-second window
        (a 0.5 s window when duration < 2 s), summed over the clients."""
        import multiprocessing as mp

        window = 1.0 if self.duration >= 2 else 0.5
        nwin = max(1, round(self.duration / window))
        warm = min(1.0, self.duration / 2)
        ctx = mp.get_context("fork")
        q = ctx.Queue()
        start = time.monotonic() + 1.0 + 0.05 * clients + warm  # time to fork and connect, then warm up
        procs = [
            ctx.Process(
                target=_throughput_worker, args=(self.uri, db, tbl, start, nwin, window, q), daemon=True
            )
            for _ in range(clients)
        ]
        for pr in procs:
            pr.start()
        results = []
        try:
            for _ in procs:
                results.append(q.get(timeout=self.duration + warm + 600))
        finally:
            for pr in procs:
                pr.join(timeout=10)
                if pr.is_alive():
                    pr.kill()
        errors = [r[1] for r in results if r[0] != "ok"]
        if errors:
            raise RuntimeError(f"a throughput client failed: {errors[0]}")
        counts = [r[1] for r in results]
        return [sum(c[w] for c in counts) / window for w in range(nwin)]

    # -- driver -----------------------------------------------------------------------------------
    def _drop_quietly(self, db: str) -> None:
        try:
            with self.connect() as c:
                try:
                    c.get_database(db)
                except Exception:  # noqa: BLE001 - not there
                    return
                self.drop_db(c, db)
        except Exception as e:  # noqa: BLE001
            self.log(f"  warning: could not drop {db}: {e}")

    def run_op(self, spec: OpSpec) -> Result:
        rep, wu = self.counts(spec)
        unit = getattr(spec.fn, "unit", "ms")
        res = Result(spec.name, unit)
        db = self.db_name(spec.name)
        t0 = time.monotonic()
        conn = None
        try:
            conn = self.connect()
            c = conn.client
            db_loc = self.create_db(c, db)
            res.samples = spec.fn(c, db, db_loc, rep, wu)
            self.drop_db(c, db)
        except Exception as e:  # noqa: BLE001 - recorded, the run goes on
            res.error = f"{type(e).__name__}: {getattr(e, 'message', None) or e}"
        finally:
            if conn is not None:
                conn.close()
            if res.error is not None:
                self._drop_quietly(db)
        res.note = f"{len(res.samples)} samples, {time.monotonic() - t0:.1f}s wall"
        return res

    def run(
        self, specs: list[OpSpec] | None = None, on_result: Callable[[Result], None] | None = None
    ) -> list[Result]:
        out = []
        for spec in specs if specs is not None else self.selected():
            r = self.run_op(spec)
            self.log(format_result(r, self.uri))
            if on_result:
                on_result(r)
            out.append(r)
        return out

    def leftovers(self) -> list[str]:
        """Databases of this run that still exist (should be none)."""
        with self.connect() as c:
            return [d for d in c.get_all_databases() if d.startswith(DB_PREFIX + self.run_id)]


def format_result(r: Result, label: str = "") -> str:
    if r.error:
        return f"  {label} {r.name:<28} ERROR {r.error}"
    return (
        f"  {label} {r.name:<28} median {r.median:10.2f} {r.unit:<7} p10 {r.p10:10.2f}  p90 {r.p90:10.2f}"
        f"  ({r.note})"
    )


def _throughput_worker(uri: str, db: str, tbl: str, start: float, nwin: int, window: float, q) -> None:
    """One client process of `Bench.throughput` (module level so that it can be a Process target)."""
    try:
        cn = Conn(uri)
        try:
            cl = cn.client
            cl.get_table(db, tbl)
            mine = [0] * nwin
            end = start + nwin * window
            while True:
                cl.get_table(db, tbl)
                now = time.monotonic()
                if now >= end:
                    break
                if now >= start:
                    mine[int((now - start) / window)] += 1
        finally:
            cn.close()
        q.put(("ok", mine))
    except BaseException as e:  # noqa: BLE001 - reported to the parent
        q.put(("error", f"{type(e).__name__}: {e}"))
