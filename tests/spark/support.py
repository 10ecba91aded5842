"""Helpers shared by the PySpark end-to-end tests (the fixtures are in conftest.py)."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import thrift_client


@dataclass
class SparkEnv:
    """What a Spark test needs: the session, the running service and its warehouse."""

    spark: object  # pyspark.sql.SparkSession
    runtime: object  # catalog.app.Runtime
    warehouse: Path
    database_url: str

    @property
    def port(self) -> int:
        return self.runtime.thrift.port

    @property
    def service(self):
        return self.runtime.service

    @contextlib.contextmanager
    def client(self):
        with thrift_client(self.port) as c:
            c.set_ugi("spark-tests", ["spark-tests"])
            yield c

    def sql(self, statement: str):
        """Run a statement and collect its rows (so that the statement really runs)."""
        return self.spark.sql(statement).collect()

    def rows(self, statement: str) -> list[tuple]:
        return sorted(tuple(r) for r in self.spark.sql(statement).collect())

    def db_path(self, db: str) -> Path:
        return self.warehouse / f"{db}.db"

    def describe(self, statement: str) -> tuple[list[tuple], dict[str, str]]:
        """Split DESCRIBE [EXTENDED|FORMATTED] output into the leading column rows
        (name, type, comment) and a dict of the detail rows after the first `# Detailed ...` header
        (first occurrence of a key wins)."""
        cols: list[tuple] = []
        info: dict[str, str] = {}
        section = "cols"
        for r in self.spark.sql(statement).collect():
            name, value = r[0], r[1]
            if section == "cols":
                if not name or name.startswith("#"):
                    section = "gap"
                else:
                    cols.append((name, value, r[2]))
                    continue
            if name and name.startswith("# Detailed"):
                section = "info"
                continue
            if section == "info" and name and not name.startswith("#"):
                info.setdefault(name, value)
        return cols, info


def data_files(path: Path) -> list[Path]:
    """Data files under a directory, without Hadoop's hidden/marker files (`.x.crc`, `_SUCCESS`)."""
    if not path.exists():
        return []
    return sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith((".", "_")))


def make_database(env: SparkEnv, name: str, *extra_sql: str):
    """Module-scoped helper: (re)create a database for one test module, drop it with CASCADE after."""
    env.spark.sql(f"DROP DATABASE IF EXISTS {name} CASCADE")
    env.spark.sql(f"CREATE DATABASE {name}")
    for stmt in extra_sql:
        env.spark.sql(stmt)
    return name


def drop_database(env: SparkEnv, name: str) -> None:
    env.spark.sql("USE default")
    env.spark.sql(f"DROP DATABASE IF EXISTS {name} CASCADE")
