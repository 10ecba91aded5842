"""The one table that maps catalog errors to gRPC status codes (the gRPC door's errors.py).

The Hive exception a Thrift client would have received travels with the status, in its details:
a `google.rpc.ErrorInfo` whose `reason` is the exception type (NoSuchObjectException, ...) and
whose `metadata` holds `exception` and `message` (grpcurl prints it; Python clients read it with
`grpc_status.rpc_status.from_call`).
"""

from __future__ import annotations

import grpc
from google.rpc import code_pb2, error_details_pb2, status_pb2
from grpc_status import rpc_status

from catalog import errors as e
from catalog.thrift.errors import ERROR_TO_THRIFT

# error -> (status code, Hive exception type name)
ERROR_TO_STATUS: dict[type, grpc.StatusCode] = {
    e.NotFoundError: grpc.StatusCode.NOT_FOUND,
    e.AlreadyExistsError: grpc.StatusCode.ALREADY_EXISTS,
    e.InvalidObjectError: grpc.StatusCode.INVALID_ARGUMENT,
    e.InvalidInputError: grpc.StatusCode.INVALID_ARGUMENT,
    e.InvalidOperationError: grpc.StatusCode.FAILED_PRECONDITION,
    e.UnsupportedError: grpc.StatusCode.UNIMPLEMENTED,
    e.AuthenticationError: grpc.StatusCode.UNAUTHENTICATED,
    e.PermissionDeniedError: grpc.StatusCode.PERMISSION_DENIED,
    e.StorageError: grpc.StatusCode.INTERNAL,  # UNAVAILABLE when the database cannot be reached
}

DOMAIN = "org.apache.hadoop.hive.metastore"


def status_code(err: e.CatalogError) -> grpc.StatusCode:
    if isinstance(err, e.StorageError) and err.unavailable:
        return grpc.StatusCode.UNAVAILABLE
    for cls in type(err).__mro__:
        code = ERROR_TO_STATUS.get(cls)
        if code is not None:
            return code
    return grpc.StatusCode.INTERNAL


def hive_exception(err: e.CatalogError) -> str:
    """The Hive exception type the Thrift door answers for `err` (catalog/thrift/errors.py)."""
    for cls in type(err).__mro__:
        t = ERROR_TO_THRIFT.get(cls)
        if t is not None:
            return t.__name__
    return "MetaException"


def to_status(err: e.CatalogError) -> grpc.Status:
    code = status_code(err)
    exc = hive_exception(err)
    info = error_details_pb2.ErrorInfo(
        reason=exc, domain=DOMAIN, metadata={"exception": exc, "message": err.message[:4000]}
    )
    st = status_pb2.Status(code=getattr(code_pb2, code.name), message=err.message)
    st.details.add().Pack(info)
    return rpc_status.to_status(st)


__all__ = ["DOMAIN", "ERROR_TO_STATUS", "hive_exception", "status_code", "to_status"]
