"""`python -m bench.events`: what change events cost concurrent writers.

N writer threads in one process call the catalog service (the layer under every door) on an
embedded, durable PostgreSQL (fsync on: a commit's WAL flush is what concurrent writers queue
for). Each writer works in a database of its own (no row the writers share but the event
machinery's) and alternates `create_table` and `add_partitions` (5 partitions): one transaction
each. Configurations run interleaved, each on a fresh database, events on and off; the answer is
commits per second and the median / p90 latency of a commit.

Both services (on, off) stay up and take turns in short slices (on/off, then off/on, …), so a
shared machine's load drifts over both alike.

    python -m bench.events --writers 1,16 --seconds 3 --slices 6 --work-dir /tmp/events-bench

`--calls N` measures instead what one client waits for: N rounds of `create_table`, `drop_table`
and `add_partitions` of 1,000 partitions (every --batch-every rounds), events on and off taking
turns call by call (the finest interleaving: a slower machine minute hits both alike), and
prints each operation's median on / off.

    python -m bench.events --calls 600 --work-dir /tmp/events-bench --warehouse-dir /dev/shm/events-wh
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import statistics
import tempfile
import threading
import time
from pathlib import Path

from catalog.app import Settings, build_service
from catalog.domain import model as m
from catalog.embedded_pg import EmbeddedPostgres
from catalog.store import migrate

_names = itertools.count()


def _table(db: str, name: str, location: str) -> m.Table:
    cols = [m.FieldSchema("id", "bigint"), m.FieldSchema("v", "string")]
    sd = m.StorageDescriptor(
        cols=cols,
        location=location,
        input_format="org.apache.hadoop.mapred.TextInputFormat",
        output_format="org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
        serde=m.SerDeInfo(serialization_lib="org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe"),
    )
    return m.Table(db, name, owner="bench", sd=sd, partition_keys=[m.FieldSchema("dt", "string")])


def _partitions(t: m.Table, first: int, n: int) -> list[m.Partition]:
    out = []
    for i in range(first, first + n):
        sd = m.StorageDescriptor(
            cols=t.sd.cols,
            location=f"{t.sd.location}/dt={i}",
            input_format=t.sd.input_format,
            output_format=t.sd.output_format,
            serde=t.sd.serde,
        )
        out.append(m.Partition(t.db_name, t.table_name, [str(i)], sd=sd))
    return out


class Setup:
    """One service on a fresh database, with events on or off, and a database per writer."""

    def __init__(self, pg: EmbeddedPostgres, warehouse: Path, writers: int, events: bool):
        # each its own directories: the other's tables have the same names, and a directory that
        # exists already would make one side's add_partitions cheaper
        warehouse = warehouse / ("on" if events else "off")
        url = pg.create_database(f"bench_events_{os.getpid()}_{next(_names)}")
        migrate.upgrade(url)
        settings = Settings(
            database_url=url,
            warehouse="file:" + str(warehouse),
            events=events,
            pool_size=writers + 4,
            event_ttl=0,
        )
        self.events = events
        self.warehouse = warehouse
        self.service, self.db = build_service(settings, url)
        self.service.bootstrap()
        self.names = [itertools.count() for _ in range(writers)]
        for w in range(writers):
            self.service.create_database(m.Database(f"bw{w}", location_uri=f"file:{warehouse}/bw{w}"))

    def run(self, seconds: float) -> tuple[list[float], float]:
        """All writers for `seconds`: (latency of every commit, wall seconds)."""
        writers = len(self.names)
        latencies: list[list[float]] = [[] for _ in range(writers)]
        start = threading.Barrier(writers + 1)
        stop = threading.Event()

        def writer(w: int) -> None:
            lat = latencies[w]
            start.wait()
            while not stop.is_set():
                i = next(self.names[w])
                t = _table(f"bw{w}", f"t{i}", f"file:{self.warehouse}/bw{w}/t{i}")
                t0 = time.perf_counter()
                self.service.create_table(t, skip_fs=True)
                t1 = time.perf_counter()
                self.service.add_partitions("hive", t.db_name, t.table_name, _partitions(t, 0, 5))
                t2 = time.perf_counter()
                lat += [t1 - t0, t2 - t1]

        threads = [threading.Thread(target=writer, args=(w,), daemon=True) for w in range(writers)]
        for th in threads:
            th.start()
        start.wait()
        t0 = time.perf_counter()
        time.sleep(seconds)
        stop.set()
        for th in threads:
            th.join()
        return [x for lat in latencies for x in lat], time.perf_counter() - t0

    def close(self) -> int:
        """Stops the service; returns the last event id (0 with events off)."""
        last = self.service.current_notification_event_id() if self.events else 0
        stop_events = getattr(self.service.core.events, "stop", None)
        if stop_events is not None:
            stop_events()
        self.db.dispose()
        self.service.ids.dispose()
        return last

    def one_client_round(self, i: int, batch: bool) -> dict[str, float]:
        """One create_table (table `i`), add_partitions of 1,000 partitions if `batch`,
        drop_table: seconds each."""
        t = _table("bw0", f"t{i}", f"file:{self.warehouse}/bw0/t{i}")
        t0 = time.perf_counter()
        self.service.create_table(t, skip_fs=True)
        out = {"create_table": time.perf_counter() - t0}
        if batch:
            ps = _partitions(t, 0, 1000)
            t0 = time.perf_counter()
            self.service.add_partitions("hive", t.db_name, t.table_name, ps)
            out["add_partitions.1000"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        self.service.drop_table("hive", t.db_name, t.table_name, False)
        out["drop_table"] = time.perf_counter() - t0
        return out


def _one_client(pg: EmbeddedPostgres, warehouse: Path, calls: int, batch_every: int) -> None:
    setups = {ev: Setup(pg, warehouse, 1, ev) for ev in (True, False)}
    lat: dict[tuple[bool, str], list[float]] = {}
    warmup = max(calls // 30, 2)
    try:
        for r in range(calls + warmup):
            for ev in (True, False) if r % 2 == 0 else (False, True):
                got = setups[ev].one_client_round(r, batch=r % batch_every == 0)
                if r >= warmup:
                    for op, secs in got.items():
                        lat.setdefault((ev, op), []).append(secs)
    finally:
        for st in setups.values():
            st.close()
    print("\n| operation | events on ms | events off ms | on / off | samples |\n|---|---|---|---|---|")
    for op in ("create_table", "drop_table", "add_partitions.1000"):
        if (True, op) not in lat:
            continue
        on, off = (statistics.median(lat[(ev, op)]) * 1000 for ev in (True, False))
        print(
            f"| {op} | {on:.2f} | {off:.2f} | {on / off:.3f} (+{on - off:.2f} ms) | {len(lat[(True, op)])} |"
        )


def _summary(lat: list[float], wall: float, rates: list[float]) -> dict:
    lat = sorted(lat)
    q = statistics.quantiles(lat, n=10) if len(lat) > 1 else [lat[0]] * 9
    return {
        "commits": len(lat),
        "per_s": len(lat) / wall,
        "slice_median_per_s": statistics.median(rates),
        "median_ms": statistics.median(lat) * 1000,
        "p90_ms": q[8] * 1000,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.events", description=__doc__.splitlines()[0])
    ap.add_argument("--writers", default="1,16", help="comma-separated writer counts")
    ap.add_argument("--seconds", type=float, default=3.0, help="length of one slice")
    ap.add_argument("--slices", type=int, default=6, help="slices per configuration, on and off alternating")
    ap.add_argument("--work-dir", default=None, help="PostgreSQL data and warehouse (removed afterwards)")
    ap.add_argument("--warehouse-dir", default=None, help="table directories (default: in --work-dir)")
    ap.add_argument(
        "--calls", type=int, default=0, help="one client: rounds of single calls, on/off alternating"
    )
    ap.add_argument(
        "--batch-every", type=int, default=10, help="with --calls: add 1,000 partitions every N rounds"
    )
    a = ap.parse_args(argv)
    work = Path(a.work_dir or tempfile.mkdtemp(prefix="events-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    warehouse = Path(a.warehouse_dir) if a.warehouse_dir else work / "warehouse"
    pg = EmbeddedPostgres(work / "pg", durable=True).start()
    if a.calls:
        try:
            _one_client(pg, warehouse, a.calls, a.batch_every)
        finally:
            pg.stop()
            shutil.rmtree(work, ignore_errors=True)
            shutil.rmtree(warehouse, ignore_errors=True)
        return 0
    rows = []
    try:
        for n in (int(x) for x in a.writers.split(",")):
            setups = {ev: Setup(pg, warehouse, n, ev) for ev in (True, False)}
            lat: dict[bool, list[float]] = {True: [], False: []}
            wall = {True: 0.0, False: 0.0}
            rates: dict[bool, list[float]] = {True: [], False: []}
            loads = []
            for s in range(a.slices):
                for ev in (True, False) if s % 2 == 0 else (False, True):
                    got, secs = setups[ev].run(a.seconds)
                    lat[ev] += got
                    wall[ev] += secs
                    rates[ev].append(len(got) / secs)
                loads.append(os.getloadavg()[0])
            events = {ev: st.close() for ev, st in setups.items()}
            for ev in (True, False):
                r = _summary(lat[ev], wall[ev], rates[ev])
                rows.append((n, ev, r, statistics.median(loads), events[ev]))
                print(
                    f"writers={n:<3} events={'on ' if ev else 'off'} commits/s={r['per_s']:7.1f} "
                    f"(slices: median {r['slice_median_per_s']:.1f}) median={r['median_ms']:6.2f} ms "
                    f"p90={r['p90_ms']:6.2f} ms commits={r['commits']} last event id={events[ev]} "
                    f"load={statistics.median(loads):.1f}",
                    flush=True,
                )
    finally:
        pg.stop()
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(warehouse, ignore_errors=True)
    print("\n| writers | events | commits/s | median ms | p90 ms | load |\n|---|---|---|---|---|---|")
    for n, ev, r, load, _ in rows:
        print(
            f"| {n} | {'on' if ev else 'off'} | {r['per_s']:.1f} | {r['median_ms']:.2f} "
            f"| {r['p90_ms']:.2f} | {load:.1f} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
