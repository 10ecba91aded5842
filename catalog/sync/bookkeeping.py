"""The mirror's run options and its counts (what each pass did, totalled for the run record)."""

from __future__ import annotations

import collections
import time
from collections.abc import Callable
from dataclasses import dataclass

DEFAULT_TEMPLATE = "{catalog}__{schema}"
HIVE3 = "hive3 "  # kind prefix of what the Hive 3 catalog passes do
COUNT_KEYS = (
    "seen",
    "unchanged",
    "created",
    "updated",
    "renamed",
    "restored",
    "marked_missing",
    "purged",
    "skipped",
    "failed",
)


@dataclass
class SyncOptions:
    catalogs: list[str] | None = None  # None: every catalog but `system`
    dry_run: bool = False
    name_template: str = DEFAULT_TEMPLATE
    grace_period_hours: float = 24.0
    hive_catalog: str = "hive"
    grants: bool = True
    hive3_catalogs: bool = True  # also mirror each UC catalog into a Hive 3 catalog of its name
    clock: Callable[[], float] = time.time


class Counts:
    def __init__(self) -> None:
        self.by_kind: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
        self.reasons: collections.Counter = collections.Counter()

    def add(self, kind: str, action: str, n: int = 1) -> None:
        self.by_kind[kind][action] += n

    def as_dict(self) -> dict:
        # Top-level totals are the UC objects and the Spark-visible mirror (the first pass); the
        # Hive 3 catalog passes (the same UC objects again) are totalled apart under "hive3".
        total: collections.Counter[str] = collections.Counter()
        hive3: collections.Counter[str] = collections.Counter()
        for kind, c in self.by_kind.items():
            (hive3 if kind.startswith(HIVE3) else total).update(c)
        out: dict = {k: total.get(k, 0) for k in COUNT_KEYS}
        out["hive3"] = {k: hive3.get(k, 0) for k in COUNT_KEYS if k != "seen"}
        out["by_type"] = {k: dict(v) for k, v in sorted(self.by_kind.items())}
        out["skipped_reasons"] = dict(self.reasons)
        return out


def reason_key(reason: str) -> str:
    """Group skip reasons for the summary: drop the object-specific part before ': '."""
    head, _, tail = reason.partition(": ")
    return tail if head.startswith("column ") and tail else reason


def fmt_time(t: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))
