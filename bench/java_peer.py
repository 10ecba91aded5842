"""Apache Hive's metastore 2.3.10, run as a benchmark peer from the jars inside the pyspark wheel.

    peer = JavaMetastore(jdbc_host, jdbc_port, "hive_peer", warehouse="file:/tmp/wh").start()
    ... thrift://127.0.0.1:{peer.port} ...
    peer.rss_bytes(), peer.peak_rss_bytes()
    peer.stop()

What it does (see shared reference `java-hms-peer.md`):
  * writes `hive-site.xml` (and a DataNucleus `dn.properties`) into a private temporary conf dir;
  * creates the 2.3 JDO schema up front with DataNucleus' SchemaTool from the `package.jdo` inside
    `hive-metastore-2.3.10.jar` (lazy creation deadlocks on PostgreSQL), unless it already exists;
  * runs `java -Xmx1g -cp CONF:PYSPARK/jars/*:postgresql.jar org.apache.hadoop.hive.metastore.HiveMetaStore -p PORT`;
  * waits for the Thrift port to accept a `get_all_databases` call; on failure raises `JavaPeerError` with the tail
    of the process output and of Hive's own log;
  * stops it with SIGTERM (then SIGKILL after a grace period).
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

log = logging.getLogger(__name__)

HIVE_VERSION = "2.3.10"
DEFAULT_PG_JAR = "/usr/share/java/postgresql.jar"
MAIN_CLASS = "org.apache.hadoop.hive.metastore.HiveMetaStore"
SCHEMA_TOOL_CLASS = "org.datanucleus.store.schema.SchemaTool"


class JavaPeerError(RuntimeError):
    """The Java metastore could not be prepared, started or stopped."""


def pyspark_jars_dir() -> Path:
    try:
        import pyspark
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise JavaPeerError("pyspark is not installed; it carries the Hive metastore jars") from e
    d = Path(pyspark.__file__).resolve().parent / "jars"
    if not (d / f"hive-metastore-{HIVE_VERSION}.jar").exists():
        raise JavaPeerError(f"{d} holds no hive-metastore-{HIVE_VERSION}.jar")
    return d


def java_executable() -> str:
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").exists():
        return str(Path(home) / "bin" / "java")
    exe = shutil.which("java")
    if not exe:
        raise JavaPeerError("no `java` on PATH (and JAVA_HOME is not set)")
    return exe


def java_version() -> str:
    try:
        out = subprocess.run(
            [java_executable(), "-version"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired, JavaPeerError) as e:
        return f"unknown ({e})"
    lines = (out.stderr or out.stdout).strip().splitlines()
    return " / ".join(line.strip() for line in lines[:2])


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def read_rss(pid: int) -> tuple[int, int]:
    """(current RSS, peak RSS) in bytes from /proc/PID/status (VmRSS, VmHWM); (0, 0) if unavailable."""
    cur = peak = 0
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    cur = int(line.split()[1]) * 1024
                elif line.startswith("VmHWM:"):
                    peak = int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return cur, peak


class RssSampler:
    """Polls a process' RSS in a background thread and keeps the maximum seen (VmHWM is also read,
    so short spikes between samples are not lost)."""

    def __init__(self, pid: int, interval: float = 0.25):
        self.pid = pid
        self.interval = interval
        self.peak = 0
        self.last = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"rss-{pid}", daemon=True)

    def start(self) -> RssSampler:
        self._thread.start()
        return self

    def sample(self) -> None:
        cur, hwm = read_rss(self.pid)
        if cur:
            self.last = cur
        self.peak = max(self.peak, cur, hwm)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def stop(self) -> None:
        self.sample()
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=2)


def _tail(path: Path, lines: int = 40) -> str:
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return ""
    return "\n".join(text.splitlines()[-lines:])


def _site_xml(props: dict[str, str]) -> str:
    body = "\n".join(
        f"  <property>\n    <name>{escape(k)}</name>\n    <value>{escape(v)}</value>\n  </property>"
        for k, v in props.items()
    )
    return f'<?xml version="1.0"?>\n<configuration>\n{body}\n</configuration>\n'


class JavaMetastore:
    """One Java Hive metastore process serving Thrift against its own PostgreSQL database."""

    def __init__(
        self,
        pg_host: str,
        pg_port: int,
        database: str,
        *,
        warehouse: str,
        pg_user: str = "postgres",
        pg_password: str = "",
        port: int | None = None,
        heap: str = "1g",
        work_dir: str | Path | None = None,
        jars_dir: str | Path | None = None,
        pg_jar: str = DEFAULT_PG_JAR,
        start_timeout: float = 120.0,
        schema_timeout: float = 300.0,
        extra_conf: dict[str, str] | None = None,
        extra_jvm_args: list[str] | None = None,
    ):
        self.pg_host, self.pg_port, self.database = pg_host, pg_port, database
        self.pg_user, self.pg_password = pg_user, pg_password
        self.warehouse = warehouse
        self.port = port or free_port()
        self.heap = heap
        self.jars_dir = Path(jars_dir) if jars_dir else None
        self.pg_jar = pg_jar
        self.start_timeout = start_timeout
        self.schema_timeout = schema_timeout
        self.extra_conf = dict(extra_conf or {})
        self.extra_jvm_args = list(extra_jvm_args or [])
        self._own_work_dir = work_dir is None
        self.work_dir = Path(work_dir) if work_dir else Path(tempfile.mkdtemp(prefix="hive-peer-"))
        self.conf_dir = self.work_dir / "conf"
        self.log_dir = self.work_dir / "logs"
        self.out_path = self.log_dir / "metastore.out"
        self.proc: subprocess.Popen | None = None
        self.sampler: RssSampler | None = None
        self._out_file = None
        self.startup_seconds: float | None = None
        self.schema_seconds: float | None = None
        self.startup_rss = 0

    # -- public surface ---------------------------------------------------------------------------
    @property
    def jdbc_url(self) -> str:
        return f"jdbc:postgresql://{self.pg_host}:{self.pg_port}/{self.database}"

    @property
    def uri(self) -> str:
        return f"thrift://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc else None

    def rss_bytes(self) -> int:
        return read_rss(self.proc.pid)[0] if self.proc and self.proc.poll() is None else 0

    def peak_rss_bytes(self) -> int:
        if self.sampler:
            self.sampler.sample()
            return self.sampler.peak
        return 0

    def start(self) -> JavaMetastore:
        if self.proc is not None:
            raise JavaPeerError("already started")
        self._check_prerequisites()
        self._write_conf()
        self.ensure_schema()
        self._launch()
        return self

    def stop(self, grace: float = 20.0) -> None:
        proc, self.proc = self.proc, None
        if proc is not None and proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                log.warning("Java metastore (pid %d) ignored SIGTERM for %.0fs; killing it", proc.pid, grace)
                proc.kill()
                proc.wait(timeout=10)
        if self.sampler:
            self.sampler.stop()
        if self._out_file:
            self._out_file.close()
            self._out_file = None

    def cleanup(self) -> None:
        """Stop, and delete the temporary work dir if this object created it."""
        self.stop()
        if self._own_work_dir:
            shutil.rmtree(self.work_dir, ignore_errors=True)

    def __enter__(self) -> JavaMetastore:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.cleanup()

    def log_tail(self, lines: int = 40) -> str:
        parts = []
        for p in (self.out_path, self.log_dir / "hive.log"):
            t = _tail(p, lines)
            if t:
                parts.append(f"--- {p} ---\n{t}")
        return "\n".join(parts) or "(no output)"

    # -- preparation ------------------------------------------------------------------------------
    def _jars(self) -> Path:
        if self.jars_dir is None:
            self.jars_dir = pyspark_jars_dir()
        return self.jars_dir

    def _classpath(self) -> str:
        return os.pathsep.join([str(self.conf_dir), str(self._jars() / "*"), self.pg_jar])

    def _check_prerequisites(self) -> None:
        java_executable()
        self._jars()
        if not Path(self.pg_jar).exists():
            raise JavaPeerError(
                f"PostgreSQL JDBC driver not found at {self.pg_jar} "
                "(Debian: apt-get install libpostgresql-jdbc-java)"
            )

    def _jdo_props(self) -> dict[str, str]:
        return {
            "javax.jdo.option.ConnectionURL": self.jdbc_url,
            "javax.jdo.option.ConnectionDriverName": "org.postgresql.Driver",
            "javax.jdo.option.ConnectionUserName": self.pg_user,
            "javax.jdo.option.ConnectionPassword": self.pg_password,
        }

    def _write_conf(self) -> None:
        self.conf_dir.mkdir(parents=True, exist_ok=True)
        self.log_dir.mkdir(parents=True, exist_ok=True)
        props = {
            **self._jdo_props(),
            "hive.metastore.warehouse.dir": self.warehouse,
            "hive.metastore.schema.verification": "false",
            "datanucleus.schema.autoCreateAll": "false",
            # The wheel has no LMAX disruptor (async logging) and no BoneCP.
            "hive.async.log.enabled": "false",
            "datanucleus.connectionPoolingType": "HikariCP",
            **self.extra_conf,
        }
        (self.conf_dir / "hive-site.xml").write_text(_site_xml(props))
        dn = {
            **self._jdo_props(),
            "datanucleus.identifierFactory": "datanucleus1",
            "datanucleus.rdbms.useLegacyNativeValueStrategy": "true",
            "datanucleus.schema.autoCreateAll": "true",
        }
        (self.conf_dir / "dn.properties").write_text("".join(f"{k}={v}\n" for k, v in dn.items()))

    def _schema_exists(self) -> bool:
        import psycopg

        try:
            with psycopg.connect(
                host=self.pg_host,
                port=self.pg_port,
                user=self.pg_user,
                password=self.pg_password or None,
                dbname=self.database,
                connect_timeout=10,
            ) as conn:
                row = conn.execute(
                    "SELECT count(*) FROM information_schema.tables "
                    "WHERE table_schema = 'public' AND table_name IN ('DBS', 'TBLS', 'PARTITIONS', 'SDS')"
                ).fetchone()
                return bool(row and row[0] >= 4)
        except psycopg.Error as e:
            raise JavaPeerError(
                f"cannot reach PostgreSQL database {self.database!r} at {self.pg_host}:{self.pg_port}: {e}"
            ) from e

    def _create_sequence_table(self) -> None:
        # DataNucleus' id table (datastore identity "increment" strategy); SchemaTool leaves it to first use,
        # and with autoCreateAll off the server would not create it. Same DDL as Hive's hive-schema-2.3.0.postgres.sql.
        import psycopg

        with psycopg.connect(
            host=self.pg_host,
            port=self.pg_port,
            user=self.pg_user,
            password=self.pg_password or None,
            dbname=self.database,
            autocommit=True,
        ) as conn:
            conn.execute(
                'CREATE TABLE IF NOT EXISTS "SEQUENCE_TABLE" ('
                '"SEQUENCE_NAME" character varying(255) NOT NULL PRIMARY KEY, "NEXT_VAL" bigint NOT NULL)'
            )

    def ensure_schema(self) -> None:
        """Create Hive 2.3's JDO tables with DataNucleus' SchemaTool unless they are there already."""
        if self._schema_exists():
            self._create_sequence_table()
            return
        jdo = self.conf_dir / "package.jdo"
        with zipfile.ZipFile(self._jars() / f"hive-metastore-{HIVE_VERSION}.jar") as z:
            jdo.write_bytes(z.read("package.jdo"))
        cmd = [
            java_executable(),
            "-Xmx512m",
            "-cp",
            self._classpath(),
            SCHEMA_TOOL_CLASS,
            "-create",
            "-api",
            "JDO",
            "-props",
            str(self.conf_dir / "dn.properties"),
            str(jdo),
        ]
        t0 = time.monotonic()
        out_path = self.log_dir / "schematool.out"
        with open(out_path, "w") as out:
            try:
                rc = subprocess.run(
                    cmd,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                    cwd=self.work_dir,
                    timeout=self.schema_timeout,
                    check=False,
                ).returncode
            except subprocess.TimeoutExpired as e:
                raise JavaPeerError(
                    f"SchemaTool did not finish in {self.schema_timeout:.0f}s:\n{_tail(out_path)}"
                ) from e
        self.schema_seconds = time.monotonic() - t0
        if rc != 0 or not self._schema_exists():
            raise JavaPeerError(
                f"SchemaTool failed (exit {rc}); the Hive tables are missing:\n{_tail(out_path)}"
            )
        self._create_sequence_table()
        log.info("Hive 2.3 JDO schema created in %.1fs", self.schema_seconds)

    # -- process ----------------------------------------------------------------------------------
    def _launch(self) -> None:
        cmd = [
            java_executable(),
            f"-Xmx{self.heap}",
            f"-Dhive.log.dir={self.log_dir}",
            "-Dhive.log.file=hive.log",
            f"-Djava.io.tmpdir={self.work_dir}",
            *self.extra_jvm_args,
            "-cp",
            self._classpath(),
            MAIN_CLASS,
            "-p",
            str(self.port),
        ]
        env = dict(os.environ)
        env.pop("HADOOP_CONF_DIR", None)
        env.pop("HIVE_CONF_DIR", None)
        self._out_file = open(self.out_path, "w")
        t0 = time.monotonic()
        self.proc = subprocess.Popen(
            cmd,
            stdout=self._out_file,
            stderr=subprocess.STDOUT,
            cwd=self.work_dir,
            env=env,
            start_new_session=True,
        )
        self.sampler = RssSampler(self.proc.pid).start()
        try:
            self._wait_ready(t0)
        except BaseException:
            self.stop(grace=5)
            raise
        self.startup_seconds = time.monotonic() - t0
        self.startup_rss = read_rss(self.proc.pid)[0]
        log.info(
            "Java metastore %s listening on %d after %.1fs (pid %d)",
            HIVE_VERSION,
            self.port,
            self.startup_seconds,
            self.proc.pid,
        )

    def _wait_ready(self, t0: float) -> None:
        deadline = t0 + self.start_timeout
        last_err: Exception | None = None
        while time.monotonic() < deadline:
            rc = self.proc.poll()
            if rc is not None:
                raise JavaPeerError(
                    f"Java metastore exited with code {rc} during start-up:\n{self.log_tail()}"
                )
            try:
                probe(self.port)
                return
            except Exception as e:  # noqa: BLE001 - not up yet
                last_err = e
                time.sleep(0.2)
        raise JavaPeerError(
            f"Java metastore not serving on port {self.port} after {self.start_timeout:.0f}s "
            f"(last error: {last_err}):\n{self.log_tail()}"
        )


def probe(port: int, host: str = "127.0.0.1", timeout_ms: int = 5000) -> None:
    """One Thrift round trip (get_all_databases); raises if the server does not answer."""
    from thrift.protocol.TBinaryProtocol import TBinaryProtocolAccelerated
    from thrift.transport import TSocket, TTransport

    from catalog.thrift_gen.hive_metastore import ThriftHiveMetastore

    # A plain connect first: thrift's TSocket logs every refused connection as an error.
    with socket.create_connection((host, port), timeout=timeout_ms / 1000):
        pass
    sock = TSocket.TSocket(host, port)
    sock.setTimeout(timeout_ms)
    trans = TTransport.TBufferedTransport(sock)
    trans.open()
    try:
        ThriftHiveMetastore.Client(TBinaryProtocolAccelerated(trans)).get_all_databases()
    finally:
        trans.close()
