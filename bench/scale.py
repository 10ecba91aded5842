"""`python -m bench.scale`: one table with a million partitions (issue #3, item 5).

Starts PostgreSQL (embedded, or --database-url) and `catalog serve` in its own process, samples the
server's resident memory every 0.2 s throughout, and over Thrift:

- creates a database and a table with 3 partition keys, `ds string` ('YYYY-MM-DD'), `region string`
  and `bucket int`: N = days x 10 regions x 100 buckets (1,000,000 = 1000 days);
- adds the N partitions with `add_partitions` in batches of 10,000 (Spark-shaped, with locations);
- times filters that select exactly 100 partitions (`get_partitions_by_filter` on two string keys, and
  with an integer range; `get_part_specs_by_filter`), `get_num_partitions_by_filter` over a wide range,
  `get_partitions_by_names` of 100 names, `get_partition_names` of all N, and `get_partitions` of all N:
  once on a second server limited by --max-partitions-per-request (Hive's
  metastore.limit.partition.request; it must refuse), once on the unlimited one;
- drops the table (deleteData=false).

It prints a table and replaces the "One million partitions" section of docs/benchmarks.md.

    python -m bench.scale [--partitions 1000000] [--database-url URL] [--processes 1]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as _dt
import os
import shlex
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from thrift.Thrift import TApplicationException, TMessageType, TType

from bench.hbench import (
    PARQUET_IN,
    PARQUET_OUT,
    PARQUET_SERDE,
    USER,
    Conn,
    Result,
    make_table,
    percentile,
)
from bench.java_peer import free_port, read_rss
from bench.markdown import write_section
from bench.runner import REPO, OurServer, _first_line, _pg_version, load_average, log
from catalog.thrift_gen.hive_metastore import ThriftHiveMetastore as svc
from catalog.thrift_gen.hive_metastore.ttypes import (
    Database,
    MetaException,
    Partition,
    SerDeInfo,
    SkewedInfo,
    StorageDescriptor,
)

REGIONS = [f"{a}-{i}" for a in ("eu", "us", "ap", "sa", "af") for i in (1, 2)]  # 10
BUCKETS = 100
FIRST_DAY = _dt.date(2022, 1, 1)
TABLE = "events"
GIB = 2**30
MIB = 2**20
# issue 12's targets at 1,000,000 partitions
RSS_TARGET = 512 * MIB
FILTER_TARGET_MS = 20.0
ADD_TARGET_PER_S = 5000.0
DROP_TARGET_S_PER_MILLION = 60.0


# ----------------------------------------------------------------------------------------------------------
# resident memory of the server (and its worker processes), sampled in a thread
def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                out += [int(x) for x in f.read().split()]
    except OSError:
        pass
    return out


def process_tree(pid: int) -> list[int]:
    todo, seen = [pid], []
    while todo:
        p = todo.pop()
        if p not in seen:
            seen.append(p)
            todo += _children(p)
    return seen


class TreeRss:
    """Samples the RSS of a process and (with `tree`) its descendants every `interval` seconds; keeps the
    peak of their sum overall and per phase. With one process the kernel's high-water mark (VmHWM),
    reset at each phase, also catches spikes between samples."""

    def __init__(self, pid: int, tree: bool = False, interval: float = 0.2):
        self.pid, self.tree, self.interval = pid, tree, interval
        self.peak = 0
        self.last = 0
        self.phase_name: str | None = None
        self.phase_peak = 0
        self.samples: list[tuple[float, int]] = []  # (monotonic time, bytes)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"rss-{pid}", daemon=True)
        self._hwm_resettable = not tree and self._reset_hwm()

    def _reset_hwm(self) -> bool:
        try:  # "5" resets the peak resident set size (Linux >= 4.0, own processes)
            with open(f"/proc/{self.pid}/clear_refs", "w") as f:
                f.write("5")
            return True
        except OSError:
            return False

    def start(self) -> TreeRss:
        self._thread.start()
        return self

    def sample(self) -> int:
        pids = process_tree(self.pid) if self.tree else [self.pid]
        cur, hwm = 0, 0
        for p in pids:
            c, h = read_rss(p)
            cur += c
            hwm += h
        top = max(cur, hwm) if self._hwm_resettable else cur
        with self._lock:
            if cur:
                self.last = cur
                self.samples.append((time.monotonic(), cur))
            self.peak = max(self.peak, top)
            self.phase_peak = max(self.phase_peak, top)
        return cur

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    @contextlib.contextmanager
    def phase(self, name: str):
        """Peak RSS while the block runs: `with rss.phase("x") as ph: ...; ph["peak"]`."""
        self.sample()
        with self._lock:
            if self._hwm_resettable:
                self._reset_hwm()
            self.phase_name, self.phase_peak = name, self.last
        out = {"peak": 0}
        try:
            yield out
        finally:
            self.sample()
            with self._lock:
                out["peak"] = self.phase_peak
                self.phase_name = None

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=2)


# ----------------------------------------------------------------------------------------------------------
# the table and its partitions
def days_for(n: int) -> int:
    per_day = len(REGIONS) * BUCKETS
    if n < per_day or n % per_day:
        raise SystemExit(
            f"--partitions must be a multiple of {per_day} (days x {len(REGIONS)} regions x "
            f"{BUCKETS} buckets)"
        )
    return n // per_day


def day(i: int) -> str:
    return (FIRST_DAY + _dt.timedelta(days=i)).isoformat()


def all_values(days: int):
    for d in range(days):
        ds = day(d)
        for r in REGIONS:
            for b in range(BUCKETS):
                yield ds, r, str(b)


def part_name(ds: str, region: str, bucket: str) -> str:
    return f"ds={ds}/region={region}/bucket={bucket}"


def scale_table(db: str, location: str):
    t = make_table(db, TABLE, location, part_keys=("ds", "region", "bucket"))
    t.partitionKeys[2].type = "int"
    t.parameters["spark.sql.sources.schema"] = t.parameters["spark.sql.sources.schema"].replace(
        '{"name":"bucket","type":"string"', '{"name":"bucket","type":"integer"'
    )
    return t


def make_batch(t, values: list[tuple[str, str, str]], now: int) -> list[Partition]:
    """Partitions as Spark sends them (the table's descriptor, location table/k=v/...), built without deepcopy."""
    base = t.sd.location.rstrip("/") + "/"
    cols = t.sd.cols
    out = []
    for ds, region, bucket in values:
        sd = StorageDescriptor(
            cols=cols,
            location=base + part_name(ds, region, bucket),
            inputFormat=PARQUET_IN,
            outputFormat=PARQUET_OUT,
            compressed=False,
            numBuckets=-1,
            serdeInfo=SerDeInfo(
                name=None, serializationLib=PARQUET_SERDE, parameters={"serialization.format": "1"}
            ),
            bucketCols=[],
            sortCols=[],
            parameters={},
            skewedInfo=SkewedInfo(skewedColNames=[], skewedColValues=[], skewedColValueLocationMaps={}),
            storedAsSubDirectories=False,
        )
        out.append(
            Partition(
                values=[ds, region, bucket],
                dbName=t.dbName,
                tableName=t.tableName,
                createTime=now,
                lastAccessTime=0,
                sd=sd,
                parameters={},
            )
        )
    return out


# ----------------------------------------------------------------------------------------------------------
# a list reply read element by element, so that the driver never holds a million decoded objects
def call_counting(
    client,
    method: str,
    *args,
    element: type | None = None,
    check: Callable[[int, object], None] | None = None,
) -> int:
    """Send `method(*args)` and read its list<...> reply one element at a time (`element` a struct class,
    or None for strings); return the number of elements. Declared exceptions are raised."""
    getattr(client, f"send_{method}")(*args)
    iprot = client._iprot
    _, mtype, _ = iprot.readMessageBegin()
    if mtype == TMessageType.EXCEPTION:
        x = TApplicationException()
        x.read(iprot)
        iprot.readMessageEnd()
        raise x
    spec = getattr(svc, f"{method}_result").thrift_spec
    count, exc = None, None
    iprot.readStructBegin()
    while True:
        _, ftype, fid = iprot.readFieldBegin()
        if ftype == TType.STOP:
            break
        if fid == 0 and ftype == TType.LIST:
            _, size = iprot.readListBegin()
            for i in range(size):
                if element is None:
                    obj = iprot.readString()
                else:
                    obj = element()
                    obj.read(iprot)
                if check is not None:
                    check(i, obj)
            iprot.readListEnd()
            count = size
        elif ftype == TType.STRUCT and fid < len(spec) and spec[fid]:
            exc = spec[fid][3][0]()
            exc.read(iprot)
        else:
            iprot.skip(ftype)
        iprot.readFieldEnd()
    iprot.readStructEnd()
    iprot.readMessageEnd()
    if exc is not None:
        raise exc
    if count is None:
        raise TApplicationException(TApplicationException.MISSING_RESULT, f"{method} failed: unknown result")
    return count


# ----------------------------------------------------------------------------------------------------------
@dataclass
class Step:
    name: str
    what: str
    result: Result | None = None  # latency samples in ms
    seconds: float | None = None  # one-off duration
    rss_peak: int = 0
    detail: str = ""
    error: str | None = None
    target: str = ""
    met: bool | None = None


@dataclass
class Run:
    args: argparse.Namespace
    steps: list[Step] = field(default_factory=list)
    facts: dict[str, str] = field(default_factory=dict)


def timed(fn: Callable[[], object], samples: int, warmup: int, name: str) -> tuple[Result, object]:
    last = None
    for _ in range(warmup):
        last = fn()
    r = Result(name)
    for _ in range(samples):
        t0 = time.perf_counter()
        last = fn()
        r.samples.append((time.perf_counter() - t0) * 1000)
    return r, last


def _ms(v: float) -> str:
    return f"{v:,.0f}" if v >= 100 else f"{v:.1f}" if v >= 10 else f"{v:.2f}"


def _secs(v: float) -> str:
    return f"{v:,.1f} s" if v >= 1 else f"{v * 1000:.0f} ms"


def run_steps(
    run: Run, uri: str, rss: TreeRss, wh_root: str, start_capped: Callable[[], OurServer] | None
) -> None:
    a = run.args
    n = a.partitions
    days = days_for(n)
    db = f"scale_{int(time.time())}_{os.getpid()}"
    samples, warmup = a.samples, a.warmup
    steps = run.steps

    def step(s: Step) -> Step:
        steps.append(s)
        if s.error:
            log(f"scale: {s.name}: ERROR {s.error}")
        else:
            timing = (
                f"median {s.result.median:.2f} ms p90 {s.result.p90:.2f} ms"
                if s.result
                else _secs(s.seconds or 0)
            )
            log(f"scale: {s.name}: {timing}; peak RSS {s.rss_peak / MIB:.0f} MiB; {s.detail}")
        return s

    with Conn(uri, timeout_s=a.timeout) as c:
        t_loc = f"{wh_root.rstrip('/')}/{db}.db/{TABLE}"
        with rss.phase("create") as ph:
            t0 = time.perf_counter()
            c.create_database(
                Database(name=db, description="bench.scale", parameters={}, ownerName=USER, ownerType=1)
            )
            c.create_table(scale_table(db, t_loc))
            dt = time.perf_counter() - t0
        step(
            Step(
                "create",
                "create_database + create_table (3 keys: ds string, region string, bucket int)",
                seconds=dt,
                rss_peak=ph["peak"],
            )
        )
        t = c.get_table(db, TABLE)

        # -- add the partitions ---------------------------------------------------------------------
        batch_ms: list[float] = []
        build_s = 0.0
        now = int(time.time())
        values = all_values(days)
        with rss.phase("add") as ph:
            t_start = time.perf_counter()
            done = 0
            while done < n:
                tb = time.perf_counter()
                chunk = [next(values) for _ in range(min(a.batch, n - done))]
                batch = make_batch(t, chunk, now)
                t1 = time.perf_counter()
                build_s += t1 - tb
                added = c.add_partitions(batch)
                batch_ms.append((time.perf_counter() - t1) * 1000)
                if added != len(batch):
                    raise RuntimeError(f"add_partitions added {added} of {len(batch)}")
                done += len(batch)
                if len(batch_ms) % 10 == 0 or done == n:
                    log(
                        f"scale: added {done:,} partitions in {time.perf_counter() - t_start:,.0f} s "
                        f"(last batch {batch_ms[-1]:,.0f} ms, server RSS {rss.last / MIB:.0f} MiB)"
                    )
            total = time.perf_counter() - t_start
        call_s = sum(batch_ms) / 1000
        r_add = Result("add_partitions", samples=batch_ms)
        k = max(1, len(batch_ms) // 10)
        first, last = sorted(batch_ms[:k]), sorted(batch_ms[-k:])
        step(
            Step(
                "add_partitions",
                f"{n:,} partitions, add_partitions of {a.batch:,} each ({len(batch_ms)} calls)",
                target=f"\u2265 {ADD_TARGET_PER_S:,.0f}/s in the calls",
                met=n / call_s >= ADD_TARGET_PER_S,
                result=r_add,
                seconds=total,
                rss_peak=ph["peak"],
                detail=(
                    f"{n / call_s:,.0f} partitions/s in the calls ({call_s:,.1f} s), "
                    f"{n / total:,.0f}/s overall ({total:,.1f} s with the driver building batches: "
                    f"{build_s:,.1f} s); batch median {r_add.median:,.0f} ms, p90 {r_add.p90:,.0f} ms; "
                    f"first {k} batches median {percentile(first, 0.5):,.0f} ms, last {k} "
                    f"{percentile(last, 0.5):,.0f} ms"
                ),
            )
        )
        run.facts["add_rate"] = f"{n / call_s:,.0f}"
        if a.settle:
            time.sleep(a.settle)

        # -- filters selecting 100 ------------------------------------------------------------------
        mid = day(days // 2)
        f1 = f"ds = '{mid}' and region = '{REGIONS[1]}'"
        f2 = f"bucket < 10 and ds = '{mid}'"
        for label, flt in (("get_partitions_by_filter", f1), ("get_partitions_by_filter (int range)", f2)):
            with rss.phase(label) as ph:
                r, got = timed(
                    lambda flt=flt: c.get_partitions_by_filter(db, TABLE, flt, -1), samples, warmup, label
                )
            ok = len(got) == 100
            step(
                Step(
                    label,
                    f"`{flt}`: {len(got)} partitions",
                    result=r,
                    rss_peak=ph["peak"],
                    detail=f"{len(got)} partitions",
                    error=None if ok else f"expected 100, got {len(got)}",
                    target=f"median < {FILTER_TARGET_MS:g} ms",
                    met=ok and r.median < FILTER_TARGET_MS,
                )
            )
        with rss.phase("specs") as ph:
            r, got = timed(
                lambda: c.get_part_specs_by_filter(db, TABLE, f1, -1),
                samples,
                warmup,
                "get_part_specs_by_filter",
            )
        cnt = sum(
            len(s.partitionList.partitions) if s.partitionList else len(s.sharedSDPartitionSpec.partitions)
            for s in got
        )
        step(
            Step(
                "get_part_specs_by_filter",
                f"`{f1}`: {cnt} partitions in {len(got)} spec(s)",
                result=r,
                rss_peak=ph["peak"],
                error=None if cnt == 100 else f"expected 100, got {cnt}",
            )
        )

        lo, hi = day(days // 4), day(days // 4 + max(1, days // 2))
        fw = f"ds >= '{lo}' and ds < '{hi}'"
        expect_w = (max(1, days // 2)) * len(REGIONS) * BUCKETS
        with rss.phase("num") as ph:
            r, got = timed(
                lambda: c.get_num_partitions_by_filter(db, TABLE, fw),
                max(5, samples // 3),
                1,
                "get_num_partitions_by_filter",
            )
        step(
            Step(
                "get_num_partitions_by_filter",
                f"`{fw}`: {got:,}",
                result=r,
                rss_peak=ph["peak"],
                error=None if got == expect_w else f"expected {expect_w}, got {got}",
            )
        )

        names = [
            part_name(day((i * 7919) % days), REGIONS[(i * 31) % len(REGIONS)], str((i * 37) % BUCKETS))
            for i in range(100)
        ]
        names = list(dict.fromkeys(names))
        with rss.phase("by_names") as ph:
            r, got = timed(
                lambda: c.get_partitions_by_names(db, TABLE, names),
                samples,
                warmup,
                "get_partitions_by_names",
            )
        step(
            Step(
                "get_partitions_by_names",
                f"{len(names)} names spread over the table",
                result=r,
                rss_peak=ph["peak"],
                error=None if len(got) == len(names) else f"got {len(got)}",
            )
        )

        # -- everything -----------------------------------------------------------------------------
        with rss.phase("names") as ph:
            r, got = timed(
                lambda: call_counting(c, "get_partition_names", db, TABLE, -1),
                a.big_samples,
                0,
                "get_partition_names",
            )
        step(
            Step(
                "get_partition_names",
                f"all, max_parts=-1: {got:,} names",
                result=r,
                rss_peak=ph["peak"],
                error=None if got == n else f"expected {n}, got {got}",
            )
        )

        if start_capped is not None:
            capped = start_capped()
            with Conn(capped.uri, timeout_s=a.timeout) as cc:
                t0 = time.perf_counter()
                try:
                    call_counting(cc, "get_partitions", db, TABLE, -1, element=Partition)
                    err, msg = "the limited server answered instead of refusing", ""
                except MetaException as e:
                    err, msg = None, e.message
                dt = time.perf_counter() - t0
                t0 = time.perf_counter()
                ok_n = call_counting(cc, "get_partitions_by_filter", db, TABLE, f1, -1, element=Partition)
                dt_ok = time.perf_counter() - t0
            capped.stop()
            step(
                Step(
                    "get_partitions (limited)",
                    f"all, on a server with --max-partitions-per-request {a.cap:,}: refused",
                    seconds=dt,
                    error=err,
                    detail=f"MetaException: \u201c{msg}\u201d; the same server answers the 100-partition "
                    f"filter ({ok_n} partitions, {dt_ok * 1000:.0f} ms)",
                )
            )

        if not a.skip_full:
            first_last: list = [None, None]

            def check(i, p):
                if i == 0:
                    first_last[0] = p.values
                first_last[1] = p.values

            with rss.phase("full") as ph:
                t0 = time.perf_counter()
                got = call_counting(c, "get_partitions", db, TABLE, -1, element=Partition, check=check)
                dt = time.perf_counter() - t0
            step(
                Step(
                    "get_partitions (unlimited)",
                    f"all, max_parts=-1: {got:,} partitions",
                    seconds=dt,
                    rss_peak=ph["peak"],
                    error=None if got == n else f"expected {n}, got {got}",
                    detail=f"{got / dt:,.0f} partitions/s including the driver's decoding; "
                    f"first {first_last[0]}, last {first_last[1]}",
                )
            )

        with rss.phase("drop") as ph:
            t0 = time.perf_counter()
            c.drop_table(db, TABLE, False)
            dt = time.perf_counter() - t0
        limit = DROP_TARGET_S_PER_MILLION * n / 1_000_000
        step(
            Step(
                "drop_table",
                f"deleteData=false, {n:,} partitions",
                seconds=dt,
                rss_peak=ph["peak"],
                target=f"< {limit:g} s",
                met=dt < limit,
            )
        )
        c.drop_database(db, False, True)


# ----------------------------------------------------------------------------------------------------------
# report
def table_rows(run: Run) -> list[list[str]]:
    rows = []
    for s in run.steps:
        if s.error:
            timing = "error"
        elif s.result is not None and s.name != "add_partitions":
            timing = f"{_ms(s.result.median)} / {_ms(s.result.p90)} ms"
        else:
            timing = _secs(s.seconds or 0)
        verdict = "" if s.met is None else ("met" if s.met else "MISSED")
        rows.append(
            [
                s.name,
                s.what,
                timing,
                f"{s.rss_peak / MIB:,.0f}" if s.rss_peak else "-",
                (s.error + "; " if s.error else "") + s.detail,
                (s.target + " " + verdict).strip(),
            ]
        )
    return rows


def print_report(run: Run) -> None:
    print()
    print(f"{'step':<38} {'time (median / p90)':>22} {'peak RSS MiB':>13}  what")
    print("-" * 110)
    for name, what, timing, rss_mib, detail, target in table_rows(run):
        print(f"{name:<38} {timing:>22} {rss_mib:>13}  {what}" + (f"  [{target}]" if target else ""))
        if detail:
            print(f"{'':<38} {'':>22} {'':>13}  {detail}")
    print()
    for k, v in run.facts.items():
        print(f"{k}: {v}")


def markdown(run: Run) -> str:
    a = run.args
    f = run.facts
    rss_how = "sampled every 0.2 s" + (
        " together with the kernel's high-water mark (VmHWM, reset per step)" if f.get("hwm") == "yes" else ""
    )
    rows = [
        "| " + " | ".join(c.replace("|", "\\|") for c in [f"`{r[0]}`", *r[1:]]) + " |"
        for r in table_rows(run)
    ]
    out = [
        "## One million partitions (`bench/scale.py`)",
        "",
        (
            f"`{f['command']}` on {f['date']}: {a.partitions:,} partitions in one table "
            f"({days_for(a.partitions):,} days \u00d7 {len(REGIONS)} regions \u00d7 {BUCKETS} buckets; keys "
            "`ds string`, `region string`, `bucket int`), created, filtered and dropped over Thrift by one Python "
            f"client, against `catalog serve` in its own process ({a.processes} "
            f"process{'es' if a.processes > 1 else ''}, default settings, no partition limit) on {f['postgres']}. "
            f"Machine: {f['machine']}. Commit {f['commit']}. Wall time {f['wall']}."
        ),
        "",
        (
            "| step | what | time (median / p90 of samples, or once) | server peak RSS in the step (MiB) | notes "
            "| target |"
        ),
        "|---|---|---:|---:|---|---|",
        *rows,
        "",
        (
            f"- Server RSS: {f['rss_start']} MiB after start-up, peak {f['rss_peak']} MiB over the whole run "
            f"(target < {RSS_TARGET // MIB} MiB: {f['rss_verdict']}); {rss_how}."
        ),
        (
            f"- Latencies: {a.samples} samples after {a.warmup} warm-ups, in milliseconds, measured by the client "
            "(Thrift round trip, reply decoding included). Listings of all partitions and names are read element "
            "by element by the driver, which never holds them all."
        ),
        (
            "- Partitions are added as Spark sends them (the table's parquet descriptor, location "
            "`<table>/ds=\u2026/region=\u2026/bucket=\u2026`); the server creates each partition's directory in the "
            f"local warehouse, as Hive does (warehouse on {f.get('warehouse_fs', '?')})."
        ),
    ]
    if f.get("notes"):
        out += [f"- {x}" for x in f["notes"]]
    return "\n".join(out) + "\n"


def _fs_type(path: Path) -> str:
    """The filesystem type of `path` (df), and the time one mkdir takes there (the floor of creating
    a partition's directory)."""
    fs = subprocess.run(
        ["df", "--output=fstype", str(path)], capture_output=True, text=True, check=False
    ).stdout.split()[-1:] or ["?"]
    probe = path / ".mkdir-probe"
    probe.mkdir()
    t0 = time.perf_counter()
    for i in range(500):
        (probe / str(i)).mkdir()
    us = (time.perf_counter() - t0) / 500 * 1e6
    shutil.rmtree(probe, ignore_errors=True)
    return f"{fs[0]}, one mkdir {us:,.0f} \u00b5s when the run started"


# ----------------------------------------------------------------------------------------------------------
def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(
        prog="python -m bench.scale",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument("--partitions", type=int, default=1_000_000, help="a multiple of 1000 (days x 10 x 100)")
    ap.add_argument("--batch", type=int, default=10_000, help="partitions per add_partitions call")
    ap.add_argument("--database-url", default=None, help="PostgreSQL URL (default: an embedded PostgreSQL)")
    ap.add_argument("--processes", type=int, default=1, help="`catalog serve --processes`; RSS sums them all")
    ap.add_argument(
        "--cap",
        type=int,
        default=100_000,
        help="--max-partitions-per-request of the second, limited server (0: do not start it)",
    )
    ap.add_argument("--skip-full", action="store_true", help="skip get_partitions of the whole table")
    ap.add_argument("--samples", type=int, default=20, help="samples per timed call (>= 15 for the report)")
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--big-samples", type=int, default=3, help="samples of get_partition_names of everything")
    ap.add_argument("--settle", type=float, default=0.0, help="seconds to wait after adding the partitions")
    ap.add_argument("--timeout", type=float, default=3600.0, help="Thrift socket timeout, seconds")
    ap.add_argument("--fast-pg", action="store_true", help="embedded PostgreSQL with fsync off")
    ap.add_argument("--work-dir", default=".bench", help="PostgreSQL data, warehouse and logs go below this")
    ap.add_argument(
        "--warehouse-dir",
        default=None,
        help="the warehouse below this directory instead (e.g. a tmpfs: the cost of a local mkdir differs "
        "by filesystem by 50x); removed afterwards",
    )
    ap.add_argument("--keep", action="store_true", help="keep the work dir (kept anyway on failure)")
    ap.add_argument(
        "--out", default="docs/benchmarks.md", help="markdown file whose section to replace ('' none)"
    )
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    days_for(args.partitions)
    argv_used = sys.argv[1:] if argv is None else argv
    run = Run(args)
    run.facts["command"] = " ".join(["python -m bench.scale", *map(shlex.quote, argv_used)])
    run.facts["date"] = _dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    load_start = load_average()
    commit = _first_line(["git", "rev-parse", "--short", "HEAD"])  # the code the server is about to run
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    ).stdout.strip()
    run.facts["commit"] = commit + (" (with local changes)" if dirty else "")
    t_start = time.monotonic()
    run_dir = (Path(args.work_dir) / f"scale-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}").resolve()
    run_dir.mkdir(parents=True, exist_ok=True)
    log(f"scale: work dir {run_dir}")
    ok = False
    with contextlib.ExitStack() as stack:
        if args.database_url:
            url = args.database_url
            run.facts["postgres"] = "the PostgreSQL given by --database-url"
        else:
            from catalog.embedded_pg import EmbeddedPostgres

            pg = EmbeddedPostgres(run_dir / "pg", durable=not args.fast_pg).start()
            stack.callback(pg.stop)
            url = pg.create_database("catalog_scale")
            run.facts["postgres"] = (
                f"embedded PostgreSQL {_pg_version(pg.host, pg.port) or ''} on the same machine "
                f"({'fsync off' if args.fast_pg else 'durable, fsync on'})"
            )
        wh = (
            (Path(args.warehouse_dir).resolve() / run_dir.name)
            if args.warehouse_dir
            else run_dir / "warehouse"
        )
        wh.mkdir(parents=True)
        if args.warehouse_dir:
            stack.callback(shutil.rmtree, wh, True)
        wh_uri = "file:" + str(wh)
        run.facts["warehouse_fs"] = _fs_type(wh)
        port = free_port()
        server = OurServer(
            url,
            wh_uri,
            run_dir,
            port=port,
            extra_args=["--http-port", "-1", "--grpc-port", "-1", "--processes", str(args.processes)],
        )
        log("scale: starting catalog serve ...")
        server.start()
        stack.callback(server.stop)
        rss = TreeRss(server.proc.pid, tree=args.processes > 1).start()
        stack.callback(rss.stop)
        run.facts["rss_start"] = f"{rss.sample() / MIB:,.0f}"
        run.facts["hwm"] = "yes" if rss._hwm_resettable else "no"

        def start_capped() -> OurServer:
            capped = OurServer(
                url,
                wh_uri,
                run_dir / "capped",
                extra_args=[
                    "--http-port",
                    "-1",
                    "--grpc-port",
                    "-1",
                    "--no-migrate",
                    "--max-partitions-per-request",
                    str(cap),
                ],
            )
            capped.start()
            stack.callback(capped.stop)
            return capped

        cap = min(args.cap, args.partitions // 2)  # so that the whole table is always over the limit
        args.cap = cap
        try:
            run_steps(run, server.uri, rss, wh_uri, start_capped if cap > 0 else None)
            ok = all(s.error is None for s in run.steps)
        except Exception as e:  # noqa: BLE001 - report what was measured
            log(f"scale: failed: {type(e).__name__}: {e}")
            run.steps.append(Step("failed", f"{type(e).__name__}: {e}", error=str(e)))
        rss.sample()
        run.facts["rss_peak"] = f"{rss.peak / MIB:,.0f}"
        run.facts["rss_verdict"] = "met" if rss.peak < RSS_TARGET else "MISSED"
    run.facts["wall"] = f"{(time.monotonic() - t_start) / 60:.1f} min"
    mem = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = f"{int(line.split()[1]) / 2**20:.0f} GiB"
    except OSError:
        pass
    run.facts["machine"] = (
        f"{os.cpu_count()} cores, {mem}, load average {load_start} at start / {load_average()} at end"
    )
    print_report(run)
    if args.out:
        out = Path(args.out)
        out = out if out.is_absolute() else REPO / out
        write_section(out, "scale", markdown(run))
        log(f"scale: wrote the section of {out}")
    if ok and not args.keep:
        shutil.rmtree(run_dir, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
