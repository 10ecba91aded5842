"""`python -m bench`: start PostgreSQL, our service and Apache Hive's metastore 2.3.10 side by side, run the same
hbench-style operations against both, print a comparison and write docs/benchmarks.md."""

from __future__ import annotations

import argparse
import contextlib
import datetime as _dt
import json
import math
import os
import platform
import shlex
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench import jvm_report
from bench.hbench import Bench, Result, format_result
from bench.java_peer import JavaMetastore, JavaPeerError, RssSampler, free_port, java_version, probe, read_rss
from bench.markdown import sections_tail

REPO = Path(__file__).resolve().parent.parent

# Targets (ours/Hive median ratio; for throughput ours/Hive calls/s), as stated for N=1000 and listTables.100.
TARGETS: dict[str, tuple[str, float]] = {
    "getTable": ("<=", 0.5),
    "getDatabase": ("<=", 0.5),
    "listTables.100": ("<=", 0.5),
    "getPartitionNames.1000": ("<=", 0.5),
    "addPartitions.1000": ("<=", 0.3),
    "dropPartitions.1000": ("<=", 0.3),
    "getPartitions.1000": ("<=", 0.3),
    "getPartitionsByFilter.1000": ("<=", 0.3),
    "getPartitionsByNames.1000": ("<=", 0.3),
    "renameTable.1000": ("<=", 0.3),
    "concurrentGetTable.t16": (">=", 2.0),
}
# The targets as a JVM client sees them: (op, ours/Hive, largest ours/floor or None).
JVM_TARGETS: dict[str, tuple[str, float, float | None]] = {
    "getTable": ("<=", 0.5, None),
    "getDatabase": ("<=", 0.5, None),
    "listTables.100": ("<=", 0.5, None),
    "getPartitionNames.1000": ("<=", 0.5, None),
    "getPartitions.1000": ("<=", 0.5, 1.3),
    "getPartitionsByNames.1000": ("<=", 0.5, 1.3),
    "getPartitionsByFilter.1000": ("<=", 0.5, 1.3),
    "concurrentGetTable.t16": (">=", 3.0, None),
}


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# ----------------------------------------------------------------------------------------------------------
# our service in its own process
class OurServer:
    """`catalog serve` in a subprocess, so that the driver's GIL does not slow it down."""

    def __init__(
        self,
        database_url: str,
        warehouse: str,
        work_dir: Path,
        port: int | None = None,
        start_timeout: float = 60.0,
        extra_args: list[str] | None = None,
    ):
        self.database_url = database_url
        self.warehouse = warehouse
        self.work_dir = work_dir
        self.port = port or free_port()
        self.start_timeout = start_timeout
        self.extra_args = list(extra_args or [])
        self.proc: subprocess.Popen | None = None
        self.sampler: RssSampler | None = None
        self.out_path = work_dir / "ours.out"
        self._out = None
        self.startup_seconds: float | None = None
        self.idle_rss = 0

    @property
    def uri(self) -> str:
        return f"thrift://127.0.0.1:{self.port}"

    @property
    def command(self) -> list[str]:
        return [
            sys.executable,
            "-m",
            "catalog.cli",
            "serve",
            "--database-url",
            self.database_url,
            "--thrift-port",
            str(self.port),
            "--warehouse",
            self.warehouse,
            *self.extra_args,
        ]

    def start(self) -> OurServer:
        self.work_dir.mkdir(parents=True, exist_ok=True)
        self._out = open(self.out_path, "w")
        t0 = time.monotonic()
        self.proc = subprocess.Popen(
            self.command, stdout=self._out, stderr=subprocess.STDOUT, cwd=REPO, start_new_session=True
        )
        self.sampler = RssSampler(self.proc.pid).start()
        deadline = t0 + self.start_timeout
        while True:
            rc = self.proc.poll()
            if rc is not None:
                self.stop()
                raise RuntimeError(f"`catalog serve` exited with {rc}:\n{_tail(self.out_path)}")
            try:
                probe(self.port)
                break
            except Exception as e:
                if time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(
                        f"`catalog serve` not serving after {self.start_timeout:.0f}s ({e}):\n"
                        f"{_tail(self.out_path)}"
                    ) from e
                time.sleep(0.1)
        self.startup_seconds = time.monotonic() - t0
        self.idle_rss = read_rss(self.proc.pid)[0]
        return self

    def peak_rss_bytes(self) -> int:
        if self.sampler:
            self.sampler.sample()
            return self.sampler.peak
        return 0

    def stop(self, grace: float = 30.0) -> None:
        proc, self.proc = self.proc, None
        if proc is not None and proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
        if self.sampler:
            self.sampler.stop()
        if self._out:
            self._out.close()
            self._out = None


def _tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no output)"


# ----------------------------------------------------------------------------------------------------------
# machine facts
def _first_line(cmd: list[str]) -> str:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=20, cwd=REPO, check=False)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except Exception:  # noqa: BLE001
        return "unknown"


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def machine_info(pg_version: str | None, load_at_start: str) -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    try:
        from importlib.metadata import version

        thrift_v = version("thrift")
    except Exception:  # noqa: BLE001
        thrift_v = "unknown"
    commit = _first_line(["git", "rev-parse", "--short", "HEAD"])
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    ).stdout.strip()
    return {
        "nproc": str(os.cpu_count()),
        "memory": mem,
        "cpu": cpu,
        "os": platform.platform(),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "thrift (python)": thrift_v,
        "java": java_version(),
        "postgresql": pg_version or "unknown",
        "commit": commit + (" (with local changes)" if dirty else ""),
        "load average (1/5/15 min) at start / at end": f"{load_at_start} / {load_average()}",
    }


# ----------------------------------------------------------------------------------------------------------
# report
@dataclass
class Row:
    name: str
    unit: str
    ours: Result | None
    hive: Result | None

    @property
    def ratio(self) -> float:
        if not (self.ours and self.hive and self.ours.ok and self.hive.ok) or self.hive.median == 0:
            return math.nan
        return self.ours.median / self.hive.median

    @property
    def target(self) -> tuple[str, float] | None:
        return TARGETS.get(self.name)

    @property
    def verdict(self) -> str:
        t = self.target
        if t is None or math.isnan(self.ratio):
            return ""
        op, v = t
        good = self.ratio <= v if op == "<=" else self.ratio >= v
        return "met" if good else "MISSED"


@dataclass
class Report:
    rows: list[Row]
    info: dict[str, str]
    command: str
    started: str
    settings: dict[str, str]
    servers: dict[str, dict[str, str]] = field(default_factory=dict)
    wall_seconds: float = 0.0
    jvm_rows: list = field(default_factory=list)  # bench.jvm_ops.JvmRow


def _num(v: float) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "-"
    if v >= 100:
        return f"{v:,.0f}"
    if v >= 10:
        return f"{v:.1f}"
    return f"{v:.2f}"


def _cell(r: Result | None) -> tuple[str, str]:
    if r is None:
        return "", ""
    if not r.ok:
        return "error", ""
    return _num(r.median), f"{_num(r.p10)}–{_num(r.p90)}"


def table_lines(rows: list[Row], with_hive: bool) -> list[str]:
    head = ["Operation", "unit", "ours median", "ours p10–p90"]
    if with_hive:
        head += ["Hive median", "Hive p10–p90", "ours/Hive", "target", ""]
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    for row in rows:
        cells = [f"`{row.name}`", row.unit, *_cell(row.ours)]
        if with_hive:
            t = row.target
            cells += [
                *_cell(row.hive),
                _num(row.ratio) if not math.isnan(row.ratio) else "-",
                f"{t[0].replace('<=', '≤').replace('>=', '≥')}{t[1]:g}" if t else "",
                row.verdict,
            ]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def print_table(rows: list[Row], with_hive: bool) -> None:
    head = f"{'operation':<28} {'unit':<8} {'ours med':>10} {'ours p10-p90':>21}"
    if with_hive:
        head += f" {'hive med':>10} {'hive p10-p90':>21} {'ours/hive':>9} {'target':>7}"
    print(head)
    print("-" * len(head))
    for row in rows:
        o = _cell(row.ours)
        line = f"{row.name:<28} {row.unit:<8} {o[0]:>10} {o[1]:>21}"
        if with_hive:
            h = _cell(row.hive)
            t = row.target
            tt = f"{t[0]}{t[1]:g}" if t else ""
            line += f" {h[0]:>10} {h[1]:>21} {_num(row.ratio):>9} {tt:>7} {row.verdict}"
        print(line)
    errors = [
        (lbl, r) for row in rows for lbl, r in (("ours", row.ours), ("hive", row.hive)) if r and r.error
    ]
    for lbl, r in errors:
        print(f"ERROR {lbl} {r.name}: {r.error}")


def write_markdown(path: Path, rep: Report) -> None:
    with_hive = any(r.hive is not None for r in rep.rows)
    s = rep.settings
    out = [
        "# Benchmarks: hbench-style operations, our service vs Apache Hive metastore 2.3.10",
        "",
        "Generated by `python -m bench` (`bench/`); rerun it to refresh this file. Numbers from one run on one",
        "machine: compare the two columns with each other, not with other machines. The sections after a",
        "`<!-- section: NAME -->` line have other writers (`python -m bench.scale`, `bench/load.py`); a rerun keeps",
        "them.",
        "",
        f"- Date: {rep.started}",
        f"- Command: `{rep.command}`",
        f"- Wall time: {rep.wall_seconds / 60:.1f} min",
        "",
        "## Machine",
        "",
        *[f"- {k}: {v}" for k, v in rep.info.items()],
        "",
        "## Set-up",
        "",
        *[f"- {k}: {v}" for k, v in s.items()],
        "",
        "## Results",
        "",
        "Latencies in milliseconds per sample (median and 10th–90th percentile); throughput in get_table calls",
        "per second over all client processes (median and p10–p90 of 1-second windows). `ours/Hive` is the ratio",
        "of medians: below 1 we are faster on latencies, above 1 we are faster on throughput.",
        "",
        *table_lines(rep.rows, with_hive),
        "",
    ]
    if rep.jvm_rows:
        out += [
            "## JVM client",
            "",
            "The same servers as a JVM client sees them: hive-metastore 2.3.10's raw",
            "`ThriftHiveMetastore.Client` (libthrift 0.16, from the pyspark wheel's jars), one socket",
            "per client, compiled at bench time (`bench/jvm/HmsBench.java`), one JVM for the whole run",
            "(JIT warm), samples interleaved ours / Hive / floor. The floor is a stub server inside the",
            "client's JVM that answers each call with the bytes our server sent for it, from memory,",
            "with no database: what the client's own decoding and the socket cost. Medians in ms",
            "(calls/s for throughput); first / last byte: median ms from sending the request to the",
            "reply's first and last bytes coming off the socket. `ours/Hive (Python)`: the Python",
            "client's ratio from the table above, same operation.",
            "",
            *jvm_report.table_lines(rep.jvm_rows, _python_ratios(rep.rows), JVM_TARGETS),
            "",
        ]
    if rep.servers:
        out += [
            "## Servers",
            "",
            "| | " + " | ".join(rep.servers) + " |",
            "|---|" + "|".join("---" for _ in rep.servers) + "|",
        ]
        keys = []
        for v in rep.servers.values():
            keys += [k for k in v if k not in keys]
        for k in keys:
            out.append(f"| {k} | " + " | ".join(v.get(k, "") for v in rep.servers.values()) + " |")
        out.append("")
    if rep.jvm_rows:
        jm = [r for r in rep.jvm_rows if jvm_report.verdict(r, JVM_TARGETS)[1] == "MISSED"]
        out += ["## Targets (JVM client)", ""]
        out.append(
            "Missed in this run: " + ", ".join(f"`{r.name}`" for r in jm) + "."
            if jm
            else "All JVM-client targets with a result were met in this run."
        )
        out.append("")
    if with_hive:
        missed = [r for r in rep.rows if r.verdict == "MISSED"]
        out += ["## Targets (Python client)", ""]
        if missed:
            out.append(
                "Missed in this run: "
                + ", ".join(
                    f"`{r.name}` ({_num(r.ratio)}, target {r.target[0].replace('<=', '≤').replace('>=', '≥')}"
                    f"{r.target[1]:g})"
                    for r in missed
                )
                + "."
            )
        else:
            out.append("All targets with a result were met in this run.")
        out.append("")
    errs = [
        (lbl, r) for row in rep.rows for lbl, r in (("ours", row.ours), ("Hive", row.hive)) if r and r.error
    ]
    if errs:
        out += ["## Errors", ""] + [f"- {lbl} `{r.name}`: {r.error}" for lbl, r in errs] + [""]
    out += [
        "## Method",
        "",
        "- Operations and names follow Apache Hive's hbench (`metastore-benchmarks`, HMSBenchmarks.java): each",
        "  sample is an untimed set-up, the timed Thrift call(s), an untimed tear-down; warm-up samples are",
        "  dropped. `renameTable` times two `alter_table` renames (there and back), `getPartitionsByFilter` two",
        "  filters (`p_a = 'a0'` and a 6-way OR; Hive 2.3 rejects hbench's back-quoted names, so they are bare),",
        "  `getPartitionsByPs` a partial spec `[a0]` matching all N partitions of a 3-key table,",
        "  `dropPartitions` one `drop_partitions_req` by names, `alterPartitions` one `alter_partitions` of all",
        "  partitions (a new parameter and column each), `dropDatabase` a cascade drop of a database holding",
        "  N tables.",
        "- Objects are shaped like Spark 4's: managed parquet tables (ParquetHiveSerDe, Spark's `spark.sql.*`",
        "  table parameters, schema JSON), a string partition key `dt`, partitions located at",
        "  `<table location>/dt=<value>`.",
        "- Each operation works in its own database `hbench_<run>_<op>`, dropped (cascade) afterwards.",
        "- The client is Python `thrift` with the C-accelerated binary protocol, unframed, one connection per",
        "  operation (`set_ugi` first, like Hive's client); the concurrent test opens one connection per thread.",
        "  The same client and objects are used for both servers; operations alternate between the servers",
        "  (ours, then Hive, per operation) after a priming pass over all operations with small N.",
        "- Both servers use their own database on the same PostgreSQL server and their own local warehouse",
        "  directory, so both create, move and delete real directories.",
        "- Peak RSS is the kernel's high-water mark (VmHWM) of the server process.",
        "",
    ]
    # The sections other writers own (`<!-- section: NAME -->` onwards, see bench/markdown.py) are kept.
    tail = sections_tail(path.read_text()) if path.exists() else ""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(out) + ("\n" + tail if tail else ""))


# ----------------------------------------------------------------------------------------------------------
def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(
        prog="python -m bench", description=__doc__, formatter_class=argparse.ArgumentDefaultsHelpFormatter
    )
    ap.add_argument("--n", type=int, default=1000, help="objects per sized operation (partitions, tables)")
    ap.add_argument("--list-tables-n", type=int, default=100, help="tables for listTables.N")
    ap.add_argument(
        "--repeat",
        type=int,
        default=None,
        help="samples per operation (default: 15 for cheap operations, 5 for heavy ones)",
    )
    ap.add_argument("--warmup", type=int, default=None, help="warm-up samples (default: 5 cheap, 1 heavy)")
    ap.add_argument("--duration", type=float, default=5.0, help="seconds per concurrent get_table run")
    ap.add_argument("--threads", default="1,4,16", help="client processes for the concurrent get_table runs")
    ap.add_argument(
        "--ours-processes",
        type=int,
        default=0,
        help="`catalog serve --processes N` for our server (0: its default, one worker process per "
        "available CPU; Hive's JVM uses every core)",
    )
    ap.add_argument("--only", default=None, help="comma-separated regexes; run only matching operations")
    ap.add_argument("--ours-uri", default=None, help="benchmark this running server instead of starting ours")
    ap.add_argument(
        "--hive-uri", default=None, help="benchmark this running Hive metastore instead of the peer"
    )
    ap.add_argument("--no-peer", action="store_true", help="do not run the Java metastore")
    ap.add_argument(
        "--no-prime", action="store_true", help="skip the priming pass (small N) before measuring"
    )
    ap.add_argument("--out", default="docs/benchmarks.md", help="markdown report ('' to skip)")
    ap.add_argument("--json", default=None, help="also write raw results as JSON here")
    ap.add_argument("--work-dir", default=".bench", help="PostgreSQL data, warehouses and logs go below this")
    ap.add_argument(
        "--keep", action="store_true", help="keep the run's work dir (it is kept anyway on failure)"
    )
    ap.add_argument(
        "--no-analyze",
        action="store_true",
        help="do not ANALYZE a server's PostgreSQL database after each operation's set-up",
    )
    ap.add_argument("--fast-pg", action="store_true", help="run PostgreSQL with fsync/synchronous_commit off")
    ap.add_argument("--java-heap", default="1g")
    ap.add_argument("--no-jvm", action="store_true", help="skip the JVM client's operations")
    ap.add_argument("--jvm-repeat", type=int, default=15, help="JVM client samples per operation")
    ap.add_argument("--jvm-warmup", type=int, default=20, help="JVM client warm-up samples per operation")
    ap.add_argument("--no-python", action="store_true", help="skip the Python client's operations")
    ap.add_argument("--no-grpc", action="store_true", help="skip getTable/getPartitions over our gRPC door")
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    argv_used = sys.argv[1:] if argv is None else argv
    command = " ".join(["python -m bench", *map(shlex.quote, argv_used)])
    threads = [int(t) for t in args.threads.split(",") if t.strip()]
    started = _dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    t_start = time.monotonic()
    load_at_start = load_average()
    need_ours = args.ours_uri is None
    need_hive = args.hive_uri is None and not args.no_peer
    run_dir = (Path(args.work_dir) / f"run-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}").resolve()
    servers: dict[str, dict[str, str]] = {}
    settings: dict[str, str] = {}
    pg_version = None
    ok = False
    rows: list[Row] = []
    jvm_rows: list = []
    ours_db_url = hive_db_url = None

    with contextlib.ExitStack() as stack:
        ours_uri, hive_uri = args.ours_uri, (None if args.no_peer else args.hive_uri)
        ours = peer = None
        if need_ours or need_hive:
            from catalog.embedded_pg import EmbeddedPostgres

            run_dir.mkdir(parents=True, exist_ok=True)
            log(f"bench: work dir {run_dir}")
            pg = EmbeddedPostgres(run_dir / "pg", durable=not args.fast_pg).start()
            stack.callback(pg.stop)
            pg_version = _pg_version(pg.host, pg.port)
            settings["PostgreSQL"] = (
                f"embedded, one server on 127.0.0.1, "
                f"{'fsync off (--fast-pg)' if args.fast_pg else 'durable (fsync on)'}, "
                "shared_buffers 256MB, max_connections 300"
            )
            if need_ours:
                url = ours_db_url = pg.create_database("catalog_bench")
                wh = run_dir / "warehouse-ours"
                wh.mkdir()
                grpc_port = free_port()
                ours = OurServer(
                    url,
                    "file:" + str(wh),
                    run_dir,
                    extra_args=(["--processes", str(args.ours_processes)] if args.ours_processes > 0 else [])
                    + [
                        "--grpc-port",
                        str(grpc_port),
                        "--http-port",
                        "0",
                    ],  # REST on a free port: 8080 may be taken
                )
                log("bench: starting our service (catalog serve) ...")
                ours.start()
                stack.callback(ours.stop)
                ours_uri = ours.uri
                log(f"bench: ours at {ours_uri} after {ours.startup_seconds:.1f}s")
            if need_hive:
                hive_db_url = pg.create_database("hive_peer")
                wh = run_dir / "warehouse-hive"
                wh.mkdir()
                peer = JavaMetastore(
                    pg.host,
                    pg.port,
                    "hive_peer",
                    warehouse="file:" + str(wh),
                    heap=args.java_heap,
                    work_dir=run_dir / "hive",
                )
                log("bench: starting Apache Hive metastore 2.3.10 (Java) ...")
                try:
                    peer.start()
                except JavaPeerError as e:
                    log(
                        f"bench: the Java metastore did not start: {e}\n(use --no-peer to benchmark ours alone)"
                    )
                    return 2
                stack.callback(peer.stop)
                hive_uri = peer.uri
                log(
                    f"bench: Hive at {hive_uri} after {peer.startup_seconds:.1f}s"
                    f" (schema {peer.schema_seconds or 0:.1f}s)"
                )

        common = dict(
            n=args.n,
            list_tables_n=args.list_tables_n,
            repeat=args.repeat,
            warmup=args.warmup,
            duration=args.duration,
            threads=threads,
            only=args.only,
        )
        analyze = (lambda url: None) if args.no_analyze else _analyzer
        b_ours = Bench(ours_uri, settle=analyze(ours_db_url), **common)
        b_hive = (
            Bench(hive_uri, run_id=b_ours.run_id + "h", settle=analyze(hive_db_url), **common)
            if hive_uri
            else None
        )

        if not args.no_prime:
            log("bench: priming pass (small N, not recorded) ...")
            pn = min(args.n, 50)
            for uri in [u for u in (ours_uri, hive_uri) if u]:
                pb = Bench(
                    uri,
                    n=pn,
                    list_tables_n=min(args.list_tables_n, 20),
                    repeat=3,
                    warmup=0,
                    duration=2.0,
                    threads=[4],
                    only=args.only,
                    log=lambda m: None,
                )
                for r in pb.run():
                    if r.error:
                        log(f"  priming {uri} {r.name}: {r.error}")

        specs_o = [] if args.no_python else b_ours.selected()
        specs_h = b_hive.selected() if b_hive and not args.no_python else [None] * len(specs_o)
        for so, sh in zip(specs_o, specs_h, strict=True):
            ro = b_ours.run_op(so)
            log(format_result(ro, "ours"))
            rh = None
            if sh is not None:
                rh = b_hive.run_op(sh)
                log(format_result(rh, "hive"))
            rows.append(Row(so.name, ro.unit, ro, rh))

        if ours and not args.no_grpc and not args.no_python:  # the same operations over the gRPC door
            from bench import grpc_ops

            for r in grpc_ops.run(b_ours, f"127.0.0.1:{grpc_port}", grpc_ops.admin_token(ours_db_url)):
                log(format_result(r, "ours"))
                rows.append(Row(r.name, r.unit, r, None))

        if not args.no_jvm:
            jvm_rows = _run_jvm(args, b_ours, b_hive, threads)

        left = b_ours.leftovers() + (b_hive.leftovers() if b_hive else [])
        if left:
            log(f"bench: WARNING databases left behind: {left}")

        if ours:
            servers["ours (catalog serve)"] = {
                "start-up to first answer": f"{ours.startup_seconds:.1f} s",
                "RSS after start-up": f"{ours.idle_rss / 2**20:.0f} MiB",
                "peak RSS": f"{ours.peak_rss_bytes() / 2**20:.0f} MiB",
                "settings": "defaults ("
                + (
                    f"--processes {args.ours_processes}"
                    if args.ours_processes > 0
                    else f"{_available_cpus()} worker processes: one per available CPU"
                )
                + ", pool sized to the server's free connections (16 + 16 overflow at most), 256 workers)",
            }
        if peer:
            servers["Hive metastore 2.3.10"] = {
                "start-up to first answer": f"{peer.startup_seconds:.1f} s (+ {peer.schema_seconds or 0:.1f} s "
                "SchemaTool)",
                "RSS after start-up": f"{peer.startup_rss / 2**20:.0f} MiB" if peer.startup_rss else "",
                "peak RSS": f"{peer.peak_rss_bytes() / 2**20:.0f} MiB",
                "settings": f"-Xmx{args.java_heap}, HikariCP (default 10 connections), direct SQL on, "
                "default INFO logging to a file",
            }
        ok = True

    wall = time.monotonic() - t_start
    with_hive = any(r.hive is not None for r in rows)
    print()
    print_table(rows, with_hive)
    if jvm_rows:
        print()
        jvm_report.print_table(jvm_rows, _python_ratios(rows), JVM_TARGETS)
    for name, facts in servers.items():
        print(f"{name}: " + ", ".join(f"{k} {v}" for k, v in facts.items() if k != "settings"))

    settings.update(
        {
            "ours": ours_uri
            and (
                f"`catalog serve` in its own process ({ours_uri})"
                + (
                    f", `--processes {args.ours_processes}`"
                    if args.ours_processes > 0
                    else f", default settings ({_available_cpus()} worker processes)"
                )
                + " (RSS: the parent process only when several)"
                if need_ours
                else ours_uri
            ),
            "Hive": (
                f"Apache Hive metastore 2.3.10 from the pyspark {_pyspark_version()} wheel's jars, "
                "PostgreSQL JDBC from /usr/share/java/postgresql.jar"
                if need_hive
                else (hive_uri or "not run")
            ),
            "N": str(args.n),
            "samples": (
                f"{args.repeat} per operation"
                if args.repeat is not None
                else "15 per cheap operation (after 5 warm-ups), 5 per heavy one (after 1 warm-up), "
                "3 for dropDatabase (after 1)"
            )
            + (f", warm-up {args.warmup}" if args.warmup is not None else ""),
            "concurrency": f"{args.duration:g} s per run, client processes {args.threads}",
            "statistics": (
                "no ANALYZE (--no-analyze)"
                if args.no_analyze or not (need_ours or need_hive)
                else "each server's database is ANALYZEd after every operation's set-up, before its samples "
                "(both servers alike; stands in for autovacuum in a long-running deployment)"
            ),
        }
    )
    if args.out:
        out = Path(args.out)
        if not out.is_absolute():
            out = REPO / out
        info = machine_info(pg_version, load_at_start)
        write_markdown(out, Report(rows, info, command, started, settings, servers, wall, jvm_rows))
        log(f"bench: wrote {out}")
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {
                    "command": command,
                    "started": started,
                    "rows": [
                        {
                            "name": r.name,
                            "ours": r.ours.to_dict() if r.ours else None,
                            "hive": r.hive.to_dict() if r.hive else None,
                            "ratio": r.ratio,
                        }
                        for r in rows
                    ],
                    "jvm": jvm_report.to_json(jvm_rows),
                },
                indent=1,
            )
        )
    if ok and not args.keep and run_dir.exists():
        shutil.rmtree(run_dir, ignore_errors=True)
    ok_py = all((r.ours is None or r.ours.ok) and (r.hive is None or r.hive.ok) for r in rows)
    return 0 if ok_py and not any(r.error for r in jvm_rows) else 1


def _available_cpus() -> int:
    from catalog.capacity import available_cpus

    return available_cpus()


def _python_ratios(rows: list[Row]) -> dict[str, float]:
    """The Python client's ours/Hive, under the JVM operations' names."""
    out = {r.name: r.ratio for r in rows}
    for r in rows:
        n = r.name.split(".", 1)[1] if "." in r.name else ""
        if r.name.startswith("getPartitionsByPs."):  # hbench's partial spec: the JVM's getPartitionsPs
            out["getPartitionsPs." + n] = r.ratio
        if r.name.startswith("getPartitionsByFilter."):  # hbench's filters select 1-2 partitions
            out.pop(r.name)
            out[f"getPartitionsByFilter.1of{n}"] = r.ratio
    return out


def _run_jvm(args: argparse.Namespace, b_ours: Bench, b_hive: Bench | None, threads: list[int]) -> list:
    """The JVM client's operations (bench/jvm_ops.py) against ours, Hive and the floor."""
    import re

    from bench import jvm_ops
    from bench.java_peer import JavaPeerError
    from bench.jvm import JvmClient

    pats = [re.compile(p.strip(), re.IGNORECASE) for p in (args.only or "").split(",") if p.strip()]
    try:
        jvm = JvmClient.start(Path(args.work_dir).resolve())
    except (JavaPeerError, OSError) as e:
        log(f"bench: no JVM client ({e}); use --no-jvm to skip it")
        return []
    log("bench: JVM client (ours / Hive / floor, interleaved) ...")
    benches = {"ours": b_ours, **({"hive": b_hive} if b_hive else {})}
    with jvm:
        return jvm_ops.run(
            jvm,
            benches,
            only=lambda name: not pats or any(p.search(name) for p in pats),
            repeat=args.jvm_repeat,
            warmup=args.jvm_warmup,
            threads=[t for t in threads if t >= 4] or threads,
            duration=args.duration,
            log=log,
        )


def _analyzer(url: str | None):
    """A callable that runs ANALYZE on the PostgreSQL database at `url` (None without a URL)."""
    if not url:
        return None
    from sqlalchemy.engine import make_url

    u = make_url(url)

    def analyze() -> None:
        import psycopg

        with psycopg.connect(
            host=u.host, port=u.port, user=u.username, password=u.password, dbname=u.database, autocommit=True
        ) as c:
            c.execute("ANALYZE")

    return analyze


def _pg_version(host: str, port: int) -> str | None:
    try:
        import psycopg

        with psycopg.connect(host=host, port=port, user="postgres", dbname="postgres") as c:
            return c.execute("SHOW server_version").fetchone()[0]
    except Exception:  # noqa: BLE001
        return None


def _pyspark_version() -> str:
    try:
        from importlib.metadata import version

        return version("pyspark")
    except Exception:  # noqa: BLE001
        return "?"
