"""The gRPC door: Apache Hive's `GrpcHiveMetastore` service (proto/hive_metastore.proto) on grpcio,
with the standard health service (grpc.health.v1) and server reflection.

Every call is: deadline check, bearer-token authentication (catalog.grpc.auth), then, as that
caller, the method's translation onto the Thrift handler (catalog.grpc.methods_*), with catalog
errors turned into status codes by one table (catalog.grpc.errors). Metrics, request ids and the
access/slow-call logs are the Thrift door's (catalog.observability), with door `grpc`. Health and
reflection need no token. Messages are bounded in size both ways; a malformed or oversized message
fails that call only (grpcio answers INTERNAL / RESOURCE_EXHAUSTED before any code here runs).
"""

from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import grpc
from google.protobuf.message import Message
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection

from catalog import errors
from catalog.auth.context import acting_as
from catalog.grpc import methods_objects, methods_partitions, wire  # noqa: F401 - they register the RPCs
from catalog.grpc.auth import GrpcAuthenticator
from catalog.grpc.errors import status_code, to_status
from catalog.grpc.methods import METHODS
from catalog.grpc_gen import hive_metastore_pb2 as pb
from catalog.observability import calls, metrics
from catalog.thrift.handler import MetastoreHandler

log = logging.getLogger(__name__)

SERVICE = pb.DESCRIPTOR.services_by_name["GrpcHiveMetastore"]
SERVICE_NAME = SERVICE.full_name  # org.apache.hadoop.hive.metastore.grpc.GrpcHiveMetastore

# Reads that meet a connection the database dropped run once more on a fresh one (as over Thrift).
_READ_PREFIXES = ("Get", "List", "PartitionName")


def _message_class(desc) -> type[Message]:
    return getattr(pb, desc.name)


def _response(result: Any, resp_cls: type):
    if result is None:
        return resp_cls()
    if isinstance(result, resp_cls):
        return result
    if isinstance(result, dict):
        return resp_cls(**result)
    return wire.to_proto(result, resp_cls)


class GrpcServer:
    def __init__(
        self,
        handler: MetastoreHandler,
        authenticator: GrpcAuthenticator,
        host: str = "127.0.0.1",
        port: int = 9090,
        *,
        workers: int = 32,
        max_message_bytes: int = 100 * 1024 * 1024,
        max_queued: int | None = None,
        tls_cert: bytes | None = None,
        tls_key: bytes | None = None,
    ):
        if (tls_cert is None) != (tls_key is None):
            raise ValueError("gRPC TLS needs both a certificate and its private key")
        self.handler = handler
        self.authenticator = authenticator
        self.host, self.port = host, port
        self.tls = tls_cert is not None
        self.max_message_bytes = max_message_bytes
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="grpc")
        self._server = grpc.server(
            self._pool,
            options=[
                ("grpc.max_receive_message_length", max_message_bytes),
                ("grpc.max_send_message_length", max_message_bytes),
                ("grpc.max_metadata_size", 64 * 1024),
                ("grpc.so_reuseport", 0),
            ],
            # beyond this many calls in progress or waiting, grpcio answers RESOURCE_EXHAUSTED
            maximum_concurrent_rpcs=max_queued if max_queued is not None else workers * 8,
        )
        handlers = {}
        for m in SERVICE.methods:
            req_cls, resp_cls = _message_class(m.input_type), _message_class(m.output_type)
            handlers[m.name] = grpc.unary_unary_rpc_method_handler(
                self._serve(m.name, METHODS[m.name], resp_cls),
                request_deserializer=req_cls.FromString,
                response_serializer=resp_cls.SerializeToString,
            )
        self._server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler(SERVICE_NAME, handlers),))
        self._server.add_registered_method_handlers(SERVICE_NAME, handlers)
        self.health = health.HealthServicer()
        health_pb2_grpc.add_HealthServicer_to_server(self.health, self._server)
        reflection.enable_server_reflection(
            (SERVICE_NAME, health.SERVICE_NAME, reflection.SERVICE_NAME), self._server
        )
        address = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        if self.tls:
            creds = grpc.ssl_server_credentials([(tls_key, tls_cert)])
            self.port = self._server.add_secure_port(address, creds)
        else:
            self.port = self._server.add_insecure_port(address)
        if not self.port:
            raise OSError(f"cannot bind the gRPC port {address}")

    # -- life cycle -------------------------------------------------------------------------------
    def start(self) -> GrpcServer:
        self._server.start()
        for name in ("", SERVICE_NAME):
            self.health.set(name, health_pb2.HealthCheckResponse.SERVING)
        log.info("gRPC listening on %s:%d (%s)", self.host, self.port, "TLS" if self.tls else "plaintext")
        return self

    def stop(self, grace: float = 30.0, wait: bool = True) -> threading.Event:
        """Health says NOT_SERVING, new calls are refused, calls in progress get `grace` seconds.
        Returns the event set once the server has stopped (already waited for unless `wait=False`)."""
        self.health.enter_graceful_shutdown()
        done = self._server.stop(grace)
        stopped = threading.Event()

        def finish() -> None:
            done.wait(grace + 5)
            self._pool.shutdown(wait=False, cancel_futures=True)
            log.info("gRPC server stopped")
            stopped.set()

        if wait:
            finish()
        else:
            threading.Thread(target=finish, name="grpc-stop", daemon=True).start()
        return stopped

    # -- one call ---------------------------------------------------------------------------------
    def _serve(self, name: str, method, resp_cls: type):
        is_read = name.startswith(_READ_PREFIXES)
        handler, authenticator = self.handler, self.authenticator

        def run(request):
            try:
                return method(handler, request)
            except errors.StorageError as e:
                if not (is_read and e.retryable):
                    raise
                return method(handler, request)

        def call(request, context: grpc.ServicerContext):
            peer = context.peer()
            ctx = calls.CallContext("grpc", method=name, remote=peer)
            token = calls.enter(ctx)
            m = metrics.get()
            m.grpc_in_flight.inc()
            t0 = time.perf_counter()
            code = grpc.StatusCode.OK
            try:
                remaining = context.time_remaining()
                if remaining is not None and remaining <= 0:
                    code = grpc.StatusCode.DEADLINE_EXCEEDED
                    context.abort(code, "the call's deadline passed before it started")
                caller = authenticator.caller(context.invocation_metadata(), peer)
                ctx.caller = caller.principal
                remaining = context.time_remaining()  # authentication may have waited for the database
                if remaining is not None and remaining <= 0:
                    code = grpc.StatusCode.DEADLINE_EXCEEDED
                    context.abort(code, "the call's deadline passed before it started")
                with acting_as(caller):
                    result = run(request)
                return _response(result, resp_cls)
            except errors.CatalogError as e:
                code = status_code(e)
                context.abort_with_status(to_status(e))
            except Exception as e:
                if code is not grpc.StatusCode.OK:  # context.abort's own exception
                    raise
                code = grpc.StatusCode.INTERNAL
                log.exception("internal error in %s", name)
                context.abort(code, f"internal error in {name}: {type(e).__name__}")
            finally:
                dt = time.perf_counter() - t0
                m.grpc_in_flight.dec()
                m.grpc_calls.labels(name, code.name).inc()
                m.grpc_latency.labels(name).observe(dt)
                calls.leave(token)
                calls.finish(ctx, dt, None if code is grpc.StatusCode.OK else code.name)

        call.__name__ = name
        return call


__all__ = ["SERVICE_NAME", "GrpcServer"]
