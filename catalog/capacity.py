"""Defaults that use the machine: how many worker processes, and how many PostgreSQL connections each.

A Python process runs on one core (the GIL), so `catalog serve` starts one worker process per CPU the
process may use: its CPU affinity, capped by its cgroup's CPU quota (a container limited to 1.5 CPUs
gets 2 processes on a 64-core host, not 64). The pool is sized so that all processes together stay
within what the PostgreSQL server has left under its `max_connections`.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

DEFAULT_POOL = 16  # per process: enough to saturate one process' core on the measured mixes
ID_CONNECTIONS = 4  # the id allocator's own pool (2 + 2 overflow) in every process


def available_cpus(cgroup_root: str = "/sys/fs/cgroup", proc_self: str = "/proc/self") -> int:
    """CPUs this process may run on: its affinity mask, capped by its cgroup's CPU quota (rounded up)."""
    try:
        n = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        n = os.cpu_count() or 1
    quota = cgroup_cpu_quota(cgroup_root, proc_self)
    if quota is not None:
        n = min(n, max(1, math.ceil(quota)))
    return max(1, n)


def cgroup_cpu_quota(cgroup_root: str = "/sys/fs/cgroup", proc_self: str = "/proc/self") -> float | None:
    """The tightest CPU quota (in CPUs) on this process' cgroup and its ancestors; None if unlimited.
    cgroup v2 (`cpu.max`: "QUOTA PERIOD" or "max PERIOD") and v1 (`cpu.cfs_quota_us` / `cpu.cfs_period_us`)."""
    root = Path(cgroup_root)
    limits: list[float] = []
    try:
        lines = Path(proc_self, "cgroup").read_text().splitlines()
    except OSError:
        lines = []
    for line in lines:
        hid, controllers, path = (line.split(":", 2) + ["", ""])[:3]
        rel = path.strip("/")
        if hid == "0" and controllers == "":  # v2: walk from the process' cgroup up to the root
            d = root / rel if rel else root
            while True:
                q = _v2(d / "cpu.max")
                if q is not None:
                    limits.append(q)
                if d == root or root not in d.parents:
                    break
                d = d.parent
        elif "cpu" in controllers.split(","):  # v1: the cpu controller's hierarchy
            for base in (root / "cpu,cpuacct", root / "cpu"):
                if base.is_dir():
                    for d in (base / rel, base):
                        q = _v1(d)
                        if q is not None:
                            limits.append(q)
                    break
    if not lines:  # no /proc/self/cgroup: the root's own files, if any
        for q in (_v2(root / "cpu.max"), _v1(root / "cpu")):
            if q is not None:
                limits.append(q)
    return min(limits) if limits else None


def _v2(path: Path) -> float | None:
    try:
        quota, period = path.read_text().split()[:2]
    except (OSError, ValueError):
        return None
    if quota == "max":
        return None
    try:
        return int(quota) / int(period)
    except (ValueError, ZeroDivisionError):
        return None


def _v1(d: Path) -> float | None:
    try:
        quota = int((d / "cpu.cfs_quota_us").read_text())
        period = int((d / "cpu.cfs_period_us").read_text())
    except (OSError, ValueError):
        return None
    return quota / period if quota > 0 and period > 0 else None


def pool_size_for(free_connections: int, processes: int, default: int = DEFAULT_POOL) -> int:
    """Pooled connections per process (each process may open as many again as overflow, plus the id
    allocator's 4) such that every process together stays within `free_connections`. With
    several worker processes the parent (REST API, /metrics) has a pool of its own too."""
    engines = processes + 1 if processes > 1 else 1
    per_engine = free_connections // engines
    return max(1, min(default, (per_engine - ID_CONNECTIONS) // 2))


__all__ = ["available_cpus", "cgroup_cpu_quota", "pool_size_for"]
