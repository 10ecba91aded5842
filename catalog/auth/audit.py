"""The audit log: one record per call that changes the catalog, whatever the door.

`AuditLog.action(...)` brackets one catalog call. The record of a successful call is written by a
`Database.at_commit` hook *inside* the call's write transaction (sent with its COMMIT), so the
change and its record commit (or roll back) together. A call that fails leaves a failure record
(`denied` for a missing privilege) written in a transaction of its own, and none of the change.
Nested calls (a service method calling another) are recorded once, by the outermost.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field

from catalog.auth import context
from catalog.db import Database
from catalog.errors import CatalogError, PermissionDeniedError
from catalog.store import audit as store

log = logging.getLogger(__name__)

SUCCESS, FAILURE, DENIED = "success", "failure", "denied"


@dataclass
class AuditFrame:
    action: str
    object_type: str | None
    object_name: str | None
    caller: context.Caller
    detail: dict = field(default_factory=dict)
    recorded: bool = False


_frame: contextvars.ContextVar[AuditFrame | None] = contextvars.ContextVar(
    "catalog_audit_frame", default=None
)


class AuditLog:
    def __init__(self, db: Database):
        self.db = db
        db.at_commit.append(self._at_commit)

    def _write(self, conn, f: AuditFrame, outcome: str, detail: dict | None) -> None:
        store.insert(
            conn,
            principal=f.caller.principal,
            door=f.caller.door,
            action=f.action,
            object_type=f.object_type,
            object_name=f.object_name,
            outcome=outcome,
            detail=detail or None,
        )

    def _at_commit(self, conn) -> None:
        f = _frame.get()
        if f is not None and not f.recorded:
            self._write(conn, f, SUCCESS, f.detail)
            f.recorded = True

    @contextlib.contextmanager
    def action(
        self, action: str, object_type: str | None, object_name: str | None, detail: dict | None = None
    ) -> Iterator[AuditFrame | None]:
        if _frame.get() is not None:  # nested inside another audited call
            yield None
            return
        f = AuditFrame(action, object_type, object_name, context.current(), dict(detail or {}))
        token = _frame.set(f)
        reset = False  # the frame is reset before recording (a record writes in its own transaction)
        try:
            yield f
        except Exception as e:
            _frame.reset(token)
            reset = True
            outcome = DENIED if isinstance(e, PermissionDeniedError) else FAILURE
            message = e.message if isinstance(e, CatalogError) else f"{type(e).__name__}"
            extra: dict[str, object] = {"error": type(e).__name__, "message": message[:1000]}
            if f.recorded:
                extra["after_commit"] = True
            self._record_alone(f, outcome, {**f.detail, **extra})
            raise
        else:
            _frame.reset(token)
            reset = True
            if not f.recorded:  # the call wrote nothing (e.g. an empty batch): still one record
                self._record_alone(f, SUCCESS, f.detail)
        finally:
            if not reset:
                _frame.reset(token)

    def _record_alone(self, f: AuditFrame, outcome: str, detail: dict | None) -> None:
        try:
            with self.db.write() as conn:
                self._write(conn, f, outcome, detail)
            f.recorded = True
        except Exception:
            log.warning(
                "could not write the audit record of %s on %s (%s)",
                f.action,
                f.object_name,
                outcome,
                exc_info=True,
            )


def current_frame() -> AuditFrame | None:
    return _frame.get()


__all__ = ["DENIED", "FAILURE", "SUCCESS", "AuditFrame", "AuditLog", "current_frame"]
