"""`catalog sync unity` as cron runs it: a process, its exit status and its output."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from catalog.sync.runs import RunLock, list_runs
from tests.sync.fake_uc import FakeUnity, column
from tests.sync.test_mirror import mirrored, populate

CATALOG = [sys.executable, "-m", "catalog.cli", "--log-level", "warning", "sync", "unity"]


def run(args: list[str], env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    e = {k: v for k, v in os.environ.items() if not k.startswith("CATALOG_")}
    e.update(env or {})
    return subprocess.run([*CATALOG, *args], capture_output=True, text=True, timeout=timeout, env=e)


def test_success_with_env_vars_and_token(server):
    fake = FakeUnity(token="pat-123").start()
    try:
        populate(fake)
        p = run(
            ["--no-migrate"],
            env={
                "CATALOG_UC_URL": fake.url,
                "CATALOG_UC_TOKEN": "pat-123",
                "CATALOG_DATABASE_URL": server.database_url,
            },
        )
        assert p.returncode == 0, p.stderr
        assert "succeeded" in p.stdout and "created=7" in p.stdout
        assert "catalog main: 2 schemas" in p.stderr  # progress on the terminal
        assert "main__sales.orders" in mirrored(server)
        # a second run changes nothing
        p = run(
            ["--no-migrate", "--url", fake.url, "--token", "pat-123", "--database-url", server.database_url]
        )
        assert p.returncode == 0 and "unchanged=7" in p.stdout and "created=0" in p.stdout
    finally:
        fake.stop()


def test_dry_run_prints_the_plan(server, fake):
    populate(fake)
    p = run(
        [
            "--no-migrate",
            "--url",
            fake.url,
            "--database-url",
            server.database_url,
            "--dry-run",
            "--catalog",
            "main",
        ]
    )
    assert p.returncode == 0, p.stderr
    assert "would create table main__sales.orders (from main.sales.orders)" in p.stderr
    assert "dry run: nothing written" in p.stdout
    assert mirrored(server) == {}


def test_failure_exits_non_zero_with_the_reason(server):
    fake = FakeUnity(token="right").start()
    try:
        populate(fake)
        p = run(
            ["--no-migrate", "--url", fake.url, "--token", "wrong", "--database-url", server.database_url]
        )
        assert p.returncode == 1
        assert "HTTP 401" in p.stderr and "failed" in p.stderr
        assert list_runs(server.service.db, 1)[0]["status"] == "failed"
    finally:
        fake.stop()


def test_second_run_exits_while_one_holds_the_lock(server, fake):
    populate(fake)
    with RunLock(server.service.db):
        p = run(["--no-migrate", "--url", fake.url, "--database-url", server.database_url])
    assert p.returncode == 75
    assert "another `catalog sync unity` run is in progress" in p.stderr


def test_databricks_oauth_m2m_from_the_command_line(server):
    fake = FakeUnity(dialect="databricks", oauth=("sp", "s3cret")).start()
    try:
        populate(fake)
        p = run(
            [
                "--no-migrate",
                "--url",
                fake.url,
                "--client-id",
                "sp",
                "--client-secret",
                "s3cret",
                "--database-url",
                server.database_url,
            ]
        )
        assert p.returncode == 0, p.stderr
        assert fake.token_requests == 1
        assert "main__sales.orders" in mirrored(server)
    finally:
        fake.stop()


def test_sigkill_midway_then_rerun_completes(server, fake):
    populate(fake)
    for i in range(8):
        fake.add_table(
            "main",
            "sales",
            f"slow{i}",
            [column("id", "bigint", "long")],
            fmt="PARQUET",
            location=f"s3://b/slow{i}",
        )
    fake.fail("/permissions/table", delay=0.25, times=-1)  # every table takes a while
    args = ["--no-migrate", "--url", fake.url, "--database-url", server.database_url]
    e = {k: v for k, v in os.environ.items() if not k.startswith("CATALOG_")}
    proc = subprocess.Popen([*CATALOG, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=e)
    try:
        end = time.monotonic() + 60
        while time.monotonic() < end:
            if len([k for k in mirrored(server) if not k.startswith("<")]) >= 3:
                break
            time.sleep(0.1)
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
    done = [k for k in mirrored(server) if not k.startswith("<")]
    assert 3 <= len(done) < 12
    fake.faults.clear()
    p = run(args)
    assert p.returncode == 0, p.stderr
    runs = list_runs(server.service.db, 2)
    assert runs[0]["status"] == "succeeded" and runs[1]["status"] == "abandoned"
    assert runs[0]["counts"]["by_type"]["table"]["created"] == 12 - len(done)
    assert len([k for k in mirrored(server) if not k.startswith("<")]) == 12
