"""bench/load.py runs its Spark-like mix at two concurrency levels against the service and reports
throughput and percentiles."""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:  # `bench` is a top-level folder of the repository, not an installed package
    sys.path.insert(0, str(REPO))

from bench import load  # noqa: E402


def test_load_driver_smoke(server):
    levels = load.run("127.0.0.1", server.port, [1, 2], duration=0.5, tables=4, partitioned=2, partitions=10)
    assert [lv.clients for lv in levels] == [1, 2]
    for lv in levels:
        assert lv.calls > 0 and lv.errors == 0 and lv.throughput > 0
        assert 0 < lv.p50_ms <= lv.p99_ms
        assert "get_table" in lv.by_call
    md = load.markdown(
        {1: levels}, type("A", (), {"tables": 4, "partitioned": 2, "partitions": 10, "duration": 0.5})
    )
    assert "| 1 |" in md and "--processes 1" in md
