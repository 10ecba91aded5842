"""The JVM client of `python -m bench`: bench/jvm/HmsBench.java, compiled at bench time against the
pyspark wheel's jars (hive-metastore 2.3.10's `ThriftHiveMetastore.Client`, libthrift 0.16) and
driven over its stdin/stdout.

    with JvmClient.start(work_dir) as jvm:
        res = jvm.measure("getTable", 20, 15, {"ours": "127.0.0.1:9083", "hive": "...", "floor": "floor"},
                          "db", "t")
        res["ours"]["samples"], res["ours"]["ttfb"], res["ours"]["ttlb"], res["floor"]["samples"]

One JVM serves the whole run, so the JIT is warm after the first operations (each operation also has
its own warm-up samples). A target named `floor` is a stub server inside the JVM that answers each
call with the reply bytes recorded from the first target, from memory (see HmsBench.java).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

from bench.java_peer import JavaPeerError, java_executable, pyspark_jars_dir

SOURCE = Path(__file__).resolve().parent / "jvm" / "HmsBench.java"
SEP = "\x1f"


def javac_executable() -> str | None:
    java = Path(java_executable()).resolve()
    cand = java.parent / "javac"
    if cand.exists():
        return str(cand)
    return shutil.which("javac")


def compile_client(work_dir: Path) -> Path:
    """Compile HmsBench.java once per source version into work_dir/jvm-<hash>; returns the class dir."""
    digest = hashlib.sha256(SOURCE.read_bytes()).hexdigest()[:12]
    out = Path(work_dir) / f"jvm-{digest}"
    if (out / "HmsBench.class").exists():
        return out
    javac = javac_executable()
    if not javac:
        raise JavaPeerError(
            "no `javac` (a JDK is needed for the JVM client; Debian: openjdk-17-jdk-headless)"
        )
    out.mkdir(parents=True, exist_ok=True)
    res = subprocess.run(
        [javac, "-nowarn", "-cp", str(pyspark_jars_dir() / "*"), "-d", str(out), str(SOURCE)],
        capture_output=True,
        text=True,
        check=False,
    )
    if res.returncode != 0:
        raise JavaPeerError(f"javac failed:\n{res.stderr[-3000:]}")
    return out


class JvmClient:
    def __init__(self, proc: subprocess.Popen):
        self.proc = proc

    @classmethod
    def start(cls, work_dir: Path, heap: str = "1g") -> JvmClient:
        classes = compile_client(work_dir)
        cp = f"{classes}:{pyspark_jars_dir() / '*'}"
        err = open(Path(work_dir) / "jvm-client.err", "w")  # lives as long as the process
        proc = subprocess.Popen(
            [java_executable(), f"-Xmx{heap}", "-XX:+UseParallelGC", "-cp", cp, "HmsBench"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=err,
            text=True,
            bufsize=1,
        )
        c = cls(proc)
        c._answer()  # ready
        return c

    def _answer(self) -> dict:
        assert self.proc.stdout is not None
        while True:
            line = self.proc.stdout.readline()
            if not line:
                raise JavaPeerError(f"the JVM client exited (code {self.proc.poll()})")
            if line.startswith("@@"):
                res = json.loads(line[2:])
                if "error" in res:
                    raise RuntimeError(f"JVM client: {res['error']}")
                return res

    def _send(self, *fields: str) -> dict:
        assert self.proc.stdin is not None
        for f in fields:
            if "\t" in f or "\n" in f:
                raise ValueError(f"a field of the JVM client protocol holds a tab or newline: {f!r}")
        self.proc.stdin.write("\t".join(fields) + "\n")
        self.proc.stdin.flush()
        return self._answer()

    def measure(self, op: str, warmup: int, repeat: int, targets: dict[str, str], *args) -> dict:
        """Samples (ms) of `op` per target, interleaved; list arguments are joined with U+001F."""
        t = ",".join(f"{k}={v}" for k, v in targets.items())
        a = [SEP.join(x) if isinstance(x, (list, tuple)) else str(x) for x in args]
        return self._send("measure", op, str(warmup), str(repeat), t, *a)

    def throughput(self, target: str, db: str, tbl: str, clients: int, seconds: float) -> list[float]:
        """get_table calls per 1-second window from `clients` threads, one socket each.
        `target` is host:port, or floor=host:port for the stub replaying that server's reply."""
        return [
            float(x) for x in self._send("throughput", target, db, tbl, str(clients), str(seconds))["windows"]
        ]

    def close(self) -> None:
        if self.proc.poll() is None:
            try:
                assert self.proc.stdin is not None
                self.proc.stdin.write("quit\n")
                self.proc.stdin.flush()
                self.proc.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                self.proc.kill()
                self.proc.wait(timeout=10)

    def __enter__(self) -> JvmClient:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
