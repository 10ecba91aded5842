"""The Thrift socket server: binary protocol (C-accelerated), unframed by default or framed, one
pooled worker thread per open connection, bounded message sizes, idle timeout, graceful stop.

A malformed, oversized or truncated message closes that connection only.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from thrift.protocol.TBinaryProtocol import TBinaryProtocolAccelerated
from thrift.protocol.TProtocol import TProtocolException
from thrift.Thrift import TApplicationException
from thrift.transport import TTransport
from thrift.transport.TSocket import TSocket

from catalog.observability import calls, metrics
from catalog.thrift import streaming
from catalog.thrift.binding import BoundHandler
from catalog.thrift.handler import MetastoreHandler
from catalog.thrift.wire_guard import GuardedBufferedTransport, GuardedFramedTransport
from catalog.thrift_gen.hive_metastore import ThriftHiveMetastore

log = logging.getLogger(__name__)


class _Conn:
    __slots__ = ("sock", "peer", "busy")

    def __init__(self, sock: socket.socket, peer: str):
        self.sock = sock
        self.peer = peer
        self.busy = False


class ThriftServer:
    def __init__(
        self,
        handler: MetastoreHandler,
        host: str = "127.0.0.1",
        port: int = 9083,
        *,
        workers: int = 256,
        framed: bool = False,
        idle_timeout: float = 1800.0,
        max_string_bytes: int = 256 * 1024 * 1024,
        max_container_items: int = 10_000_000,
        backlog: int = 1024,
        reuse_port: bool = False,
        max_queued: int | None = None,
        max_message_bytes: int = 1024 * 1024 * 1024,
        max_nesting: int = 64,
    ):
        self.handler = handler
        self.processor = ThriftHiveMetastore.Processor(BoundHandler(handler))
        streaming.install(self.processor, handler)
        calls.instrument_processor(self.processor)  # metrics, request ids, access/slow-call logs
        # Connections beyond the workers wait in a queue of at most `max_queued`; more are closed at
        # once (bounded file descriptors and memory, whatever the number of clients).
        self.max_queued = workers if max_queued is None else max_queued
        self.max_message_bytes = max_message_bytes
        self.max_nesting = max_nesting
        self.rejected = 0
        self.host, self.port = host, port
        self.framed = framed
        self.idle_timeout = idle_timeout
        self.max_string_bytes = max_string_bytes
        self.max_container_items = max_container_items
        self.backlog = backlog
        self.reuse_port = reuse_port
        self.workers = workers
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="thrift")
        self._listener: socket.socket | None = None
        self._conns: set[_Conn] = set()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._accept_thread: threading.Thread | None = None
        self.in_flight = 0

    # -- life cycle -------------------------------------------------------------------------------
    def start(self) -> ThriftServer:
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        ls = socket.socket(family, socket.SOCK_STREAM)
        ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if self.reuse_port:  # several worker processes share the port; the kernel spreads connections
            ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        ls.bind((self.host, self.port))
        ls.listen(self.backlog)
        self.port = ls.getsockname()[1]
        self._listener = ls
        self._accept_thread = threading.Thread(target=self._accept_loop, name="thrift-accept", daemon=True)
        self._accept_thread.start()
        log.info(
            "thrift listening on %s:%d (%s, %d workers)",
            self.host,
            self.port,
            "framed" if self.framed else "unframed",
            self.workers,
        )
        return self

    def stop(self, deadline: float = 30.0) -> None:
        """Stop accepting, let in-flight calls finish (up to `deadline` seconds), close idle connections."""
        self._stopping.set()
        if self._listener is not None:
            try:
                self._listener.close()
            except OSError:
                pass
        end = time.monotonic() + deadline
        while time.monotonic() < end:
            with self._lock:
                idle = [c for c in self._conns if not c.busy]
                busy = any(c.busy for c in self._conns)
            for c in idle:
                _shutdown(c.sock)
            if not busy:
                break
            time.sleep(0.05)
        with self._lock:
            stuck = sum(1 for c in self._conns if c.busy)
            for c in list(self._conns):
                _shutdown(c.sock)
        if stuck:
            log.warning(
                "%d calls still running after the %.0f s shutdown deadline; their connections were closed",
                stuck,
                deadline,
            )
        # Calls past the deadline keep their worker thread (a thread cannot be interrupted): wait a
        # little for them, then return anyway; `catalog serve` exits the process, which rolls back
        # their transactions.
        self._pool.shutdown(wait=False, cancel_futures=True)
        end = time.monotonic() + (5.0 if stuck else 30.0)
        for t in list(getattr(self._pool, "_threads", ())):
            t.join(max(0.0, end - time.monotonic()))
        self.stuck_calls = sum(1 for t in getattr(self._pool, "_threads", ()) if t.is_alive())
        log.info("thrift server stopped")

    @property
    def connection_count(self) -> int:
        with self._lock:
            return len(self._conns)

    # -- serving ----------------------------------------------------------------------------------
    def _accept_loop(self) -> None:
        assert self._listener is not None
        while not self._stopping.is_set():
            try:
                sock, addr = self._listener.accept()
            except OSError:
                if self._stopping.is_set():
                    return
                time.sleep(0.01)
                continue
            try:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
                if self.idle_timeout and self.idle_timeout > 0:
                    sock.settimeout(self.idle_timeout)
            except OSError:  # the peer is already gone: never let it stop the accept loop
                _shutdown(sock)
                continue
            conn = _Conn(sock, f"{addr[0]}:{addr[1]}")
            with self._lock:
                full = len(self._conns) >= self.workers + self.max_queued
                if not full:
                    self._conns.add(conn)
            m = metrics.get()
            if full:
                self.rejected += 1
                m.thrift_closed.labels("rejected").inc()
                if self.rejected == 1 or self.rejected % 1000 == 0:
                    log.warning(
                        "over %d open connections: closing new ones (%d so far)",
                        self.workers + self.max_queued,
                        self.rejected,
                    )
                _shutdown(sock)
                continue
            m.thrift_accepted.inc()
            m.thrift_connections.inc()
            try:
                self._pool.submit(self._serve, conn)
            except RuntimeError:  # pool shut down
                _shutdown(sock)
                return

    def _serve(self, conn: _Conn) -> None:
        tsock = TSocket()
        tsock.setHandle(conn.sock)
        if self.framed:
            trans = GuardedFramedTransport(
                tsock, max_depth=self.max_nesting, max_message_bytes=self.max_message_bytes
            )
        else:
            trans = GuardedBufferedTransport(
                tsock, 65536, max_depth=self.max_nesting, max_message_bytes=self.max_message_bytes
            )
        prot = TBinaryProtocolAccelerated(
            trans,
            strictRead=False,
            strictWrite=True,
            string_length_limit=self.max_string_bytes,
            container_length_limit=self.max_container_items,
        )
        self.handler.state.user = None
        self.handler.state.groups = []
        self.handler.state.remote = conn.peer
        reason = "shutdown"
        try:
            while not self._stopping.is_set():
                # Wait for the first byte of the next message outside "busy", so that a stop can
                # close idle connections while calls in progress finish.
                if not trans.has_buffered() and not _wait_readable(conn.sock, self._stopping):
                    break
                conn.busy = True
                self.in_flight += 1
                try:
                    trans.begin_message()
                    calls.serve_call(self.processor, prot, self.handler.state)
                finally:
                    conn.busy = False
                    self.in_flight -= 1
        except TTransport.TTransportException as e:
            reason = "eof"
            if e.type == TTransport.TTransportException.SIZE_LIMIT:
                reason = "malformed"
                log.warning(
                    "connection %s sent a message over the size limit and was closed: %s", conn.peer, e
                )
            elif e.type == TTransport.TTransportException.TIMED_OUT:
                reason = "idle"
                log.info(
                    "connection %s stalled for %ss inside a message; closed", conn.peer, self.idle_timeout
                )
            elif e.type != TTransport.TTransportException.END_OF_FILE:
                reason = "error"
                log.info("connection %s closed: %s", conn.peer, e)
        except (TProtocolException, TApplicationException) as e:
            reason = "malformed"
            log.warning("connection %s sent a malformed message and was closed: %s", conn.peer, e)
        except TimeoutError:
            reason = "idle"
            log.info("connection %s idle for %ss; closed", conn.peer, self.idle_timeout)
        except (OSError, EOFError) as e:
            reason = "eof" if isinstance(e, (ConnectionResetError, BrokenPipeError, EOFError)) else "error"
            log.info("connection %s closed: %s", conn.peer, e)
        except Exception as e:  # noqa: BLE001 - e.g. MemoryError/ValueError from a hostile payload
            reason = "malformed"
            log.warning(
                "connection %s closed after an unexpected error: %s: %s", conn.peer, type(e).__name__, e
            )
        finally:
            with self._lock:
                self._conns.discard(conn)
            _shutdown(conn.sock)
            m = metrics.get()
            m.thrift_connections.dec()
            m.thrift_closed.labels(reason).inc()


def _wait_readable(sock: socket.socket, stopping: threading.Event) -> bool:
    """Block until the socket has data (True) or is closed/stopping (False); honour its timeout."""
    import select

    timeout = sock.gettimeout()
    waited = 0.0
    poller = select.poll()  # not select(): it fails for descriptors >= 1024 (a busy server has them)
    try:
        poller.register(sock, select.POLLIN | select.POLLPRI)
    except (OSError, ValueError):
        return False
    while not stopping.is_set():
        try:
            r = poller.poll(500)
        except (OSError, ValueError):
            return False
        if r:
            return True
        waited += 0.5
        if timeout and waited >= timeout:
            raise TimeoutError("idle")
    return False


def _has_buffered(trans) -> bool:
    buf = getattr(trans, "_TBufferedTransport__rbuf", None) or getattr(trans, "_TFramedTransport__rbuf", None)
    if buf is None:
        return False
    return buf.tell() < len(buf.getbuffer())


def _shutdown(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    try:
        sock.close()
    except OSError:
        pass
