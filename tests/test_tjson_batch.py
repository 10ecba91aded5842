"""The text of a batch event's partitions, made with the per-message memo, is exactly the text of
each partition made on its own, whatever differs between the descriptors."""

from __future__ import annotations

import json

from catalog.domain import model as m
from catalog.events import tjson


def _sd(i: int) -> m.StorageDescriptor:
    return m.StorageDescriptor(
        cols=[m.FieldSchema("id", "int"), m.FieldSchema("s", "string", "c" if i % 5 == 0 else None)],
        location=None if i % 11 == 0 else f'file:/w/t/k={i}/"q"\\é',
        input_format="in" if i % 2 else "in2",
        output_format="out",
        compressed=i % 3 == 0,
        num_buckets=4 if i % 4 else -1,
        serde=m.SerDeInfo(
            name=None, serialization_lib="lib", parameters={"a": str(i % 2)}, serde_type=1 if i % 6 else None
        ),
        bucket_cols=["id"] if i % 4 else [],
        sort_cols=[m.Order("id", i % 2)],
        parameters={"p": "v"} if i % 7 else {},
        skewed_info=m.SkewedInfo(["s"], [["a"], [str(i % 3)]], {("a",): f"file:/s/{i % 2}"})
        if i % 9
        else None,
        stored_as_sub_directories=i % 8 == 0,
    )


def test_memoized_partitions_are_each_exactly_their_own_text():
    parts = [
        m.Partition(
            db_name="d", table_name="t", values=[str(i)], create_time=i, parameters={"k": str(i)}, sd=_sd(i)
        )
        for i in range(200)
    ]
    memo: dict = {}
    batch = [tjson.partition(p, memo) for p in parts]
    alone = [tjson.partition(p) for p in parts]
    assert batch == alone
    assert len({k for k in memo if isinstance(k, tuple) and k[:1] == ("sd",)}) > 10  # shared, not one
    assert json.loads(batch[9])["6"]["rec"]["2"]["str"] == 'file:/w/t/k=9/"q"\\é'  # no skew map: plain JSON
