"""ThriftHiveMetastore's lock methods (lock, check_lock, unlock, show_locks, heartbeat,
heartbeat_txn_range) as thin translators over catalog.locks.LockService (mixed into
MetastoreHandler)."""

from __future__ import annotations

from typing import Any

from catalog.errors import InvalidInputError
from catalog.locks import LockComponent, LockOutcome, LockService
from catalog.service import CatalogService
from catalog.store.locks import LockRow
from catalog.thrift_gen.hive_metastore import ttypes as tt

_TYPE_NAMES = tt.LockType._VALUES_TO_NAMES
_TYPE_VALUES = tt.LockType._NAMES_TO_VALUES
_STATE_VALUES = tt.LockState._NAMES_TO_VALUES
_CHAR_TYPE = {"e": "EXCLUSIVE", "r": "SHARED_READ", "w": "SHARED_WRITE"}
_CHAR_STATE = {"a": "ACQUIRED", "w": "WAITING"}


def _component(c) -> LockComponent:
    name = _TYPE_NAMES.get(c.type)
    if name is None:
        raise InvalidInputError(f"unsupported lock type {c.type}")
    # As Hive 3.1: the names say what is locked (no table = the database, no partition = the
    # table); `level` is informational.
    return LockComponent(name, c.dbname or "", c.tablename or None, c.partitionname or None)


def _response(o: LockOutcome):
    return tt.LockResponse(lockid=o.lockid, state=_STATE_VALUES[o.state])


def _element(r: LockRow):
    return tt.ShowLocksResponseElement(
        lockid=r.ext_id,
        dbname=r.db,
        tablename=r.table,
        partname=r.partition,
        state=_STATE_VALUES[_CHAR_STATE[r.state]],
        type=_TYPE_VALUES[_CHAR_TYPE[r.type]],
        txnid=r.txnid,
        lastheartbeat=r.last_heartbeat,
        acquiredat=r.acquired_at,
        user=r.user,
        hostname=r.host,
        heartbeatCount=r.heartbeat_count or 0,
        agentInfo=r.agent_info,
        blockedByExtId=r.blocked_by_ext_id,
        blockedByIntId=r.blocked_by_int_id,
        lockIdInternal=r.int_id,
    )


class LocksHandler:
    """Expects `self.s` (the catalog service, whose `locks` is the LockService) and `self.state`
    (the connection's set_ugi user)."""

    s: CatalogService
    state: Any

    @property
    def locks(self) -> LockService:
        return self.s.locks

    def lock(self, rqst):
        user = rqst.user or getattr(self.state, "user", None) or ""
        return _response(
            self.locks.lock(
                [_component(c) for c in (rqst.component or [])],
                txnid=int(rqst.txnid or 0),
                user=user,
                host=rqst.hostname or "",
                agent_info=rqst.agentInfo,
            )
        )

    def check_lock(self, rqst):
        return _response(self.locks.check_lock(int(rqst.lockid)))

    def unlock(self, rqst):
        self.locks.unlock(int(rqst.lockid))

    def show_locks(self, rqst):
        rows = self.locks.show_locks(rqst.dbname, rqst.tablename, rqst.partname, rqst.txnid)
        return tt.ShowLocksResponse(locks=[_element(r) for r in rows])

    def heartbeat(self, ids):
        self.locks.heartbeat(int(ids.lockid or 0), int(ids.txnid or 0))

    def heartbeat_txn_range(self, txns):
        aborted, nosuch = self.locks.heartbeat_txn_range(int(txns.min), int(txns.max))
        return tt.HeartbeatTxnRangeResponse(aborted=aborted, nosuch=nosuch)
