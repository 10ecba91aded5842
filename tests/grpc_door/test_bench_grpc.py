"""`python -m bench`'s gRPC rows (bench/grpc_ops.py) run once with tiny N against the real door:
finite samples, the expected names, nothing left behind."""

from __future__ import annotations

import math
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:  # `bench` is a top-level folder of the repository, not an installed package
    sys.path.insert(0, str(REPO))

from bench import grpc_ops  # noqa: E402
from bench.hbench import DB_PREFIX, Bench  # noqa: E402


def test_grpc_rows_run_and_clean_up(door):
    b = Bench(f"thrift://127.0.0.1:{door.thrift_port}", n=5, repeat=2, warmup=1, threads=())
    results = grpc_ops.run(b, door.target, grpc_ops.admin_token(door.runtime.url))
    assert [r.name for r in results] == ["getTable (gRPC)", "getPartitions.5 (gRPC)"]
    for r in results:
        assert r.error is None, r.error
        assert len(r.samples) == 2 and all(math.isfinite(s) and s > 0 for s in r.samples)
    with b.connect() as c:
        assert [d for d in c.get_all_databases() if d.startswith(DB_PREFIX)] == []
