"""A real MariaDB server for the tests, started in a temporary directory and stopped by them (like the
embedded PostgreSQL), and Apache Hive's Java metastore 2.3.10 running against it.

Needs Debian's `mariadb-server` (mariadbd, mariadb-install-db) and `libmariadb-java` (the JDBC driver
the Java metastore uses); `.ci/run` installs them. Missing, the tests fail with the reason: they are
the proof that a MySQL/MariaDB metastore imports.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import pymysql

from bench.java_peer import JavaMetastore, JavaPeerError, free_port

MARIADB_JDBC_JAR = "/usr/share/java/mariadb-java-client.jar"


def _exe(name: str) -> str:
    for cand in (shutil.which(name), f"/usr/sbin/{name}", f"/usr/bin/{name}"):
        if cand and os.path.exists(cand):
            return cand
    raise RuntimeError(f"{name} not found: install Debian's mariadb-server (see .ci/run)")


class MariaDBServer:
    def __init__(self, base: Path):
        self.base = Path(base)
        self.data = self.base / "data"
        self.port = free_port()
        self.proc: subprocess.Popen | None = None

    def start(self) -> MariaDBServer:
        install = _exe("mariadb-install-db")
        server = _exe("mariadbd")
        self.base.mkdir(parents=True, exist_ok=True)
        log = self.base / "install.log"
        with open(log, "w") as out:
            rc = subprocess.run(
                [
                    install,
                    "--no-defaults",
                    f"--datadir={self.data}",
                    "--user=root" if os.geteuid() == 0 else f"--user={os.getlogin()}",
                    "--auth-root-authentication-method=normal",
                    "--skip-test-db",
                ],
                stdout=out,
                stderr=subprocess.STDOUT,
                timeout=180,
                check=False,
            ).returncode
        if rc != 0:
            raise RuntimeError(f"mariadb-install-db failed ({rc}): {log.read_text()[-2000:]}")
        self._out = open(self.base / "server.log", "w")
        self.proc = subprocess.Popen(
            [
                server,
                "--no-defaults",
                f"--datadir={self.data}",
                f"--socket={self.base / 'mysqld.sock'}",
                f"--port={self.port}",
                "--bind-address=127.0.0.1",
                *(["--user=root"] if os.geteuid() == 0 else []),
                "--skip-log-bin",
                "--innodb-buffer-pool-size=64M",
                "--innodb-flush-log-at-trx-commit=0",
                "--character-set-server=latin1",
                f"--pid-file={self.base / 'mysqld.pid'}",
            ],
            stdout=self._out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"mariadbd exited: {(self.base / 'server.log').read_text()[-2000:]}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    pass
                with self.connect() as c, c.cursor() as cur:
                    # Hive reads an empty metastore password as its default ("mine"): give it a real one
                    cur.execute("CREATE USER IF NOT EXISTS 'hive'@'%' IDENTIFIED BY 'hive'")
                    cur.execute("CREATE USER IF NOT EXISTS 'hive'@'localhost' IDENTIFIED BY 'hive'")
                    cur.execute("GRANT ALL ON *.* TO 'hive'@'%'")
                    cur.execute("GRANT ALL ON *.* TO 'hive'@'localhost'")
                return self
            except (OSError, pymysql.err.OperationalError):
                time.sleep(0.2)
        raise RuntimeError("mariadbd did not accept connections within 60 s")

    def connect(self, database: str | None = None) -> pymysql.connections.Connection:
        return pymysql.connect(
            host="127.0.0.1", port=self.port, user="root", database=database, autocommit=True
        )

    def create_database(self, name: str) -> str:
        with self.connect() as c, c.cursor() as cur:
            cur.execute(f"CREATE DATABASE `{name}` CHARACTER SET latin1")
        return self.url(name)

    def url(self, database: str) -> str:
        return f"mysql://root@127.0.0.1:{self.port}/{database}"

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self.proc = None


class JavaMetastoreOnMariaDB(JavaMetastore):
    """The Java metastore with its schema in MariaDB (DataNucleus creates it, as on PostgreSQL)."""

    def __init__(self, server: MariaDBServer, database: str, **kw):
        super().__init__(
            "127.0.0.1",
            server.port,
            database,
            pg_user="hive",
            pg_password="hive",
            pg_jar=MARIADB_JDBC_JAR,
            **kw,
        )
        self.server = server

    @property
    def jdbc_url(self) -> str:
        return f"jdbc:mysql://127.0.0.1:{self.server.port}/{self.database}?useUnicode=true&characterEncoding=UTF-8"

    def _check_prerequisites(self) -> None:
        if not Path(self.pg_jar).exists():
            raise JavaPeerError(
                f"MariaDB JDBC driver not found at {self.pg_jar} (Debian: apt-get install libmariadb-java)"
            )
        super()._check_prerequisites()

    def _jdo_props(self) -> dict[str, str]:
        return {
            **super()._jdo_props(),
            "javax.jdo.option.ConnectionDriverName": "org.mariadb.jdbc.Driver",
            # DataNucleus 4.1 does not know MariaDB's product name and would fall back to SQL-92 DDL
            "datanucleus.rdbms.datastoreAdapterClassName": "org.datanucleus.store.rdbms.adapter.MySQLAdapter",
        }

    def _schema_exists(self) -> bool:
        with self.server.connect(self.database) as c, c.cursor() as cur:
            cur.execute(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = %s "
                "AND table_name IN ('DBS', 'TBLS', 'PARTITIONS', 'SDS')",
                (self.database,),
            )
            return cur.fetchone()[0] >= 4

    def _create_sequence_table(self) -> None:
        with self.server.connect(self.database) as c, c.cursor() as cur:
            cur.execute(
                "CREATE TABLE IF NOT EXISTS `SEQUENCE_TABLE` (`SEQUENCE_NAME` varchar(255) NOT NULL PRIMARY KEY, "
                "`NEXT_VAL` bigint NOT NULL)"
            )
