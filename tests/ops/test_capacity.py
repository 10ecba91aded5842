"""Defaults that use the machine (catalog/capacity.py): worker processes from the CPUs the process may
use (affinity, cgroup v1/v2 quotas), and a pool that keeps every process within PostgreSQL's free
connections."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import psycopg
from sqlalchemy import create_engine

from catalog.capacity import available_cpus, cgroup_cpu_quota, pool_size_for
from catalog.db import normalize_url
from catalog.embedded_pg import free_port
from catalog.store.server_limits import free_connections


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def test_cgroup_v2_quota_is_the_tightest_on_the_way_to_the_root(tmp_path):
    root, proc = tmp_path / "cg", tmp_path / "proc"
    _write(proc / "cgroup", "0::/kubepods/pod1/ctr\n")
    _write(root / "kubepods/pod1/ctr/cpu.max", "max 100000\n")
    _write(root / "kubepods/pod1/cpu.max", "150000 100000\n")
    _write(root / "kubepods/cpu.max", "400000 100000\n")
    assert cgroup_cpu_quota(str(root), str(proc)) == 1.5
    # 1.5 CPUs: two processes (rounded up), never more than the affinity mask allows
    assert available_cpus(str(root), str(proc)) == min(2, len(os.sched_getaffinity(0)))


def test_cgroup_v1_quota_and_unlimited(tmp_path):
    root, proc = tmp_path / "cg", tmp_path / "proc"
    _write(proc / "cgroup", "4:cpu,cpuacct:/docker/abc\n3:memory:/docker/abc\n")
    _write(root / "cpu,cpuacct/docker/abc/cpu.cfs_quota_us", "100000\n")
    _write(root / "cpu,cpuacct/docker/abc/cpu.cfs_period_us", "100000\n")
    assert cgroup_cpu_quota(str(root), str(proc)) == 1.0
    assert available_cpus(str(root), str(proc)) == 1
    _write(root / "cpu,cpuacct/docker/abc/cpu.cfs_quota_us", "-1\n")
    assert cgroup_cpu_quota(str(root), str(proc)) is None
    assert available_cpus(str(root), str(proc)) == len(os.sched_getaffinity(0))


def test_pool_keeps_every_process_within_the_free_connections():
    assert pool_size_for(1000, 1) == 16  # plenty: the default
    assert pool_size_for(1000, 8) == 16
    # 2 workers + the parent, each 2 x pool + 4: 3 x (2 x 14 + 4) = 96 <= 97
    assert pool_size_for(97, 2) == 14
    for free in (10, 37, 97, 300):
        for procs in (1, 2, 3, 8):
            p = pool_size_for(free, procs)
            engines = procs + 1 if procs > 1 else 1
            assert p >= 1 and (engines * (2 * p + 4) <= free or p == 1), (free, procs, p)


def test_free_connections_counts_what_the_server_has_left(database_url):
    engine = create_engine(normalize_url(database_url))
    try:
        with engine.connect() as conn:
            before = free_connections(conn)
            conn.rollback()  # pg_stat_activity is read once per transaction
            other = psycopg.connect(database_url.replace("+psycopg", ""))
            try:
                assert free_connections(conn) == before - 1
            finally:
                other.close()
    finally:
        engine.dispose()


def test_serve_defaults_to_one_process_per_available_cpu(database_url, tmp_path):
    """`catalog serve` without --processes or --pool-size: one worker per CPU, a pool within budget."""
    port = free_port()
    log = tmp_path / "serve.log"
    with open(log, "w") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "catalog.cli",
                "serve",
                "--database-url",
                database_url,
                "--thrift-port",
                str(port),
                "--http-port",
                "-1",
                "--warehouse",
                f"file:{tmp_path}/wh",
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        want = available_cpus()
        deadline = time.monotonic() + 60
        text = ""
        while time.monotonic() < deadline:
            text = log.read_text()
            if "thrift://" in text and (want == 1 or "worker processes" in text):
                break
            assert proc.poll() is None, text
            time.sleep(0.2)
        assert "PostgreSQL pool:" in text, text
        if want > 1:
            assert f"serving with {want} worker processes" in text, text
    finally:
        proc.terminate()
        proc.wait(timeout=60)
