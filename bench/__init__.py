"""Benchmarks: an hbench-style driver (bench.hbench), Apache Hive's metastore as a peer (bench.java_peer) and
the `python -m bench` runner (bench.runner)."""
