"""Source metastore databases for `catalog import --from URL`, behind one small DB-API surface.

| URL | driver (extra) |
|---|---|
| `mysql://user:pw@host:3306/db`, `mariadb://…` | PyMySQL (`hms-catalog[mysql]`), pure Python |
| `postgresql://…` | psycopg (always installed) |
| `derby:/path/to/metastore_db` | JayDeBeApi + JPype (`hms-catalog[derby]`), Java, Derby jars (pyspark, `DERBY_JARS`) |
| `sqlserver://user:pw@host:1433/db` | pymssql (`hms-catalog[sqlserver]`); untested here (no server could be run) |

Every source is read with standard double-quoted identifiers (MySQL is switched to ANSI_QUOTES), in
a read-only transaction where the database has one, streaming rows with a server-side cursor.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote, urlparse


class SourceError(RuntimeError):
    """The source cannot be opened (a missing driver or system library is named)."""


def _missing(driver: str, extra: str, more: str = "") -> SourceError:
    return SourceError(
        f"the {driver} driver is not installed: pip install 'hms-catalog[{extra}]'"
        + (f" ({more})" if more else "")
    )


class Source:
    kind = ""

    def __init__(self, url: str):
        self.url = url
        self.conn: Any = None

    def connect(self) -> Source:
        raise NotImplementedError

    def close(self) -> None:
        if self.conn is not None:
            try:
                self.conn.rollback()  # the read-only snapshot; Derby refuses to close inside one
            finally:
                self.conn.close()
                self.conn = None

    def tables(self) -> dict[str, str]:
        """The source's tables: lower-cased name -> name as stored."""
        raise NotImplementedError

    def columns(self, table: str) -> list[str]:
        cur = self.conn.cursor()
        try:
            cur.execute(f"SELECT * FROM {q(table)} WHERE 1 = 0")
            return [d[0] for d in cur.description]
        finally:
            cur.close()

    def scalar(self, sql: str) -> Any:
        cur = self.conn.cursor()
        try:
            cur.execute(sql)
            row = cur.fetchone()
            return row[0] if row else None
        finally:
            cur.close()

    def stream(self, sql: str, batch: int) -> Iterator[list[tuple]]:
        """The rows of `sql` in lists of up to `batch`, without holding the whole result."""
        cur = self._stream_cursor()
        try:
            cur.execute(sql)
            while True:
                rows = cur.fetchmany(batch)
                if not rows:
                    return
                yield [tuple(r) for r in rows]
        finally:
            cur.close()

    def _stream_cursor(self) -> Any:
        return self.conn.cursor()

    def describe(self) -> str:
        p = urlparse(self.url)
        return f"{self.kind} {p.hostname or ''}{':' + str(p.port) if p.port else ''}{p.path}"


def q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class MySQLSource(Source):
    kind = "mysql"

    def connect(self) -> MySQLSource:
        try:
            import pymysql
            import pymysql.cursors
        except ImportError as e:
            raise _missing("MySQL/MariaDB (PyMySQL)", "mysql") from e
        p = urlparse(self.url)
        self.conn = pymysql.connect(
            host=p.hostname or "127.0.0.1",
            port=p.port or 3306,
            user=unquote(p.username or "root"),
            password=unquote(p.password or ""),
            database=p.path.lstrip("/"),
            charset="utf8mb4",
            autocommit=False,
        )
        self._ss = pymysql.cursors.SSCursor
        with self.conn.cursor() as cur:
            cur.execute("SET SESSION sql_mode = CONCAT(@@sql_mode, ',ANSI_QUOTES')")
            cur.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            cur.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY")
        return self

    def tables(self) -> dict[str, str]:
        cur = self.conn.cursor()
        try:
            cur.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() "
                "AND table_type = 'BASE TABLE'"
            )
            return {r[0].lower(): r[0] for r in cur.fetchall()}
        finally:
            cur.close()

    def _stream_cursor(self) -> Any:
        return self.conn.cursor(self._ss)


class PostgresSource(Source):
    kind = "postgresql"

    def connect(self) -> PostgresSource:
        import psycopg

        url = self.url.replace("postgresql+psycopg://", "postgresql://", 1)
        self.conn = psycopg.connect(url)
        self.conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        self.conn.execute("SET search_path = public")
        self._n = 0
        return self

    def tables(self) -> dict[str, str]:
        rows = self.conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
            "AND table_type = 'BASE TABLE'"
        ).fetchall()
        return {r[0].lower(): r[0] for r in rows}

    def _stream_cursor(self) -> Any:
        self._n += 1
        return self.conn.cursor(name=f"hms_import_{self._n}")  # server-side: rows come as fetched


def derby_jars() -> list[str]:
    env = os.environ.get("DERBY_JARS")
    if env:
        return env.split(os.pathsep)
    try:
        import pyspark
    except ImportError:
        return []
    d = os.path.join(os.path.dirname(pyspark.__file__), "jars")
    return sorted(glob.glob(os.path.join(d, "derby*.jar")))


class DerbySource(Source):
    kind = "derby"

    def connect(self) -> DerbySource:
        try:
            import jaydebeapi
        except ImportError as e:
            raise _missing("Derby (JayDeBeApi, JPype)", "derby", "it also needs Java on PATH") from e
        jars = derby_jars()
        if not jars:
            raise SourceError("no Derby jars: install pyspark (it ships them) or set DERBY_JARS")
        path = self.url.split(":", 1)[1]
        if path.startswith("//"):
            path = path[2:]
        try:
            self.conn = jaydebeapi.connect(
                "org.apache.derby.jdbc.EmbeddedDriver", f"jdbc:derby:{path};create=false", ["APP", ""], jars
            )
        except Exception as e:  # jpype raises its own Java exception types
            raise SourceError(f"cannot open the Derby database {path}: {e}") from e
        self.conn.jconn.setAutoCommit(False)
        self.conn.jconn.setReadOnly(True)
        return self

    def tables(self) -> dict[str, str]:
        cur = self.conn.cursor()
        try:
            cur.execute(
                "SELECT t.TABLENAME FROM SYS.SYSTABLES t JOIN SYS.SYSSCHEMAS s ON s.SCHEMAID = t.SCHEMAID "
                "WHERE t.TABLETYPE = 'T' AND s.SCHEMANAME = 'APP'"
            )
            return {r[0].lower(): r[0] for r in cur.fetchall()}
        finally:
            cur.close()

    def describe(self) -> str:
        return f"derby {self.url.split(':', 1)[1]}"


class SQLServerSource(Source):
    """Microsoft SQL Server (Azure SQL): untested here, no server could be run on this machine."""

    kind = "sqlserver"

    def connect(self) -> SQLServerSource:
        try:
            import pymssql
        except ImportError as e:
            raise _missing("SQL Server (pymssql)", "sqlserver", "pymssql's wheels bundle FreeTDS") from e
        p = urlparse(self.url)
        self.conn = pymssql.connect(
            server=p.hostname,
            port=str(p.port or 1433),
            user=unquote(p.username or ""),
            password=unquote(p.password or ""),
            database=p.path.lstrip("/"),
        )
        return self

    def tables(self) -> dict[str, str]:
        cur = self.conn.cursor()
        try:
            cur.execute("SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE'")
            return {r[0].lower(): r[0] for r in cur.fetchall()}
        finally:
            cur.close()


KINDS: dict[str, type[Source]] = {
    "mysql": MySQLSource,
    "mariadb": MySQLSource,
    "postgresql": PostgresSource,
    "postgres": PostgresSource,
    "postgresql+psycopg": PostgresSource,
    "derby": DerbySource,
    "sqlserver": SQLServerSource,
    "mssql": SQLServerSource,
}


def open_source(url: str) -> Source:
    scheme = url.split(":", 1)[0].lower()
    cls = KINDS.get(scheme)
    if cls is None:
        raise SourceError(
            f"unsupported source {scheme!r}: use one of mysql://, mariadb://, postgresql://, derby:, sqlserver://"
        )
    return cls(url).connect()
