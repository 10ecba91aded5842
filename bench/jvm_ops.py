"""The JVM-client half of `python -m bench`: the read operations Spark, Trino and Hive make, timed by
the JVM client (bench/jvm.py) against our server, the Hive peer and the floor (a stub replaying our
server's reply bytes from memory), samples interleaved. The Python client (bench/hbench.py) sets up
the objects on both servers."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from bench.hbench import Bench, Result, dt_values, partition_name
from bench.jvm import JvmClient


@dataclass
class JvmSpec:
    name: str
    op: str  # HmsBench.java's operation
    setup: Callable[[Bench, object, str, str], tuple]  # (bench, client, db, db_loc) -> the op's arguments


@dataclass
class JvmRow:
    name: str
    unit: str
    results: dict[str, Result] = field(default_factory=dict)  # label -> latency/throughput samples
    ttfb: dict[str, Result] = field(default_factory=dict)  # label -> time to the reply's first byte
    ttlb: dict[str, Result] = field(default_factory=dict)  # label -> time to its last byte
    reply_bytes: dict[str, int] = field(default_factory=dict)
    error: str | None = None

    def median(self, label: str) -> float:
        r = self.results.get(label)
        return r.median if r is not None and r.ok else float("nan")

    def ratio(self, a: str, b: str) -> float:
        x, y = self.median(a), self.median(b)
        return x / y if y and y == y and x == x else float("nan")


def _db_only(b, c, db, loc):
    return (db,)


def _no_args(b, c, db, loc):
    return ()


def _tables(b, c, db, loc):
    b.create_tables(db, loc, [f"tmp_table_{i}" for i in range(b.list_tables_n)])
    return (db,)


def _table(b, c, db, loc):
    b.new_table(c, db, loc, "t")
    return (db, "t")


def _partitioned(b, c, db, loc):
    b._partitioned(c, db, loc)
    return (db, "t")


def _by_names(b, c, db, loc):
    _, _, names = b._partitioned(c, db, loc)
    return (db, "t", names)


def _filter_all(b, c, db, loc):
    b._partitioned(c, db, loc)
    return (db, "t", "dt >= '2020-01-01'")


def _filter_one(b, c, db, loc):
    b._partitioned(c, db, loc)
    return (db, "t", f"dt = '{dt_values(b.n)[b.n // 2][0]}'")


def _ps(b, c, db, loc):
    values = [["a0", f"b{i}", f"c{i}"] for i in range(b.n)]
    b._partitioned(c, db, loc, keys=("p_a", "p_b", "p_c"), values=values)
    return (db, "t", ["a0"])


def specs(n: int, list_tables_n: int) -> list[JvmSpec]:
    return [
        JvmSpec("getDatabase", "getDatabase", _db_only),
        JvmSpec("listDatabases", "listDatabases", _no_args),
        JvmSpec(f"listTables.{list_tables_n}", "listTables", _tables),
        JvmSpec("getTable", "getTable", _table),
        JvmSpec(f"getPartitionNames.{n}", "getPartitionNames", _partitioned),
        JvmSpec(f"getPartitions.{n}", "getPartitions", _partitioned),
        JvmSpec(f"getPartitionsByNames.{n}", "getPartitionsByNames", _by_names),
        JvmSpec(f"getPartitionsByFilter.{n}", "getPartitionsByFilter", _filter_all),
        JvmSpec(f"getPartitionsByFilter.1of{n}", "getPartitionsByFilter", _filter_one),
        JvmSpec(f"getPartitionsPs.{n}", "getPartitionsPs", _ps),
    ]


def _result(name: str, samples: list[float], unit: str = "ms") -> Result:
    return Result(name, unit, list(samples))


def run(
    jvm: JvmClient,
    benches: dict[str, Bench],
    *,
    floor_of: str | None = "ours",
    only: Callable[[str], bool] = lambda name: True,
    repeat: int = 15,
    warmup: int = 20,
    threads: list[int] = (16,),
    duration: float = 5.0,
    log: Callable[[str], None] = print,
) -> list[JvmRow]:
    """Every JVM operation on every server of `benches` (label -> Bench), plus the floor of `floor_of`."""
    first = next(iter(benches.values()))
    rows: list[JvmRow] = []
    for spec in specs(first.n, first.list_tables_n):
        if not only(spec.name):
            continue
        row = JvmRow(spec.name, "ms")
        made: list[tuple[Bench, str]] = []
        try:
            targets: dict[str, str] = {}
            args: tuple = ()
            db = first.db_name("jvm_" + spec.name)  # one name on every server: one argument list
            for label, b in benches.items():
                with b.connect() as c:
                    loc = b.create_db(c, db)
                    made.append((b, db))
                    args = spec.setup(b, c, db, loc)
                b.do_settle()
                host, port = _host_port(b.uri)
                targets[label] = f"{host}:{port}"
            if floor_of in targets:
                targets = {floor_of: targets[floor_of], **targets, "floor": "floor"}
            res = jvm.measure(spec.op, warmup, repeat, targets, *args)
            for label, r in res.items():
                row.results[label] = _result(spec.name, r["samples"])
                row.ttfb[label] = _result(spec.name, r["ttfb"])
                row.ttlb[label] = _result(spec.name, r["ttlb"])
                row.reply_bytes[label] = int(r["reply_bytes"])
        except Exception as e:  # noqa: BLE001 - recorded, the run goes on
            row.error = f"{type(e).__name__}: {e}"
        finally:
            for b, db in made:
                b._drop_quietly(db)
        log(_line(row))
        rows.append(row)
    for t in threads:
        name = f"concurrentGetTable.t{t}"
        if not only(name):
            continue
        row = JvmRow(name, "calls/s")
        made = []
        try:
            db = first.db_name("jvm_" + name)
            for label, b in benches.items():
                with b.connect() as c:
                    loc = b.create_db(c, db)
                    made.append((b, db))
                    b.new_table(c, db, loc, "t")
                b.do_settle()
                host, port = _host_port(b.uri)
                row.results[label] = _result(
                    name, jvm.throughput(f"{host}:{port}", db, "t", t, duration), "calls/s"
                )
                if label == floor_of:
                    row.results["floor"] = _result(
                        name, jvm.throughput(f"floor={host}:{port}", db, "t", t, duration), "calls/s"
                    )
                time.sleep(0.5)
        except Exception as e:  # noqa: BLE001
            row.error = f"{type(e).__name__}: {e}"
        finally:
            for b, db in made:
                b._drop_quietly(db)
        log(_line(row))
        rows.append(row)
    return rows


def _host_port(uri: str) -> tuple[str, int]:
    from bench.hbench import parse_uri

    return parse_uri(uri)


def _line(row: JvmRow) -> str:
    if row.error:
        return f"  jvm {row.name:<30} ERROR {row.error}"
    parts = [f"{k} {v.median:9.2f}" for k, v in row.results.items()]
    ft = [f"{k} ttfb/ttlb {row.ttfb[k].median:.2f}/{row.ttlb[k].median:.2f}" for k in row.ttfb]
    return f"  jvm {row.name:<30} {row.unit:<7} " + "  ".join(parts) + ("  | " + ", ".join(ft) if ft else "")


__all__ = ["JvmRow", "JvmSpec", "partition_name", "run", "specs"]
