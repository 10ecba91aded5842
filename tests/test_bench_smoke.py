"""Smoke test of the benchmark (bench/): every hbench operation runs once, with tiny N, against our own
service, yields a finite number, and leaves nothing behind. No Java involved."""

from __future__ import annotations

import math
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # `bench` is a top-level folder of the repository, not an installed package
    sys.path.insert(0, str(REPO))

from bench.hbench import DB_PREFIX, Bench  # noqa: E402
from bench.runner import main as bench_main  # noqa: E402

EXPECTED = {
    "getDatabase",
    "listDatabases",
    "listTables",
    "getTable",
    "createTable",
    "dropTable",
    "addPartitions",
    "dropPartitions",
    "getPartitions",
    "getPartitionNames",
    "getPartitionsByNames",
    "getPartitionsByFilter",
    "getPartitionsByPs",
    "alterPartitions",
    "renameTable",
    "dropDatabase",
    "concurrentGetTable",
}


def _leftovers(port: int) -> list[str]:
    with Bench(f"127.0.0.1:{port}").connect() as c:
        return [d for d in c.get_all_databases() if d.startswith(DB_PREFIX)]


def _warehouse_leftovers(warehouse: Path) -> list[str]:
    return sorted(str(p.relative_to(warehouse)) for p in warehouse.rglob("*") if DB_PREFIX in str(p))


def test_every_operation_runs_and_cleans_up(server):
    b = Bench(
        f"thrift://127.0.0.1:{server.port}",
        n=4,
        list_tables_n=3,
        repeat=1,
        warmup=0,
        duration=0.3,
        threads=(1, 2),
    )
    results = b.run()

    assert {r.base for r in results} == EXPECTED
    assert [r.name for r in results if r.base == "concurrentGetTable"] == [
        "concurrentGetTable.t1",
        "concurrentGetTable.t2",
    ]
    for r in results:
        assert r.error is None, f"{r.name}: {r.error}"
        assert r.samples and all(math.isfinite(s) and s > 0 for s in r.samples), (r.name, r.samples)
        assert math.isfinite(r.median) and r.p10 <= r.median <= r.p90, r.name
        assert r.unit == ("calls/s" if r.base == "concurrentGetTable" else "ms")

    assert b.leftovers() == []
    assert _leftovers(server.port) == []
    assert _warehouse_leftovers(server.warehouse) == []


def test_runner_against_an_existing_server_writes_the_report(server, tmp_path):
    out = tmp_path / "benchmarks.md"
    rc = bench_main(
        [
            "--ours-uri",
            f"127.0.0.1:{server.port}",
            "--no-peer",
            "--no-jvm",
            "--no-prime",
            "--n",
            "3",
            "--list-tables-n",
            "2",
            "--repeat",
            "1",
            "--warmup",
            "0",
            "--duration",
            "0.3",
            "--threads",
            "1",
            "--only",
            "getTable,getPartitions\\.,renameTable",
            "--out",
            str(out),
        ]
    )
    assert rc == 0
    text = out.read_text()
    for name in ("`getTable`", "`getPartitions.3`", "`renameTable.3`", "`concurrentGetTable.t1`"):
        assert name in text
    assert "`getPartitionNames.3`" not in text
    assert "nproc" in text and "python -m bench" in text
    assert _leftovers(server.port) == []


def test_scale_runs_small_and_replaces_only_its_section(database_url, tmp_path):
    """bench/scale.py end to end with 2000 partitions: every step answers, the 100-partition filters
    find exactly 100, the limited server refuses the whole table, and docs keep the other sections."""
    from bench.scale import main as scale_main

    out = tmp_path / "benchmarks.md"
    out.write_text(
        "# Benchmarks\n\nrunner's part\n\n<!-- section: scale -->\n## One million partitions\nold\n\n"
        "<!-- section: load -->\n## Load\nkept\n"
    )
    rc = scale_main(
        [
            "--partitions",
            "2000",
            "--database-url",
            database_url,
            "--samples",
            "3",
            "--warmup",
            "1",
            "--big-samples",
            "1",
            "--work-dir",
            str(tmp_path / "work"),
            "--out",
            str(out),
        ]
    )
    assert rc == 0
    text = out.read_text()
    assert text.startswith(
        "# Benchmarks\n\nrunner's part\n\n<!-- section: scale -->\n## One million partitions"
    )
    assert text.endswith("<!-- section: load -->\n## Load\nkept\n") and "\nold\n" not in text
    for step in (
        "`add_partitions`",
        "`get_partitions_by_filter`",
        "`get_partitions_by_filter (int range)`",
        "`get_part_specs_by_filter`",
        "`get_num_partitions_by_filter`",
        "`get_partitions_by_names`",
        "`get_partition_names`",
        "`get_partitions (limited)`",
        "`get_partitions (unlimited)`",
        "`drop_table`",
    ):
        assert step in text, step
    assert "exceeds limit (=1000)" in text and "| error |" not in text
    assert not (tmp_path / "work").exists() or not any((tmp_path / "work").iterdir())  # removed after success


def test_runner_keeps_the_sections_it_does_not_own(tmp_path):
    from bench.markdown import replace_section, sections_tail
    from bench.runner import Report, write_markdown

    out = tmp_path / "benchmarks.md"
    out.write_text(
        "# old runner output\n\n<!-- section: scale -->\nscale body\n<!-- section: load -->\nload body\n"
    )
    write_markdown(out, Report([], {"nproc": "2"}, "python -m bench", "today", {}))
    text = out.read_text()
    assert "# old runner output" not in text and text.startswith("# Benchmarks")
    assert text.endswith("<!-- section: scale -->\nscale body\n<!-- section: load -->\nload body\n")
    assert sections_tail("no sections") == ""
    assert replace_section("top\n", "x", "new") == "top\n\n<!-- section: x -->\nnew\n"
    assert replace_section(text, "load", "load 2").endswith("scale body\n<!-- section: load -->\nload 2\n")


def test_jvm_client_times_ours_and_the_floor(server, tmp_path):
    """bench/jvm.py: HmsBench.java compiles against the pyspark wheel's jars; the JVM client gets the same
    answers from our server and from the floor (the stub replaying our reply bytes), with first-byte
    and last-byte times inside each sample; throughput counts calls."""
    import shutil

    import pytest

    from bench import jvm_ops
    from bench.jvm import JvmClient, javac_executable

    if not shutil.which("java") or not javac_executable():
        pytest.skip("no JDK")
    b = Bench(f"thrift://127.0.0.1:{server.port}", n=30, list_tables_n=3)
    with JvmClient.start(tmp_path) as jvm:
        rows = jvm_ops.run(
            jvm, {"ours": b}, repeat=3, warmup=2, threads=[2], duration=1.0, log=lambda m: None
        )
    names = [r.name for r in rows]
    assert names == [s.name for s in jvm_ops.specs(30, 3)] + ["concurrentGetTable.t2"]
    for r in rows:
        assert r.error is None, (r.name, r.error)
        assert set(r.results) == {"ours", "floor"}, r.name
        for label, res in r.results.items():
            assert len(res.samples) == (1 if r.unit == "calls/s" else 3) and res.median > 0, (r.name, label)
        if r.unit == "ms":
            assert r.reply_bytes["ours"] == r.reply_bytes["floor"] > 0, r.name
            ours = r.results["ours"]
            assert 0 < r.ttfb["ours"].median <= r.ttlb["ours"].median <= ours.median, r.name
    assert _leftovers(server.port) == []


def test_events_bench_runs_small_in_both_modes(tmp_path, capsys):
    """bench/events.py end to end, tiny: concurrent writers (commits per second, events on and off)
    and one client call by call (a median per operation, on and off); the work dirs are removed."""
    from bench.events import main as events_main

    work, warehouse = tmp_path / "work", tmp_path / "warehouse"
    common = ["--work-dir", str(work), "--warehouse-dir", str(warehouse)]
    assert events_main(["--writers", "2", "--seconds", "0.3", "--slices", "2", *common]) == 0
    out = capsys.readouterr().out
    assert "| 2 | on |" in out and "| 2 | off |" in out
    assert events_main(["--calls", "4", "--batch-every", "2", *common]) == 0
    rows = {
        line.split(" | ")[0].lstrip("| "): line
        for line in capsys.readouterr().out.splitlines()
        if line.startswith("| ") and "---" not in line
    }
    assert set(rows) == {"operation", "create_table", "drop_table", "add_partitions.1000"}
    for op in ("create_table", "drop_table", "add_partitions.1000"):
        on, off = (float(v) for v in rows[op].split(" | ")[1:3])
        assert math.isfinite(on) and on > 0 and math.isfinite(off) and off > 0
    assert not work.exists() and not warehouse.exists()
