"""The caller of the current catalog call, carried in a context variable.

Each door sets it around the call it serves: the Thrift server from the connection's `set_ugi`
(an identity the client *asserts*; see docs/security.md), the REST API from the verified bearer
token. Code that runs with no door around it (start-up, tests calling the service directly) is the
`internal` caller. Context variables are per thread (and copied into FastAPI's worker threads), so
concurrent calls never see each other's caller.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator
from dataclasses import dataclass, field

THRIFT, REST, GRPC, INTERNAL = "thrift", "rest", "grpc", "internal"


@dataclass(frozen=True)
class Caller:
    principal: str | None  # user name; None when a Thrift client never called set_ugi
    door: str = INTERNAL  # thrift | rest | grpc | internal
    groups: tuple[str, ...] = field(default_factory=tuple)
    is_admin: bool = False  # an admin API token (Thrift admins come from the admin role)
    remote: str | None = None

    @property
    def name(self) -> str:
        return self.principal or "anonymous"


INTERNAL_CALLER = Caller(principal=None, door=INTERNAL)

_current: contextvars.ContextVar[Caller] = contextvars.ContextVar("catalog_caller", default=INTERNAL_CALLER)


def current() -> Caller:
    return _current.get()


@contextlib.contextmanager
def acting_as(caller: Caller) -> Iterator[Caller]:
    token = _current.set(caller)
    try:
        yield caller
    finally:
        _current.reset(token)


def thrift_caller(state) -> Caller:
    """The caller of a Thrift connection (`catalog.thrift.handler.ConnectionState`); built again
    only when set_ugi (or a new connection) changed who it is."""
    user = getattr(state, "user", None)
    groups = tuple(getattr(state, "groups", None) or ())
    remote = getattr(state, "remote", None)
    known = getattr(state, "caller_of", None)
    if known is not None and known[0] == (user, groups, remote):
        return known[1]
    caller = Caller(principal=user or None, door=THRIFT, groups=groups, remote=remote)
    try:
        state.caller_of = ((user, groups, remote), caller)
    except AttributeError:  # a state object that takes no new attributes: build it each time
        pass
    return caller


def with_thrift_caller(state, fn):
    """Wrap a bound Thrift handler method so that it runs as the connection's caller."""

    def call(*args, **kwargs):
        token = _current.set(thrift_caller(state))  # acting_as(), without a generator per call
        try:
            return fn(*args, **kwargs)
        finally:
            _current.reset(token)

    call.__name__ = getattr(fn, "__name__", "call")
    call.__doc__ = getattr(fn, "__doc__", None)
    return call


__all__ = [
    "GRPC",
    "INTERNAL",
    "INTERNAL_CALLER",
    "REST",
    "THRIFT",
    "Caller",
    "acting_as",
    "current",
    "thrift_caller",
    "with_thrift_caller",
]
