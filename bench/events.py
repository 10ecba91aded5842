"""`python -m bench.events`: what change events cost concurrent writers.

N writer threads in one process call the catalog service (the layer under every door) on an
embedded, durable PostgreSQL (fsync on: a commit's WAL flush is what concurrent writers queue
for). Each writer works in a database of its own (no row the writers share but the event
machinery's) and alternates `create_table` and `add_partitions` (5 partitions): one transaction
each. Configurations run interleaved, each on a fresh database, events on and off; the answer is
commits per second and the median / p90 latency of a commit.

    python -m bench.events --writers 1,16 --seconds 10 --rounds 2 --work-dir /tmp/events-bench
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


def run_once(pg: EmbeddedPostgres, warehouse: Path, writers: int, seconds: float, events: bool) -> dict:
    url = pg.create_database(f"bench_events_{os.getpid()}_{next(_names)}")
    migrate.upgrade(url)
    settings = Settings(
        database_url=url,
        warehouse="file:" + str(warehouse),
        events=events,
        pool_size=writers + 4,
        event_ttl=0,
    )
    service, db = build_service(settings, url)
    service.bootstrap()
    for w in range(writers):
        service.create_database(m.Database(f"bw{w}", location_uri=f"file:{warehouse}/bw{w}"))
    latencies: list[list[float]] = [[] for _ in range(writers)]
    start = threading.Barrier(writers + 1)
    stop = threading.Event()

    def writer(w: int) -> None:
        lat = latencies[w]
        start.wait()
        for i in itertools.count():
            if stop.is_set():
                return
            t = _table(f"bw{w}", f"t{i}", f"file:{warehouse}/bw{w}/t{i}")
            t0 = time.perf_counter()
            service.create_table(t, skip_fs=True)
            t1 = time.perf_counter()
            service.add_partitions("hive", t.db_name, t.table_name, _partitions(t, 0, 5))
            t2 = time.perf_counter()
            lat += [t1 - t0, t2 - t1]

    threads = [threading.Thread(target=writer, args=(w,), daemon=True) for w in range(writers)]
    for t in threads:
        t.start()
    start.wait()
    t0 = time.perf_counter()
    time.sleep(seconds)
    stop.set()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    events_written = 0
    if events:
        events_written = service.current_notification_event_id()
    stop_events = getattr(service.core.events, "stop", None)
    if stop_events is not None:
        stop_events()
    db.dispose()
    service.ids.dispose()
    all_lat = sorted(x for lat in latencies for x in lat)
    q = statistics.quantiles(all_lat, n=10) if len(all_lat) > 1 else [all_lat[0]] * 9
    return {
        "commits": len(all_lat),
        "per_s": len(all_lat) / wall,
        "median_ms": statistics.median(all_lat) * 1000,
        "p90_ms": q[8] * 1000,
        "events": events_written,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.events", description=__doc__.splitlines()[0])
    ap.add_argument("--writers", default="1,16", help="comma-separated writer counts")
    ap.add_argument("--seconds", type=float, default=10.0, help="length of one measurement")
    ap.add_argument("--rounds", type=int, default=2, help="on/off pairs per writer count, interleaved")
    ap.add_argument("--work-dir", default=None, help="PostgreSQL data and warehouse (removed afterwards)")
    a = ap.parse_args(argv)
    work = Path(a.work_dir or tempfile.mkdtemp(prefix="events-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    pg = EmbeddedPostgres(work / "pg", durable=True).start()
    results: dict[tuple[int, bool], list[dict]] = {}
    try:
        for n in (int(x) for x in a.writers.split(",")):
            for r in range(a.rounds):
                order = (True, False) if r % 2 == 0 else (False, True)
                for events in order:
                    res = run_once(pg, work / "warehouse", n, a.seconds, events)
                    results.setdefault((n, events), []).append(res)
                    print(
                        f"writers={n:<3} events={'on ' if events else 'off'} round={r} "
                        f"commits/s={res['per_s']:7.1f} median={res['median_ms']:6.2f} ms "
                        f"p90={res['p90_ms']:6.2f} ms events={res['events']} load={os.getloadavg()[0]:.1f}",
                        flush=True,
                    )
    finally:
        pg.stop()
        shutil.rmtree(work, ignore_errors=True)
    print("\n| writers | events | commits/s | median ms | p90 ms |\n|---|---|---|---|---|")
    for (n, events), rs in results.items():
        print(
            f"| {n} | {'on' if events else 'off'} | {statistics.median(x['per_s'] for x in rs):.1f} "
            f"| {statistics.median(x['median_ms'] for x in rs):.2f} "
            f"| {statistics.median(x['p90_ms'] for x in rs):.2f} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
