"""Per-call instrumentation shared by both doors: the call's context (request id, caller, method),
its metrics, the access log and the slow-call log.

Thrift: `instrument_processor()` wraps the processor's handler methods (to see the exception a call
answers) and `serve_call()` runs one `processor.process()` — both from catalog/thrift/server.py.
REST: catalog/observability/http.py uses `CallContext` and `finish()` the same way.

Logs (logger `catalog.access` when `--access-log`, `catalog.slow` above `--slow-call-ms`) carry
request_id, door, caller, method, duration_ms and outcome ("ok", or the exception type).
"""

from __future__ import annotations

import contextvars
import itertools
import logging
import os
import time
from dataclasses import dataclass

from catalog.observability import metrics

access_log = logging.getLogger("catalog.access")
slow_log = logging.getLogger("catalog.slow")

UNKNOWN_METHOD = "<unknown>"


@dataclass
class CallConfig:
    slow_call_ms: float = 1000.0  # 0 or less: no slow-call log
    access_log: bool = False


CONFIG = CallConfig()


def configure(slow_call_ms: float | None = None, access_log: bool | None = None) -> None:
    if slow_call_ms is not None:
        CONFIG.slow_call_ms = float(slow_call_ms)
    if access_log is not None:
        CONFIG.access_log = bool(access_log)


class CallContext:
    __slots__ = ("request_id", "door", "method", "caller", "remote", "error", "args")

    def __init__(
        self,
        door: str,
        method: str | None = None,
        caller: str | None = None,
        remote: str | None = None,
        request_id: str | None = None,
    ):
        self.request_id = request_id or new_request_id()
        self.door = door
        self.method = method
        self.caller = caller
        self.remote = remote
        self.error: str | None = None  # the exception type the call answered
        self.args: tuple | None = None


_current: contextvars.ContextVar[CallContext | None] = contextvars.ContextVar("catalog_call", default=None)


def current_call() -> CallContext | None:
    return _current.get()


def new_request_id() -> str:
    """16 hex digits: a random per-process prefix and a counter (cheaper than os.urandom per call)."""
    return f"{_id_prefix}{next(_id_counter) & 0xFFFFFFFFFF:010x}"


def _new_id_space() -> None:
    global _id_prefix, _id_counter
    _id_prefix = os.urandom(3).hex()
    _id_counter = itertools.count(int.from_bytes(os.urandom(4), "big"))


_id_prefix, _id_counter = "", itertools.count()
_new_id_space()
os.register_at_fork(after_in_child=_new_id_space)  # worker processes never repeat the parent's ids


def note_error(exc: BaseException | type) -> None:
    """Record the exception the current call answers (a Thrift exception type or an error)."""
    ctx = _current.get()
    if ctx is not None:
        ctx.error = exc.__name__ if isinstance(exc, type) else type(exc).__name__


def enter(ctx: CallContext):
    return _current.set(ctx)


def leave(token) -> None:
    _current.reset(token)


def finish(ctx: CallContext, seconds: float, outcome: str | None = None) -> None:
    """The logs of a finished call (metrics are the door's)."""
    outcome = outcome or ctx.error or "ok"
    ms = seconds * 1000.0
    slow = CONFIG.slow_call_ms > 0 and ms >= CONFIG.slow_call_ms
    if slow:
        metrics.get().slow_calls.labels(ctx.door).inc()
        slow_log.warning(
            "slow call: %s took %.0f ms", ctx.method, ms, extra=_fields(ctx, ms, outcome, with_args=True)
        )
    elif CONFIG.access_log and access_log.isEnabledFor(logging.INFO):
        access_log.info("%s %s %.1f ms", ctx.method, outcome, ms, extra=_fields(ctx, ms, outcome))


def _fields(ctx: CallContext, ms: float, outcome: str, with_args: bool = False) -> dict:
    d = {
        "request_id": ctx.request_id,
        "door": ctx.door,
        "method": ctx.method,
        "caller": ctx.caller,
        "remote": ctx.remote,
        "duration_ms": round(ms, 2),
        "outcome": outcome,
    }
    if with_args and ctx.args:
        d["args_summary"] = summarize_args(ctx.method or "", ctx.args)
    return d


_NO_ARGS = ("token", "key", "password", "secret")


def summarize_args(method: str, args) -> str | None:
    """The short string arguments of a Thrift call (database, table, filter …), for the slow-call log;
    nothing for methods that carry credentials."""
    if any(w in method.lower() for w in _NO_ARGS):
        return None
    out = []
    for a in args[:4]:
        if isinstance(a, str):
            out.append(a if len(a) <= 200 else a[:200] + "…")
        elif isinstance(a, (int, float, bool)) or a is None:
            out.append(repr(a))
        elif isinstance(a, list):
            out.append(f"[{len(a)} items]")
        else:
            out.append(type(a).__name__)
    return ", ".join(out)


# -- Thrift -----------------------------------------------------------------------------------------
def instrument_processor(processor) -> None:
    """Have the processor's handler methods note the exception they answer, and the processor note
    the method it dispatches."""
    bound = processor._handler
    for name in list(processor._processMap):
        fn = getattr(bound, name, None)
        if fn is not None and not getattr(fn, "_catalog_noted", False):
            setattr(bound, name, _noting(fn))
    processor.on_message_begin(_on_message_begin(processor))


def _noting(fn):
    def call(*args, **kwargs):
        ctx = _current.get()
        if ctx is not None:
            ctx.args = args
        try:
            return fn(*args, **kwargs)
        except BaseException as e:
            if ctx is not None:
                ctx.error = type(e).__name__
            raise

    call.__name__ = getattr(fn, "__name__", "call")
    call._catalog_noted = True  # type: ignore[attr-defined]
    return call


def _on_message_begin(processor):
    known = processor._processMap

    def hook(name, type_, seqid):
        ctx = _current.get()
        if ctx is not None:
            if name in known:
                ctx.method = name
            else:  # the processor answers TApplicationException(UNKNOWN_METHOD)
                ctx.method, ctx.error = UNKNOWN_METHOD, "TApplicationException"

    return hook


def serve_call(processor, prot, caller_state) -> None:
    """Run one `processor.process(prot, prot)` as an observed call."""
    ctx = CallContext(
        "thrift", caller=getattr(caller_state, "user", None), remote=getattr(caller_state, "remote", None)
    )
    m = metrics.get()
    token = _current.set(ctx)
    m.thrift_in_flight.inc()
    t0 = time.perf_counter()
    failed: BaseException | None = None
    try:
        processor.process(prot, prot)
    except BaseException as e:
        failed = e
        raise
    finally:
        dt = time.perf_counter() - t0
        m.thrift_in_flight.dec()
        _current.reset(token)
        if ctx.method is not None:  # a message was read (not just a closed or garbled connection)
            calls, latency = m.thrift_children(ctx.method)
            calls.inc()
            latency.observe(dt)
            if failed is not None and ctx.error is None:
                ctx.error = type(failed).__name__
            if ctx.error is not None:
                m.thrift_errors.labels(ctx.method, ctx.error).inc()
            if ctx.method == "set_ugi" or ctx.caller is None:
                ctx.caller = getattr(caller_state, "user", None)
            finish(ctx, dt)


__all__ = [
    "CONFIG",
    "CallContext",
    "configure",
    "current_call",
    "finish",
    "instrument_processor",
    "new_request_id",
    "note_error",
    "serve_call",
    "summarize_args",
]
