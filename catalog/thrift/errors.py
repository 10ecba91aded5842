"""The one table that maps catalog errors to Hive's Thrift exceptions."""

from __future__ import annotations

from thrift.Thrift import TApplicationException

from catalog import errors as e
from catalog.thrift_gen.hive_metastore import ttypes as tt

ERROR_TO_THRIFT: dict[type, type] = {
    e.ConcurrentModificationError: tt.MetaException,  # as Hive's HIVE-26882 check answers
    e.NoSuchLockError: tt.NoSuchLockException,
    e.NoSuchTxnError: tt.NoSuchTxnException,
    e.TxnAbortedError: tt.TxnAbortedException,
    e.TxnOpenError: tt.TxnOpenException,
    e.NotFoundError: tt.NoSuchObjectException,
    e.AlreadyExistsError: tt.AlreadyExistsException,
    e.InvalidObjectError: tt.InvalidObjectException,
    e.InvalidOperationError: tt.InvalidOperationException,
    e.InvalidInputError: tt.MetaException,
    e.UnsupportedError: tt.MetaException,
    e.StorageError: tt.MetaException,
}


def to_thrift(err: e.CatalogError, declared: tuple[type, ...]) -> Exception:
    """The Hive exception for `err`; MetaException when the method does not declare the natural type
    (a method's undeclared exception would reach the client as an opaque TApplicationException)."""
    for cls in type(err).__mro__:
        exc_type = ERROR_TO_THRIFT.get(cls)
        if exc_type is not None:
            break
    else:
        exc_type = tt.MetaException
    if exc_type not in declared:
        if not declared:
            # The method declares no exception: the only way to say why is Thrift's own.
            return TApplicationException(TApplicationException.INTERNAL_ERROR, err.message)
        if exc_type is tt.NoSuchObjectException and tt.UnknownDBException in declared:
            exc_type = tt.UnknownDBException  # get_table_names_by_filter, get_table_meta ...
        elif exc_type is tt.AlreadyExistsException and tt.InvalidOperationException in declared:
            exc_type = tt.InvalidOperationException  # as Hive's HMSHandler does in alter/rename calls
        else:
            exc_type = tt.MetaException if tt.MetaException in declared else declared[0]
    return exc_type(message=err.message)
