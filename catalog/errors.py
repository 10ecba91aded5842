"""The one exception hierarchy of the catalog.

The domain, the store and the service raise only these. Each door translates them with one
table: the Thrift handler to Hive's exception types (`catalog/thrift/errors.py`), the REST API to
HTTP statuses. Messages are written for the user who made the call.

    CatalogError
    ├── NotFoundError            an object does not exist           (Hive: NoSuchObjectException)
    │   ├── NoSuchLockError      a lock id that is not held         (Hive: NoSuchLockException)
    │   └── NoSuchTxnError       a transaction id that is not open  (Hive: NoSuchTxnException)
    ├── AlreadyExistsError       an object already exists           (Hive: AlreadyExistsException)
    ├── InvalidObjectError       a definition is malformed          (Hive: InvalidObjectException)
    ├── InvalidOperationError    the operation is not allowed now   (Hive: InvalidOperationException)
    │   ├── ConcurrentModificationError  a compare-and-swap lost    (Hive: MetaException)
    │   ├── TxnAbortedError      the transaction was aborted        (Hive: TxnAbortedException)
    │   └── TxnOpenError         the lock belongs to an open txn    (Hive: TxnOpenException)
    ├── InvalidInputError        bad argument, filter, limit        (Hive: MetaException)
    ├── UnsupportedError         not implemented by this service    (Hive: MetaException)
    ├── StorageError             database or filesystem failure     (Hive: MetaException)
    ├── AuthenticationError      no valid credentials (REST: 401)   (Hive: MetaException)
    └── PermissionDeniedError    the caller lacks a privilege       (Hive: MetaException)
"""

from __future__ import annotations


class CatalogError(Exception):
    """Base of every error the catalog raises on purpose."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NotFoundError(CatalogError):
    pass


class NoSuchLockError(NotFoundError):
    pass


class NoSuchTxnError(NotFoundError):
    pass


class AlreadyExistsError(CatalogError):
    pass


class InvalidObjectError(CatalogError):
    pass


class InvalidOperationError(CatalogError):
    pass


class ConcurrentModificationError(InvalidOperationError):
    """An update conditioned on a value (HIVE-26882's expected_parameter_value) found another."""


class TxnAbortedError(InvalidOperationError):
    pass


class TxnOpenError(InvalidOperationError):
    pass


class InvalidInputError(CatalogError):
    pass


class UnsupportedError(CatalogError):
    pass


class StorageError(CatalogError):
    """PostgreSQL or the warehouse filesystem failed; the call may succeed when retried.

    `retryable` is set when the failure was a lost database connection (the pool has discarded
    it), so a read can safely run again at once on a fresh connection. `unavailable` is set when the
    database could not be reached or no pooled connection was free: the call may succeed later
    (the gRPC door answers UNAVAILABLE rather than INTERNAL)."""

    def __init__(self, message: str, retryable: bool = False, unavailable: bool = False):
        super().__init__(message)
        self.retryable = retryable
        self.unavailable = unavailable or retryable


class AuthenticationError(CatalogError):
    """The caller presented no credentials, or credentials that are not (or no longer) valid."""


class PermissionDeniedError(CatalogError):
    """The caller is known but lacks a privilege the operation needs (the message names it)."""


__all__ = [
    "CatalogError",
    "NotFoundError",
    "AlreadyExistsError",
    "InvalidObjectError",
    "InvalidOperationError",
    "InvalidInputError",
    "ConcurrentModificationError",
    "NoSuchLockError",
    "NoSuchTxnError",
    "TxnAbortedError",
    "TxnOpenError",
    "UnsupportedError",
    "StorageError",
    "AuthenticationError",
    "PermissionDeniedError",
]
